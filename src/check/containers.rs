//! Lowering of str, list, dict and set expressions: literals, subscripts,
//! slices, `in`, methods, comprehensions and the iterables of `for`.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, CaseMap, ExprKind, Iter, Method, Place, SetBuild, Stmt, StrClass};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    /// Lowers `e` where a value of type `expected` is wanted: this is how empty
    /// literals (`[]`, `{}`) and comprehensions learn their type.
    pub fn expr_expect(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, expected: Option<&Ty>) -> Option<Expr> {
        // `T | None` wanted: the inner type guides the value, which is then wrapped.
        if let Some(opt) = expected.filter(|t| t.optional_inner().is_some()) {
            let inner = opt.optional_inner().expect("checked");
            let value = self.expr_expect_exact(ctx, e, Some(&inner))?;
            return Some(self.to_optional(value, *opt));
        }
        let value = self.expr_expect_exact(ctx, e, expected)?;
        Some(match expected {
            Some(want) => self.upcast(value, *want),
            None => value,
        })
    }

    /// `value` as a `opt` (`T | None`): None, a `T` (or subclass), or already one.
    pub fn to_optional(&self, value: Expr, opt: Ty) -> Expr {
        let inner = opt.optional_inner().expect("an optional type");
        let line = value.line;
        if value.ty == Ty::NONE {
            return Expr { kind: ExprKind::Block(vec![ir::Stmt::Expr(value)], Box::new(Expr { kind: ExprKind::NoneOf, ty: opt, line })), ty: opt, line };
        }
        let value = self.upcast(value, inner);
        if value.ty == inner {
            return Expr { kind: ExprKind::Some(Box::new(value)), ty: opt, line };
        }
        value
    }

    /// An instance of a subclass where an instance of its base is wanted: the same object,
    /// now typed as the base (fields and vtable slots of the base come first in both).
    pub fn upcast(&self, mut value: Expr, want: Ty) -> Expr {
        // A tuple whose fields all have the element type, where a `tuple[T, ...]` is wanted.
        if let (TyKind::VarTuple(elem), Some(fields)) = (want.kind(), value.ty.tuple_fields()) {
            let line = value.line;
            if let ExprKind::Tuple(items) = value.kind {
                let items: Vec<Expr> = items.into_iter().map(|i| self.upcast(i, *elem)).collect();
                if items.iter().all(|i| i.ty == *elem) {
                    return Expr { kind: ExprKind::ListLit(items), ty: want, line };
                }
                let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
                return Expr { kind: ExprKind::Tuple(items), ty, line };
            }
            if fields.iter().all(|f| f == elem) {
                return Expr { kind: ExprKind::Builtin(Builtin::VarTupleOf, vec![value]), ty: want, line };
            }
            return value;
        }
        if let (Some(from), Some(to)) = (self.class_of(value.ty), self.class_of(want)) {
            let mut c = Some(from);
            while let Some(i) = c {
                if i == to {
                    value.ty = want;
                    break;
                }
                c = self.classes[i].base;
            }
        }
        value
    }

    fn expr_expect_exact(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, expected: Option<&Ty>) -> Option<Expr> {
        let line = self.line(e.range());
        match e {
            ast::Expr::Tuple(t) => self.tuple_display(ctx, t, expected, line),
            ast::Expr::List(list) => {
                let elem = expected.and_then(|t| t.list_elem());
                let items = self.items(ctx, &list.elts, elem.as_ref(), e.range(), "list")?;
                Some(Expr { kind: ExprKind::ListLit(items.0), ty: Ty::list(items.1), line })
            }
            ast::Expr::Set(set) => {
                let elem = expected.and_then(|t| t.set_elem());
                let (items, elem) = self.items(ctx, &set.elts, elem.as_ref(), e.range(), "set")?;
                if !elem.is_hashable() {
                    self.report(diag::unhashable(e.range(), &elem));
                    return None;
                }
                let all_constant = items.iter().all(|i| ir::ConstItem::of(i).is_some());
                let build = if all_constant && items.len() >= 3 { SetBuild::ConstantLiteral } else { SetBuild::Items };
                if build != SetBuild::Items {
                    self.record_set_constant(e.range().start(), &items);
                }
                Some(Expr { kind: ExprKind::SetLit { items, build }, ty: Ty::set(elem), line })
            }
            ast::Expr::Dict(dict) => self.dict_literal(ctx, dict, expected, line),
            ast::Expr::Lambda(l) => self.lambda_value(ctx, l, expected),
            ast::Expr::ListComp(comp) => self.comprehension(ctx, CompKind::List, &comp.elt, None, &comp.generators, expected, line),
            ast::Expr::SetComp(comp) => self.comprehension(ctx, CompKind::Set, &comp.elt, None, &comp.generators, expected, line),
            ast::Expr::DictComp(comp) => match comp.key.as_deref() {
                Some(key) => self.comprehension(ctx, CompKind::Dict, key, Some(&comp.value), &comp.generators, expected, line),
                None => {
                    self.report(diag::unsupported(e.range(), "`**` in a dict comprehension", "build the dict with a loop"));
                    None
                }
            },
            ast::Expr::Call(call) if expected.is_some_and(|t| t.deque_elem().is_some()) && self.collections_callee(ctx, &call.func) == Some("deque") => self.deque_new(ctx, call, expected, line),
            ast::Expr::Call(call) if expected.is_some_and(|t| matches!(t.kind(), TyKind::Dict(..))) && self.collections_callee(ctx, &call.func) == Some("defaultdict") => self.defaultdict_new(ctx, call, expected, line),
            ast::Expr::Call(call) if expected.is_some_and(|t| matches!(t.kind(), TyKind::Dict(..))) && self.collections_callee(ctx, &call.func) == Some("OrderedDict") => self.odict_new(ctx, call, expected, line),
            ast::Expr::Call(call) if expected.is_some_and(|t| matches!(t.kind(), TyKind::Counter(_))) && self.collections_callee(ctx, &call.func) == Some("Counter") => self.counter_new(ctx, call, expected, line),
            ast::Expr::Call(call) if expected.is_some() && is_empty_constructor(call) => {
                let name = match &*call.func {
                    ast::Expr::Name(n) => n.id.as_str(),
                    _ => "",
                };
                let ty = *expected.expect("checked by the guard");
                match (name, ty.kind()) {
                    ("list", TyKind::List(_)) => Some(Expr { kind: ExprKind::ListLit(Vec::new()), ty, line }),
                    ("set", TyKind::Set(_)) => Some(Expr { kind: ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items }, ty, line }),
                    ("dict", TyKind::Dict(..)) => Some(Expr { kind: ExprKind::DictLit(Vec::new()), ty, line }),
                    _ => self.expr(ctx, e),
                }
            }
            _ => self.expr(ctx, e),
        }
    }

    /// Elements of a list or set literal, all of one type.
    fn items(&mut self, ctx: &mut FnCtx, elts: &'a [ast::Expr], expected: Option<&Ty>, range: TextRange, what: &str) -> Option<(Vec<Expr>, Ty)> {
        // `[[1], []]`: the element type comes from the first element that is not empty.
        if expected.is_none() && elts.iter().any(is_empty_literal) {
            let elem = match elts.iter().find(|e| !is_empty_literal(e)) {
                Some(first) => self.expr_expect(ctx, first, None)?.ty,
                None => default_empty_type(&elts[0]),
            };
            return self.items(ctx, elts, Some(&elem), range, what);
        }
        let mut items = Vec::with_capacity(elts.len());
        let mut ok = true;
        for elt in elts {
            match self.expr_expect(ctx, elt, expected) {
                Some(item) => items.push(item),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let elem = match (expected, items.first()) {
            (Some(ty), _) => *ty,
            // Instances of several classes: their nearest common base.
            (None, Some(first)) => items.iter().skip(1).try_fold(first.ty, |acc, i| self.join(acc, i.ty)).unwrap_or(first.ty),
            // An empty literal nothing constrains (`len([])`, `print([])`): any element type
            // behaves the same; assignments of empty literals need an annotation (see stmt.rs).
            (None, None) => {
                let _ = range;
                Ty::INT
            }
        };
        let items: Vec<Expr> = items.into_iter().map(|i| if elem.optional_inner().is_some() { self.to_optional(i, elem) } else { self.upcast(i, elem) }).collect();
        if let Some((bad, elt)) = items.iter().zip(elts).find(|(item, _)| item.ty != elem) {
            self.report(diag::heterogeneous(elt.range(), what, &elem, &bad.ty));
            return None;
        }
        Some((items, elem))
    }

    fn dict_literal(&mut self, ctx: &mut FnCtx, dict: &'a ast::ExprDict, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let (mut key_ty, mut value_ty) = match expected.and_then(|t| t.dict_types()) {
            Some((k, v)) => (Some(k), Some(v)),
            None => (None, None),
        };
        let mut pairs = Vec::new();
        for item in &dict.items {
            let Some(key_expr) = &item.key else {
                self.report(diag::unsupported(item.value.range(), "`**` in dict literals", "use `d.update(other)`"));
                return None;
            };
            let key = self.expr_expect(ctx, key_expr, key_ty.as_ref())?;
            let value = self.expr_expect(ctx, &item.value, value_ty.as_ref())?;
            match &key_ty {
                None => key_ty = Some(key.ty),
                Some(k) if *k != key.ty => {
                    self.report(diag::heterogeneous(key_expr.range(), "dict key", k, &key.ty));
                    return None;
                }
                _ => {}
            }
            match &value_ty {
                None => value_ty = Some(value.ty),
                Some(v) if *v != value.ty => {
                    self.report(diag::heterogeneous(item.value.range(), "dict value", v, &value.ty));
                    return None;
                }
                _ => {}
            }
            pairs.push((key, value));
        }
        let (key_ty, value_ty) = (key_ty.unwrap_or(Ty::INT), value_ty.unwrap_or(Ty::INT));
        if !key_ty.is_hashable() {
            self.report(diag::unhashable(dict.range(), &key_ty));
            return None;
        }
        Some(Expr { kind: ExprKind::DictLit(pairs), ty: Ty::dict(key_ty, value_ty), line })
    }

    /// `value[index]` and `value[a:b:c]`.
    pub fn subscript(&mut self, ctx: &mut FnCtx, sub: &'a ast::ExprSubscript) -> Option<Expr> {
        let line = self.line(sub.range());
        if let Some(idx) = self.enum_named(ctx, &sub.value) {
            return self.enum_subscript(ctx, idx, sub, line);
        }
        // `{}[k]`: an empty dict has the key type of what it is indexed with (KeyError).
        if let (ast::Expr::Dict(d), false) = (&*sub.value, matches!(&*sub.slice, ast::Expr::Slice(_))) {
            if d.items.is_empty() {
                let index = self.expr(ctx, &sub.slice)?;
                if !index.ty.is_hashable() {
                    self.report(diag::unhashable(sub.slice.range(), &index.ty));
                    return None;
                }
                let ty = Ty::dict(index.ty, Ty::INT);
                let empty = Expr { kind: ExprKind::DictLit(Vec::new()), ty, line };
                return Some(Expr { kind: ExprKind::GetItem(Box::new(empty), Box::new(index)), ty: Ty::INT, line });
            }
        }
        let value = Self::counter_as_dict(self.expr(ctx, &sub.value)?);
        if self.namedtuple_of(value.ty).is_some() {
            // A NamedTuple indexes and slices as the tuple of its fields.
            let mut stmts = Vec::new();
            let tuple = self.namedtuple_as_tuple(ctx, value, &mut stmts);
            let got = match &*sub.slice {
                ast::Expr::Slice(slice) => self.tuple_slice(ctx, tuple, slice, line),
                index => self.tuple_index(ctx, tuple, index, line),
            }?;
            let ty = got.ty;
            return Some(Expr { kind: ExprKind::Block(stmts, Box::new(got)), ty, line });
        }
        if value.ty.class().is_some() {
            let index = self.expr(ctx, &sub.slice)?;
            let ty = value.ty;
            return match self.try_dunder("__getitem__", vec![value, index], line) {
                Ok(call) => Some(call),
                Err(_) => {
                    self.report(diag::not_subscriptable(sub.value.range(), &ty));
                    None
                }
            };
        }
        if value.ty.tuple_fields().is_some() {
            return match &*sub.slice {
                ast::Expr::Slice(slice) => self.tuple_slice(ctx, value, slice, line),
                index => self.tuple_index(ctx, value, index, line),
            };
        }
        if let ast::Expr::Slice(slice) = &*sub.slice {
            if !matches!(value.ty.kind(), TyKind::List(_) | TyKind::VarTuple(_) | TyKind::Str | TyKind::Range) {
                self.report(diag::not_subscriptable(sub.value.range(), &value.ty));
                return None;
            }
            let mut part = |this: &mut Self, e: &'a Option<Box<ast::Expr>>| -> Option<Option<Box<Expr>>> {
                match e {
                    None => Some(None),
                    Some(e) => {
                        let v = this.expr(ctx, e)?;
                        Some(Some(Box::new(this.expect_int(v, e.range(), "slice index")?)))
                    }
                }
            };
            let start = part(self, &slice.lower)?;
            let stop = part(self, &slice.upper)?;
            let step = part(self, &slice.step)?;
            let ty = value.ty;
            return Some(Expr { kind: ExprKind::Slice { value: Box::new(value), start, stop, step }, ty, line });
        }
        let (index, ty) = match value.ty.kind() {
            TyKind::List(elem) => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "list index")?, *elem)
            }
            TyKind::VarTuple(elem) => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "tuple index")?, *elem)
            }
            TyKind::Deque(elem) => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "deque index")?, *elem)
            }
            TyKind::Str => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "string index")?, Ty::STR)
            }
            TyKind::Range => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "range index")?, Ty::INT)
            }
            TyKind::Dict(key, val) => {
                let (key, val) = (*key, *val);
                let index = self.expr_expect(ctx, &sub.slice, Some(&key))?;
                if index.ty != key {
                    self.report(diag::arg_mismatch(sub.slice.range(), "dict key", &key, &index.ty));
                    return None;
                }
                (index, val)
            }
            _ => {
                self.report(diag::not_subscriptable(sub.value.range(), &value.ty));
                return None;
            }
        };
        Some(Expr { kind: ExprKind::GetItem(Box::new(value), Box::new(index)), ty, line })
    }

    /// `item in container` (the caller negates for `not in`).
    pub fn contains(&mut self, item: Expr, container: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let container = Self::counter_as_dict(container);
        if item.ty.has_function() {
            self.report(diag::function_compared(range, &item.ty));
            return None;
        }
        // An instance of a subclass is looked for among instances of its base.
        let item = match container.ty.kind() {
            TyKind::List(e) | TyKind::Set(e) | TyKind::Deque(e) | TyKind::Counter(e) | TyKind::Dict(e, _) | TyKind::VarTuple(e) => self.upcast(item, *e),
            _ => item,
        };
        if let TyKind::DictView(which, dict) = container.ty.kind() {
            let (k, v) = dict.dict_types()?;
            let container_ty = container.ty;
            let d = view_dict(container);
            return match which {
                0 if item.ty == k => Some(Expr { kind: ExprKind::Contains { container: Box::new(d), item: Box::new(item) }, ty: Ty::BOOL, line }),
                1 if item.ty == v => Some(Expr { kind: ExprKind::Builtin(Builtin::DictValuesContains, vec![d, item]), ty: Ty::BOOL, line }),
                2 => {
                    self.report(diag::unsupported(range, "`in` on `d.items()`", "test `k in d and d[k] == v`"));
                    None
                }
                _ => {
                    self.report(diag::bad_operands(range, "in", &item.ty, &container_ty));
                    None
                }
            };
        }
        if container.ty.iter_elem().is_some() {
            self.report(diag::unsupported(range, "`in` on an iterator (it consumes the items up to the one found)", "test membership in a list of the items: `x in list(it)`"));
            return None;

        }
        let ok = match container.ty.kind() {
            TyKind::Str => item.ty == Ty::STR,
            TyKind::Range => item.ty == Ty::INT,
            TyKind::List(e) | TyKind::Set(e) | TyKind::Deque(e) | TyKind::Counter(e) | TyKind::VarTuple(e) => *e == item.ty,
            TyKind::Dict(k, _) => *k == item.ty,
            TyKind::Tuple(fields) => fields.iter().all(|f| *f == item.ty || (f.is_numeric() && item.ty.is_numeric())),
            TyKind::Class(_) => return self.dunder_contains(item, container, range, line),
            // `x in gen` consumes the generator up to `x`: refused for now.
            TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::DictView(..) | TyKind::Iterator(_) => false,
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None => false,
        };
        if !ok {
            self.report(diag::bad_operands(range, "in", &item.ty, &container.ty));
            return None;
        }
        Some(Expr { kind: ExprKind::Contains { container: Box::new(container), item: Box::new(item) }, ty: Ty::BOOL, line })
    }

    /// `s.startswith(("a", "b"), start, end)`: true when one of the affixes matches, tried
    /// in order (CPython stops at the first); the string, start and end read once.
    fn str_affixes(&mut self, ctx: &mut FnCtx, receiver: Expr, suffix: bool, affixes: &'a ast::ExprTuple, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        if args.len() > 3 || !call.arguments.keywords.is_empty() {
            self.report(diag::bad_arity(call.arguments.range(), if suffix { "str.endswith" } else { "str.startswith" }, "1 to 3", args.len()));
            return None;
        }
        let mut items = Vec::new();
        for a in affixes.elts.iter() {
            let v = self.expr(ctx, a)?;
            if v.ty != Ty::STR {
                self.report(diag::arg_mismatch(a.range(), "an affix", &Ty::STR, &v.ty));
                return None;
            }
            items.push(v);
        }
        // The string, every affix, then start and end, each once, in CPython's order.
        let (mut stmts, s) = self.hidden(ctx, receiver);
        let mut held = Vec::new();
        for item in items {
            let (more, h) = self.hidden(ctx, item);
            stmts.extend(more);
            held.push(h);
        }
        let mut window = Vec::new();
        for a in &args[1..] {
            let v = self.expr(ctx, a)?;
            let v = self.expect_int(v, a.range(), "slice index")?;
            let (more, h) = self.hidden(ctx, v);
            stmts.extend(more);
            window.push(h);
        }
        let method = if suffix { Method::StrEndsWith } else { Method::StrStartsWith };
        let tests = held
            .iter()
            .map(|affix| {
                let mut margs = vec![s.load(), affix.load()];
                margs.extend(window.iter().map(|h| h.load()));
                Expr { kind: ExprKind::Method(method, margs), ty: Ty::BOOL, line }
            })
            .collect::<Vec<_>>();
        let any = match tests.len() {
            0 => Expr { kind: ExprKind::Bool(false), ty: Ty::BOOL, line },
            _ => Expr { kind: ExprKind::BoolOp(ir::BoolOp::Or, tests), ty: Ty::BOOL, line },
        };
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(any)), ty: Ty::BOOL, line })
    }

    /// `receiver.name(args)` for str, list, dict and set receivers.
    /// `receiver.name(args)` for str, list, dict and set receivers (already lowered).
    pub fn container_method_call(&mut self, ctx: &mut FnCtx, receiver: Expr, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let name = attr.attr.id.as_str();
        // `d.get(k)`: the value, or None when the key is missing (`V | None`).
        if let (Some((k, v)), "get", [key], true) = (receiver.ty.dict_types(), name, &call.arguments.args[..], call.arguments.keywords.is_empty()) {
            let key = self.expr_expect(ctx, key, Some(&k))?;
            if key.ty != k {
                self.report(diag::arg_mismatch(call.arguments.args[0].range(), "dict key", &k, &key.ty));
                return None;
            }
            let opt = Ty::optional(v);
            let (mut stmts, d) = self.hidden(ctx, receiver);
            let (more, hk) = self.hidden(ctx, key);
            stmts.extend(more);
            let found = Expr { kind: ExprKind::Contains { container: Box::new(d.load()), item: Box::new(hk.load()) }, ty: Ty::BOOL, line };
            let value = Expr { kind: ExprKind::GetItem(Box::new(d.load()), Box::new(hk.load())), ty: v, line };
            let some = self.to_optional(value, opt);
            let none = Expr { kind: ExprKind::NoneOf, ty: opt, line };
            let choice = Expr { kind: ExprKind::IfExp(Box::new(found), Box::new(some), Box::new(none)), ty: opt, line };
            return Some(Expr { kind: ExprKind::Block(stmts, Box::new(choice)), ty: opt, line });
        }
        if receiver.ty == Ty::STR && name == "format" {
            return self.str_format(ctx, receiver, call, line);
        }
        if receiver.ty == Ty::STR && name == "format_map" {
            return self.str_format_map(ctx, receiver, call, line);
        }
        if receiver.ty == Ty::STR && name == "translate" {
            return self.str_translate(ctx, receiver, call, line);
        }
        if let (Ty::STR, "startswith" | "endswith", Some(ast::Expr::Tuple(affixes))) = (receiver.ty, name, call.arguments.args.first()) {
            return self.str_affixes(ctx, receiver, name == "endswith", affixes, call, line);
        }
        let rty = receiver.ty;
        if rty.deque_elem().is_some() {
            return self.deque_method(ctx, receiver, attr, call, line);
        }
        if let TyKind::Counter(_) = rty.kind() {
            match self.counter_method(ctx, receiver, attr, call, line) {
                Ok(done) => return done,
                // A method Counter shares with dict: on the same object, seen as a dict.
                Err(receiver) => return self.container_method_call(ctx, Self::counter_as_dict(receiver), attr, call, line),
            }
        }
        if Self::is_odict_method(&receiver, name, call) {
            return self.odict_method(ctx, receiver, name, call, line);
        }
        let arg_exprs = &call.arguments.args;
        let mut reverse = false;
        let mut key = None;
        for keyword in call.arguments.keywords.iter() {
            match (keyword.arg.as_ref().map(|a| a.id.as_str()), name) {
                (Some("reverse"), "sort") => reverse = self.const_bool(ctx, &keyword.value)?,
                (Some("key"), "sort") if rty.list_elem().is_some() => key = Some(self.key_lambda(keyword)?),
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", "pass the arguments by position"));
                    return None;
                }
            }
        }
        if let Some(lambda) = key {
            if !call.arguments.args.is_empty() {
                self.report(diag::bad_arity(call.arguments.range(), "list.sort", "0", call.arguments.args.len()));
                return None;
            }
            let k = self.keyed(ctx, receiver, lambda, "list.sort()")?;
            let sort = Expr { kind: ExprKind::Method(Method::ListSortKeyed { reverse }, vec![k.list, k.keys]), ty: Ty::NONE, line };
            return Some(Expr { kind: ExprKind::Block(k.stmts, Box::new(sort)), ty: Ty::NONE, line });
        }
        let elem = rty.seq_elem().or(rty.set_elem());
        let (key_ty, val_ty) = rty.dict_types().unzip();
        if let (TyKind::Set(_), Some((method, exact, ret))) = (rty.kind(), set_method_taking_sets(name, &rty)) {
            return self.set_method_with_sets(ctx, receiver, method, exact, ret, attr, call, line);
        }
        use Method as M;
        // (method, parameter types, required count, result type)
        let str_ty = Ty::STR;
        let sig: Option<(Method, Vec<Ty>, usize, Ty)> = match (rty.kind(), name) {
            (TyKind::Str, "split") if arg_exprs.len() == 2 => Some((M::StrSplitMax(false), vec![str_ty, Ty::INT], 2, Ty::list(Ty::STR))),
            (TyKind::Str, "split") => Some((M::StrSplit, vec![str_ty], 0, Ty::list(Ty::STR))),
            (TyKind::Str, "rsplit") => Some((M::StrSplitMax(true), vec![str_ty, Ty::INT], 0, Ty::list(Ty::STR))),
            (TyKind::Str, "splitlines") => Some((M::StrSplitlines, vec![Ty::BOOL], 0, Ty::list(Ty::STR))),
            (TyKind::Str, "rfind") => Some((M::StrRFind, vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "index") => Some((M::StrIndex(false), vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "rindex") => Some((M::StrIndex(true), vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "partition") => Some((M::StrPartition(false), vec![Ty::STR], 1, Ty::tuple(vec![Ty::STR, Ty::STR, Ty::STR]))),
            (TyKind::Str, "rpartition") => Some((M::StrPartition(true), vec![Ty::STR], 1, Ty::tuple(vec![Ty::STR, Ty::STR, Ty::STR]))),
            (TyKind::Str, "removeprefix") => Some((M::StrRemoveAffix(false), vec![Ty::STR], 1, Ty::STR)),
            (TyKind::Str, "removesuffix") => Some((M::StrRemoveAffix(true), vec![Ty::STR], 1, Ty::STR)),
            (TyKind::Str, "ljust") => Some((M::StrPad(0), vec![Ty::INT, Ty::STR], 1, Ty::STR)),
            (TyKind::Str, "rjust") => Some((M::StrPad(1), vec![Ty::INT, Ty::STR], 1, Ty::STR)),
            (TyKind::Str, "center") => Some((M::StrPad(2), vec![Ty::INT, Ty::STR], 1, Ty::STR)),
            (TyKind::Str, "zfill") => Some((M::StrZfill, vec![Ty::INT], 1, Ty::STR)),
            (TyKind::Str, "expandtabs") => Some((M::StrExpandtabs, vec![Ty::INT], 0, Ty::STR)),
            (TyKind::Str, "isascii") => Some((M::StrIsAscii, vec![], 0, Ty::BOOL)),
            (TyKind::Range, "index") => Some((M::RangeIndex, vec![Ty::INT], 1, Ty::INT)),
            (TyKind::Range, "count") => Some((M::RangeCount, vec![Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "join") => Some((M::StrJoin, vec![Ty::list(Ty::STR)], 1, Ty::STR)),
            (TyKind::Str, "strip") => Some((M::StrStrip(3), vec![str_ty], 0, Ty::STR)),
            (TyKind::Str, "lstrip") => Some((M::StrStrip(1), vec![str_ty], 0, Ty::STR)),
            (TyKind::Str, "rstrip") => Some((M::StrStrip(2), vec![str_ty], 0, Ty::STR)),
            (TyKind::Str, "lower") => Some((M::StrCase(CaseMap::Lower), vec![], 0, Ty::STR)),
            (TyKind::Str, "upper") => Some((M::StrCase(CaseMap::Upper), vec![], 0, Ty::STR)),
            (TyKind::Str, "casefold") => Some((M::StrCase(CaseMap::Casefold), vec![], 0, Ty::STR)),
            (TyKind::Str, "title") => Some((M::StrCase(CaseMap::Title), vec![], 0, Ty::STR)),
            (TyKind::Str, "capitalize") => Some((M::StrCase(CaseMap::Capitalize), vec![], 0, Ty::STR)),
            (TyKind::Str, "swapcase") => Some((M::StrCase(CaseMap::Swapcase), vec![], 0, Ty::STR)),
            (TyKind::Str, "replace") => Some((M::StrReplace, vec![Ty::STR, Ty::STR, Ty::INT], 2, Ty::STR)),
            (TyKind::Str, "find") => Some((M::StrFind, vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "count") => Some((M::StrCount, vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::INT)),
            (TyKind::Str, "startswith") => Some((M::StrStartsWith, vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::BOOL)),
            (TyKind::Str, "endswith") => Some((M::StrEndsWith, vec![Ty::STR, Ty::INT, Ty::INT], 1, Ty::BOOL)),
            (TyKind::Str, "isdigit") => Some((M::StrIs(StrClass::Digit), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isalpha") => Some((M::StrIs(StrClass::Alpha), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isspace") => Some((M::StrIs(StrClass::Space), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isdecimal") => Some((M::StrIs(StrClass::Decimal), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isnumeric") => Some((M::StrIs(StrClass::Numeric), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isalnum") => Some((M::StrIs(StrClass::Alnum), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isupper") => Some((M::StrIs(StrClass::Upper), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "islower") => Some((M::StrIs(StrClass::Lower), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "istitle") => Some((M::StrIs(StrClass::Title), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isprintable") => Some((M::StrIs(StrClass::Printable), vec![], 0, Ty::BOOL)),
            (TyKind::Str, "isidentifier") => Some((M::StrIs(StrClass::Identifier), vec![], 0, Ty::BOOL)),
            (TyKind::List(_), "append") => Some((M::ListAppend, vec![elem?], 1, Ty::NONE)),
            (TyKind::List(_), "pop") => Some((M::ListPop, vec![Ty::INT], 0, elem?)),
            (TyKind::List(_), "insert") => Some((M::ListInsert, vec![Ty::INT, elem?], 2, Ty::NONE)),
            (TyKind::List(_), "extend") => Some((M::ListExtend, vec![rty], 1, Ty::NONE)),
            (TyKind::List(_) | TyKind::VarTuple(_), "remove" | "index" | "count") if elem.is_some_and(|e| e.has_function()) => {
                self.report(diag::function_compared(call.range(), &elem?));
                return None;
            }
            (TyKind::List(_), "remove") => Some((M::ListRemove, vec![elem?], 1, Ty::NONE)),
            (TyKind::List(_) | TyKind::VarTuple(_), "index") if arg_exprs.len() > 1 => Some((M::ListIndexRange, vec![elem?, Ty::INT, Ty::INT], 2, Ty::INT)),
            (TyKind::List(_), "index") => Some((M::ListIndex, vec![elem?], 1, Ty::INT)),
            (TyKind::Dict(k, v), "popitem") => Some((M::DictPopItem, vec![], 0, Ty::tuple(vec![*k, *v]))),
            (TyKind::List(_), "count") => Some((M::ListCount, vec![elem?], 1, Ty::INT)),
            (TyKind::VarTuple(_), "index") => Some((M::ListIndex, vec![elem?], 1, Ty::INT)),
            (TyKind::VarTuple(_), "count") => Some((M::ListCount, vec![elem?], 1, Ty::INT)),
            (TyKind::List(e), "sort") if !e.is_orderable() => {
                self.report(diag::not_orderable(attr.range(), "list.sort()", e));
                return None;
            }
            (TyKind::List(_), "sort") => Some((M::ListSort { reverse }, vec![], 0, Ty::NONE)),
            (TyKind::List(_), "reverse") => Some((M::ListReverse, vec![], 0, Ty::NONE)),
            (TyKind::List(_), "copy") => Some((M::ListCopy, vec![], 0, rty)),
            (TyKind::Dict(..), "get") => Some((M::DictGet, vec![key_ty?, val_ty?], 2, val_ty?)),
            (TyKind::Dict(..), "pop") => Some((M::DictPop, vec![key_ty?, val_ty?], 1, val_ty?)),
            (TyKind::Dict(..), "setdefault") => Some((M::DictSetDefault, vec![key_ty?, val_ty?], 2, val_ty?)),
            (TyKind::Dict(..), "update") => Some((M::DictUpdate, vec![rty], 1, Ty::NONE)),
            (TyKind::Dict(..), "copy") => Some((M::DictCopy, vec![], 0, rty)),
            (TyKind::Set(_), "add") => Some((M::SetAdd, vec![elem?], 1, Ty::NONE)),
            (TyKind::Set(_), "remove") => Some((M::SetRemove, vec![elem?], 1, Ty::NONE)),
            (TyKind::Set(_), "discard") => Some((M::SetDiscard, vec![elem?], 1, Ty::NONE)),
            (TyKind::Set(_), "issubset") => Some((M::SetIsSubset, vec![rty], 1, Ty::BOOL)),
            (TyKind::Set(_), "copy") => Some((M::SetCopy, vec![], 0, rty)),
            (TyKind::Set(_), "pop") => Some((M::SetPop, vec![], 0, elem?)),
            (TyKind::Set(_), "clear") => Some((M::SetClear, vec![], 0, Ty::NONE)),
            (TyKind::List(_), "clear") => Some((M::ListClear, vec![], 0, Ty::NONE)),
            (TyKind::Dict(..), "clear") => Some((M::DictClear, vec![], 0, Ty::NONE)),
            (TyKind::File, "read" | "readline" | "readlines") if !arg_exprs.is_empty() => {
                self.report(diag::file_size_argument(call.arguments.range(), name));
                return None;
            }
            (TyKind::File, "read") => Some((M::FileRead, vec![], 0, Ty::STR)),
            (TyKind::File, "readline") => Some((M::FileReadLine, vec![], 0, Ty::STR)),
            (TyKind::File, "readlines") => Some((M::FileReadLines, vec![], 0, Ty::list(Ty::STR))),
            (TyKind::File, "close") => Some((M::FileClose, vec![], 0, Ty::NONE)),
            (TyKind::File, "write") => Some((M::FileWrite, vec![Ty::STR], 1, Ty::INT)),
            (TyKind::File, "writelines") => Some((M::FileWriteLines, vec![Ty::list(Ty::STR)], 1, Ty::NONE)),
            (TyKind::File, "flush") => Some((M::FileFlush, vec![], 0, Ty::NONE)),
            _ => None,
        };
        let Some((method, params, required, ret)) = sig else {
            if let (TyKind::Dict(..), Some(which), true) = (rty.kind(), ["keys", "values", "items"].iter().position(|v| *v == name), arg_exprs.is_empty()) {
                // A live view: the dict itself, typed as its view.
                let ty = Ty::dict_view(which as u8, rty);
                return Some(Expr { kind: ExprKind::Builtin(Builtin::DictAsView, vec![receiver]), ty, line });
            }
            self.report(diag::unknown_method(attr.attr.range(), &rty, name));
            return None;
        };
        if arg_exprs.len() < required || arg_exprs.len() > params.len() {
            let want = if required == params.len() { required.to_string() } else { format!("{required} to {}", params.len()) };
            self.report(diag::bad_arity(call.arguments.range(), &format!("{rty}.{name}"), &want, arg_exprs.len()));
            return None;
        }
        // `d.get(k)` without a default would return None: Optional is Tier 2.
        if method == M::DictGet && arg_exprs.len() == 1 {
            self.report(diag::dict_get_needs_default(call.range()));
            return None;
        }
        let mut args = vec![receiver];
        for (arg_expr, param) in arg_exprs.iter().zip(&params) {
            let genexp = if method == M::StrJoin { self.genexp_as_list(ctx, arg_expr, Some(param)) } else { None };
            let arg = match genexp {
                Some(list) => list?,
                None => self.expr_expect(ctx, arg_expr, Some(param))?,
            };
            // `"".join(gen)`, `xs.extend(gen)`: the items first, as a list.
            let arg = if matches!(method, M::StrJoin | M::ListExtend) && arg.ty.iter_elem().is_some() { self.iterator_list(ctx, arg) } else { arg };
            let arg = if *param == Ty::INT { self.expect_int(arg, arg_expr.range(), &format!("{name}() argument"))? } else { arg };
            // A deque where a list of its items is read (`", ".join(d)`, `xs.extend(d)`).
            let arg = match arg.ty.kind() {
                TyKind::Deque(e) if *param == Ty::list(*e) => {
                    let line = arg.line;
                    Expr { kind: ExprKind::Builtin(Builtin::ListFromDeque, vec![arg]), ty: *param, line }
                }
                _ => arg,
            };
            if arg.ty != *param {
                self.report(diag::arg_mismatch(arg_expr.range(), &format!("{name}() argument"), param, &arg.ty));
                return None;
            }
            args.push(arg);
        }
        Some(Expr { kind: ExprKind::Method(method, args), ty: ret, line })
    }

    /// `s.union(t, u)`, `s.update(t)`, `s.isdisjoint(t)`...: methods whose arguments are
    /// other sets.  Only sets of the receiver's type are accepted: CPython iterates other
    /// iterables (and dicts) along other paths, which order colliding keys differently.
    #[allow(clippy::too_many_arguments)]
    fn set_method_with_sets(&mut self, ctx: &mut FnCtx, receiver: Expr, method: Method, exact: Option<usize>, ret: Ty, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let rty = receiver.ty;
        let name = attr.attr.id.as_str();
        let arg_exprs = &call.arguments.args;
        if let Some(n) = exact {
            if arg_exprs.len() != n {
                self.report(diag::bad_arity(call.arguments.range(), &format!("{rty}.{name}"), &n.to_string(), arg_exprs.len()));
                return None;
            }
        }
        let mut args = vec![receiver];
        let mut ok = true;
        for arg_expr in arg_exprs {
            match self.expr_expect(ctx, arg_expr, Some(&rty)) {
                Some(arg) if arg.ty == rty => args.push(arg),
                Some(arg) => {
                    self.report(diag::set_method_needs_set(arg_expr.range(), name, &rty, &arg.ty));
                    ok = false;
                }
                None => ok = false,
            }
        }
        ok.then_some(Expr { kind: ExprKind::Method(method, args), ty: ret, line })
    }

    fn const_bool(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<bool> {
        match e {
            ast::Expr::BooleanLiteral(b) => Some(b.value),
            _ => {
                let _ = self.expr(ctx, e);
                self.report(diag::unsupported(e.range(), "a non-constant `reverse=`", "write `reverse=True` or `reverse=False`"));
                None
            }
        }
    }

    /// The start, stop and step of `range(...)` (one to three int arguments).
    pub fn range_args(&mut self, ctx: &mut FnCtx, args: &'a [ast::Expr], line: ir::Line) -> Option<[Expr; 3]> {
        let mut values = Vec::new();
        for arg in args.iter() {
            let v = self.expr(ctx, arg)?;
            values.push(self.expect_int(v, arg.range(), "range() argument")?);
        }
        let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
        let mut it = values.into_iter();
        Some(match args.len() {
            1 => [int(0), it.next()?, int(1)],
            2 => [it.next()?, it.next()?, int(1)],
            _ => [it.next()?, it.next()?, it.next()?],
        })
    }

    /// A `for` over a range value: the loop over its start, stop and step, read once.
    fn range_value_iter(&mut self, ctx: &mut FnCtx, value: Expr) -> Iter {
        let line = value.line;
        let (stmts, r) = self.hidden(ctx, value);
        let field = |i: u8| Expr { kind: ExprKind::Method(Method::RangeField(i), vec![r.load()]), ty: Ty::INT, line };
        let start = Expr { kind: ExprKind::Block(stmts, Box::new(field(0))), ty: Ty::INT, line };
        Iter::Range { start, stop: field(1), step: field(2) }
    }

    /// The iterable of a `for` loop or comprehension generator.
    pub fn iterable(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<(Iter, Vec<Ty>)> {
        if let Some(items) = self.namedtuple_items(ctx, e) {
            let list = items?;
            let elem = list.ty.list_elem()?;
            return Some((Iter::List(list), vec![elem]));
        }
        if let Some(members) = self.enum_members_value(ctx, e) {
            let elem = members.ty.list_elem()?;
            return Some((Iter::List(members), vec![elem]));
        }
        if let Some(elements) = self.counter_elements(ctx, e) {
            let list = elements?;
            let elem = list.ty.list_elem()?;
            return Some((Iter::List(list), vec![elem]));
        }
        if let ast::Expr::Call(call) = e {
            // `enumerate(xs, start=1)`: the one keyword these builtins take.
            let start_keyword = match &*call.arguments.keywords {
                [k] if k.arg.as_ref().is_some_and(|a| a.id.as_str() == "start") && call.arguments.args.len() == 1 => Some(&k.value),
                _ => None,
            };
            let is_enumerate = matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "enumerate");
            if call.arguments.keywords.is_empty() || (is_enumerate && start_keyword.is_some()) {
                if let ast::Expr::Name(n) = &*call.func {
                    if self.func_by_name.get(n.id.as_str()).is_none() && !ctx.local_by_name.contains_key(n.id.as_str()) && ctx.is_global(n.id.as_str()) {
                        match (n.id.as_str(), &*call.arguments.args) {
                            ("range", args) if (1..=3).contains(&args.len()) => {
                                let [start, stop, step] = self.range_args(ctx, args, self.line(e.range()))?;
                                return Some((Iter::Range { start, stop, step }, vec![Ty::INT]));
                            }
                            ("enumerate", [inner]) | ("enumerate", [inner, _]) => {
                                let (iter, tys) = self.iterable(ctx, inner)?;
                                if tys.len() != 1 {
                                    self.report(diag::unsupported(inner.range(), "nested tuple targets", "iterate with separate loops"));
                                    return None;
                                }
                                let line = self.line(e.range());
                                let start = match call.arguments.args.get(1).or(start_keyword) {
                                    Some(s) => {
                                        let v = self.expr(ctx, s)?;
                                        self.expect_int(v, s.range(), "enumerate() start")?
                                    }
                                    None => Expr { kind: ExprKind::Int(0), ty: Ty::INT, line },
                                };
                                return Some((Iter::Enumerate(Box::new(iter), start), vec![Ty::INT, tys[0]]));
                            }
                            ("zip", [a, b]) => {
                                let (ia, ta) = self.iterable(ctx, a)?;
                                let (ib, tb) = self.iterable(ctx, b)?;
                                if ta.len() != 1 || tb.len() != 1 {
                                    self.report(diag::unsupported(e.range(), "nested tuple targets", "iterate with separate loops"));
                                    return None;
                                }
                                return Some((Iter::Zip(Box::new(ia), Box::new(ib)), vec![ta[0], tb[0]]));
                            }
                            ("reversed", [inner]) => {
                                if let ast::Expr::Generator(_) = inner {
                                    // CPython: TypeError: 'generator' object is not reversible.
                                    self.report(diag::unsupported(inner.range(), "reversed() of a generator expression", "a generator is not reversible; reverse a list comprehension"));
                                    return None;
                                }
                                let v = self.list_of(ctx, inner)?;
                                // A deque from its end, checking for changes as CPython's reverse iterator does.
                                if let ExprKind::Builtin(Builtin::ListFromDeque, mut args) = v.kind {
                                    let d = args.pop()?;
                                    let elem = d.ty.deque_elem()?;
                                    return Some((Iter::Deque(d, true), vec![elem]));
                                }
                                return match v.ty.kind() {
                                    TyKind::List(elem) => Some((Iter::Reversed(v), vec![*elem])),
                                    _ => {
                                        self.report(diag::not_iterable(inner.range(), &v.ty));
                                        None
                                    }
                                };
                            }
                            _ => {}
                        }
                    }
                }
                if let ast::Expr::Attribute(attr) = &*call.func {
                    let view = attr.attr.id.as_str();
                    if call.arguments.args.is_empty() && matches!(view, "keys" | "values" | "items") {
                        let d = Self::counter_as_dict(self.expr(ctx, &attr.value)?);
                        if let TyKind::Dict(k, v) = d.ty.kind() {
                            return Some(match view {
                                "keys" => (Iter::DictKeys(d), vec![*k]),
                                "values" => (Iter::DictValues(d), vec![*v]),
                                _ => (Iter::DictItems(d), vec![*k, *v]),
                            });
                        }
                        self.report(diag::unknown_method(attr.attr.range(), &d.ty, view));
                        return None;
                    }
                }
            }
        }
        let mut value = Self::counter_as_dict(self.expr(ctx, e)?);
        if let ExprKind::SetLit { items, build } = &mut value.kind {
            if !items.is_empty() && items.iter().all(|i| ir::ConstItem::of(i).is_some()) {
                *build = SetBuild::FrozenConstant;
                let start = e.range().start();
                let items: Vec<ir::ConstItem> = items.iter().filter_map(ir::ConstItem::of).collect();
                self.set_constants.push(ir::SetConstant { offset: start.into(), items });
            }
        }
        if let ExprKind::Method(ir::Method::StrSplit, args) = value.kind {
            let mut args = args.into_iter();
            let text = args.next()?;
            return Some((Iter::Split(text, args.next()), vec![Ty::STR]));
        }
        match value.ty.kind() {
            TyKind::List(elem) | TyKind::VarTuple(elem) => Some((Iter::List(value), vec![*elem])),
            TyKind::Str => Some((Iter::Str(value), vec![Ty::STR])),
            TyKind::Set(elem) => Some((Iter::Set(value), vec![*elem])),
            TyKind::Deque(elem) => Some((Iter::Deque(value, false), vec![*elem])),
            TyKind::Dict(k, _) => Some((Iter::DictKeys(value), vec![*k])),
            TyKind::File => Some((Iter::File(value), vec![Ty::STR])),
            TyKind::Range => Some((self.range_value_iter(ctx, value), vec![Ty::INT])),
            TyKind::DictView(which, dict) => {
                let (k, v) = dict.dict_types()?;
                let d = view_dict(value);
                Some(match which {
                    0 => (Iter::DictKeys(d), vec![k]),
                    1 => (Iter::DictValues(d), vec![v]),
                    _ => (Iter::DictItems(d), vec![k, v]),
                })
            }
            TyKind::Iterator(elem) => Some((Iter::Gen(value), vec![*elem])),
            TyKind::Class(_) => self.instance_iter(ctx, value, e.range()),

            _ => {
                self.report(diag::not_iterable(e.range(), &value.ty));
                None
            }
        }
    }

    /// Binds the targets of a `for` (a name, or a tuple of names for items/enumerate/zip).
    #[allow(clippy::too_many_arguments)]
    fn comprehension(&mut self, ctx: &mut FnCtx, kind: CompKind, elt: &'a ast::Expr, value: Option<&'a ast::Expr>, generators: &'a [ast::Comprehension], expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        // Comprehension variables live in a scope of their own: hidden locals under fresh names.
        let saved: Vec<(String, Option<ir::LocalId>)> = generators
            .iter()
            .flat_map(|g| target_names(&g.target))
            .map(|name| (name.clone(), ctx.local_by_name.get(&name).copied()))
            .collect();
        // Inside the comprehension its loop variables are locals, even at module level.
        let scope_len = ctx.comp_scope.len();
        for (name, _) in &saved {
            ctx.local_by_name.remove(name);
            ctx.comp_scope.push(name.clone());
        }
        let first_local = ctx.locals.len();
        let comp_names = ctx.comp_names.len();
        let result = self.comprehension_body(ctx, kind, elt, value, generators, expected, line);
        ctx.comp_names.truncate(comp_names);
        ctx.comp_scope.truncate(scope_len);
        // Its variables that closures capture get new cells each time it runs.
        let result = result.map(|r| {
            let fresh: Vec<ir::LocalId> = (first_local..ctx.locals.len()).map(|l| ir::LocalId(l as u32)).filter(|l| ctx.cells.contains(l)).collect();
            if fresh.is_empty() {
                return r;
            }
            let (ty, line) = (r.ty, r.line);
            Expr { kind: ExprKind::Block(vec![Stmt::FreshCells(fresh)], Box::new(r)), ty, line }
        });
        for (name, old) in saved {
            match old {
                Some(id) => ctx.local_by_name.insert(name, id),
                None => ctx.local_by_name.remove(&name),
            };
        }
        result
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_body(&mut self, ctx: &mut FnCtx, kind: CompKind, elt: &'a ast::Expr, value: Option<&'a ast::Expr>, generators: &'a [ast::Comprehension], expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        // Lower the generators outside-in, collecting (targets, iter, conditions) to nest later.
        let mut levels: Vec<CompLevel> = Vec::new();
        for generator in generators {
            if generator.is_async {
                self.report(diag::unsupported(generator.range(), "async comprehensions", "use an ordinary comprehension"));
                return None;
            }
            let (iter, tys) = self.iterable(ctx, &generator.iter)?;
            // The first iterable is evaluated outside the comprehension's scope.
            if levels.is_empty() {
                ctx.comp_names.push(match kind {
                    CompKind::List => "<listcomp>",
                    CompKind::Set => "<setcomp>",
                    CompKind::Dict => "<dictcomp>",
                    CompKind::Any | CompKind::All => "<genexpr>",
                });
            }
            let (targets, prologue) = self.bind_targets(ctx, &generator.target, &tys)?;
            let mut conds = Vec::new();
            for cond in &generator.ifs {
                conds.push(self.cond(ctx, cond)?);
            }
            levels.push((targets, prologue, iter, conds));
        }
        if matches!(kind, CompKind::Any | CompKind::All) {
            let item = self.expr(ctx, elt)?;
            return Some(self.short_circuit_body(ctx, kind == CompKind::Any, item, levels, line));
        }
        let (elt_expected, value_expected) = match (kind, expected.map(|t| t.kind())) {
            (CompKind::List, Some(TyKind::List(e))) | (CompKind::Set, Some(TyKind::Set(e))) => (Some(*e), None),
            (CompKind::Dict, Some(TyKind::Dict(k, v))) => (Some(*k), Some(*v)),
            _ => (None, None),
        };
        let item = self.expr_expect(ctx, elt, elt_expected.as_ref())?;
        let item_value = match value {
            Some(v) => Some(self.expr_expect(ctx, v, value_expected.as_ref())?),
            None => None,
        };
        let ty = match kind {
            CompKind::List => Ty::list(item.ty),
            CompKind::Set => Ty::set(item.ty),
            CompKind::Dict => Ty::dict(item.ty, item_value.as_ref()?.ty),
            CompKind::Any | CompKind::All => unreachable!("handled above"),
        };
        if let Some(expected) = expected {
            if *expected != ty {
                self.report(diag::arg_mismatch(elt.range(), "comprehension", expected, &ty));
                return None;
            }
        }
        if matches!(kind, CompKind::Set | CompKind::Dict) && !item.ty.is_hashable() {
            self.report(diag::unhashable(elt.range(), &item.ty));
            return None;
        }
        let result = ctx.add_local(&format!("<comp{}>", ctx.locals.len()), ty);
        let result_place = Place::Local(result);
        let load = |ty: &Ty| Expr { kind: ExprKind::Load(result_place), ty: *ty, line };
        let add = match kind {
            CompKind::List => Stmt::Expr(Expr { kind: ExprKind::Method(Method::ListAppend, vec![load(&ty), item]), ty: Ty::NONE, line }),
            CompKind::Set => Stmt::Expr(Expr { kind: ExprKind::Method(Method::SetAdd, vec![load(&ty), item]), ty: Ty::NONE, line }),
            CompKind::Dict => Stmt::SetItem { container: load(&ty), index: item, value: item_value?, line },
            CompKind::Any | CompKind::All => unreachable!("handled above"),
        };
        let mut body = vec![add];
        for (targets, prologue, iter, conds) in levels.into_iter().rev() {
            for cond in conds.into_iter().rev() {
                body = vec![Stmt::If { cond, then: body, orelse: Vec::new() }];
            }
            body = prologue.into_iter().chain(body).collect();
            body = vec![Stmt::ForIter { targets, iter, body, orelse: Vec::new(), line }];
        }
        let empty = match kind {
            CompKind::List => ExprKind::ListLit(Vec::new()),
            CompKind::Set => ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items },
            CompKind::Dict => ExprKind::DictLit(Vec::new()),
            CompKind::Any | CompKind::All => unreachable!("handled above"),
        };
        let mut stmts = vec![Stmt::Assign { place: result_place, value: Expr { kind: empty, ty: ty, line } }];
        stmts.extend(body);
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(load(&ty))), ty, line })
    }

    /// The loops of `any(genexp)` (`all`): the result starts False (True), and the first
    /// item that is true (false) sets it and leaves every level, as CPython's generator
    /// stops being resumed; the items after it are never computed.
    fn short_circuit_body(&mut self, ctx: &mut FnCtx, is_any: bool, item: Expr, levels: Vec<CompLevel>, line: ir::Line) -> Expr {
        let result = Place::Local(ctx.add_local(&format!("<comp{}>", ctx.locals.len()), Ty::BOOL));
        let load = || Expr { kind: ExprKind::Load(result), ty: Ty::BOOL, line };
        let not = |e: Expr| Expr { kind: ExprKind::Unary(ir::UnOp::Not, Box::new(e)), ty: Ty::BOOL, line };
        let set = |value: bool| Stmt::Assign { place: result, value: Expr { kind: ExprKind::Bool(value), ty: Ty::BOOL, line } };
        let truth = self.truth(item);
        let decides = if is_any { truth } else { not(truth) };
        let mut body = vec![Stmt::If { cond: decides, then: vec![set(is_any), Stmt::Break], orelse: Vec::new() }];
        let depth = levels.len();
        for (i, (targets, prologue, iter, conds)) in levels.into_iter().enumerate().rev() {
            for cond in conds.into_iter().rev() {
                body = vec![Stmt::If { cond, then: body, orelse: Vec::new() }];
            }
            body = prologue.into_iter().chain(body).collect();
            body = vec![Stmt::ForIter { targets, iter, body, orelse: Vec::new(), line }];
            // An inner loop left early: leave this one too (not the outermost: what follows
            // it is the caller's code).
            if i > 0 && i < depth {
                let decided = if is_any { load() } else { not(load()) };
                body.push(Stmt::If { cond: decided, then: vec![Stmt::Break], orelse: Vec::new() });
            }
        }
        let mut stmts = vec![set(!is_any)];
        stmts.extend(body);
        Expr { kind: ExprKind::Block(stmts, Box::new(load())), ty: Ty::BOOL, line }
    }

    /// A generator expression consumed whole by its caller (`sum`, `sorted`, `"".join`,
    /// `list`...) is built as the list comprehension it equals: the caller takes every item
    /// before doing anything observable with them.  `None` when `arg` is not one.
    pub fn genexp_as_list(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr, expected: Option<&Ty>) -> Option<Option<Expr>> {
        let ast::Expr::Generator(g) = arg else { return None };
        let line = self.line(arg.range());
        Some(self.comprehension(ctx, CompKind::List, &g.elt, None, &g.generators, expected, line))
    }

    /// Builtins over containers and strings; `None` when `id` is not one of them.
    pub fn container_builtin(&mut self, ctx: &mut FnCtx, id: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Option<Expr>> {
        let args_ast = &call.arguments.args;
        let mk = |kind, ty| Some(Some(Expr { kind, ty, line }));
        let one = |this: &mut Self| -> Option<Option<&'a ast::Expr>> {
            if args_ast.len() != 1 {
                this.report(diag::bad_arity(call.arguments.range(), id, "1", args_ast.len()));
                return Some(None);
            }
            Some(Some(&args_ast[0]))
        };
        match id {
            "len" => {
                let Some(arg) = one(self)? else { return Some(None) };
                if let Some(n) = self.enum_len(ctx, arg) {
                    return Some(Some(n));
                }
                if let Some(view) = self.dict_view_arg(ctx, arg) {
                    let (d, _) = view?;
                    return mk(ExprKind::Builtin(Builtin::Len, vec![d]), Ty::INT);
                }
                let v = self.expr(ctx, arg)?;
                if v.ty.class().is_some() {
                    let ty = v.ty;
                    return match self.try_dunder("__len__", vec![v], line) {
                        Ok(call) if call.ty == Ty::INT => Some(Some(call)),
                        _ => {
                            self.report(diag::arg_mismatch(arg.range(), "len() argument (a class with `__len__(self) -> int`)", &Ty::STR, &ty));
                            Some(None)
                        }
                    };
                }
                // A tuple's length is part of its type (the tuple is still evaluated).
                if let Some(fields) = v.ty.tuple_fields() {
                    let n = Expr { kind: ExprKind::Int(fields.len() as i64), ty: Ty::INT, line };
                    return mk(ExprKind::Block(vec![Stmt::Expr(v)], Box::new(n)), Ty::INT);
                }
                if !v.ty.is_object() {
                    self.report(diag::arg_mismatch(arg.range(), "len() argument", &Ty::STR, &v.ty));
                    return Some(None);
                }
                mk(ExprKind::Builtin(Builtin::Len, vec![v]), Ty::INT)
            }
            "str" | "repr" => {
                if args_ast.is_empty() && id == "str" {
                    return mk(ExprKind::Str(String::new()), Ty::STR);
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                let b = if id == "str" { Builtin::StrOf } else { Builtin::ReprOf };
                mk(ExprKind::Builtin(b, vec![v]), Ty::STR)
            }
            "sum" => {
                if args_ast.is_empty() || args_ast.len() > 2 {
                    self.report(diag::bad_arity(call.arguments.range(), id, "1 or 2", args_ast.len()));
                    return Some(None);
                }
                let v = self.list_of(ctx, &args_ast[0])?;
                let elem = match v.ty.kind() {
                    TyKind::List(e) if matches!(e.kind(), TyKind::Int | TyKind::Float) => *e,
                    _ => {
                        self.report(diag::arg_mismatch(args_ast[0].range(), "sum() argument", &Ty::list(Ty::INT), &v.ty));
                        return Some(None);
                    }
                };
                let start = match args_ast.get(1) {
                    Some(s) => {
                        let sv = self.expr(ctx, s)?;
                        if sv.ty != elem {
                            self.report(diag::arg_mismatch(s.range(), "sum() start", &elem, &sv.ty));
                            return Some(None);
                        }
                        sv
                    }
                    // CPython's `sum` starts from the int 0, so an empty float container sums to
                    // `0`, not `0.0`: the result's type depends on a length we cannot know here.
                    // Where the container may be empty, the sum checks at run time and refuses
                    // the empty case loudly (NotImplementedError) instead of printing `0.0`.
                    None if elem == Ty::FLOAT && !self.provably_nonempty(ctx, &args_ast[0]) => {
                        return mk(ExprKind::Builtin(Builtin::Sum, vec![v]), elem);
                    }
                    None => Expr { kind: ExprKind::Int(0), ty: Ty::INT, line },
                };
                mk(ExprKind::Builtin(Builtin::Sum, vec![v, start]), elem)
            }
            "sorted" => {
                let mut reverse = false;
                let mut key = None;
                for keyword in call.arguments.keywords.iter() {
                    match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                        Some("reverse") => reverse = self.const_bool(ctx, &keyword.value)?,
                        Some("key") => key = Some(self.key_lambda(keyword)?),
                        _ => {
                            self.report(diag::unsupported(keyword.range(), "this keyword argument", "sorted() takes `key=` and `reverse=`"));
                            return Some(None);
                        }
                    }
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.list_of(ctx, arg)?;
                let ty = v.ty;
                if let Some(lambda) = key {
                    let k = self.keyed(ctx, v, lambda, "sorted()")?;
                    let sorted = Expr { kind: ExprKind::Builtin(Builtin::SortedKeyed { reverse }, vec![k.list, k.keys]), ty, line };
                    return mk(ExprKind::Block(k.stmts, Box::new(sorted)), ty);
                }
                if !ty.is_orderable() {
                    self.report(diag::not_orderable(arg.range(), "sorted()", &ty.list_elem().unwrap_or(ty)));
                    return Some(None);
                }
                mk(ExprKind::Builtin(Builtin::Sorted { reverse }, vec![v]), ty)
            }
            "any" | "all" => {
                let Some(arg) = one(self)? else { return Some(None) };
                if let ast::Expr::Generator(g) = arg {
                    let kind = if id == "any" { CompKind::Any } else { CompKind::All };
                    return Some(self.comprehension(ctx, kind, &g.elt, None, &g.generators, None, line));
                }
                // Each item is tested as it comes, and the first deciding one stops the loop
                // (an iterator may be infinite).
                let (iter, tys) = self.iterable(ctx, arg)?;
                let targets: Vec<Place> = tys.iter().map(|t| Place::Local(ctx.add_local(&format!("<item{}>", ctx.locals.len()), *t))).collect();
                let loads: Vec<Expr> = targets.iter().zip(&tys).map(|(p, t)| Expr { kind: ExprKind::Load(*p), ty: *t, line }).collect();
                let item = if loads.len() == 1 { loads.into_iter().next()? } else { Expr { kind: ExprKind::Tuple(loads), ty: Ty::tuple(tys.clone()), line } };
                Some(Some(self.short_circuit_body(ctx, id == "any", item, vec![(targets, Vec::new(), iter, Vec::new())], line)))
            }
            "next" => {
                if args_ast.is_empty() || args_ast.len() > 2 {
                    self.report(diag::bad_arity(call.arguments.range(), id, "1 or 2", args_ast.len()));
                    return Some(None);
                }
                let it = self.expr(ctx, &args_ast[0])?;
                if it.ty.class().is_some() && args_ast.len() == 1 {
                    // `next(obj)` calls `obj.__next__()`, whose StopIteration propagates.
                    let ty = it.ty;
                    return match self.try_dunder("__next__", vec![it], line) {
                        Ok(call) => Some(Some(call)),
                        Err(_) => {
                            self.report(diag::arg_mismatch(args_ast[0].range(), "next() argument (an iterator, or an instance with `__next__(self)`)", &Ty::iterator(Ty::INT), &ty));
                            Some(None)
                        }
                    };
                }
                let Some(elem) = it.ty.iter_elem() else {
                    self.report(diag::arg_mismatch(args_ast[0].range(), "next() argument", &Ty::iterator(Ty::INT), &it.ty));
                    return Some(None);
                };
                let default = match args_ast.get(1) {
                    Some(d) => {
                        let dv = self.expr_expect(ctx, d, Some(&elem))?;
                        let dv = self.upcast(dv, elem);
                        if dv.ty != elem {
                            self.report(diag::arg_mismatch(d.range(), "next() default (of the iterator's item type)", &elem, &dv.ty));
                            return Some(None);
                        }
                        Some(Box::new(dv))
                    }
                    None => None,
                };
                mk(ExprKind::Next { it: Box::new(it), default }, elem)
            }
            "ord" => {
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                if v.ty != Ty::STR {
                    self.report(diag::arg_mismatch(arg.range(), "ord() argument", &Ty::STR, &v.ty));
                    return Some(None);
                }
                mk(ExprKind::Builtin(Builtin::Ord, vec![v]), Ty::INT)
            }
            "chr" => {
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                let v = self.expect_int(v, arg.range(), "chr() argument")?;
                mk(ExprKind::Builtin(Builtin::Chr, vec![v]), Ty::STR)
            }
            "list" => {
                if args_ast.is_empty() {
                    return mk(ExprKind::ListLit(Vec::new()), Ty::list(Ty::INT));
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.list_of(ctx, arg)?;
                // list_of returns a list argument itself; list(x) must copy it.
                let is_same_list = !matches!(v.kind, ExprKind::Builtin(..) | ExprKind::Method(..));
                if !is_same_list {
                    return Some(Some(v));
                }
                let ty = v.ty;
                mk(ExprKind::Builtin(Builtin::ListFromList, vec![v]), ty)
            }
            "tuple" => {
                if args_ast.is_empty() {
                    return mk(ExprKind::Tuple(Vec::new()), Ty::tuple(Vec::new()));
                }
                let Some(arg) = one(self)? else { return Some(None) };
                if let ast::Expr::Tuple(_) = arg {
                    let v = self.expr(ctx, arg)?;
                    let ty = v.ty;
                    return mk(v.kind, ty);
                }
                let v = match self.genexp_as_list(ctx, arg, None) {
                    Some(list) => list?,
                    None => self.expr(ctx, arg)?,
                };
                let v = self.iterator_list(ctx, v);
                if v.ty.tuple_fields().is_some() {
                    // A tuple is its own `tuple()`.
                    let ty = v.ty;
                    return mk(v.kind, ty);
                }
                let v = match v.ty.kind() {
                    TyKind::Range => Expr { kind: ExprKind::Builtin(Builtin::ListFromRange, vec![v]), ty: Ty::list(Ty::INT), line },
                    TyKind::DictView(..) => view_list(v)?,
                    TyKind::Deque(e) => {
                        let line = v.line;
                        Expr { kind: ExprKind::Builtin(Builtin::ListFromDeque, vec![v]), ty: Ty::list(*e), line }
                    }

                    _ => v,
                };
                let elem = match v.ty.kind() {
                    TyKind::List(e) | TyKind::VarTuple(e) | TyKind::Set(e) => *e,
                    TyKind::Str => Ty::STR,
                    TyKind::Dict(..) => {
                        let line = v.line;
                        let Some(list) = self.dict_keys_list(v, line) else { return Some(None) };
                        let ty = Ty::var_tuple(list.ty.list_elem().unwrap_or(Ty::INT));
                        return mk(ExprKind::Builtin(Builtin::VarTupleFrom, vec![list]), ty);
                    }
                    _ => {
                        self.report(diag::arg_mismatch(arg.range(), "tuple() argument", &Ty::list(Ty::INT), &v.ty));
                        return Some(None);
                    }
                };
                mk(ExprKind::Builtin(Builtin::VarTupleFrom, vec![v]), Ty::var_tuple(elem))
            }
            "set" => {
                if args_ast.is_empty() {
                    return mk(ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items }, Ty::set(Ty::INT));
                }
                let Some(arg) = one(self)? else { return Some(None) };
                if let ast::Expr::Generator(g) = arg {
                    // Each item is added as it is made, as in a set comprehension.
                    return Some(self.comprehension(ctx, CompKind::Set, &g.elt, None, &g.generators, None, line));
                }
                let v = self.expr(ctx, arg)?;
                let v = self.iterator_list(ctx, v);
                match v.ty.kind() {
                    TyKind::List(e) if e.is_hashable() => mk(ExprKind::Builtin(Builtin::SetFromList, vec![v]), Ty::set(*e)),
                    // Items in order, as from a list.
                    TyKind::Deque(e) if e.is_hashable() => {
                        let list = Expr { kind: ExprKind::Builtin(Builtin::ListFromDeque, vec![v]), ty: Ty::list(*e), line };
                        mk(ExprKind::Builtin(Builtin::SetFromList, vec![list]), Ty::set(*e))
                    }
                    TyKind::Str => mk(ExprKind::Builtin(Builtin::SetFromStr, vec![v]), Ty::set(Ty::STR)),
                    TyKind::Set(e) => mk(ExprKind::Method(Method::SetCopy, vec![v]), Ty::set(*e)),
                    TyKind::Dict(k, _) => mk(ExprKind::Builtin(Builtin::SetFromDict, vec![v]), Ty::set(*k)),
                    TyKind::Range => {
                        let list = Expr { kind: ExprKind::Builtin(Builtin::ListFromRange, vec![v]), ty: Ty::list(Ty::INT), line };
                        mk(ExprKind::Builtin(Builtin::SetFromList, vec![list]), Ty::set(Ty::INT))
                    }
                    TyKind::DictView(..) => {
                        let list = view_list(v)?;
                        let elem = list.ty.list_elem()?;
                        if !elem.is_hashable() {
                            self.report(diag::unhashable(arg.range(), &elem));
                            return Some(None);
                        }
                        mk(ExprKind::Builtin(Builtin::SetFromList, vec![list]), Ty::set(elem))
                    }
                    _ => {
                        self.report(diag::arg_mismatch(arg.range(), "set() argument", &Ty::list(Ty::INT), &v.ty));
                        Some(None)
                    }
                }
            }
            "dict" if args_ast.is_empty() => mk(ExprKind::DictLit(Vec::new()), default_empty_type(&ast::Expr::Dict(ast::ExprDict { node_index: Default::default(), range: call.range(), items: Vec::new() }))),
            "dict" if args_ast.len() == 1 && call.arguments.keywords.is_empty() && !matches!(args_ast[0], ast::Expr::Dict(_) | ast::Expr::DictComp(_)) => {
                // `dict(pairs)`: each (key, value) inserted in order, as CPython's dict_merge
                // of a sequence of pairs does (a dict argument is a copy: `d.copy()`).
                let (iter, tys) = self.iterable(ctx, &args_ast[0])?;
                // `dict(d)` of a dict (a defaultdict too): a plain dict of its items.
                let is_keys_call = matches!(&args_ast[0], ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Attribute(a) if a.attr.id.as_str() == "keys"));
                let (iter, tys) = match iter {
                    Iter::DictKeys(d) if !is_keys_call => {
                        let ty = d.ty;
                        return mk(ExprKind::Builtin(Builtin::DictFromDict, vec![d]), ty);
                    }
                    other => (other, tys),
                };
                let (k, v, unpack) = match tys.as_slice() {
                    [k, v] => (*k, *v, false),
                    [t] => match t.tuple_fields() {
                        Some([k, v]) => (*k, *v, true),
                        _ => {
                            self.report(diag::unsupported(args_ast[0].range(), "dict() of items that are not pairs", "pass pairs: `dict(zip(keys, values))` or a list of `(key, value)` tuples"));
                            return Some(None);
                        }
                    },
                    _ => return Some(None),
                };
                if !k.is_hashable() {
                    self.report(diag::unhashable(args_ast[0].range(), &k));
                    return Some(None);
                }
                let dict_ty = Ty::dict(k, v);
                let result = Place::Local(ctx.add_local(&format!("<dict{}>", ctx.locals.len()), dict_ty));
                let load = || Expr { kind: ExprKind::Load(result), ty: dict_ty, line };
                let (targets, key, value) = if unpack {
                    let pair_ty = tys[0];
                    let pair = Place::Local(ctx.add_local(&format!("<pair{}>", ctx.locals.len()), pair_ty));
                    let get = |i: u32, t: Ty| Expr { kind: ExprKind::TupleGet(Box::new(Expr { kind: ExprKind::Load(pair), ty: pair_ty, line }), i), ty: t, line };
                    (vec![pair], get(0, k), get(1, v))
                } else {
                    let kp = Place::Local(ctx.add_local(&format!("<key{}>", ctx.locals.len()), k));
                    let vp = Place::Local(ctx.add_local(&format!("<value{}>", ctx.locals.len()), v));
                    (vec![kp, vp], Expr { kind: ExprKind::Load(kp), ty: k, line }, Expr { kind: ExprKind::Load(vp), ty: v, line })
                };
                let set = Stmt::SetItem { container: load(), index: key, value, line };
                let stmts = vec![
                    Stmt::Assign { place: result, value: Expr { kind: ExprKind::DictLit(Vec::new()), ty: dict_ty, line } },
                    Stmt::ForIter { targets, iter, body: vec![set], orelse: Vec::new(), line },
                ];
                mk(ExprKind::Block(stmts, Box::new(load())), dict_ty)
            }
            "dict" => {
                self.report(diag::unsupported(call.range(), "dict() with arguments", "use a dict literal or comprehension"));
                Some(None)
            }
            _ => None,
        }
    }

    /// An argument that must be a list: lists as they are, and str, set, dict (keys)
    /// and `d.keys()`/`d.values()` converted to a new list.
    /// The keys of a dict value as a new list.
    fn dict_keys_list(&self, d: Expr, line: ir::Line) -> Option<Expr> {
        let k = d.ty.dict_types()?.0;
        Some(Expr { kind: ExprKind::Method(Method::DictKeysList, vec![d]), ty: Ty::list(k), line })
    }

    pub fn list_of(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Expr> {
        if let Some(items) = self.namedtuple_items(ctx, arg) {
            return items;
        }
        if let Some(members) = self.enum_members_value(ctx, arg) {
            let (ty, line) = (members.ty, members.line);
            return Some(Expr { kind: ExprKind::Method(Method::ListCopy, vec![members]), ty, line });
        }
        if let Some(list) = self.genexp_as_list(ctx, arg, None) {
            return list;
        }
        // `list(enumerate(xs))`, `sorted(zip(a, b))`: the pairs the loop would give, as tuples.
        if let ast::Expr::Call(call) = arg {
            if matches!(&*call.func, ast::Expr::Name(n) if matches!(n.id.as_str(), "enumerate" | "zip") && self.func_by_name.get(n.id.as_str()).is_none() && ctx.is_global(n.id.as_str())) {
                let line = self.line(arg.range());
                let (iter, tys) = self.iterable(ctx, arg)?;
                return Some(self.iter_to_list(ctx, iter, tys, line));
            }
        }
        let line = self.line(arg.range());
        if let Some(view) = self.dict_view_arg(ctx, arg) {
            let (d, which) = view?;
            let (TyKind::Dict(k, v), method) = (d.ty.kind(), which) else { return None };
            let (m, elem) = match method {
                0 => (Method::DictKeysList, *k),
                1 => (Method::DictValuesList, *v),
                _ => (Method::DictItemsList, Ty::tuple(vec![*k, *v])),
            };
            return Some(Expr { kind: ExprKind::Method(m, vec![d]), ty: Ty::list(elem), line });
        }
        if let ast::Expr::Call(call) = arg {
            let is_range = matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "range" && self.func_by_name.get("range").is_none());
            if is_range {
                let (Iter::Range { start, stop, step }, _) = self.iterable(ctx, arg)? else { return None };
                return Some(Expr { kind: ExprKind::Builtin(Builtin::RangeList, vec![start, stop, step]), ty: Ty::list(Ty::INT), line });
            }
        }
        // `list(c.elements())`: each item of a Counter repeated by its count.
        if let Some(elements) = self.counter_elements(ctx, arg) {
            return elements;
        }
        let v = Self::counter_as_dict(self.expr(ctx, arg)?);
        match v.ty.kind() {
            TyKind::List(_) => Some(v),
            TyKind::VarTuple(e) => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromVarTuple, vec![v]), ty: Ty::list(*e), line }),
            TyKind::Str => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromStr, vec![v]), ty: Ty::list(Ty::STR), line }),
            TyKind::Set(e) => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromSet, vec![v]), ty: Ty::list(*e), line }),
            TyKind::Deque(e) => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromDeque, vec![v]), ty: Ty::list(*e), line }),
            TyKind::Dict(k, _) => Some(Expr { kind: ExprKind::Method(Method::DictKeysList, vec![v]), ty: Ty::list(*k), line }),
            TyKind::File => Some(Expr { kind: ExprKind::Method(Method::FileReadLines, vec![v]), ty: Ty::list(Ty::STR), line }),
            TyKind::Range => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromRange, vec![v]), ty: Ty::list(Ty::INT), line }),
            TyKind::DictView(..) => view_list(v),
            TyKind::Iterator(_) => Some(self.iterator_list(ctx, v)),
            TyKind::Class(_) => {
                let (iter, tys) = self.instance_iter(ctx, v, arg.range())?;
                Some(self.iter_to_list(ctx, iter, tys, line))
            }

            _ => {
                self.report(diag::not_iterable(arg.range(), &v.ty));
                None
            }
        }
    }

    /// What is left of an iterator (`Iterator[T]`), as a new `list[T]`; anything else as it is.
    pub fn iterator_list(&mut self, ctx: &mut FnCtx, v: Expr) -> Expr {
        let Some(elem) = v.ty.iter_elem() else { return v };
        let line = v.line;
        self.iter_to_list(ctx, Iter::Gen(v), vec![elem], line)
    }

    /// The items a `for` over `iter` would bind (one value, or a tuple of several), as a list.
    fn iter_to_list(&mut self, ctx: &mut FnCtx, iter: Iter, tys: Vec<Ty>, line: ir::Line) -> Expr {
        let item_ty = if tys.len() == 1 { tys[0] } else { Ty::tuple(tys.clone()) };
        let list_ty = Ty::list(item_ty);
        let targets: Vec<Place> = tys.iter().map(|t| Place::Local(ctx.add_local(&format!("<item{}>", ctx.locals.len()), *t))).collect();
        let result = Place::Local(ctx.add_local(&format!("<items{}>", ctx.locals.len()), list_ty));
        let load_result = Expr { kind: ExprKind::Load(result), ty: list_ty, line };
        let loads: Vec<Expr> = targets.iter().zip(&tys).map(|(p, t)| Expr { kind: ExprKind::Load(*p), ty: *t, line }).collect();
        let item = if loads.len() == 1 { loads.into_iter().next().expect("one") } else { Expr { kind: ExprKind::Tuple(loads), ty: item_ty, line } };
        let append = Stmt::Expr(Expr { kind: ExprKind::Method(Method::ListAppend, vec![load_result.clone_load(), item]), ty: Ty::NONE, line });
        let stmts = vec![
            Stmt::Assign { place: result, value: Expr { kind: ExprKind::ListLit(Vec::new()), ty: list_ty, line } },
            Stmt::ForIter { targets, iter, body: vec![append], orelse: Vec::new(), line },
        ];
        Expr { kind: ExprKind::Block(stmts, Box::new(load_result)), ty: list_ty, line }
    }

    /// Records a set display CPython compiles to a frozenset constant.
    fn record_set_constant(&mut self, start: ruff_text_size::TextSize, items: &[Expr]) {
        let items = items.iter().filter_map(ir::ConstItem::of).collect();
        self.set_constants.push(ir::SetConstant { offset: start.into(), items });
    }

    /// Whether `arg` can never be an empty container: a non-empty display, or a local
    /// that `nonempty.rs` proved non-empty.
    fn provably_nonempty(&self, ctx: &FnCtx, arg: &ast::Expr) -> bool {
        match arg {
            ast::Expr::Name(n) => ctx.nonempty.contains(n.id.as_str()) && !ctx.is_global(n.id.as_str()),
            _ => crate::check::nonempty::is_nonempty_expr(arg, &|n| ctx.nonempty.contains(n) && !ctx.is_global(n)),
        }
    }

    /// `d.keys()` (0) or `d.values()` (1) as an argument; `None` when `arg` is neither.
    pub fn dict_view_arg(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Option<(Expr, u8)>> {
        let ast::Expr::Call(call) = arg else { return None };
        let ast::Expr::Attribute(attr) = &*call.func else { return None };
        let which = match attr.attr.id.as_str() {
            "keys" => 0,
            "values" => 1,
            "items" => 2,
            _ => return None,
        };
        if !call.arguments.args.is_empty() {
            return None;
        }
        let d = self.expr(ctx, &attr.value).map(Self::counter_as_dict);
        match d {
            Some(d) if matches!(d.ty.kind(), TyKind::Dict(..)) => Some(Some((d, which))),
            Some(d) => {
                self.report(diag::unknown_method(attr.attr.range(), &d.ty, attr.attr.id.as_str()));
                Some(None)
            }
            None => Some(None),
        }
    }
}

/// Set methods whose arguments are sets of the receiver's type: the IR method, the exact
/// argument count (`None`: any number, CPython's `*others`), and the result type.
fn set_method_taking_sets(name: &str, set_ty: &Ty) -> Option<(Method, Option<usize>, Ty)> {
    use Method as M;
    Some(match name {
        "union" => (M::SetUnion, None, *set_ty),
        "intersection" => (M::SetIntersection, None, *set_ty),
        "difference" => (M::SetDifference, None, *set_ty),
        "symmetric_difference" => (M::SetSymmetricDifference, Some(1), *set_ty),
        "update" => (M::SetUpdate, None, Ty::NONE),
        "intersection_update" => (M::SetIntersectionUpdate, None, Ty::NONE),
        "difference_update" => (M::SetDifferenceUpdate, None, Ty::NONE),
        "symmetric_difference_update" => (M::SetSymmetricDifferenceUpdate, Some(1), Ty::NONE),
        "issuperset" => (M::SetIsSuperset, Some(1), Ty::BOOL),
        "isdisjoint" => (M::SetIsDisjoint, Some(1), Ty::BOOL),
        _ => return None,
    })
}

/// `s | t`, `s & t`, `s - t`, `s ^ t`: the method that takes CPython's path for the operator.
pub fn set_operator_method(op: ast::Operator) -> Option<Method> {
    match op {
        ast::Operator::BitOr => Some(Method::SetUnion),
        ast::Operator::BitAnd => Some(Method::SetIntersection),
        ast::Operator::Sub => Some(Method::SetDifference),
        ast::Operator::BitXor => Some(Method::SetSymmetricDifference),
        _ => None,
    }
}

/// `s |= t`, `s &= t`, `s -= t`, `s ^= t`: the in-place method CPython's operator calls.
pub fn set_inplace_method(op: ast::Operator) -> Option<Method> {
    match op {
        ast::Operator::BitOr => Some(Method::SetUpdate),
        ast::Operator::BitAnd => Some(Method::SetIntersectionUpdate),
        ast::Operator::Sub => Some(Method::SetDifferenceUpdate),
        ast::Operator::BitXor => Some(Method::SetSymmetricDifferenceUpdate),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    /// `any(genexp)` and `all(genexp)`: a loop that stops at the first item deciding it.
    Any,
    All,
}

/// One `for ... in ... if ...` of a comprehension, checked: its targets, the statements
/// that unpack into them, its iterable and its conditions.
type CompLevel = (Vec<Place>, Vec<Stmt>, Iter, Vec<Expr>);

fn target_names(target: &ast::Expr) -> Vec<String> {
    match target {
        ast::Expr::Name(n) => vec![n.id.to_string()],
        ast::Expr::Tuple(t) => t.elts.iter().flat_map(target_names).collect(),
        _ => Vec::new(),
    }
}

/// `[]`, `{}`, `list()`, `set()`, `dict()`.
pub fn is_empty_literal(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::List(l) => l.elts.is_empty(),
        ast::Expr::Dict(d) => d.items.is_empty(),
        ast::Expr::Call(c) => is_empty_constructor(c),
        _ => false,
    }
}

fn default_empty_type(e: &ast::Expr) -> Ty {
    match e {
        ast::Expr::Dict(_) => Ty::dict(Ty::INT, Ty::INT),
        ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "set") => Ty::set(Ty::INT),
        ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "dict") => Ty::dict(Ty::INT, Ty::INT),
        _ => Ty::list(Ty::INT),
    }
}

fn is_empty_constructor(call: &ast::ExprCall) -> bool {
    call.arguments.args.is_empty() && call.arguments.keywords.is_empty() && matches!(&*call.func, ast::Expr::Name(n) if matches!(n.id.as_str(), "list" | "set" | "dict"))
}

/// The dict a view (`Ty::dict_view`) shows: the same object, typed as the dict.
fn view_dict(view: Expr) -> Expr {
    let TyKind::DictView(_, dict) = view.ty.kind() else { return view };
    let line = view.line;
    Expr { kind: ExprKind::Builtin(Builtin::ViewDict, vec![view]), ty: *dict, line }
}

/// The items a view (`Ty::dict_view`) shows, as a new list.
fn view_list(view: Expr) -> Option<Expr> {
    let TyKind::DictView(which, dict) = view.ty.kind() else { return None };
    let (k, v) = dict.dict_types()?;
    let (m, elem) = match which {
        0 => (Method::DictKeysList, k),
        1 => (Method::DictValuesList, v),
        _ => (Method::DictItemsList, Ty::tuple(vec![k, v])),
    };
    let line = view.line;
    Some(Expr { kind: ExprKind::Method(m, vec![view_dict(view)]), ty: Ty::list(elem), line })
}

/// Whether `list` is a list an iterator (a generator, `map`, ...) was drained into
/// (`iter_to_list` over `Iter::Gen`): its items were all made, with whatever making them
/// prints, before a consumer such as `min` compares them.
pub(crate) fn drains_iterator(list: &Expr) -> bool {
    let ExprKind::Block(stmts, _) = &list.kind else { return false };
    stmts.iter().any(|s| matches!(s, Stmt::ForIter { iter: Iter::Gen(_), .. }))
}
