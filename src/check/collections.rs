//! `collections.deque`, and the functions of `heapq` and `bisect`.
//!
//! A deque is a type of its own (`TyKind::Deque`, a ring buffer in runtime/mg_deque.c);
//! `deque(xs)` and `d.extend(xs)` take the items as a list, made from any iterable `list()`
//! accepts (so `d.extend(d)` copies first, as CPython does). The heap and bisect functions
//! work on a `list[T]` in place, for `T` ordered by `<` (runtime/mg_heapq.c has CPython's
//! algorithms, so a heap list is in exactly CPython's order).

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, Builtin, ExprKind, Method, Place, Stmt};
use crate::check::keys::KeyFn;
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    /// The `collections` name a callee spells, where it is visible (`deque`, `collections.deque`).
    pub fn collections_callee(&self, ctx: &FnCtx, func: &ast::Expr) -> Option<&'static str> {
        match func {
            ast::Expr::Name(n) => match self.imported(ctx, n.id.as_str(), n.range().start())? {
                Imported::Member(Module::Collections, member) => Some(member),
                _ => None,
            },
            ast::Expr::Attribute(a) if self.module_of(ctx, &a.value) == Some(Module::Collections) => Module::Collections.member(a.attr.id.as_str()),
            _ => None,
        }
    }

    /// Whether a callee is a function of `collections`, `heapq` or `bisect`, which check
    /// their own keyword arguments.
    pub fn keyword_module_call(&self, ctx: &FnCtx, func: &ast::Expr) -> bool {
        let module = match func {
            ast::Expr::Name(n) => match self.imported(ctx, n.id.as_str(), n.range().start()) {
                Some(Imported::Member(m, _)) => Some(m),
                _ => None,
            },
            ast::Expr::Attribute(a) => self.module_of(ctx, &a.value),
            _ => None,
        };
        matches!(module, Some(Module::Collections | Module::Heapq | Module::Bisect | Module::Random))
    }

    /// A `collections` type in an annotation: `deque[T]`.
    pub fn resolve_collections_generic(&mut self, sub: &ast::ExprSubscript, name: &str) -> Option<Ty> {
        let params: Vec<&ast::Expr> = match &*sub.slice {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        match (name, params.as_slice()) {
            ("deque", [elem]) => Some(Ty::deque(self.resolve_annotation(elem)?)),
            ("Counter", [elem]) => {
                let elem_ty = self.resolve_annotation(elem)?;
                if !elem_ty.is_hashable() {
                    self.report(diag::unhashable(elem.range(), &elem_ty));
                    return None;
                }
                Some(Ty::counter(elem_ty))
            }
            // A defaultdict is a dict whose object carries a default factory, an OrderedDict
            // one marked ordered (`check::odict`).
            ("defaultdict" | "OrderedDict", [key, value]) => {
                let (key_ty, value_ty) = (self.resolve_annotation(key)?, self.resolve_annotation(value)?);
                if !key_ty.is_hashable() {
                    self.report(diag::unhashable(key.range(), &key_ty));
                    return None;
                }
                Some(Ty::dict(key_ty, value_ty))
            }
            _ => {
                self.report(diag::unknown_type(sub.range(), &format!("{name}[...]")));
                None
            }
        }
    }

    /// `deque()`, `deque(xs)`, `deque(maxlen=n)`, `deque(xs, n)`; `expected` (an annotation
    /// or the variable's type) gives the element type of an empty one.
    pub fn deque_new(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        if args.len() > 2 {
            self.report(diag::bad_arity(call.arguments.range(), "deque", "0 to 2", args.len()));
            return None;
        }
        let (mut iterable, mut maxlen) = (args.first(), args.get(1));
        for keyword in call.arguments.keywords.iter() {
            match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("maxlen") if maxlen.is_none() => maxlen = Some(&keyword.value),
                Some("iterable") if iterable.is_none() => iterable = Some(&keyword.value),
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", "deque() takes an iterable and `maxlen=`"));
                    return None;
                }
            }
        }
        let want = expected.and_then(|t| t.deque_elem());
        let items = match iterable {
            Some(arg) => Some(self.items_list(ctx, arg, want, "deque() argument")?),
            None => None,
        };
        let (maxlen, has_maxlen) = match maxlen {
            None | Some(ast::Expr::NoneLiteral(_)) => (Expr { kind: ExprKind::Int(0), ty: Ty::INT, line }, 0),
            Some(e) => {
                let v = self.expr(ctx, e)?;
                (self.expect_int(v, e.range(), "deque() maxlen")?, 1)
            }
        };
        let elem = match (items.as_ref().and_then(|l| l.ty.list_elem()), want) {
            (Some(e), _) | (None, Some(e)) => e,
            (None, None) => {
                self.report(diag::unsupported(call.range(), "an empty `deque()` whose element type nothing gives", "annotate the variable: `d: deque[int] = deque()`"));
                return None;
            }
        };
        let items = items.unwrap_or(Expr { kind: ExprKind::ListLit(Vec::new()), ty: Ty::list(elem), line });
        let has = Expr { kind: ExprKind::Int(has_maxlen), ty: Ty::INT, line };
        Some(Expr { kind: ExprKind::Builtin(Builtin::DequeFromList, vec![items, maxlen, has]), ty: Ty::deque(elem), line })
    }

    /// `defaultdict(factory)`, whose key and value types come from where it goes (an
    /// annotation, the variable's type).
    pub fn defaultdict_new(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let Some((key, value)) = expected.filter(|t| matches!(t.kind(), TyKind::Dict(..))).and_then(|t| t.dict_types()) else {
            self.report(diag::unsupported(call.range(), "a `defaultdict()` whose key and value types nothing gives", "annotate the variable: `d: defaultdict[str, int] = defaultdict(int)`"));
            return None;
        };
        let args = &call.arguments.args;
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "this keyword argument", "defaultdict() takes the default factory alone"));
            return None;
        }
        if args.len() != 1 {
            self.report(diag::unsupported(call.arguments.range(), "defaultdict() without a factory or with initial items", "write `defaultdict(factory)` and add the items after"));
            return None;
        }
        let mut spec = Vec::new();
        self.factory_spec(ctx, &args[0], value, &mut spec, line)?;
        Some(Expr { kind: ExprKind::Builtin(Builtin::DefaultDictNew, spec), ty: Ty::dict(key, value), line })
    }

    /// Appends the (kind, value, repr) of factory `f` for values of type `value` (and of
    /// the factories of the defaultdicts it makes) to `spec`: runtime/mg_defaultdict.c.
    fn factory_spec(&mut self, ctx: &mut FnCtx, f: &'a ast::Expr, value: Ty, spec: &mut Vec<Expr>, line: ir::Line) -> Option<()> {
        let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
        let text = |s: String| Expr { kind: ExprKind::Str(s), ty: Ty::STR, line };
        let refuse = |this: &mut Self, range: ruff_text_size::TextRange| {
            this.report(diag::unsupported(range, &format!("this default factory for values of type `{value}`"), "use `int`, `float`, `str`, `bool`, `list`, `set` or `dict`, or a lambda returning a constant, an empty container or another `defaultdict(...)`"));
            None
        };
        match f {
            ast::Expr::Name(n) if self.is_builtin_name(ctx, n.id.as_str()) && self.class_named(ctx, n.id.as_str()).is_none() => {
                let name = n.id.as_str();
                let fits = matches!((name, value.kind()), ("int", TyKind::Int) | ("float", TyKind::Float) | ("str", TyKind::Str) | ("bool", TyKind::Bool) | ("list", TyKind::List(_)) | ("set", TyKind::Set(_)) | ("dict", TyKind::Dict(..)));
                if !fits {
                    return refuse(self, f.range());
                }
                spec.extend([int(0), int(0), text(format!("<class '{name}'>"))]);
                Some(())
            }
            ast::Expr::Lambda(l) if l.parameters.as_ref().is_none_or(|p| p.is_empty()) => {
                let qualname = self.nested_qualname(ctx, "<lambda>");
                let body = &*l.body;
                // `lambda: defaultdict(...)`: a defaultdict of the value type, made with the inner factory.
                if let ast::Expr::Call(inner) = body {
                    if self.collections_callee(ctx, &inner.func) == Some("defaultdict") {
                        let TyKind::Dict(_, inner_value) = value.kind() else { return refuse(self, body.range()) };
                        let inner_value = *inner_value;
                        if inner.arguments.args.len() != 1 || !inner.arguments.keywords.is_empty() {
                            return refuse(self, body.range());
                        }
                        spec.extend([int(2 | 8), int(0), text(qualname)]);
                        return self.factory_spec(ctx, &inner.arguments.args[0], inner_value, spec, line);
                    }
                }
                let empty_container = match body {
                    ast::Expr::List(xs) => xs.elts.is_empty() && matches!(value.kind(), TyKind::List(_)),
                    ast::Expr::Dict(d) => d.items.is_empty() && matches!(value.kind(), TyKind::Dict(..)),
                    ast::Expr::Call(c) => {
                        let callee = match &*c.func {
                            ast::Expr::Name(n) if self.is_builtin_name(ctx, n.id.as_str()) => n.id.as_str(),
                            _ => "",
                        };
                        c.arguments.args.is_empty() && c.arguments.keywords.is_empty() && matches!((callee, value.kind()), ("list", TyKind::List(_)) | ("set", TyKind::Set(_)) | ("dict", TyKind::Dict(..)))
                    }
                    _ => false,
                };
                if empty_container {
                    spec.extend([int(8), int(0), text(qualname)]);
                    return Some(());
                }
                let constant = matches!(body, ast::Expr::NumberLiteral(_) | ast::Expr::StringLiteral(_) | ast::Expr::BooleanLiteral(_))
                    || matches!(body, ast::Expr::UnaryOp(u) if matches!(&*u.operand, ast::Expr::NumberLiteral(_)));
                if !constant || !matches!(value.kind(), TyKind::Int | TyKind::Float | TyKind::Str | TyKind::Bool) {
                    return refuse(self, body.range());
                }
                let v = self.expr_expect(ctx, body, Some(&value))?;
                let v = match (value.kind(), v.kind) {
                    (TyKind::Int, ExprKind::Int(i)) => int(i),
                    (TyKind::Float, ExprKind::Float(x)) => Expr { kind: ExprKind::Float(x), ty: Ty::FLOAT, line },
                    (TyKind::Float, ExprKind::Int(i)) if v.ty == Ty::INT => {
                        // CPython keeps the int: `lambda: 0` makes int values.
                        let _ = i;
                        return refuse(self, body.range());
                    }
                    (TyKind::Bool, ExprKind::Bool(b)) => int(b as i64),
                    (TyKind::Str, ExprKind::Str(s)) => text(s),
                    _ => return refuse(self, body.range()),
                };
                spec.extend([int(1 | 8), v, text(qualname)]);
                Some(())
            }
            _ => refuse(self, f.range()),
        }
    }

    /// A `Counter[T]` read where a dict is (`c[k]`, `k in c`, iteration, views, `get`, ...):
    /// the same object as a `dict[T, int]`; the runtime knows it is a Counter.
    pub fn counter_as_dict(e: Expr) -> Expr {
        match e.ty.kind() {
            TyKind::Counter(t) => Expr { ty: Ty::dict(*t, Ty::INT), ..e },
            _ => e,
        }
    }

    /// `Counter()`, `Counter(xs)` (any iterable `list()` takes), `Counter(c)` of a Counter.
    pub fn counter_new(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let want = match expected.map(|t| t.kind()) {
            Some(TyKind::Counter(t)) => Some(*t),
            _ => None,
        };
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "keyword arguments to Counter()", "count an iterable: `Counter(xs)`"));
            return None;
        }
        let args = &call.arguments.args;
        if args.len() > 1 {
            self.report(diag::bad_arity(call.arguments.range(), "Counter", "0 or 1", args.len()));
            return None;
        }
        let items = match args.first() {
            None => {
                let Some(elem) = want else {
                    self.report(diag::unsupported(call.range(), "an empty `Counter()` whose item type nothing gives", "annotate the variable: `c: Counter[str] = Counter()`"));
                    return None;
                };
                Expr { kind: ExprKind::ListLit(Vec::new()), ty: Ty::list(elem), line }
            }
            Some(arg) => {
                // A Counter's counts are copied (a dict's would be too: refused below).
                if let ast::Expr::Name(_) = arg {
                    let v = self.expr(ctx, arg)?;
                    if let TyKind::Counter(_) = v.ty.kind() {
                        let ty = v.ty;
                        return Some(Expr { kind: ExprKind::Method(Method::DictCopy, vec![v]), ty, line });
                    }
                }
                let list = self.items_list(ctx, arg, want, "Counter() argument")?;
                if let ExprKind::Method(Method::DictKeysList, _) = list.kind {
                    self.report(diag::unsupported(arg.range(), "Counter() of a dict", "CPython takes the dict's values as counts: build the Counter and `update` it"));
                    return None;
                }
                list
            }
        };
        let elem = items.ty.list_elem()?;
        if !elem.is_hashable() {
            self.report(diag::unhashable(call.range(), &elem));
            return None;
        }
        Some(Expr { kind: ExprKind::Builtin(Builtin::CounterNew, vec![items]), ty: Ty::counter(elem), line })
    }

    /// `c.elements()` as the argument of `list()`, `sorted()`, ... or the iterable of a `for`:
    /// the items repeated by their counts, as a list.
    pub fn counter_elements(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Option<Expr>> {
        let ast::Expr::Call(call) = arg else { return None };
        let ast::Expr::Attribute(attr) = &*call.func else { return None };
        if attr.attr.id.as_str() != "elements" || !call.arguments.args.is_empty() || !call.arguments.keywords.is_empty() || self.module_of(ctx, &attr.value).is_some() {
            return None;
        }
        let line = self.line(arg.range());
        let Some(c) = self.expr(ctx, &attr.value) else { return Some(None) };
        let TyKind::Counter(elem) = c.ty.kind() else {
            self.report(diag::unknown_method(attr.attr.range(), &c.ty, "elements"));
            return Some(None);
        };
        Some(Some(Expr { kind: ExprKind::Builtin(Builtin::CounterElements, vec![c]), ty: Ty::list(*elem), line }))
    }

    /// A method of a Counter; `Err(receiver)` for the methods it shares with dict.
    pub fn counter_method(&mut self, ctx: &mut FnCtx, receiver: Expr, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Result<Option<Expr>, Expr> {
        let rty = receiver.ty;
        let TyKind::Counter(elem) = rty.kind() else { return Err(receiver) };
        let elem = *elem;
        let name = attr.attr.id.as_str();
        let args = &call.arguments.args;
        if !matches!(name, "most_common" | "update" | "total" | "elements" | "copy" | "subtract" | "fromkeys") {
            return Err(receiver);
        }
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "this keyword argument", "pass the arguments by position"));
            return Ok(None);
        }
        let arity = |this: &mut Self, want: &str, ok: bool| {
            if !ok {
                this.report(diag::bad_arity(call.arguments.range(), &format!("Counter.{name}"), want, args.len()));
            }
            ok
        };
        Ok(match name {
            "most_common" => {
                if !arity(self, "0 or 1", args.len() <= 1) {
                    return Ok(None);
                }
                let mut vals = vec![receiver];
                if let Some(n) = args.first() {
                    let Some(v) = self.typed_arg(ctx, n, Ty::INT, "most_common() argument") else { return Ok(None) };
                    vals.push(v);
                }
                let ty = Ty::list(Ty::tuple(vec![elem, Ty::INT]));
                Some(Expr { kind: ExprKind::Builtin(Builtin::CounterMostCommon, vals), ty, line })
            }
            "total" => arity(self, "0", args.is_empty()).then(|| Expr { kind: ExprKind::Builtin(Builtin::CounterTotal, vec![receiver]), ty: Ty::INT, line }),
            "copy" => arity(self, "0", args.is_empty()).then(|| Expr { kind: ExprKind::Method(Method::DictCopy, vec![receiver]), ty: rty, line }),
            "update" | "subtract" => {
                let subtract = name == "subtract";
                if !arity(self, "1", args.len() == 1) {
                    return Ok(None);
                }
                if let ast::Expr::Name(_) = &args[0] {
                    let Some(v) = self.expr(ctx, &args[0]) else { return Ok(None) };
                    if v.ty == rty {
                        return Ok(Some(Expr { kind: ExprKind::Builtin(Builtin::CounterUpdateCounts { subtract }, vec![receiver, v]), ty: Ty::NONE, line }));
                    }
                }
                let Some(items) = self.items_list(ctx, &args[0], Some(elem), &format!("{name}() argument")) else { return Ok(None) };
                if let ExprKind::Method(Method::DictKeysList, _) = items.kind {
                    self.report(diag::unsupported(args[0].range(), &format!("Counter.{name}() with a dict"), "CPython takes the dict's values as counts: pass another Counter or an iterable"));
                    return Ok(None);
                }
                Some(Expr { kind: ExprKind::Builtin(Builtin::CounterUpdate { subtract }, vec![receiver, items]), ty: Ty::NONE, line })
            }
            "elements" => {
                self.report(diag::unsupported(call.range(), "`c.elements()` as a value (an iterator)", "iterate over it or pass it to a function that reads it: `list(c.elements())`"));
                None
            }
            _ => {
                self.report(diag::unsupported(attr.attr.range(), &format!("Counter.{name}()"), "Counter supports most_common, update, subtract, total, elements, copy and the dict methods"));
                None
            }
        })
    }

    /// The items of an iterable as a `list[T]` (`want`: the element type the caller needs,
    /// which an empty `[]` takes): `list()`'s conversions.
    fn items_list(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr, want: Option<Ty>, what: &str) -> Option<Expr> {
        let list = match arg {
            ast::Expr::List(_) => self.expr_expect(ctx, arg, want.map(Ty::list).as_ref())?,
            _ => self.list_of(ctx, arg)?,
        };
        let Some(elem) = list.ty.list_elem() else {
            self.report(diag::not_iterable(arg.range(), &list.ty));
            return None;
        };
        match want {
            Some(w) if w != elem => {
                self.report(diag::arg_mismatch(arg.range(), what, &Ty::list(w), &list.ty));
                None
            }
            _ => Some(list),
        }
    }

    /// A method of a deque (`receiver`), or `None` when `name` is not one.
    pub fn deque_method(&mut self, ctx: &mut FnCtx, receiver: Expr, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let rty = receiver.ty;
        let elem = rty.deque_elem()?;
        let name = attr.attr.id.as_str();
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "this keyword argument", "pass the arguments by position"));
            return None;
        }
        let arg_exprs = &call.arguments.args;
        if matches!(name, "extend" | "extendleft") {
            if arg_exprs.len() != 1 {
                self.report(diag::bad_arity(call.arguments.range(), &format!("deque.{name}"), "1", arg_exprs.len()));
                return None;
            }
            let items = self.items_list(ctx, &arg_exprs[0], Some(elem), &format!("{name}() argument"))?;
            return Some(Expr { kind: ExprKind::Method(Method::DequeExtend { left: name == "extendleft" }, vec![receiver, items]), ty: Ty::NONE, line });
        }
        if matches!(name, "count" | "index" | "remove") && elem.has_function() {
            self.report(diag::function_compared(call.range(), &elem));
            return None;
        }
        // (method, parameter types, required count, result type)
        let (method, params, required, ret): (Method, Vec<Ty>, usize, Ty) = match name {
            "append" => (Method::DequeAppend { left: false }, vec![elem], 1, Ty::NONE),
            "appendleft" => (Method::DequeAppend { left: true }, vec![elem], 1, Ty::NONE),
            "pop" => (Method::DequePop { left: false }, vec![], 0, elem),
            "popleft" => (Method::DequePop { left: true }, vec![], 0, elem),
            "rotate" => (Method::DequeRotate, vec![Ty::INT], 0, Ty::NONE),
            "clear" => (Method::DequeClear, vec![], 0, Ty::NONE),
            "count" => (Method::DequeCount, vec![elem], 1, Ty::INT),
            "index" => (Method::DequeIndex, vec![elem, Ty::INT, Ty::INT], 1, Ty::INT),
            "remove" => (Method::DequeRemove, vec![elem], 1, Ty::NONE),
            "insert" => (Method::DequeInsert, vec![Ty::INT, elem], 2, Ty::NONE),
            "reverse" => (Method::DequeReverse, vec![], 0, Ty::NONE),
            "copy" => (Method::DequeCopy, vec![], 0, rty),
            _ => {
                self.report(diag::unknown_method(attr.attr.range(), &rty, name));
                return None;
            }
        };
        if arg_exprs.len() < required || arg_exprs.len() > params.len() {
            let want = if required == params.len() { required.to_string() } else { format!("{required} to {}", params.len()) };
            self.report(diag::bad_arity(call.arguments.range(), &format!("deque.{name}"), &want, arg_exprs.len()));
            return None;
        }
        let mut args = vec![receiver];
        for (arg_expr, param) in arg_exprs.iter().zip(&params) {
            let arg = self.typed_arg(ctx, arg_expr, *param, &format!("{name}() argument"))?;
            args.push(arg);
        }
        // The defaults: `rotate(1)`, `index(x, 0, sys.maxsize)`.
        let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
        match method {
            Method::DequeRotate if args.len() == 1 => args.push(int(1)),
            Method::DequeIndex => {
                if args.len() < 3 {
                    args.push(int(0));
                }
                if args.len() < 4 {
                    args.push(int(i64::MAX));
                }
            }
            _ => {}
        }
        Some(Expr { kind: ExprKind::Method(method, args), ty: ret, line })
    }

    /// An argument of type `want` (an int parameter also takes a bool; a subclass instance is
    /// upcast to its base).
    pub(crate) fn typed_arg(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, want: Ty, what: &str) -> Option<Expr> {
        let arg = self.expr_expect(ctx, e, Some(&want))?;
        let arg = if want == Ty::INT { self.expect_int(arg, e.range(), what)? } else { self.upcast(arg, want) };
        if arg.ty != want {
            self.report(diag::arg_mismatch(e.range(), what, &want, &arg.ty));
            return None;
        }
        Some(arg)
    }

    /// `d.maxlen`: an `int | None` (the deque is read once).
    pub fn deque_maxlen(&mut self, ctx: &mut FnCtx, d: Expr, line: ir::Line) -> Expr {
        let opt = Ty::optional(Ty::INT);
        let (stmts, h) = self.hidden(ctx, d);
        let raw = || Expr { kind: ExprKind::Method(Method::DequeMaxlen, vec![h.load()]), ty: Ty::INT, line };
        let zero = Expr { kind: ExprKind::Int(0), ty: Ty::INT, line };
        let bounded = Expr { kind: ExprKind::CompareChain { operands: vec![raw(), zero], links: vec![(ir::CmpOp::Ge, Ty::INT)] }, ty: Ty::BOOL, line };
        let some = self.to_optional(raw(), opt);
        let none = Expr { kind: ExprKind::NoneOf, ty: opt, line };
        let choice = Expr { kind: ExprKind::IfExp(Box::new(bounded), Box::new(some), Box::new(none)), ty: opt, line };
        Expr { kind: ExprKind::Block(stmts, Box::new(choice)), ty: opt, line }
    }

    /// The list a heap or bisect function works on in place: a `list[T]` of ordered `T`.
    fn ordered_list(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, func: &str) -> Option<(Expr, Ty)> {
        let v = self.expr(ctx, e)?;
        let Some(elem) = v.ty.list_elem() else {
            self.report(diag::arg_mismatch(e.range(), &format!("{func}() argument"), &Ty::list(Ty::INT), &v.ty));
            return None;
        };
        if !elem.is_orderable() {
            self.report(diag::not_orderable(e.range(), &format!("{func}()"), &elem));
            return None;
        }
        Some((v, elem))
    }

    /// `heapq.heappush(h, x)` and the other functions of `heapq`.
    pub fn heapq_call(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        let func = format!("heapq.{name}");
        if matches!(name, "nsmallest" | "nlargest") {
            return self.heapq_select(ctx, name, call, line);
        }
        if name == "merge" {
            return self.heapq_merge(ctx, call, line);
        }
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "this keyword argument", "pass the arguments by position"));
            return None;
        }
        let (builtin, n_args) = match name {
            "heappush" => (Builtin::HeapPush, 2),
            "heappop" => (Builtin::HeapPop, 1),
            "heapify" => (Builtin::Heapify, 1),
            "heappushpop" => (Builtin::HeapPushPop, 2),
            _ => (Builtin::HeapReplace, 2),
        };
        if args.len() != n_args {
            self.report(diag::bad_arity(call.arguments.range(), &func, &n_args.to_string(), args.len()));
            return None;
        }
        let (heap, elem) = self.ordered_list(ctx, &args[0], &func)?;
        let mut vals = vec![heap];
        if n_args == 2 {
            vals.push(self.typed_arg(ctx, &args[1], elem, &format!("{func}() item"))?);
        }
        let ty = match builtin {
            Builtin::HeapPush | Builtin::Heapify => Ty::NONE,
            _ => elem,
        };
        Some(Expr { kind: ExprKind::Builtin(builtin, vals), ty, line })
    }

    /// `heapq.nsmallest(n, xs, key=...)` / `nlargest`: `n` first, then the items, then keys.
    fn heapq_select(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        let func = format!("heapq.{name}");
        let largest = name == "nlargest";
        let mut key = None;
        for keyword in call.arguments.keywords.iter() {
            match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("key") => key = Some(self.key_lambda(keyword)?),
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", &format!("{func}() takes `key=`")));
                    return None;
                }
            }
        }
        if args.len() != 2 {
            self.report(diag::bad_arity(call.arguments.range(), &func, "2", args.len()));
            return None;
        }
        let n = self.expr(ctx, &args[0])?;
        let n = self.expect_int(n, args[0].range(), &format!("{func}() n"))?;
        let list = self.list_of(ctx, &args[1])?;
        let ty = list.ty;
        let Some(elem) = ty.list_elem() else { return None };
        // `n` is evaluated before the items, as in the call.
        let (mut stmts, hn) = self.hidden(ctx, n);
        match key {
            Some(k) => {
                let keyed = self.keyed(ctx, list, k, &format!("{func}()"))?;
                stmts.extend(keyed.stmts);
                let select = Expr { kind: ExprKind::Builtin(Builtin::HeapNSmallestKeyed { largest }, vec![keyed.list, keyed.keys, hn.load()]), ty, line };
                Some(Expr { kind: ExprKind::Block(stmts, Box::new(select)), ty, line })
            }
            None => {
                if !elem.is_orderable() {
                    self.report(diag::not_orderable(args[1].range(), &format!("{func}()"), &elem));
                    return None;
                }
                let select = Expr { kind: ExprKind::Builtin(Builtin::HeapNSmallest { largest }, vec![list, hn.load()]), ty, line };
                Some(Expr { kind: ExprKind::Block(stmts, Box::new(select)), ty, line })
            }
        }
    }

    /// `bisect.bisect_left(a, x, lo, hi, key=...)`, `insort_right(...)` and their aliases.
    pub fn bisect_call(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let func = format!("bisect.{name}");
        let right = !name.ends_with("_left");
        let insort = name.starts_with("insort");
        let args = &call.arguments.args;
        if args.len() < 2 || args.len() > 4 {
            self.report(diag::bad_arity(call.arguments.range(), &func, "2 to 4", args.len()));
            return None;
        }
        let mut lo = args.get(2);
        let mut hi = args.get(3);
        let mut key = None;
        for keyword in call.arguments.keywords.iter() {
            match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("lo") if lo.is_none() => lo = Some(&keyword.value),
                Some("hi") if hi.is_none() => hi = Some(&keyword.value),
                Some("key") if key.is_none() => key = Some(self.key_lambda(keyword)?),
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", &format!("{func}() takes `lo=`, `hi=` and `key=`")));
                    return None;
                }
            }
        }
        let v = self.expr(ctx, &args[0])?;
        let Some(elem) = v.ty.list_elem() else {
            self.report(diag::arg_mismatch(args[0].range(), &format!("{func}() argument"), &Ty::list(Ty::INT), &v.ty));
            return None;
        };
        // With `key=`, bisect_* takes `x` as a key already; insort_* takes an item.
        let x_ty = if key.is_some() && !insort { None } else { Some(elem) };
        let x = match x_ty {
            Some(t) => self.typed_arg(ctx, &args[1], t, &format!("{func}() item"))?,
            None => self.expr(ctx, &args[1])?,
        };
        let mut bound = |this: &mut Self, e: Option<&'a ast::Expr>, default: i64, what: &str| -> Option<Expr> {
            match e {
                None | Some(ast::Expr::NoneLiteral(_)) => Some(Expr { kind: ExprKind::Int(default), ty: Ty::INT, line }),
                Some(e) => {
                    let b = this.expr(ctx, e)?;
                    this.expect_int(b, e.range(), what)
                }
            }
        };
        let lo = bound(self, lo, 0, &format!("{func}() lo"))?;
        let hi = bound(self, hi, -1, &format!("{func}() hi"))?;
        let Some(key) = key else {
            if !elem.is_orderable() {
                self.report(diag::not_orderable(args[0].range(), &format!("{func}()"), &elem));
                return None;
            }
            let (builtin, ty) = if insort { (Builtin::Insort { right }, Ty::NONE) } else { (Builtin::Bisect { right }, Ty::INT) };
            return Some(Expr { kind: ExprKind::Builtin(builtin, vec![v, x, lo, hi]), ty, line });
        };
        self.bisect_keyed(ctx, &func, v, (x, args[1].range()), lo, hi, key, right, insort, line)
    }

    /// bisect with `key=`, as `_bisectmodule.c` runs it: `lo` checked, `hi` defaulted to
    /// `len(a)`, then a loop that calls the key on each probed item only and compares with
    /// `<`; insort calls the key on the item first and inserts it where its key goes.
    #[allow(clippy::too_many_arguments)]
    fn bisect_keyed(&mut self, ctx: &mut FnCtx, func: &str, a: Expr, (x, x_range): (Expr, ruff_text_size::TextRange), lo: Expr, hi: Expr, key: KeyFn<'a>, right: bool, insort: bool, line: ir::Line) -> Option<Expr> {
        let elem = a.ty.list_elem()?;
        let (mut stmts, ha) = self.hidden(ctx, a);
        let (more, hx) = self.hidden(ctx, x);
        stmts.extend(more);
        let local = |ctx: &mut FnCtx, what: &str| Place::Local(ctx.add_local(&format!("<bisect {what}{}>", ctx.locals.len()), Ty::INT));
        let (lo_p, hi_p, mid_p) = (local(ctx, "lo"), local(ctx, "hi"), local(ctx, "mid"));
        let load = |p: Place| Expr { kind: ExprKind::Load(p), ty: Ty::INT, line };
        stmts.push(Stmt::Assign { place: lo_p, value: lo });
        stmts.push(Stmt::Assign { place: hi_p, value: hi });
        // A function value is evaluated once, after the arguments.
        let key = match key {
            KeyFn::Lambda(l) => ProbeKey::Lambda(l),
            KeyFn::Value(e) => {
                let f = self.expr(ctx, e)?;
                let ret = match f.ty.kind() {
                    crate::check::types::TyKind::Function { params, ret } if params.as_slice() == [elem] => *ret,
                    _ => {
                        self.report(diag::unsupported(e.range(), &format!("a key function of type `{}` for items of type `{elem}`", f.ty), "pass a function of one parameter of the item type, or `key=lambda x: ...`"));
                        return None;
                    }
                };
                let (more, hf) = self.hidden(ctx, f);
                stmts.extend(more);
                ProbeKey::Value(hf, ret)
            }
        };
        let probe = if insort {
            let (more, k) = self.apply_key(ctx, &key, hx.load(), elem, line)?;
            stmts.extend(more);
            let (more, hk) = self.hidden(ctx, k);
            stmts.extend(more);
            hk.load()
        } else {
            hx.load()
        };
        // ValueError for a negative lo; hi -1 (None) is len(a).
        let bounds = Expr { kind: ExprKind::Builtin(Builtin::BisectBounds, vec![ha.load(), load(lo_p), load(hi_p)]), ty: Ty::INT, line };
        stmts.push(Stmt::Assign { place: hi_p, value: bounds });
        // mid = lo + (hi - lo) // 2, which is (lo + hi) // 2 without an overflow.
        let diff = Expr { kind: ExprKind::Binary(ir::BinOp::IntSub, Box::new(load(hi_p)), Box::new(load(lo_p))), ty: Ty::INT, line };
        let half = Expr { kind: ExprKind::Binary(ir::BinOp::IntFloorDiv, Box::new(diff), Box::new(Expr { kind: ExprKind::Int(2), ty: Ty::INT, line })), ty: Ty::INT, line };
        let mid = Expr { kind: ExprKind::Binary(ir::BinOp::IntAdd, Box::new(load(lo_p)), Box::new(half)), ty: Ty::INT, line };
        let mut body = vec![Stmt::Assign { place: mid_p, value: mid }];
        let item = Expr { kind: ExprKind::GetItem(Box::new(ha.load()), Box::new(load(mid_p))), ty: elem, line };
        let (more, k) = self.apply_key(ctx, &key, item, elem, line)?;
        body.extend(more);
        if !k.ty.is_orderable() {
            self.report(diag::not_orderable(x_range, &format!("{func}()"), &k.ty));
            return None;
        }
        if probe.ty != k.ty {
            self.report(diag::arg_mismatch(x_range, &format!("{func}() x"), &k.ty, &probe.ty));
            return None;
        }
        // bisect_right: `x < key(a[mid])` narrows to the left; bisect_left: `key(a[mid]) < x` to the right.
        let (l, r) = if right { (probe, k) } else { (k, probe) };
        let less = Expr { kind: ExprKind::Builtin(Builtin::Less, vec![l, r]), ty: Ty::BOOL, line };
        let one = Expr { kind: ExprKind::Int(1), ty: Ty::INT, line };
        let above = Stmt::Assign { place: lo_p, value: Expr { kind: ExprKind::Binary(ir::BinOp::IntAdd, Box::new(load(mid_p)), Box::new(one)), ty: Ty::INT, line } };
        let below = Stmt::Assign { place: hi_p, value: load(mid_p) };
        let (then, orelse) = if right { (below, above) } else { (above, below) };
        body.push(Stmt::If { cond: less, then: vec![then], orelse: vec![orelse] });
        let more_left = Expr { kind: ExprKind::CompareChain { operands: vec![load(lo_p), load(hi_p)], links: vec![(ir::CmpOp::Lt, Ty::INT)] }, ty: Ty::BOOL, line };
        stmts.push(Stmt::While { cond: more_left, body, orelse: Vec::new() });
        if !insort {
            return Some(Expr { kind: ExprKind::Block(stmts, Box::new(load(lo_p))), ty: Ty::INT, line });
        }
        let insert = Expr { kind: ExprKind::Method(Method::ListInsert, vec![ha.load(), load(lo_p), hx.load()]), ty: Ty::NONE, line };
        stmts.push(Stmt::Expr(insert));
        let none = Expr { kind: ExprKind::None, ty: Ty::NONE, line };
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(none)), ty: Ty::NONE, line })
    }

    /// The key of `item`: the lambda's body checked inline with its parameter bound to the
    /// item (in the lambda's traceback frame), or a call of the function value.
    fn apply_key(&mut self, ctx: &mut FnCtx, key: &ProbeKey<'a>, item: Expr, elem: Ty, line: ir::Line) -> Option<(Vec<Stmt>, Expr)> {
        match key {
            ProbeKey::Value(f, ret) => Some((Vec::new(), Expr { kind: ExprKind::CallValue(vec![f.load(), item]), ty: *ret, line })),
            ProbeKey::Lambda(lambda) => {
                let param = &lambda.parameters.as_deref()?.args[0].parameter;
                let name = param.name.id.to_string();
                let local = ctx.add_local(&format!("<lambda {name}>"), elem);
                let stmts = vec![Stmt::Assign { place: Place::Local(local), value: item }];
                let saved = ctx.local_by_name.insert(name.clone(), local);
                let scope_len = ctx.comp_scope.len();
                ctx.comp_scope.push(name.clone());
                let body = self.expr(ctx, &lambda.body);
                ctx.comp_scope.truncate(scope_len);
                match saved {
                    Some(old) => ctx.local_by_name.insert(name, old),
                    None => ctx.local_by_name.remove(&name),
                };
                let body = body?;
                let key_line = self.line(lambda.body.range());
                let ty = body.ty;
                Some((stmts, Expr { ty, line: key_line, kind: ExprKind::InFrame { name: "<lambda>".to_string(), outer: line, expr: Box::new(body) } }))
            }
        }
    }
}


/// The key function of a bisection: a lambda checked inline at each use, or a function
/// value in a hidden local with its result type.
enum ProbeKey<'a> {
    Lambda(&'a ast::ExprLambda),
    Value(crate::check::tuples::Hidden, Ty),
}
