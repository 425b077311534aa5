//! Lowering of str, list, dict and set expressions: literals, subscripts,
//! slices, `in`, methods, comprehensions and the iterables of `for`.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, CaseMap, ExprKind, Iter, Method, Place, SetBuild, Stmt, StrClass};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::Ty;

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    /// Lowers `e` where a value of type `expected` is wanted: this is how empty
    /// literals (`[]`, `{}`) and comprehensions learn their type.
    pub fn expr_expect(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, expected: Option<&Ty>) -> Option<Expr> {
        let line = self.line(e.range());
        match e {
            ast::Expr::List(list) => {
                let elem = match expected {
                    Some(Ty::List(elem)) => Some(&**elem),
                    _ => None,
                };
                let items = self.items(ctx, &list.elts, elem, e.range(), "list")?;
                Some(Expr { kind: ExprKind::ListLit(items.0), ty: Ty::list(items.1), line })
            }
            ast::Expr::Set(set) => {
                let elem = match expected {
                    Some(Ty::Set(elem)) => Some(&**elem),
                    _ => None,
                };
                let (items, elem) = self.items(ctx, &set.elts, elem, e.range(), "set")?;
                if !elem.is_hashable() {
                    self.report(diag::unhashable(e.range(), &elem));
                    return None;
                }
                let all_constant = items.iter().all(|i| matches!(i.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::Str(_)));
                let build = if all_constant && items.len() >= 3 { SetBuild::ConstantLiteral } else { SetBuild::Items };
                if build != SetBuild::Items {
                    self.record_set_constant(e.range().start(), &items);
                }
                Some(Expr { kind: ExprKind::SetLit { items, build }, ty: Ty::Set(Box::new(elem)), line })
            }
            ast::Expr::Dict(dict) => self.dict_literal(ctx, dict, expected, line),
            ast::Expr::ListComp(comp) => self.comprehension(ctx, CompKind::List, &comp.elt, None, &comp.generators, expected, line),
            ast::Expr::SetComp(comp) => self.comprehension(ctx, CompKind::Set, &comp.elt, None, &comp.generators, expected, line),
            ast::Expr::DictComp(comp) => match comp.key.as_deref() {
                Some(key) => self.comprehension(ctx, CompKind::Dict, key, Some(&comp.value), &comp.generators, expected, line),
                None => {
                    self.report(diag::unsupported(e.range(), "`**` in a dict comprehension", "build the dict with a loop"));
                    None
                }
            },
            ast::Expr::Call(call) if expected.is_some() && is_empty_constructor(call) => {
                let name = match &*call.func {
                    ast::Expr::Name(n) => n.id.as_str(),
                    _ => "",
                };
                match (name, expected) {
                    ("list", Some(ty @ Ty::List(_))) => Some(Expr { kind: ExprKind::ListLit(Vec::new()), ty: ty.clone(), line }),
                    ("set", Some(ty @ Ty::Set(_))) => Some(Expr { kind: ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items }, ty: ty.clone(), line }),
                    ("dict", Some(ty @ Ty::Dict(..))) => Some(Expr { kind: ExprKind::DictLit(Vec::new()), ty: ty.clone(), line }),
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
            (Some(ty), _) => ty.clone(),
            (None, Some(first)) => first.ty.clone(),
            // An empty literal nothing constrains (`len([])`, `print([])`): any element type
            // behaves the same; assignments of empty literals need an annotation (see stmt.rs).
            (None, None) => {
                let _ = range;
                Ty::Int
            }
        };
        if let Some((bad, elt)) = items.iter().zip(elts).find(|(item, _)| item.ty != elem) {
            self.report(diag::heterogeneous(elt.range(), what, &elem, &bad.ty));
            return None;
        }
        Some((items, elem))
    }

    fn dict_literal(&mut self, ctx: &mut FnCtx, dict: &'a ast::ExprDict, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let (mut key_ty, mut value_ty) = match expected {
            Some(Ty::Dict(k, v)) => (Some((**k).clone()), Some((**v).clone())),
            _ => (None, None),
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
                None => key_ty = Some(key.ty.clone()),
                Some(k) if *k != key.ty => {
                    self.report(diag::heterogeneous(key_expr.range(), "dict key", k, &key.ty));
                    return None;
                }
                _ => {}
            }
            match &value_ty {
                None => value_ty = Some(value.ty.clone()),
                Some(v) if *v != value.ty => {
                    self.report(diag::heterogeneous(item.value.range(), "dict value", v, &value.ty));
                    return None;
                }
                _ => {}
            }
            pairs.push((key, value));
        }
        let (key_ty, value_ty) = (key_ty.unwrap_or(Ty::Int), value_ty.unwrap_or(Ty::Int));
        if !key_ty.is_hashable() {
            self.report(diag::unhashable(dict.range(), &key_ty));
            return None;
        }
        Some(Expr { kind: ExprKind::DictLit(pairs), ty: Ty::Dict(Box::new(key_ty), Box::new(value_ty)), line })
    }

    /// `value[index]` and `value[a:b:c]`.
    pub fn subscript(&mut self, ctx: &mut FnCtx, sub: &'a ast::ExprSubscript) -> Option<Expr> {
        let line = self.line(sub.range());
        let value = self.expr(ctx, &sub.value)?;
        if let ast::Expr::Slice(slice) = &*sub.slice {
            if !matches!(value.ty, Ty::List(_) | Ty::Str) {
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
            let ty = value.ty.clone();
            return Some(Expr { kind: ExprKind::Slice { value: Box::new(value), start, stop, step }, ty, line });
        }
        let (index, ty) = match &value.ty {
            Ty::List(elem) => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "list index")?, (**elem).clone())
            }
            Ty::Str => {
                let index = self.expr(ctx, &sub.slice)?;
                (self.expect_int(index, sub.slice.range(), "string index")?, Ty::Str)
            }
            Ty::Dict(key, val) => {
                let (key, val) = ((**key).clone(), (**val).clone());
                let index = self.expr_expect(ctx, &sub.slice, Some(&key))?;
                if index.ty != key {
                    self.report(diag::arg_mismatch(sub.slice.range(), "dict key", &key, &index.ty));
                    return None;
                }
                (index, val)
            }
            other => {
                self.report(diag::not_subscriptable(sub.value.range(), other));
                return None;
            }
        };
        Some(Expr { kind: ExprKind::GetItem(Box::new(value), Box::new(index)), ty, line })
    }

    /// `item in container` (the caller negates for `not in`).
    pub fn contains(&mut self, item: Expr, container: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let ok = match &container.ty {
            Ty::Str => item.ty == Ty::Str,
            Ty::List(e) | Ty::Set(e) => **e == item.ty,
            Ty::Dict(k, _) => **k == item.ty,
            _ => false,
        };
        if !ok {
            self.report(diag::bad_operands(range, "in", &item.ty, &container.ty));
            return None;
        }
        Some(Expr { kind: ExprKind::Contains { container: Box::new(container), item: Box::new(item) }, ty: Ty::Bool, line })
    }

    /// `receiver.name(args)` for str, list, dict and set receivers.
    pub fn method_call(&mut self, ctx: &mut FnCtx, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let receiver = self.expr(ctx, &attr.value)?;
        let name = attr.attr.id.as_str();
        let rty = receiver.ty.clone();
        let arg_exprs = &call.arguments.args;
        let mut reverse = false;
        for keyword in call.arguments.keywords.iter() {
            match (keyword.arg.as_ref().map(|a| a.id.as_str()), name) {
                (Some("reverse"), "sort") => reverse = self.const_bool(ctx, &keyword.value)?,
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", "pass the arguments by position"));
                    return None;
                }
            }
        }
        let elem = match &rty {
            Ty::List(e) | Ty::Set(e) => Some((**e).clone()),
            _ => None,
        };
        let (key_ty, val_ty) = match &rty {
            Ty::Dict(k, v) => (Some((**k).clone()), Some((**v).clone())),
            _ => (None, None),
        };
        if let (Ty::Set(_), Some((method, exact, ret))) = (&rty, set_method_taking_sets(name, &rty)) {
            return self.set_method_with_sets(ctx, receiver, method, exact, ret, attr, call, line);
        }
        use Method as M;
        // (method, parameter types, required count, result type)
        let str_ty = Ty::Str;
        let sig: Option<(Method, Vec<Ty>, usize, Ty)> = match (&rty, name) {
            (Ty::Str, "split") => Some((M::StrSplit, vec![str_ty.clone()], 0, Ty::list(Ty::Str))),
            (Ty::Str, "join") => Some((M::StrJoin, vec![Ty::list(Ty::Str)], 1, Ty::Str)),
            (Ty::Str, "strip") => Some((M::StrStrip(3), vec![str_ty.clone()], 0, Ty::Str)),
            (Ty::Str, "lstrip") => Some((M::StrStrip(1), vec![str_ty.clone()], 0, Ty::Str)),
            (Ty::Str, "rstrip") => Some((M::StrStrip(2), vec![str_ty.clone()], 0, Ty::Str)),
            (Ty::Str, "lower") => Some((M::StrCase(CaseMap::Lower), vec![], 0, Ty::Str)),
            (Ty::Str, "upper") => Some((M::StrCase(CaseMap::Upper), vec![], 0, Ty::Str)),
            (Ty::Str, "casefold") => Some((M::StrCase(CaseMap::Casefold), vec![], 0, Ty::Str)),
            (Ty::Str, "title") => Some((M::StrCase(CaseMap::Title), vec![], 0, Ty::Str)),
            (Ty::Str, "capitalize") => Some((M::StrCase(CaseMap::Capitalize), vec![], 0, Ty::Str)),
            (Ty::Str, "swapcase") => Some((M::StrCase(CaseMap::Swapcase), vec![], 0, Ty::Str)),
            (Ty::Str, "replace") => Some((M::StrReplace, vec![Ty::Str, Ty::Str], 2, Ty::Str)),
            (Ty::Str, "find") => Some((M::StrFind, vec![Ty::Str], 1, Ty::Int)),
            (Ty::Str, "count") => Some((M::StrCount, vec![Ty::Str], 1, Ty::Int)),
            (Ty::Str, "startswith") => Some((M::StrStartsWith, vec![Ty::Str], 1, Ty::Bool)),
            (Ty::Str, "endswith") => Some((M::StrEndsWith, vec![Ty::Str], 1, Ty::Bool)),
            (Ty::Str, "isdigit") => Some((M::StrIs(StrClass::Digit), vec![], 0, Ty::Bool)),
            (Ty::Str, "isalpha") => Some((M::StrIs(StrClass::Alpha), vec![], 0, Ty::Bool)),
            (Ty::Str, "isspace") => Some((M::StrIs(StrClass::Space), vec![], 0, Ty::Bool)),
            (Ty::Str, "isdecimal") => Some((M::StrIs(StrClass::Decimal), vec![], 0, Ty::Bool)),
            (Ty::Str, "isnumeric") => Some((M::StrIs(StrClass::Numeric), vec![], 0, Ty::Bool)),
            (Ty::Str, "isalnum") => Some((M::StrIs(StrClass::Alnum), vec![], 0, Ty::Bool)),
            (Ty::Str, "isupper") => Some((M::StrIs(StrClass::Upper), vec![], 0, Ty::Bool)),
            (Ty::Str, "islower") => Some((M::StrIs(StrClass::Lower), vec![], 0, Ty::Bool)),
            (Ty::Str, "istitle") => Some((M::StrIs(StrClass::Title), vec![], 0, Ty::Bool)),
            (Ty::Str, "isprintable") => Some((M::StrIs(StrClass::Printable), vec![], 0, Ty::Bool)),
            (Ty::List(_), "append") => Some((M::ListAppend, vec![elem.clone()?], 1, Ty::None)),
            (Ty::List(_), "pop") => Some((M::ListPop, vec![Ty::Int], 0, elem.clone()?)),
            (Ty::List(_), "insert") => Some((M::ListInsert, vec![Ty::Int, elem.clone()?], 2, Ty::None)),
            (Ty::List(_), "extend") => Some((M::ListExtend, vec![rty.clone()], 1, Ty::None)),
            (Ty::List(_), "remove") => Some((M::ListRemove, vec![elem.clone()?], 1, Ty::None)),
            (Ty::List(_), "index") => Some((M::ListIndex, vec![elem.clone()?], 1, Ty::Int)),
            (Ty::List(_), "count") => Some((M::ListCount, vec![elem.clone()?], 1, Ty::Int)),
            (Ty::List(_), "sort") => Some((M::ListSort { reverse }, vec![], 0, Ty::None)),
            (Ty::List(_), "reverse") => Some((M::ListReverse, vec![], 0, Ty::None)),
            (Ty::List(_), "copy") => Some((M::ListCopy, vec![], 0, rty.clone())),
            (Ty::Dict(..), "get") => Some((M::DictGet, vec![key_ty.clone()?, val_ty.clone()?], 2, val_ty.clone()?)),
            (Ty::Dict(..), "pop") => Some((M::DictPop, vec![key_ty.clone()?, val_ty.clone()?], 1, val_ty.clone()?)),
            (Ty::Dict(..), "setdefault") => Some((M::DictSetDefault, vec![key_ty.clone()?, val_ty.clone()?], 2, val_ty.clone()?)),
            (Ty::Dict(..), "update") => Some((M::DictUpdate, vec![rty.clone()], 1, Ty::None)),
            (Ty::Dict(..), "copy") => Some((M::DictCopy, vec![], 0, rty.clone())),
            (Ty::Set(_), "add") => Some((M::SetAdd, vec![elem.clone()?], 1, Ty::None)),
            (Ty::Set(_), "remove") => Some((M::SetRemove, vec![elem.clone()?], 1, Ty::None)),
            (Ty::Set(_), "discard") => Some((M::SetDiscard, vec![elem.clone()?], 1, Ty::None)),
            (Ty::Set(_), "issubset") => Some((M::SetIsSubset, vec![rty.clone()], 1, Ty::Bool)),
            (Ty::Set(_), "copy") => Some((M::SetCopy, vec![], 0, rty.clone())),
            (Ty::Set(_), "pop") => Some((M::SetPop, vec![], 0, elem.clone()?)),
            (Ty::Set(_), "clear") => Some((M::SetClear, vec![], 0, Ty::None)),
            _ => None,
        };
        let Some((method, params, required, ret)) = sig else {
            if matches!(rty, Ty::Dict(..)) && matches!(name, "keys" | "values" | "items") {
                self.report(diag::dict_view_position(attr.range(), name));
            } else {
                self.report(diag::unknown_method(attr.attr.range(), &rty, name));
            }
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
            let arg = self.expr_expect(ctx, arg_expr, Some(param))?;
            let arg = if *param == Ty::Int { self.expect_int(arg, arg_expr.range(), &format!("{name}() argument"))? } else { arg };
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
        let rty = receiver.ty.clone();
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

    /// The iterable of a `for` loop or comprehension generator.
    pub fn iterable(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<(Iter, Vec<Ty>)> {
        if let ast::Expr::Call(call) = e {
            if call.arguments.keywords.is_empty() {
                if let ast::Expr::Name(n) = &*call.func {
                    if self.func_by_name.get(n.id.as_str()).is_none() && !ctx.local_by_name.contains_key(n.id.as_str()) {
                        match (n.id.as_str(), &*call.arguments.args) {
                            ("range", args) if (1..=3).contains(&args.len()) => {
                                let mut values = Vec::new();
                                for arg in args.iter() {
                                    let v = self.expr(ctx, arg)?;
                                    values.push(self.expect_int(v, arg.range(), "range() argument")?);
                                }
                                let line = self.line(e.range());
                                let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::Int, line };
                                let mut it = values.into_iter();
                                let (start, stop, step) = match args.len() {
                                    1 => (int(0), it.next()?, int(1)),
                                    2 => (it.next()?, it.next()?, int(1)),
                                    _ => (it.next()?, it.next()?, it.next()?),
                                };
                                return Some((Iter::Range { start, stop, step }, vec![Ty::Int]));
                            }
                            ("enumerate", [inner]) | ("enumerate", [inner, _]) => {
                                let (iter, tys) = self.iterable(ctx, inner)?;
                                if tys.len() != 1 {
                                    self.report(diag::unsupported(inner.range(), "nested tuple targets", "iterate with separate loops"));
                                    return None;
                                }
                                let line = self.line(e.range());
                                let start = match call.arguments.args.get(1) {
                                    Some(s) => {
                                        let v = self.expr(ctx, s)?;
                                        self.expect_int(v, s.range(), "enumerate() start")?
                                    }
                                    None => Expr { kind: ExprKind::Int(0), ty: Ty::Int, line },
                                };
                                return Some((Iter::Enumerate(Box::new(iter), start), vec![Ty::Int, tys[0].clone()]));
                            }
                            ("zip", [a, b]) => {
                                let (ia, ta) = self.iterable(ctx, a)?;
                                let (ib, tb) = self.iterable(ctx, b)?;
                                if ta.len() != 1 || tb.len() != 1 {
                                    self.report(diag::unsupported(e.range(), "nested tuple targets", "iterate with separate loops"));
                                    return None;
                                }
                                return Some((Iter::Zip(Box::new(ia), Box::new(ib)), vec![ta[0].clone(), tb[0].clone()]));
                            }
                            ("reversed", [inner]) => {
                                let v = self.list_of(ctx, inner)?;
                                return match v.ty.clone() {
                                    Ty::List(elem) => Some((Iter::Reversed(v), vec![*elem])),
                                    other => {
                                        self.report(diag::not_iterable(inner.range(), &other));
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
                        let d = self.expr(ctx, &attr.value)?;
                        if let Ty::Dict(k, v) = d.ty.clone() {
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
        let mut value = self.expr(ctx, e)?;
        if let ExprKind::SetLit { items, build } = &mut value.kind {
            if !items.is_empty() && items.iter().all(|i| matches!(i.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::Str(_))) {
                *build = SetBuild::FrozenConstant;
                let start = e.range().start();
                let items: Vec<ir::ConstItem> = items.iter().filter_map(ir::ConstItem::of).collect();
                self.set_constants.push(ir::SetConstant { offset: start.into(), items });
            }
        }
        match value.ty.clone() {
            Ty::List(elem) => Some((Iter::List(value), vec![*elem])),
            Ty::Str => Some((Iter::Str(value), vec![Ty::Str])),
            Ty::Set(elem) => Some((Iter::Set(value), vec![*elem])),
            Ty::Dict(k, _) => Some((Iter::DictKeys(value), vec![*k])),
            other => {
                self.report(diag::not_iterable(e.range(), &other));
                None
            }
        }
    }

    /// Binds the targets of a `for` (a name, or a tuple of names for items/enumerate/zip).
    pub fn bind_targets(&mut self, ctx: &mut FnCtx, target: &'a ast::Expr, tys: &[Ty]) -> Option<Vec<Place>> {
        let names: Vec<&ast::ExprName> = match target {
            ast::Expr::Name(n) => vec![n],
            ast::Expr::Tuple(t) => {
                let mut names = Vec::new();
                for elt in &t.elts {
                    let ast::Expr::Name(n) = elt else {
                        self.report(diag::unsupported(elt.range(), "nested unpacking targets", "unpack into plain names"));
                        return None;
                    };
                    names.push(n);
                }
                names
            }
            other => {
                self.report(self.unsupported_target(other));
                return None;
            }
        };
        if names.len() != tys.len() {
            self.report(diag::unpack_mismatch(target.range(), tys.len(), names.len()));
            return None;
        }
        let mut places = Vec::new();
        for (name, ty) in names.into_iter().zip(tys) {
            places.push(self.bind_name(ctx, name, None, Some(ty), target.range())?);
        }
        Some(places)
    }

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
        let result = self.comprehension_body(ctx, kind, elt, value, generators, expected, line);
        ctx.comp_scope.truncate(scope_len);
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
        let mut levels = Vec::new();
        for generator in generators {
            if generator.is_async {
                self.report(diag::unsupported(generator.range(), "async comprehensions", "use an ordinary comprehension"));
                return None;
            }
            let (iter, tys) = self.iterable(ctx, &generator.iter)?;
            let targets = self.bind_targets(ctx, &generator.target, &tys)?;
            let mut conds = Vec::new();
            for cond in &generator.ifs {
                conds.push(self.cond(ctx, cond)?);
            }
            levels.push((targets, iter, conds));
        }
        let (elt_expected, value_expected) = match (kind, expected) {
            (CompKind::List, Some(Ty::List(e))) | (CompKind::Set, Some(Ty::Set(e))) => (Some((**e).clone()), None),
            (CompKind::Dict, Some(Ty::Dict(k, v))) => (Some((**k).clone()), Some((**v).clone())),
            _ => (None, None),
        };
        let item = self.expr_expect(ctx, elt, elt_expected.as_ref())?;
        let item_value = match value {
            Some(v) => Some(self.expr_expect(ctx, v, value_expected.as_ref())?),
            None => None,
        };
        let ty = match kind {
            CompKind::List => Ty::list(item.ty.clone()),
            CompKind::Set => Ty::Set(Box::new(item.ty.clone())),
            CompKind::Dict => Ty::Dict(Box::new(item.ty.clone()), Box::new(item_value.as_ref()?.ty.clone())),
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
        let result = ctx.add_local(&format!("<comp{}>", ctx.locals.len()), ty.clone());
        let result_place = Place::Local(result);
        let load = |ty: &Ty| Expr { kind: ExprKind::Load(result_place), ty: ty.clone(), line };
        let add = match kind {
            CompKind::List => Stmt::Expr(Expr { kind: ExprKind::Method(Method::ListAppend, vec![load(&ty), item]), ty: Ty::None, line }),
            CompKind::Set => Stmt::Expr(Expr { kind: ExprKind::Method(Method::SetAdd, vec![load(&ty), item]), ty: Ty::None, line }),
            CompKind::Dict => Stmt::SetItem { container: load(&ty), index: item, value: item_value?, line },
        };
        let mut body = vec![add];
        for (targets, iter, conds) in levels.into_iter().rev() {
            for cond in conds.into_iter().rev() {
                body = vec![Stmt::If { cond, then: body, orelse: Vec::new() }];
            }
            body = vec![Stmt::ForIter { targets, iter, body, orelse: Vec::new(), line }];
        }
        let empty = match kind {
            CompKind::List => ExprKind::ListLit(Vec::new()),
            CompKind::Set => ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items },
            CompKind::Dict => ExprKind::DictLit(Vec::new()),
        };
        let mut stmts = vec![Stmt::Assign { place: result_place, value: Expr { kind: empty, ty: ty.clone(), line } }];
        stmts.extend(body);
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(load(&ty))), ty, line })
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
                if let Some(view) = self.dict_view_arg(ctx, arg) {
                    let (d, _) = view?;
                    return mk(ExprKind::Builtin(Builtin::Len, vec![d]), Ty::Int);
                }
                let v = self.expr(ctx, arg)?;
                if !v.ty.is_heap() {
                    self.report(diag::arg_mismatch(arg.range(), "len() argument", &Ty::Str, &v.ty));
                    return Some(None);
                }
                mk(ExprKind::Builtin(Builtin::Len, vec![v]), Ty::Int)
            }
            "str" | "repr" => {
                if args_ast.is_empty() && id == "str" {
                    return mk(ExprKind::Str(String::new()), Ty::Str);
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                let b = if id == "str" { Builtin::StrOf } else { Builtin::ReprOf };
                mk(ExprKind::Builtin(b, vec![v]), Ty::Str)
            }
            "sum" => {
                if args_ast.is_empty() || args_ast.len() > 2 {
                    self.report(diag::bad_arity(call.arguments.range(), id, "1 or 2", args_ast.len()));
                    return Some(None);
                }
                let v = self.list_of(ctx, &args_ast[0])?;
                let elem = match &v.ty {
                    Ty::List(e) if matches!(**e, Ty::Int | Ty::Float) => (**e).clone(),
                    other => {
                        self.report(diag::arg_mismatch(args_ast[0].range(), "sum() argument", &Ty::list(Ty::Int), other));
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
                    // Only a non-empty display is certain to hold a float.
                    None if elem == Ty::Float && !self.provably_nonempty(ctx, &args_ast[0]) => {
                        self.report(diag::sum_float_without_start(args_ast[0].range()));
                        return Some(None);
                    }
                    None => Expr { kind: ExprKind::Int(0), ty: Ty::Int, line },
                };
                mk(ExprKind::Builtin(Builtin::Sum, vec![v, start]), elem)
            }
            "sorted" => {
                let mut reverse = false;
                for keyword in call.arguments.keywords.iter() {
                    if keyword.arg.as_ref().map(|a| a.id.as_str()) == Some("reverse") {
                        reverse = self.const_bool(ctx, &keyword.value)?;
                    } else {
                        self.report(diag::unsupported(keyword.range(), "this keyword argument", "`key=` arrives with lambdas (Tier 2)"));
                        return Some(None);
                    }
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.list_of(ctx, arg)?;
                let ty = v.ty.clone();
                mk(ExprKind::Builtin(Builtin::Sorted { reverse }, vec![v]), ty)
            }
            "any" | "all" => {
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.list_of(ctx, arg)?;
                mk(ExprKind::Builtin(if id == "any" { Builtin::Any } else { Builtin::All }, vec![v]), Ty::Bool)
            }
            "ord" => {
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                if v.ty != Ty::Str {
                    self.report(diag::arg_mismatch(arg.range(), "ord() argument", &Ty::Str, &v.ty));
                    return Some(None);
                }
                mk(ExprKind::Builtin(Builtin::Ord, vec![v]), Ty::Int)
            }
            "chr" => {
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                let v = self.expect_int(v, arg.range(), "chr() argument")?;
                mk(ExprKind::Builtin(Builtin::Chr, vec![v]), Ty::Str)
            }
            "list" => {
                if args_ast.is_empty() {
                    return mk(ExprKind::ListLit(Vec::new()), Ty::list(Ty::Int));
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.list_of(ctx, arg)?;
                // list_of returns a list argument itself; list(x) must copy it.
                let is_same_list = !matches!(v.kind, ExprKind::Builtin(..) | ExprKind::Method(..));
                if !is_same_list {
                    return Some(Some(v));
                }
                let ty = v.ty.clone();
                mk(ExprKind::Builtin(Builtin::ListFromList, vec![v]), ty)
            }
            "set" => {
                if args_ast.is_empty() {
                    return mk(ExprKind::SetLit { items: Vec::new(), build: SetBuild::Items }, Ty::Set(Box::new(Ty::Int)));
                }
                let Some(arg) = one(self)? else { return Some(None) };
                let v = self.expr(ctx, arg)?;
                match v.ty.clone() {
                    Ty::List(e) if e.is_hashable() => mk(ExprKind::Builtin(Builtin::SetFromList, vec![v]), Ty::Set(e)),
                    Ty::Str => mk(ExprKind::Builtin(Builtin::SetFromStr, vec![v]), Ty::Set(Box::new(Ty::Str))),
                    Ty::Set(e) => mk(ExprKind::Method(Method::SetCopy, vec![v]), Ty::Set(e)),
                    Ty::Dict(k, _) => mk(ExprKind::Builtin(Builtin::SetFromDict, vec![v]), Ty::Set(k)),
                    other => {
                        self.report(diag::arg_mismatch(arg.range(), "set() argument", &Ty::list(Ty::Int), &other));
                        Some(None)
                    }
                }
            }
            "dict" if args_ast.is_empty() => mk(ExprKind::DictLit(Vec::new()), default_empty_type(&ast::Expr::Dict(ast::ExprDict { node_index: Default::default(), range: call.range(), items: Vec::new() }))),
            "dict" => {
                self.report(diag::unsupported(call.range(), "dict() with arguments", "use a dict literal or comprehension"));
                Some(None)
            }
            _ => None,
        }
    }

    /// An argument that must be a list: lists as they are, and str, set, dict (keys)
    /// and `d.keys()`/`d.values()` converted to a new list.
    pub fn list_of(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Expr> {
        let line = self.line(arg.range());
        if let Some(view) = self.dict_view_arg(ctx, arg) {
            let (d, which) = view?;
            let (Ty::Dict(k, v), method) = (d.ty.clone(), which) else { return None };
            let (m, elem) = if method == 0 { (Method::DictKeysList, *k) } else { (Method::DictValuesList, *v) };
            return Some(Expr { kind: ExprKind::Method(m, vec![d]), ty: Ty::list(elem), line });
        }
        if let ast::Expr::Call(call) = arg {
            let is_range = matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "range" && self.func_by_name.get("range").is_none());
            if is_range {
                let (Iter::Range { start, stop, step }, _) = self.iterable(ctx, arg)? else { return None };
                return Some(Expr { kind: ExprKind::Builtin(Builtin::RangeList, vec![start, stop, step]), ty: Ty::list(Ty::Int), line });
            }
        }
        let v = self.expr(ctx, arg)?;
        match v.ty.clone() {
            Ty::List(_) => Some(v),
            Ty::Str => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromStr, vec![v]), ty: Ty::list(Ty::Str), line }),
            Ty::Set(e) => Some(Expr { kind: ExprKind::Builtin(Builtin::ListFromSet, vec![v]), ty: Ty::list(*e), line }),
            Ty::Dict(k, _) => Some(Expr { kind: ExprKind::Method(Method::DictKeysList, vec![v]), ty: Ty::list(*k), line }),
            other => {
                self.report(diag::not_iterable(arg.range(), &other));
                None
            }
        }
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
            _ => crate::check::nonempty::is_nonempty_display(arg),
        }
    }

    /// `d.keys()` (0) or `d.values()` (1) as an argument; `None` when `arg` is neither.
    pub fn dict_view_arg(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Option<(Expr, u8)>> {
        let ast::Expr::Call(call) = arg else { return None };
        let ast::Expr::Attribute(attr) = &*call.func else { return None };
        let which = match attr.attr.id.as_str() {
            "keys" => 0,
            "values" => 1,
            _ => return None,
        };
        if !call.arguments.args.is_empty() {
            return None;
        }
        let d = self.expr(ctx, &attr.value);
        match d {
            Some(d) if matches!(d.ty, Ty::Dict(..)) => Some(Some((d, which))),
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
        "union" => (M::SetUnion, None, set_ty.clone()),
        "intersection" => (M::SetIntersection, None, set_ty.clone()),
        "difference" => (M::SetDifference, None, set_ty.clone()),
        "symmetric_difference" => (M::SetSymmetricDifference, Some(1), set_ty.clone()),
        "update" => (M::SetUpdate, None, Ty::None),
        "intersection_update" => (M::SetIntersectionUpdate, None, Ty::None),
        "difference_update" => (M::SetDifferenceUpdate, None, Ty::None),
        "symmetric_difference_update" => (M::SetSymmetricDifferenceUpdate, Some(1), Ty::None),
        "issuperset" => (M::SetIsSuperset, Some(1), Ty::Bool),
        "isdisjoint" => (M::SetIsDisjoint, Some(1), Ty::Bool),
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

#[derive(Debug, Clone, Copy)]
enum CompKind {
    List,
    Set,
    Dict,
}

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
        ast::Expr::Dict(_) => Ty::Dict(Box::new(Ty::Int), Box::new(Ty::Int)),
        ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "set") => Ty::Set(Box::new(Ty::Int)),
        ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "dict") => Ty::Dict(Box::new(Ty::Int), Box::new(Ty::Int)),
        _ => Ty::list(Ty::Int),
    }
}

fn is_empty_constructor(call: &ast::ExprCall) -> bool {
    call.arguments.args.is_empty() && call.arguments.keywords.is_empty() && matches!(&*call.func, ast::Expr::Name(n) if matches!(n.id.as_str(), "list" | "set" | "dict"))
}

