//! Calls: user functions, Python builtins and `math`/`sys` functions.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, Builtin, Conversion, ExprKind, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// `math` functions that take and return floats, after int → float conversion.
const MATH_FLOAT_FNS: &[(&str, Builtin, usize)] = &[
    ("sqrt", Builtin::MathSqrt, 1),
    ("sin", Builtin::MathSin, 1),
    ("cos", Builtin::MathCos, 1),
    ("tan", Builtin::MathTan, 1),
    ("exp", Builtin::MathExp, 1),
    ("log", Builtin::MathLog, 1),
    ("fabs", Builtin::MathFabs, 1),
    ("atan2", Builtin::MathAtan2, 2),
    ("hypot", Builtin::MathHypot, 2),
    ("copysign", Builtin::MathCopysign, 2),
    ("acos", Builtin::MathF1(0), 1),
    ("acosh", Builtin::MathF1(1), 1),
    ("asin", Builtin::MathF1(2), 1),
    ("asinh", Builtin::MathF1(3), 1),
    ("atan", Builtin::MathF1(4), 1),
    ("atanh", Builtin::MathF1(5), 1),
    ("cbrt", Builtin::MathF1(6), 1),
    ("cosh", Builtin::MathF1(7), 1),
    ("erf", Builtin::MathF1(8), 1),
    ("erfc", Builtin::MathF1(9), 1),
    ("expm1", Builtin::MathF1(10), 1),
    ("exp2", Builtin::MathF1(11), 1),
    ("log1p", Builtin::MathF1(12), 1),
    ("log2", Builtin::MathF1(13), 1),
    ("log10", Builtin::MathF1(14), 1),
    ("sinh", Builtin::MathF1(15), 1),
    ("tanh", Builtin::MathF1(16), 1),
    ("degrees", Builtin::MathF1(17), 1),
    ("radians", Builtin::MathF1(18), 1),
    ("gamma", Builtin::MathF1(19), 1),
    ("lgamma", Builtin::MathF1(20), 1),
    ("ulp", Builtin::MathF1(21), 1),
    ("fmod", Builtin::MathF2(0), 2),
    ("remainder", Builtin::MathF2(1), 2),
    ("pow", Builtin::MathF2(2), 2),
    ("nextafter", Builtin::MathF2(3), 2),
];

/// `math` functions of one float returning a bool.
const MATH_TESTS: &[(&str, u8)] = &[("isnan", 0), ("isinf", 1), ("isfinite", 2)];

/// `math` functions that return ints: name, builtin, arity, and whether they take a float
/// (`floor`/`ceil`: of an int, the int itself) or ints.
const MATH_INT_FNS: &[(&str, Builtin, usize, bool)] = &[
    ("floor", Builtin::MathFloor, 1, true),
    ("ceil", Builtin::MathCeil, 1, true),
    ("isqrt", Builtin::MathIsqrt, 1, false),
    ("gcd", Builtin::MathGcd, 2, false),
    ("trunc", Builtin::MathTrunc, 1, true),
    ("lcm", Builtin::MathLcm, 2, false),
    ("factorial", Builtin::MathFactorial, 1, false),
    ("comb", Builtin::MathComb, 2, false),
    ("perm", Builtin::MathPerm, 2, false),
];

/// `math` constants.
const MATH_CONSTANTS: &[(&str, f64)] =
    &[("pi", std::f64::consts::PI), ("e", std::f64::consts::E), ("tau", std::f64::consts::TAU), ("inf", f64::INFINITY), ("nan", f64::NAN)];

/// The value of the `math` constant `name`.
pub fn math_constant(name: &str) -> Option<f64> {
    MATH_CONSTANTS.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// `math` functions with checks of their own (`math_call`).
const MATH_OTHER_FNS: &[&str] = &["isclose", "fsum", "prod", "isnan", "isinf", "isfinite", "ldexp", "frexp", "modf"];

/// The supported functions and constants of `math`.
pub fn math_names() -> impl Iterator<Item = &'static str> {
    let fns = MATH_FLOAT_FNS.iter().map(|f| f.0).chain(MATH_INT_FNS.iter().map(|f| f.0)).chain(MATH_OTHER_FNS.iter().copied());
    fns.chain(MATH_CONSTANTS.iter().map(|c| c.0))
}

/// `name` if `math` has it among the supported functions and constants (`from math import name`).
pub fn math_name(name: &str) -> Option<&'static str> {
    math_names().find(|n| *n == name)
}

impl<'a> Checker<'a> {
    /// Calls that are statements of their own: `print(...)` and `sys.exit(...)`.
    /// Returns `None` when the call is an ordinary expression.
    pub fn statement_call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall) -> Option<Vec<Stmt>> {
        let line = self.line(call.range());
        match &*call.func {
            ast::Expr::Name(n) if n.id.as_str() == "print" && self.is_builtin_name(ctx, "print") => Some(self.print(ctx, call).unwrap_or_default()),
            func @ (ast::Expr::Name(_) | ast::Expr::Attribute(_)) if self.is_exit_func(ctx, func) => {
                Some(self.exit_stmts(ctx, call, line).unwrap_or_default())
            }
            _ => None,
        }
    }

    pub(crate) fn is_builtin_name(&self, ctx: &FnCtx, name: &str) -> bool {
        ctx.is_global(name) && !self.func_by_name.contains_key(name) && !self.global_by_name.contains_key(name) && !ctx.local_by_name.contains_key(name)
    }

    /// `dict.fromkeys(keys[, value])`: each key in order, all with the one value (None when
    /// there is none), as CPython's dict_fromkeys.
    fn dict_fromkeys(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        if !call.arguments.keywords.is_empty() || args.is_empty() || args.len() > 2 {
            self.report(diag::bad_arity(call.arguments.range(), "dict.fromkeys", "1 or 2", args.len()));
            return None;
        }
        // The keys first (as CPython evaluates the arguments), then the value.
        let keys = self.list_of(ctx, &args[0])?;
        let Some(k) = keys.ty.list_elem() else { return None };
        if !k.is_hashable() {
            self.report(diag::unhashable(args[0].range(), &k));
            return None;
        }
        let (mut stmts, hk) = self.hidden(ctx, keys);
        let iter = ir::Iter::List(hk.load());
        let value = match args.get(1) {
            Some(v) => {
                let v = self.expr(ctx, v)?;
                let (s, h) = self.hidden(ctx, v);
                stmts.extend(s);
                h.load()
            }
            None => Expr { kind: ExprKind::None, ty: Ty::NONE, line },
        };
        let dict_ty = Ty::dict(k, value.ty);
        let result = ir::Place::Local(ctx.add_local(&format!("<fromkeys{}>", ctx.locals.len()), dict_ty));
        let key = ir::Place::Local(ctx.add_local(&format!("<key{}>", ctx.locals.len()), k));
        let load = || Expr { kind: ExprKind::Load(result), ty: dict_ty, line };
        let again = match &value.kind {
            ExprKind::None => Expr { kind: ExprKind::None, ty: Ty::NONE, line },
            _ => value.clone_load(),
        };
        let set = Stmt::SetItem { container: load(), index: Expr { kind: ExprKind::Load(key), ty: k, line }, value: again, line };
        stmts.push(Stmt::Assign { place: result, value: Expr { kind: ExprKind::DictLit(Vec::new()), ty: dict_ty, line } });
        stmts.push(Stmt::ForIter { targets: vec![key], iter, body: vec![set], orelse: Vec::new(), line });
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(load())), ty: dict_ty, line })
    }

    /// `sys.stdout.write(s)`, `sys.stderr.write(s)` (the number of characters) and their
    /// `flush()`.
    fn stream_method(&mut self, ctx: &mut FnCtx, stream: i32, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let name = attr.attr.id.as_str();
        let stream_arg = Expr { kind: ExprKind::Int(stream as i64), ty: Ty::INT, line };
        let args = &call.arguments.args;
        if !call.arguments.keywords.is_empty() {
            self.report(diag::unsupported(call.arguments.range(), "keyword arguments here", "pass the text by position"));
            return None;
        }
        match name {
            "write" => {
                if args.len() != 1 {
                    self.report(diag::bad_arity(call.arguments.range(), "write", "1", args.len()));
                    return None;
                }
                let text = self.expr(ctx, &args[0])?;
                if text.ty != Ty::STR {
                    self.report(diag::arg_mismatch(args[0].range(), "write() argument", &Ty::STR, &text.ty));
                    return None;
                }
                Some(Expr { kind: ExprKind::Builtin(Builtin::StreamWrite, vec![text, stream_arg]), ty: Ty::INT, line })
            }
            "flush" if args.is_empty() => Some(Expr { kind: ExprKind::Builtin(Builtin::StreamFlush, vec![stream_arg]), ty: Ty::NONE, line }),
            _ => {
                self.report(diag::unsupported(attr.attr.range(), &format!("`{name}` of a standard stream"), "use `write(text)` or `flush()`"));
                None
            }
        }
    }

    /// `print(..., file=sys.stderr)` (`file` None) or `print(..., file=f)` with a file
    /// opened for writing: the line made as print makes it, then written.
    fn print_to_stream(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, file: Option<&'a ast::Expr>, line: ir::Line) -> Option<Vec<Stmt>> {
        let str_const = |s: &str| Expr { kind: ExprKind::Str(s.to_string()), ty: Ty::STR, line };
        let mut stmts = Vec::new();
        // The arguments, then the keywords, each once, in the order CPython evaluates them.
        let mut values = Vec::new();
        for arg in call.arguments.args.iter() {
            let v = self.expr(ctx, arg)?;
            let v = if v.ty == Ty::STR { v } else { Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![v]), ty: Ty::STR, line } };
            let (s, h) = self.hidden(ctx, v);
            stmts.extend(s);
            values.push(h.load());
        }
        let (mut sep, mut end) = (str_const(" "), str_const("\n"));
        for keyword in call.arguments.keywords.iter() {
            let slot = match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("sep") => &mut sep,
                Some("end") => &mut end,
                _ => continue,
            };
            let v = self.expr(ctx, &keyword.value)?;
            if v.ty == Ty::NONE {
                continue;
            }
            if v.ty != Ty::STR {
                self.report(diag::arg_mismatch(keyword.value.range(), "print() separator", &Ty::STR, &v.ty));
                return None;
            }
            let (s, h) = self.hidden(ctx, v);
            stmts.extend(s);
            *slot = h.load();
        }
        let mut pieces = Vec::new();
        for (i, v) in values.into_iter().enumerate() {
            if i > 0 {
                pieces.push(match &sep.kind {
                    ExprKind::Str(text) => str_const(text),
                    _ => sep.clone_load(),
                });
            }
            pieces.push(v);
        }
        pieces.push(end);
        let text = Expr { kind: ExprKind::Builtin(Builtin::StrBuild, pieces), ty: Ty::STR, line };
        // CPython evaluates `file=` with the other keywords, after the arguments; its
        // value is not looked at before the line is made.
        let Some(file) = file else {
            let stream = || Expr { kind: ExprKind::Int(2), ty: Ty::INT, line };
            stmts.push(Stmt::Expr(Expr { kind: ExprKind::Builtin(Builtin::StreamWrite, vec![text, stream()]), ty: Ty::INT, line }));
            stmts.extend(self.print_flush(ctx, call, |line| Expr { kind: ExprKind::Builtin(Builtin::StreamFlush, vec![stream()]), ty: Ty::NONE, line })?);
            return Some(stmts);
        };
        let f = self.expr(ctx, file)?;
        if f.ty != Ty::file() {
            self.report(diag::arg_mismatch(file.range(), "print() file", &Ty::file(), &f.ty));
            return None;
        }
        let (s, f) = self.hidden(ctx, f);
        stmts.extend(s);
        stmts.push(Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::FileWrite, vec![f.load(), text]), ty: Ty::INT, line }));
        stmts.extend(self.print_flush(ctx, call, |line| Expr { kind: ExprKind::Method(ir::Method::FileFlush, vec![f.load()]), ty: Ty::NONE, line })?);
        Some(stmts)
    }

    /// print()'s `flush=`: the stream is flushed after the line when the flag is true.  The
    /// flag is a constant or a variable, whose reading has no effect, so reading it after
    /// the line is the same as reading it with the other keywords, as CPython does.
    fn print_flush(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, flush: impl Fn(ir::Line) -> Expr) -> Option<Vec<Stmt>> {
        let Some(keyword) = call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "flush")) else {
            return Some(Vec::new());
        };
        if !matches!(&keyword.value, ast::Expr::Name(_) | ast::Expr::BooleanLiteral(_)) {
            self.report(diag::unsupported(keyword.value.range(), "this `flush=` expression", "pass `True`, `False` or a `bool` variable"));
            return None;
        }
        let flag = self.expr(ctx, &keyword.value)?;
        if flag.ty != Ty::BOOL {
            self.report(diag::arg_mismatch(keyword.value.range(), "print() flush", &Ty::BOOL, &flag.ty));
            return None;
        }
        let line = flag.line;
        Some(match flag.kind {
            ExprKind::Bool(false) => Vec::new(),
            ExprKind::Bool(true) => vec![Stmt::Expr(flush(line))],
            _ => vec![Stmt::If { cond: flag, then: vec![Stmt::Expr(flush(line))], orelse: Vec::new() }],
        })
    }

    fn print(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall) -> Option<Vec<Stmt>> {
        let file = call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == "file"));
        if let Some(file) = file {
            match self.sys_stream(ctx, &file.value) {
                Some(2) => return self.print_to_stream(ctx, call, None, self.line(call.range())),
                Some(_) => {}
                None => return self.print_to_stream(ctx, call, Some(&file.value), self.line(call.range())),
            }
        }
        let mut args = Vec::new();
        let mut ok = true;
        for arg in call.arguments.args.iter() {
            if let Some(info) = self.cache_info_text(ctx, arg) {
                args.push(info);
                continue;
            }
            if let Some(get) = self.dict_get_or_none(ctx, arg) {
                match get {
                    Some(e) => args.push(e),
                    None => ok = false,
                }
                continue;
            }
            if let Some(view) = self.dict_view_arg(ctx, arg) {
                match view {
                    Some((d, which)) => {
                        let b = [Builtin::DictKeysView, Builtin::DictValuesView, Builtin::DictItemsView][which as usize];
                        let line = d.line;
                        args.push(Expr { kind: ExprKind::Builtin(b, vec![d]), ty: Ty::NONE, line });
                    }
                    None => ok = false,
                }
                continue;
            }
            match self.expr(ctx, arg) {
                Some(value) => args.push(value),
                None => ok = false,
            }
        }
        let (mut sep, mut end) = (None, None);
        if let Some(keyword) = crate::check::calls::repeated_keyword(call) {
            self.report(diag::keyword_repeated(keyword.range(), keyword.arg.as_ref().map_or("", |a| a.id.as_str())));
            return None;
        }
        for keyword in call.arguments.keywords.iter() {
            let name = keyword.arg.as_ref().map(|a| a.id.as_str());
            let slot = match name {
                Some("sep") => &mut sep,
                Some("end") => &mut end,
                Some("flush" | "file") => continue,
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this print() keyword", "print() takes `sep=`, `end=`, `file=` and `flush=`"));
                    ok = false;
                    continue;
                }
            };
            match self.expr(ctx, &keyword.value) {
                Some(value) if value.ty == Ty::STR => *slot = Some(value),
                Some(value) if value.ty == Ty::NONE => {}
                Some(value) => {
                    self.report(diag::arg_mismatch(keyword.value.range(), "print() separator", &Ty::STR, &value.ty));
                    ok = false;
                }
                None => ok = false,
            }
        }
        let line = self.line(call.range());
        let flush = self.print_flush(ctx, call, |line| Expr { kind: ExprKind::Builtin(Builtin::StreamFlush, vec![Expr { kind: ExprKind::Int(1), ty: Ty::INT, line }]), ty: Ty::NONE, line });
        let mut stmts = vec![Stmt::Print { args, sep, end, line }];
        stmts.extend(flush?);
        ok.then_some(stmts)
    }

    /// `d.get(k)` with no default, as a print() argument: prints the value or None.
    fn dict_get_or_none(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Option<Expr>> {
        let ast::Expr::Call(call) = arg else { return None };
        let ast::Expr::Attribute(attr) = &*call.func else { return None };
        if attr.attr.id.as_str() != "get" || call.arguments.args.len() != 1 || !call.arguments.keywords.is_empty() {
            return None;
        }
        let receiver_is_dict = match &*attr.value {
            ast::Expr::Name(n) => {
                let ty = if ctx.is_global(n.id.as_str()) {
                    self.global_by_name.get(n.id.as_str()).map(|g| self.globals[g.0 as usize].ty)
                } else {
                    ctx.local_by_name.get(n.id.as_str()).map(|l| ctx.locals[l.0 as usize].ty)
                };
                ty.is_some_and(|t| matches!(t.kind(), TyKind::Dict(..)))
            }
            _ => false,
        };
        if !receiver_is_dict {
            return None;
        }
        let line = self.line(arg.range());
        let d = self.expr(ctx, &attr.value)?;
        let TyKind::Dict(k, v) = d.ty.kind() else { return Some(None) };
        let key = self.expr_expect(ctx, &call.arguments.args[0], Some(&k))?;
        if key.ty != *k {
            self.report(diag::arg_mismatch(call.arguments.args[0].range(), "dict key", &k, &key.ty));
            return Some(None);
        }
        Some(Some(Expr { kind: ExprKind::Builtin(Builtin::DictGetOrNone, vec![d, key]), ty: *v, line }))
    }

    pub fn call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall) -> Option<Expr> {
        let line = self.line(call.range());
        if let Some(keyword) = crate::check::calls::repeated_keyword(call) {
            self.report(diag::keyword_repeated(keyword.range(), keyword.arg.as_ref().map_or("", |a| a.id.as_str())));
            return None;
        }
        // User functions, classes and methods bind keywords (`calls.rs`); str, list, dict and
        // set methods check their own (`container_method_call`).
        let takes_keywords = self.is_math_named(ctx, &call.func, "isclose") || match &*call.func {
            ast::Expr::Name(n) => {
                matches!(n.id.as_str(), "sorted" | "min" | "max" | "open")
                    || self.func_by_name.contains_key(n.id.as_str())
                    || self.class_named(ctx, n.id.as_str()).is_some()
                    || matches!(self.imported(ctx, n.id.as_str(), n.range().start()), Some(Imported::Member(Module::Itertools | Module::Functools, _)))
            }
            // `itertools` functions check their own keywords.
            ast::Expr::Attribute(a) => self.module_of(ctx, &a.value).is_none_or(|m| matches!(m, Module::Itertools | Module::Functools)),
            _ => false,
        };
        // `deque(maxlen=n)`, `nsmallest(n, xs, key=f)`, `bisect(a, x, lo=1)`: checked by `collections.rs`.
        let takes_keywords = takes_keywords || self.keyword_module_call(ctx, &call.func);
        if let Some(keyword) = call.arguments.keywords.first().filter(|_| !takes_keywords) {
            self.report(diag::unsupported(keyword.range(), "keyword arguments", "pass the arguments by position"));
            return None;
        }
        if let Some(starred) = call.arguments.args.iter().find(|a| a.is_starred_expr()) {
            self.report(diag::unsupported(starred.range(), "`*` arguments", "pass the arguments one by one"));
            return None;
        }
        // A call through a variable holding a function value.
        if let ast::Expr::Name(name) = &*call.func {
            let id = name.id.as_str();
            // A local (assigned anywhere in the function) hides a function or builtin of that
            // name in the whole function, as in Python.
            let is_var = if ctx.is_global(id) { self.global_by_name.contains_key(id) } else { true };
            if is_var {
                let callee = self.load_name(ctx, name)?;
                return self.call_value(ctx, callee, call, line);
            }
        }
        match &*call.func {
            ast::Expr::Name(name) => {
                let id = name.id.as_str();
                if let Some(&func) = self.func_by_name.get(id) {
                    if !self.defined_yet(ctx, id, name.range()) {
                        return None;
                    }
                    return self.user_call(ctx, func, call, line);
                }
                if let Some(class) = self.class_named(ctx, id) {
                    if self.classes[class].def.is_some() && !self.defined_yet(ctx, &self.classes[class].name.clone(), name.range()) {
                        return None;
                    }
                    return self.construct(ctx, class, call, line);
                }
                if let Some(what) = self.imported(ctx, id, name.range().start()) {
                    return self.imported_call(ctx, what, name.range(), call, line);
                }
                if ctx.is_global(id) && self.is_import_name(id) {
                    self.report(diag::used_before_import(name.range(), id));
                    return None;
                }
                if self.is_failed_import(ctx, id) {
                    return None;
                }
                if !self.is_builtin_name(ctx, id) {
                    self.report(diag::not_callable(name.range(), id));
                    return None;
                }
                self.builtin_call(ctx, id, call, line)
            }
            ast::Expr::Attribute(attr) => {
                if let (ast::Expr::Name(n), "fromkeys") = (&*attr.value, attr.attr.id.as_str()) {
                    if n.id.as_str() == "dict" && self.is_builtin_name(ctx, "dict") && self.class_named(ctx, "dict").is_none() {
                        return self.dict_fromkeys(ctx, call, line);
                    }
                }
                if let (ast::Expr::Name(n), "maketrans") = (&*attr.value, attr.attr.id.as_str()) {
                    if n.id.as_str() == "str" && self.is_builtin_name(ctx, "str") && self.class_named(ctx, "str").is_none() {
                        return self.str_maketrans(ctx, call, line);
                    }
                }
                if let Some(stream) = self.sys_stream(ctx, &attr.value) {
                    return self.stream_method(ctx, stream, attr, call, line);
                }
                if let Some(module) = self.module_of(ctx, &attr.value) {
                    let name = attr.attr.id.as_str();
                    let Some(member) = module.member(name) else {
                        self.report(diag::unknown_attribute(attr.attr.range(), module.name(), name));
                        return None;
                    };
                    return self.imported_call(ctx, Imported::Member(module, member), attr.range(), call, line);
                }
                if let Some(res) = self.cache_method_call(ctx, attr, call, line) {
                    return res;
                }
                self.class_method_call(ctx, attr, call, line).flatten()
            }
            other @ (ast::Expr::Call(_) | ast::Expr::Subscript(_)) => {
                let callee = self.expr(ctx, other)?;
                self.call_value(ctx, callee, call, line)
            }
            other => {
                self.report(diag::unsupported(other.range(), "calling this expression", "call a function by its name"));
                None
            }
        }
    }

    /// A call of an imported name (`sqrt(x)`, `math.sqrt(x)`, `cast(int, x)`); `range` is where
    /// the callee is written.
    fn imported_call(&mut self, ctx: &mut FnCtx, what: Imported, range: TextRange, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        match what {
            Imported::Member(Module::Math, name) => self.math_call(ctx, name, range, call, line),
            Imported::Member(Module::Sys, "exit") => {
                self.report(diag::unsupported(call.range(), "`sys.exit()` inside an expression", "call `sys.exit(...)` as a statement of its own"));
                None
            }
            Imported::Member(Module::Typing, "cast") => self.cast_call(ctx, call, line),
            Imported::Member(Module::Collections, "deque") => self.deque_new(ctx, call, None, line),
            Imported::Member(Module::Collections, "defaultdict") => self.defaultdict_new(ctx, call, None, line),
            Imported::Member(Module::Collections, "Counter") => self.counter_new(ctx, call, None, line),
            Imported::Member(Module::Collections, "OrderedDict") => self.odict_new(ctx, call, None, line),
            Imported::Member(Module::Collections, "namedtuple") | Imported::Member(Module::Typing, "NamedTuple") => {
                self.refuse_functional_namedtuple(call.range());
                None
            }
            Imported::Member(Module::Heapq, name) => self.heapq_call(ctx, name, call, line),
            Imported::Member(Module::Bisect, name) => self.bisect_call(ctx, name, call, line),
            Imported::Member(Module::Itertools, name) => self.itertools_call(ctx, name, call, line),
            Imported::Member(Module::Random, name) => self.random_call(ctx, name, call, line),
            Imported::Member(Module::Functools, name) => self.functools_call(ctx, name, call, line),
            Imported::Member(Module::Time, name) => self.time_call(ctx, name, call, line),

            Imported::Member(Module::Dataclasses, name) => {
                self.report(diag::unsupported(range, &format!("`dataclasses.{name}`"), "classes and `@dataclass` are Tier 2 and not supported yet"));
                None
            }
            Imported::Member(Module::Typing, name) => {
                self.report(diag::unsupported(range, &format!("calling `typing.{name}`"), "typing names are for annotations; build values with literals, list(), dict() or set()"));
                None
            }
            Imported::Member(module, name) => {
                self.report(diag::not_callable(range, &format!("{}.{name}", module.name())));
                None
            }
            Imported::Module(module) => {
                self.report(diag::unsupported(range, &format!("calling the module `{}`", module.name()), "call a function of the module, like `math.sqrt(x)`"));
                None
            }
        }
    }

    /// `typing.cast(T, x)`: `x` itself, which must already be a `T` (cast converts nothing).
    fn cast_call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let [ty_expr, value_expr] = &*call.arguments.args else {
            self.report(diag::bad_arity(call.arguments.range(), "cast", "2", call.arguments.args.len()));
            return None;
        };
        let ty = self.resolve_annotation(ty_expr)?;
        let value = self.expr_expect(ctx, value_expr, Some(&ty))?;
        if value.ty != ty {
            self.report(diag::cast_mismatch(value_expr.range(), &ty, &value.ty));
            return None;
        }
        Some(Expr { line, ..value })
    }

    fn args(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall) -> Option<Vec<Expr>> {
        let mut values = Vec::new();
        for arg in call.arguments.args.iter() {
            values.push(self.expr(ctx, arg));
        }
        values.into_iter().collect()
    }

    fn user_call(&mut self, ctx: &mut FnCtx, func: ir::FuncId, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if let (true, Some(k)) = (self.cached.contains_key(&func), call.arguments.keywords.first()) {
            self.report(diag::unsupported(k.range(), "keyword arguments in a call of an lru_cache function", "CPython keys `f(1)` and `f(n=1)` as two entries: pass the arguments by position"));
            return None;
        }
        let bound = self.bind_args(ctx, func, Vec::new(), call, &[])?;
        let ret = self.func_ret(func, call.func.range())?;
        Some(crate::check::calls::with_stmts(bound.stmts, Expr { kind: ExprKind::Call(func, bound.args), ty: ret, line }))
    }

    fn builtin_call(&mut self, ctx: &mut FnCtx, id: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let range = call.range();
        if let Some(res) = self.container_builtin(ctx, id, call, line) {
            return res;
        }
        if let Some(res) = self.iterator_builtin(ctx, id, call, line) {
            return res;
        }
        if let Some(res) = self.format_builtin(ctx, id, call, line) {
            return res;
        }
        if id == "isinstance" {
            return self.isinstance_call(ctx, call, line);
        }
        if let (true, [arg], [keyword]) = (matches!(id, "min" | "max"), &*call.arguments.args, &*call.arguments.keywords) {
            if keyword.arg.as_ref().map(|a| a.id.as_str()) != Some("key") {
                self.report(diag::unsupported(keyword.range(), "this keyword argument", &format!("{id}() takes `key=`")));
                return None;
            }
            if let ast::Expr::Generator(_) = arg {
                // The key of each item is computed as the item is made: building the items
                // first would reorder what the two print.
                self.report(diag::unsupported(arg.range(), &format!("a generator expression with {id}(key=...)"), "pass a list comprehension"));
                return None;
            }
            let lambda = self.key_lambda(keyword)?;
            let list = self.list_of(ctx, arg)?;
            let TyKind::List(elem) = list.ty.kind() else { return None };
            let elem = *elem;
            // A key that calls nothing (`lambda p: p.v`) has no effect to reorder.
            let key_may_act = match &lambda {
                crate::check::keys::KeyFn::Lambda(l) => self.source_of(&l.body).contains('('),
                crate::check::keys::KeyFn::Value(_) => true,
            };
            if key_may_act && crate::check::containers::drains_iterator(&list) {
                // CPython computes each key as the item is made; here the items come first.
                self.report(diag::unsupported(arg.range(), &format!("{id}(key=...) of an iterator"), &format!("write `{id}(list(...), key=...)`, which collects the items first as multigen does")));
                return None;
            }
            let k = self.keyed(ctx, list, lambda, &format!("{id}()"))?;
            let pick = Expr { kind: ExprKind::Builtin(Builtin::MinMaxKeyed { is_max: id == "max" }, vec![k.list, k.keys]), ty: elem, line };
            return Some(Expr { kind: ExprKind::Block(k.stmts, Box::new(pick)), ty: elem, line });
        }
        if let (true, Some(keyword)) = (matches!(id, "min" | "max"), call.arguments.keywords.first()) {
            // Several keywords (`default=`), or `key=` with several positional arguments.
            let other = call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_none_or(|a| a.id.as_str() != "key"));
            self.report(diag::unsupported(other.unwrap_or(keyword).range(), "this keyword argument", &format!("{id}() takes `key=` after one iterable")));
            return None;
        }
        if matches!(id, "min" | "max") && call.arguments.args.len() == 1 {
            let list = self.list_of(ctx, &call.arguments.args[0])?;
            let TyKind::List(elem) = list.ty.kind() else { return None };
            if elem.mentions_class() && (matches!(call.arguments.args[0], ast::Expr::Generator(_)) || crate::check::containers::drains_iterator(&list)) {
                // `__lt__` runs as the items are made: building the items first would
                // reorder what the two print.
                self.report(diag::unsupported(call.arguments.args[0].range(), &format!("{id}() of a generator of instances"), &format!("pass a list comprehension, or write `{id}(list(...))`: `__lt__` would run as the items are made")));
                return None;
            }
            if !elem.is_orderable() {
                self.report(diag::not_orderable(call.arguments.args[0].range(), &format!("{id}()"), elem));
                return None;
            }
            let b = if id == "max" { Builtin::ListMax } else { Builtin::ListMin };
            return Some(Expr { kind: ExprKind::Builtin(b, vec![list]), ty: *elem, line });
        }
        if id == "open" {
            return self.open_call(ctx, call, line);
        }
        if matches!(id, "eval" | "exec" | "compile" | "globals" | "locals" | "vars" | "getattr" | "setattr" | "delattr" | "type" | "__import__") {
            self.report(diag::unsupported(call.func.range(), &format!("`{id}()`"), "write the code out statically; dynamic features cannot be compiled ahead of time"));
            return None;
        }
        let args = self.args(ctx, call)?;
        let n_args = args.len();
        let arity = |this: &mut Self, want: &str, ok: bool| {
            if !ok {
                this.report(diag::bad_arity(call.arguments.range(), id, want, n_args));
            }
            ok
        };
        let mk = |kind, ty| Some(Expr { kind, ty, line });
        match id {
            "divmod" => {
                if !arity(self, "2", n_args == 2) {
                    return None;
                }
                let mut it = args.into_iter();
                let (a, b) = (it.next()?, it.next()?);
                if !matches!(a.ty.kind(), TyKind::Int | TyKind::Bool) || !matches!(b.ty.kind(), TyKind::Int | TyKind::Bool) {
                    self.report(diag::unsupported(range, &format!("divmod() of {} and {}", a.ty, b.ty), "divmod() takes ints here; write `(a // b, a % b)` for floats"));
                    return None;
                }
                let (a, b) = (self.to_int(a), self.to_int(b));
                let (mut stmts, ha) = self.hidden(ctx, a);
                let (more, hb) = self.hidden(ctx, b);
                stmts.extend(more);
                let q = self.binary(ast::Operator::FloorDiv, ha.load(), hb.load(), range, line)?;
                let r = self.binary(ast::Operator::Mod, ha.load(), hb.load(), range, line)?;
                let ty = Ty::tuple(vec![Ty::INT, Ty::INT]);
                let tuple = Expr { kind: ExprKind::Tuple(vec![q, r]), ty, line };
                mk(ExprKind::Block(stmts, Box::new(tuple)), ty)
            }
            "hash" => {
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                if !arg.ty.is_hashable() {
                    self.report(diag::unhashable(range, &arg.ty));
                    return None;
                }
                mk(ExprKind::Builtin(Builtin::Hash, vec![arg]), Ty::INT)
            }
            "abs" => {
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                match arg.ty {
                    Ty::INT | Ty::BOOL => {
                        let arg = self.to_int(arg);
                        mk(ExprKind::Builtin(Builtin::IntAbs, vec![arg]), Ty::INT)
                    }
                    Ty::FLOAT => mk(ExprKind::Builtin(Builtin::FloatAbs, vec![arg]), Ty::FLOAT),
                    ref ty => {
                        self.report(diag::arg_mismatch(range, "abs() argument", &Ty::FLOAT, ty));
                        None
                    }
                }
            }
            "min" | "max" => {
                if !arity(self, "at least 2", n_args >= 2) {
                    return None;
                }
                self.min_max(id == "max", args, range, line)
            }
            "int" if n_args == 2 => {
                let mut it = args.into_iter();
                let (s, base) = (it.next()?, it.next()?);
                if s.ty != Ty::STR || !matches!(base.ty.kind(), TyKind::Int | TyKind::Bool) {
                    self.report(diag::unsupported(range, &format!("int() of {} with a base of {}", s.ty, base.ty), "int(s, base) takes a str and an int"));
                    return None;
                }
                let base = self.to_int(base);
                mk(ExprKind::Builtin(Builtin::IntFromStrBase, vec![s, base]), Ty::INT)
            }
            "input" => {
                if !arity(self, "0 or 1", n_args <= 1) {
                    return None;
                }
                let prompt = match args.into_iter().next() {
                    Some(p) if p.ty == Ty::STR => p,
                    Some(p) => Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![p]), ty: Ty::STR, line },
                    None => Expr { kind: ExprKind::Str(String::new()), ty: Ty::STR, line },
                };
                mk(ExprKind::Builtin(Builtin::Input, vec![prompt]), Ty::STR)
            }
            "hex" | "oct" | "bin" => {
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                if !matches!(arg.ty.kind(), TyKind::Int | TyKind::Bool) {
                    self.report(diag::arg_mismatch(range, &format!("{id}() argument"), &Ty::INT, &arg.ty));
                    return None;
                }
                // `format(x, "#x")` is `hex(x)`, signs and zero included.
                let arg = self.to_int(arg);
                let spec = Expr { kind: ExprKind::Str(format!("#{}", &id[..1].replace('h', "x"))), ty: Ty::STR, line };
                mk(ExprKind::Builtin(Builtin::Format, vec![arg, spec]), Ty::STR)
            }
            "pow" => {
                if !arity(self, "2 or 3", n_args == 2 || n_args == 3) {
                    return None;
                }
                let mut it = args.into_iter();
                let (a, b) = (it.next()?, it.next()?);
                let Some(m) = it.next() else {
                    return self.binary(ast::Operator::Pow, a, b, range, line);
                };
                let int_like = |e: &Expr| matches!(e.ty.kind(), TyKind::Int | TyKind::Bool);
                if !int_like(&a) || !int_like(&b) || !int_like(&m) {
                    self.report(diag::unsupported(range, "pow() with a modulus of other than ints", "pow(a, b, m) takes three ints"));
                    return None;
                }
                let (a, b, m) = (self.to_int(a), self.to_int(b), self.to_int(m));
                mk(ExprKind::Builtin(Builtin::IntPowMod, vec![a, b, m]), Ty::INT)
            }
            "int" => {
                if n_args == 0 {
                    return mk(ExprKind::Int(0), Ty::INT);
                }
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                match arg.ty {
                    Ty::INT | Ty::BOOL => Some(self.to_int(arg)),
                    Ty::FLOAT => mk(ExprKind::Convert(Conversion::FloatToInt, Box::new(arg)), Ty::INT),
                    Ty::STR => mk(ExprKind::Builtin(Builtin::IntFromStr, vec![arg]), Ty::INT),
                    ref other => {
                        self.report(diag::arg_mismatch(range, "int() argument", &Ty::STR, other));
                        None
                    }
                }
            }
            "float" => {
                if n_args == 0 {
                    return mk(ExprKind::Float(0.0), Ty::FLOAT);
                }
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                match (arg.ty, &arg.kind) {
                    (Ty::INT | Ty::BOOL | Ty::FLOAT, _) => Some(self.to_float(arg)),
                    // Underscores and non-ASCII digits and whitespace are left to the runtime,
                    // which follows CPython's rules for them.
                    (Ty::STR, ExprKind::Str(text)) if text.is_ascii() && !text.contains('_') => match parse_float_literal(text) {
                        Some(v) => mk(ExprKind::Float(v), Ty::FLOAT),
                        None => {
                            self.report(diag::bad_float_literal(range, text));
                            None
                        }
                    },
                    (Ty::STR, _) => mk(ExprKind::Builtin(Builtin::FloatFromStr, vec![arg]), Ty::FLOAT),
                    (other, _) => {
                        self.report(diag::arg_mismatch(range, "float() argument", &Ty::STR, &other));
                        None
                    }
                }
            }
            "bool" => {
                if n_args == 0 {
                    return mk(ExprKind::Bool(false), Ty::BOOL);
                }
                if !arity(self, "1", n_args == 1) {
                    return None;
                }
                let arg = args.into_iter().next()?;
                Some(self.truth(arg))
            }
            "print" => {
                self.report(diag::unsupported(range, "print() inside an expression", "call print() as a statement of its own"));
                None
            }
            "range" => {
                if !call.arguments.keywords.is_empty() || !(1..=3).contains(&n_args) {
                    self.report(diag::bad_arity(call.arguments.range(), "range", "1 to 3", n_args));
                    return None;
                }
                let args = self.range_args(ctx, &call.arguments.args, line)?;
                mk(ExprKind::Builtin(Builtin::RangeNew, args.into()), Ty::range())
            }
            "reversed" | "enumerate" | "zip" => {
                self.report(diag::unsupported(range, &format!("`{id}()` outside a `for` loop"), "use it as the iterable of a `for` loop or comprehension"));
                None
            }
            _ => {
                self.report(self.undefined(call.func.range(), id));
                None
            }
        }
    }

    /// `min`/`max` of ints or of floats.  Mixed int/float arguments are only
    /// accepted when all are constants: Python returns the winning object
    /// itself, so the result's type depends on the values.
    fn min_max(&mut self, is_max: bool, args: Vec<Expr>, range: ruff_text_size::TextRange, line: ir::Line) -> Option<Expr> {
        let all_int = args.iter().all(|a| a.ty == Ty::INT);
        let all_float = args.iter().all(|a| a.ty == Ty::FLOAT);
        let first = args[0].ty;
        if (first.is_heap() || first.tuple_fields().is_some()) && args.iter().all(|a| a.ty == first) {
            if !first.is_orderable() {
                self.report(diag::not_orderable(range, if is_max { "max()" } else { "min()" }, &first));
                return None;
            }
            // min("b", "a"): the same as min(["b", "a"]).
            let list = Expr { kind: ExprKind::ListLit(args), ty: Ty::list(first), line };
            let b = if is_max { Builtin::ListMax } else { Builtin::ListMin };
            return Some(Expr { kind: ExprKind::Builtin(b, vec![list]), ty: first, line });
        }
        let builtin = match (all_int, all_float, is_max) {
            (true, _, true) => Builtin::IntMax,
            (true, _, false) => Builtin::IntMin,
            (_, true, true) => Builtin::FloatMax,
            (_, true, false) => Builtin::FloatMin,
            _ => return self.fold_mixed_min_max(is_max, args, range, line),
        };
        let ty = args[0].ty;
        Some(Expr { kind: ExprKind::Builtin(builtin, args), ty, line })
    }

    fn fold_mixed_min_max(&mut self, is_max: bool, args: Vec<Expr>, range: ruff_text_size::TextRange, line: ir::Line) -> Option<Expr> {
        let as_f64 = |e: &Expr| match e.kind {
            ExprKind::Int(v) => Some(v as f64),
            ExprKind::Float(v) => Some(v),
            _ => None,
        };
        let mut best: Option<(f64, usize)> = None;
        for (idx, arg) in args.iter().enumerate() {
            let Some(v) = as_f64(arg) else {
                self.report(diag::mixed_min_max(range));
                return None;
            };
            let better = match best {
                None => true,
                Some((b, _)) => if is_max { v > b } else { v < b },
            };
            if better {
                best = Some((v, idx));
            }
        }
        let (_, idx) = best?;
        let winner = args.into_iter().nth(idx)?;
        Some(Expr { line, ..winner })
    }

    /// A call of the `math` function `name` (`math.sqrt(x)`, or `sqrt(x)` after `from math
    /// import sqrt`); `name_range` is where the name is written.
    /// `math.fsum(xs)` (a float) and `math.prod(xs)` (of the items' type) of ints or floats.
    fn math_of_iterable(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if call.arguments.args.len() != 1 || !call.arguments.keywords.is_empty() {
            self.report(diag::bad_arity(call.arguments.range(), &format!("math.{name}"), "1", call.arguments.args.len()));
            return None;
        }
        let arg = &call.arguments.args[0];
        let list = self.list_of(ctx, arg)?;
        let elem = list.ty.list_elem().unwrap_or(Ty::STR);
        let elem = if elem == Ty::BOOL { Ty::INT } else { elem };
        if elem != Ty::INT && elem != Ty::FLOAT {
            self.report(diag::arg_mismatch(arg.range(), &format!("math.{name}() argument"), &Ty::list(Ty::FLOAT), &list.ty));
            return None;
        }
        let (builtin, ty) = match name {
            "fsum" => (Builtin::MathFsum, Ty::FLOAT),
            _ => (Builtin::MathProd, elem),
        };
        Some(Expr { kind: ExprKind::Builtin(builtin, vec![list]), ty, line })
    }

    /// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
    fn math_isclose(&mut self, ctx: &mut FnCtx, args: Vec<Expr>, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if args.len() != 2 {
            self.report(diag::bad_arity(call.arguments.range(), "math.isclose", "2", args.len()));
            return None;
        }
        let mut tol = [Expr { kind: ExprKind::Float(1e-9), ty: Ty::FLOAT, line }, Expr { kind: ExprKind::Float(0.0), ty: Ty::FLOAT, line }];
        for keyword in call.arguments.keywords.iter() {
            let slot = match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("rel_tol") => 0,
                Some("abs_tol") => 1,
                _ => {
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", "math.isclose() takes `rel_tol=` and `abs_tol=`"));
                    return None;
                }
            };
            let v = self.expr(ctx, &keyword.value)?;
            if !v.ty.is_numeric() {
                self.report(diag::arg_mismatch(keyword.value.range(), "a tolerance", &Ty::FLOAT, &v.ty));
                return None;
            }
            tol[slot] = self.to_float(v);
        }
        let mut operands = Vec::new();
        for (arg, arg_expr) in args.into_iter().zip(call.arguments.args.iter()) {
            if !arg.ty.is_numeric() {
                self.report(diag::arg_mismatch(arg_expr.range(), "math.isclose() argument", &Ty::FLOAT, &arg.ty));
                return None;
            }
            operands.push(self.to_float(arg));
        }
        let [rel, abs] = tol;
        operands.push(rel);
        operands.push(abs);
        Some(Expr { kind: ExprKind::Builtin(Builtin::MathIsclose, operands), ty: Ty::BOOL, line })
    }

    /// `math.isnan(x)` and its kin (bool), `math.ldexp(x, i)`, and `math.frexp(x)` /
    /// `math.modf(x)`, tuples of two runtime calls on `x` evaluated once.
    fn math_float_parts(&mut self, ctx: &mut FnCtx, name: &str, args: Vec<Expr>, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let arity = if name == "ldexp" { 2 } else { 1 };
        if args.len() != arity || !call.arguments.keywords.is_empty() {
            self.report(diag::bad_arity(call.arguments.range(), &format!("math.{name}"), &arity.to_string(), args.len()));
            return None;
        }
        let mut args = args.into_iter();
        let x = args.next()?;
        if !x.ty.is_numeric() {
            self.report(diag::arg_mismatch(call.arguments.args[0].range(), &format!("math.{name}() argument"), &Ty::FLOAT, &x.ty));
            return None;
        }
        let x = self.to_float(x);
        let builtin = |b, x: Expr, ty| Expr { kind: ExprKind::Builtin(b, vec![x]), ty, line };
        if let Some(&(_, which)) = MATH_TESTS.iter().find(|(n, _)| *n == name) {
            return Some(builtin(Builtin::MathIs(which), x, Ty::BOOL));
        }
        if name == "ldexp" {
            let i = args.next()?;
            if !matches!(i.ty.kind(), TyKind::Int | TyKind::Bool) {
                self.report(diag::arg_mismatch(call.arguments.args[1].range(), "math.ldexp() exponent", &Ty::INT, &i.ty));
                return None;
            }
            let i = self.to_int(i);
            return Some(Expr { kind: ExprKind::Builtin(Builtin::MathLdexp, vec![x, i]), ty: Ty::FLOAT, line });
        }
        let (stmts, hx) = self.hidden(ctx, x);
        let (first, second) = if name == "frexp" {
            (builtin(Builtin::MathPart(0), hx.load(), Ty::FLOAT), builtin(Builtin::MathFrexpExp, hx.load(), Ty::INT))
        } else {
            (builtin(Builtin::MathPart(1), hx.load(), Ty::FLOAT), builtin(Builtin::MathPart(2), hx.load(), Ty::FLOAT))
        };
        let ty = Ty::tuple(vec![first.ty, second.ty]);
        let tuple = Expr { kind: ExprKind::Tuple(vec![first, second]), ty, line };
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(tuple)), ty, line })
    }

    fn math_call(&mut self, ctx: &mut FnCtx, name: &str, name_range: TextRange, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if matches!(name, "fsum" | "prod") {
            return self.math_of_iterable(ctx, name, call, line);
        }
        let args = self.args(ctx, call)?;
        let n_args = args.len();
        if name == "isclose" {
            return self.math_isclose(ctx, args, call, line);
        }
        if matches!(name, "isnan" | "isinf" | "isfinite" | "ldexp" | "frexp" | "modf") {
            return self.math_float_parts(ctx, name, args, call, line);
        }
        if name == "log" && n_args == 2 {
            let mut converted = Vec::new();
            for (arg, arg_expr) in args.into_iter().zip(call.arguments.args.iter()) {
                if !arg.ty.is_numeric() {
                    self.report(diag::arg_mismatch(arg_expr.range(), "math.log() argument", &Ty::FLOAT, &arg.ty));
                    return None;
                }
                converted.push(self.to_float(arg));
            }
            return Some(Expr { kind: ExprKind::Builtin(Builtin::MathLogBase, converted), ty: Ty::FLOAT, line });
        }
        if let Some(&(_, builtin, arity)) = MATH_FLOAT_FNS.iter().find(|(n, _, _)| *n == name) {
            if n_args != arity {
                self.report(diag::bad_arity(call.arguments.range(), &format!("math.{name}"), &arity.to_string(), n_args));
                return None;
            }
            let mut converted = Vec::new();
            for (arg, arg_expr) in args.into_iter().zip(call.arguments.args.iter()) {
                if !arg.ty.is_numeric() {
                    self.report(diag::arg_mismatch(arg_expr.range(), &format!("math.{name}() argument"), &Ty::FLOAT, &arg.ty));
                    return None;
                }
                converted.push(self.to_float(arg));
            }
            return Some(Expr { kind: ExprKind::Builtin(builtin, converted), ty: Ty::FLOAT, line });
        }
        let Some(&(_, builtin, arity, takes_float)) = MATH_INT_FNS.iter().find(|(n, ..)| *n == name) else {
            let what = if math_constant(name).is_some() { diag::not_callable(name_range, &format!("math.{name}")) } else { diag::unknown_attribute(name_range, "math", name) };
            self.report(what);
            return None;
        };
        if n_args != arity {
            self.report(diag::bad_arity(call.arguments.range(), &format!("math.{name}"), &arity.to_string(), n_args));
            return None;
        }
        let mut converted = Vec::new();
        for (arg, arg_expr) in args.into_iter().zip(call.arguments.args.iter()) {
            match (arg.ty, takes_float) {
                // floor/ceil of an int is the int itself.
                (Ty::INT | Ty::BOOL, true) => return Some(self.to_int(arg)),
                (Ty::FLOAT, true) => converted.push(arg),
                (Ty::INT | Ty::BOOL, false) => converted.push(self.to_int(arg)),
                (ty, _) => {
                    let want = if takes_float { Ty::FLOAT } else { Ty::INT };
                    self.report(diag::arg_mismatch(arg_expr.range(), &format!("math.{name}() argument"), &want, &ty));
                    return None;
                }
            }
        }
        Some(Expr { kind: ExprKind::Builtin(builtin, converted), ty: Ty::INT, line })
    }
}

/// Whether every use of `param` in `body` sits inside the arguments of a `math` call
/// (`is_math` tells the callees that are `math` functions): then an int passed for a float
/// parameter gives the same result either way (CPython's `hypot(5, 12)`).
pub(crate) fn param_only_in_math(body: &[ast::Stmt], param: &str, is_math: &dyn Fn(&ast::Expr) -> bool) -> bool {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Uses<'p> {
        param: &'p str,
        depth: u32,
        outside: bool,
        is_math: &'p dyn Fn(&ast::Expr) -> bool,
    }
    impl<'p, 'b> Visitor<'b> for Uses<'p> {
        fn visit_expr(&mut self, expr: &'b ast::Expr) {
            match expr {
                ast::Expr::Name(n) if n.id.as_str() == self.param && self.depth == 0 => self.outside = true,
                ast::Expr::Call(c) if (self.is_math)(&c.func) => {
                    self.depth += 1;
                    visitor::walk_expr(self, expr);
                    self.depth -= 1;
                }
                _ => visitor::walk_expr(self, expr),
            }
        }
    }
    let mut uses = Uses { param, depth: 0, outside: false, is_math };
    for stmt in body {
        uses.visit_stmt(stmt);
    }
    !uses.outside
}

/// `float("...")` of a constant ASCII string without underscores, with Python's spellings of
/// the special values (`trim` strips exactly Python's ASCII whitespace).
fn parse_float_literal(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
        "nan" | "+nan" | "-nan" => Some(f64::NAN),
        _ => t.parse::<f64>().ok().filter(|_| !t.contains("inf") && !t.contains("nan")),
    }
}

impl<'a> Checker<'a> {
    /// `open(path)`, `open(path, "r")`, `open(path, mode="r", encoding="utf-8")`: a text file
    /// opened for reading. The mode and the encoding are literals, checked here: modes that
    /// write (and binary ones) and encodings other than UTF-8 are refused.
    pub fn open_call(
        &mut self,
        ctx: &mut FnCtx,
        call: &'a ast::ExprCall,
        line: ir::Line,
    ) -> Option<Expr> {
        let args = &call.arguments;
        if args.args.is_empty()
            && args
                .keywords
                .iter()
                .all(|k| k.arg.as_ref().is_none_or(|a| a.id.as_str() != "file"))
        {
            self.report(diag::bad_arity(args.range(), "open", "1 or 2", 0));
            return None;
        }
        if let Some(extra) = args.args.get(2) {
            self.report(diag::open_argument(
                extra.range(),
                "a third positional argument",
            ));
            return None;
        }
        let mut mode_expr = args.args.get(1);
        let mut encoding_expr = None;
        let mut path_expr = args.args.first();
        for keyword in args.keywords.iter() {
            match keyword.arg.as_ref().map(|a| a.id.as_str()) {
                Some("file") if path_expr.is_none() => path_expr = Some(&keyword.value),
                Some("mode") if mode_expr.is_none() => mode_expr = Some(&keyword.value),
                Some("encoding") => encoding_expr = Some(&keyword.value),
                Some(name @ ("file" | "mode")) => {
                    self.report(diag::multiple_values(keyword.range(), "open", name));
                    return None;
                }
                Some(name) => {
                    self.report(diag::open_argument(
                        keyword.range(),
                        &format!("the argument `{name}=`"),
                    ));
                    return None;
                }
                None => {
                    self.report(diag::open_argument(keyword.range(), "`**` arguments"));
                    return None;
                }
            }
        }
        let path_expr = path_expr?;
        let mode = match mode_expr {
            None => "r".to_string(),
            Some(ast::Expr::StringLiteral(s)) => s.value.to_str().to_string(),
            Some(other) => {
                self.report(diag::open_argument(
                    other.range(),
                    "a mode that is not a string literal",
                ));
                return None;
            }
        };
        let mode_range = mode_expr.map_or(call.range(), |m| m.range());
        // CPython's checks of the mode (Modules/_io/_iomodule.c), then what multigen reads.
        let mut seen = String::new();
        for c in mode.chars() {
            if !"rwaxbt+U".contains(c) || seen.contains(c) {
                self.report(diag::open_mode(
                    mode_range,
                    &mode,
                    "an invalid mode: CPython raises ValueError",
                ));
                return None;
            }
            seen.push(c);
        }
        if mode.contains(['x', '+']) {
            self.report(diag::open_for_writing(mode_range, &mode));
            return None;
        }
        if mode.contains('b') {
            self.report(diag::open_mode(
                mode_range,
                &mode,
                "binary files are not supported",
            ));
            return None;
        }
        if mode.contains('U') || mode.chars().filter(|c| "rwa".contains(*c)).count() != 1 {
            self.report(diag::open_mode(
                mode_range,
                &mode,
                "not a plain reading mode",
            ));
            return None;
        }
        let encoding = match encoding_expr {
            None | Some(ast::Expr::NoneLiteral(_)) => String::new(),
            Some(ast::Expr::StringLiteral(s)) => {
                let text = s.value.to_str().to_string();
                // The spellings CPython's codec registry resolves to utf_8.
                let normal = text.to_ascii_lowercase().replace(['-', ' '], "_");
                if !matches!(normal.as_str(), "utf_8" | "utf8" | "u8" | "utf" | "cp65001") {
                    self.report(diag::open_encoding(s.range(), &text));
                    return None;
                }
                text
            }
            Some(other) => {
                self.report(diag::open_argument(
                    other.range(),
                    "an encoding that is not a string literal",
                ));
                return None;
            }
        };
        let path = self.expr_expect(ctx, path_expr, Some(&Ty::STR))?;
        if path.ty != Ty::STR {
            self.report(diag::arg_mismatch(
                path_expr.range(),
                "open() path",
                &Ty::STR,
                &path.ty,
            ));
            return None;
        }
        let lit = |s: String| Expr {
            kind: ExprKind::Str(s),
            ty: Ty::STR,
            line,
        };
        Some(Expr {
            kind: ExprKind::Builtin(Builtin::FileOpen, vec![path, lit(mode), lit(encoding)]),
            ty: Ty::file(),
            line,
        })
    }
}
