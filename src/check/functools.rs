//! `functools`: `reduce`, `partial`, and the `lru_cache`/`cache` decorators.
//!
//! `reduce` and `partial` are CPython's C code, so each is a frameless function
//! (`ir::FnRole::Frameless`) made where it is called and called at once with the call's
//! arguments (`Checker::frameless_call`): `reduce`'s body is its documented Python
//! equivalent (a template, parsed, moved to the call's range and checked like any body);
//! `partial` returns a frameless lambda over its parameters, so the bound arguments are
//! evaluated once, at the call, as CPython's `partial` holds them, and a later call passes
//! them before the new ones (keywords by name, to a module-level function).
//!
//! `@lru_cache`/`@cache` on a module-level function `f` splits it in two (`declare_cached`):
//! the body keeps `f`'s name and traceback frame, and `f` itself, which every call and
//! every use as a value reaches, is a frameless wrapper (`cached_wrapper`) whose one
//! expression (`ExprKind::CachedCall`) looks the arguments up in the function's cache
//! (`runtime/mg_lru.c`, a handle in a hidden global), and on a miss calls the body and
//! stores its result, exactly as CPython's `_lru_cache_wrapper` orders hits, misses and
//! evictions.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::closures::ClosureBody;
use crate::check::diagnostics as diag;
use crate::check::ir::{self, Expr, ExprKind, FuncId, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

/// The names of `functools` the subset has.
pub const NAMES: &[&str] = &["reduce", "partial", "lru_cache", "cache"];

/// CPython's `lru_cache` default `maxsize`.
const DEFAULT_MAXSIZE: i64 = 128;

/// A function decorated with `@lru_cache`/`@cache`.
#[derive(Debug, Clone)]
pub(crate) struct Cached {
    /// The function with the original body (its name, its frame).
    pub body: FuncId,
    /// The hidden global holding the cache's handle.
    pub global: ir::GlobalId,
    /// `None` for an unbounded cache.
    pub maxsize: Option<i64>,
}

impl<'a> Checker<'a> {
    pub fn functools_call(&mut self, ctx: &mut FnCtx, name: &'static str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        match name {
            "reduce" => self.reduce_call(ctx, call, line),
            "partial" => self.partial_call(ctx, call, line),
            _ => {
                self.report(diag::unsupported(call.range(), &format!("calling `functools.{name}`"), "use it as a decorator of a module-level function: `@functools.lru_cache(maxsize=None)`"));
                None
            }
        }
    }

    /// `reduce(f, iterable[, initial])`.
    fn reduce_call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        if let Some(k) = call.arguments.keywords.first() {
            self.report(diag::unsupported(k.range(), "keyword arguments of functools.reduce", "pass the arguments by position"));
            return None;
        }
        if !(2..=3).contains(&args.len()) {
            self.report(diag::bad_arity(call.arguments.range(), "reduce", "2 to 3", args.len()));
            return None;
        }
        // CPython evaluates the arguments in order, then `iter(iterable)`. A lambda's types
        // depend on the other arguments, so it is checked last (making it has no effect).
        let early = match &args[0] {
            ast::Expr::Lambda(_) => None,
            other => Some(self.expr(ctx, other)?),
        };
        let it = self.as_iterator(ctx, &args[1])?;
        let elem = it.ty.iter_elem()?;
        let initial = match args.get(2) {
            Some(a) => {
                let v = self.expr_expect(ctx, a, Some(&elem))?;
                Some(v)
            }
            None => None,
        };
        let acc = initial.as_ref().map_or(elem, |v| v.ty);
        let fty = Ty::intern(TyKind::Function { params: vec![acc, elem], ret: acc });
        let f = match early {
            Some(f) => f,
            None => self.expr_expect(ctx, &args[0], Some(&fty))?,
        };
        if f.ty != fty {
            self.report(diag::arg_mismatch(args[0].range(), "reduce() function", &fty, &f.ty));
            return None;
        }
        let template = if initial.is_some() {
            "v = a2\nfor y in a1:\n    v = a0(v, y)\nreturn v\n"
        } else {
            "for x in a1:\n    v = x\n    for y in a1:\n        v = a0(v, y)\n    return v\nraise TypeError(\"reduce() of empty iterable with no initial value\")\n"
        };
        let stmts = self.parse_template(template, call.range(), "functools.reduce")?;
        let mut params = vec![f, it];
        params.extend(initial);
        self.frameless_call(ctx, "functools.reduce", params, acc, line, |this, gc| {
            crate::check::scope::collect_assigned(stmts, &mut gc.assigned, &mut Default::default());
            Some(this.lower_block(gc, stmts))
        })
    }

    /// `partial(f, *args, **kwargs)`: a function value of the parameters left.
    fn partial_call(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        let Some(func_expr) = args.first() else {
            self.report(diag::bad_arity(call.arguments.range(), "partial", "at least 1", 0));
            return None;
        };
        let bound = &args[1..];
        let keywords = &call.arguments.keywords;
        if let Some(k) = keywords.iter().find(|k| k.arg.is_none()) {
            self.report(diag::unsupported(k.range(), "`**` arguments", "pass the keyword arguments one by one"));
            return None;
        }
        // A module-level function named directly: its signature binds keywords and
        // defaults. Anything else is a function value, bound by position.
        let known = match func_expr {
            ast::Expr::Name(n) if ctx.is_global(n.id.as_str()) && !self.global_by_name.contains_key(n.id.as_str()) => self.func_by_name.get(n.id.as_str()).copied().filter(|f| self.funcs[f.0 as usize].method_of.is_none()),
            _ => None,
        };
        let mut values: Vec<Expr> = Vec::new();
        // The text of the lambda's call: the function, then each bound argument by its
        // parameter (`a1`...) and each new one (`x0`...).
        let (callee_text, remaining, ret, call_args) = match known {
            Some(fid) => {
                let ast::Expr::Name(n) = func_expr else { return None };
                if !self.defined_yet(ctx, n.id.as_str(), n.range()) {
                    return None;
                }
                let ret = self.func_ret(fid, n.range())?;
                let sig = &self.funcs[fid.0 as usize];
                let params = sig.params.clone();
                let (posonly, positional, refused) = (sig.spec.posonly, sig.spec.positional, sig.spec.refused);
                let has_default: Vec<bool> = (0..params.len()).map(|i| sig.spec.defaults.get(i).is_some_and(|d| d.is_some())).collect();
                if refused {
                    return None;
                }
                if bound.len() > positional {
                    self.report(diag::unsupported(call.range(), &format!("more arguments than `{}` takes", n.id), "CPython raises TypeError when the partial object is called"));
                    return None;
                }
                let mut by_kw: Vec<Option<usize>> = vec![None; params.len()];
                for (k, kw) in keywords.iter().enumerate() {
                    let name = kw.arg.as_ref().map_or("", |a| a.id.as_str());
                    match params.iter().position(|(p, _)| p == name) {
                        Some(i) if i >= posonly && i >= bound.len() => by_kw[i] = Some(k),
                        _ => {
                            self.report(diag::unsupported(kw.range(), &format!("this keyword argument of a partial of `{}`", n.id), "bind parameters of the function by name, after those given by position"));
                            return None;
                        }
                    }
                }
                // The new positional arguments fill the parameters after the bound ones, up
                // to the first one bound by keyword; later ones need their keyword or default.
                let first_kw = (bound.len()..positional).find(|&i| by_kw[i].is_some()).unwrap_or(positional);
                if let Some(i) = (first_kw..params.len()).find(|&i| by_kw[i].is_none() && !has_default[i]) {
                    self.report(diag::unsupported(call.range(), &format!("a partial of `{}` whose parameter `{}` could only be passed by keyword", n.id, params[i].0), "bind it here too, or bind fewer parameters by keyword"));
                    return None;
                }
                let mut texts = Vec::new();
                for (i, a) in bound.iter().enumerate() {
                    values.push(self.typed_arg(ctx, a, params[i].1, "partial() argument")?);
                    texts.push(format!("a{}", values.len() - 1));
                }
                let remaining: Vec<Ty> = params[bound.len()..first_kw].iter().map(|(_, t)| *t).collect();
                texts.extend((0..remaining.len()).map(|k| format!("x{k}")));
                // Keywords are evaluated in source order, and passed by name.
                let mut kw_texts = Vec::new();
                for kw in keywords.iter() {
                    let name = kw.arg.as_ref().map_or("", |a| a.id.as_str());
                    let ty = params.iter().find(|(p, _)| p == name).map_or(Ty::NONE, |(_, t)| *t);
                    values.push(self.typed_arg(ctx, &kw.value, ty, "partial() argument")?);
                    kw_texts.push(format!("{name}=a{}", values.len() - 1));
                }
                texts.extend(kw_texts);
                (n.id.to_string(), remaining, ret, texts)
            }
            None => {
                if let Some(k) = keywords.first() {
                    self.report(diag::unsupported(k.range(), "keyword arguments in a partial of a function value", "name a module-level function, or bind the arguments by position"));
                    return None;
                }
                let f = self.expr(ctx, func_expr)?;
                let TyKind::Function { params, ret } = f.ty.kind() else {
                    self.report(diag::not_callable(func_expr.range(), &self.source_of(func_expr)));
                    return None;
                };
                if bound.len() > params.len() {
                    self.report(diag::unsupported(call.range(), "more arguments than the function takes", "CPython raises TypeError when the partial object is called"));
                    return None;
                }
                let (params, ret) = (params.clone(), *ret);
                values.push(f);
                let mut texts = Vec::new();
                for (i, a) in bound.iter().enumerate() {
                    values.push(self.typed_arg(ctx, a, params[i], "partial() argument")?);
                    texts.push(format!("a{}", values.len() - 1));
                }
                let remaining: Vec<Ty> = params[bound.len()..].to_vec();
                texts.extend((0..remaining.len()).map(|k| format!("x{k}")));
                ("a0".to_string(), remaining, ret, texts)
            }
        };
        let lambda_params: Vec<String> = (0..remaining.len()).map(|k| format!("x{k}")).collect();
        let text = format!("lambda {}: {}({})", lambda_params.join(", "), callee_text, call_args.join(", "));
        let lambda = self.parse_template_expr(&text, call.range(), "functools.partial")?;
        let fty = Ty::intern(TyKind::Function { params: remaining.clone(), ret });
        self.frameless_call(ctx, "functools.partial", values, fty, line, |this, gc| {
            let params: Vec<(String, Ty)> = lambda_params.iter().cloned().zip(remaining.iter().copied()).collect();
            // `!` marks a partial object: its repr is not a function's (`mg_func_repr`).
            let (func, object, captures, _) = this.lower_closure(gc, "<lambda>", "!functools.partial".to_string(), params, Some(ret), ClosureBody::Lambda(lambda))?;
            if let Some((_, f)) = this.nested.iter_mut().rev().find(|(id, _)| *id == func) {
                f.role = ir::FnRole::Frameless;
            }
            Some(vec![Stmt::Return(Some(Expr { kind: ExprKind::MakeFunction { func, object, captures }, ty: fty, line }))])
        })
    }

    /// Statements of a template, parsed and moved to `range`.
    pub(crate) fn parse_template(&mut self, text: &str, range: TextRange, what: &str) -> Option<&'a [ast::Stmt]> {
        match crate::syntax::dataclasses::parse_relocated(text, range) {
            Ok(stmts) => Some(Box::leak(stmts.into_boxed_slice())),
            Err(e) => {
                self.report(diag::unsupported(range, &format!("{what} here"), &format!("multigen could not write its body ({})", e.error)));
                None
            }
        }
    }

    /// The lambda of a template, parsed and moved to `range`.
    fn parse_template_expr(&mut self, text: &str, range: TextRange, what: &str) -> Option<&'a ast::ExprLambda> {
        let stmts = self.parse_template(text, range, what)?;
        match stmts.first() {
            Some(ast::Stmt::Expr(e)) => match &*e.value {
                ast::Expr::Lambda(l) => Some(l),
                _ => None,
            },
            _ => None,
        }
    }

    /// A frameless function made here and called at once with `args` (its parameters `a0`,
    /// `a1`...), returning `ret`; `body` checks its body in its own context.
    fn frameless_call(&mut self, ctx: &mut FnCtx, name: &str, args: Vec<Expr>, ret: Ty, line: ir::Line, body: impl FnOnce(&mut Self, &mut FnCtx) -> Option<Vec<Stmt>>) -> Option<Expr> {
        let _ = ctx;
        let mut gc = FnCtx::new(&[], ret, false);
        gc.qualname = name.to_string();
        let mut param_ids = Vec::new();
        for (k, a) in args.iter().enumerate() {
            param_ids.push(gc.add_local(&format!("a{k}"), a.ty));
            gc.assigned.insert(format!("a{k}"));
        }
        let stmts = body(self, &mut gc)?;
        let func = FuncId(self.funcs.len() as u32);
        let params: Vec<(String, Ty)> = args.iter().enumerate().map(|(k, a)| (format!("a{k}"), a.ty)).collect();
        self.funcs.push(crate::check::scope::FuncSig { name: name.to_string(), params, ret, def: None, method_of: None, cls_param: None, spec: Default::default(), infer: None });
        self.finish_cells(&mut gc);
        self.nested.push((func, ir::Function { name: name.to_string(), class: None, params: param_ids, locals: gc.locals, ret, body: stmts, closure: None, role: ir::FnRole::Frameless }));
        Some(Expr { kind: ExprKind::Call(func, args), ty: ret, line })
    }
}

/// The cache a decorator asks for: `Some(maxsize)` (`None` unbounded), or `None` when the
/// decorator is not `functools`' (`Err` when it is but was refused, reported).
type CacheDecorator = Option<Result<Option<i64>, ()>>;

impl<'a> Checker<'a> {
    /// Pass 1: a module-level function decorated with `@lru_cache`/`@cache`; false when its
    /// decorators are none of these (the caller refuses them).
    pub fn declare_cached(&mut self, def: &'a ast::StmtFunctionDef) -> bool {
        let Some(first) = def.decorator_list.first() else { return false };
        let maxsize = match self.cache_decorator(&first.expression) {
            None => return false,
            Some(Err(())) => None,
            Some(Ok(m)) => Some(m),
        };
        // A refused cache still declares the function, so its calls are not reported again.
        let declared = maxsize.is_some_and(|m| self.declare_cached_as(def, m));
        let name = def.name.id.to_string();
        if !declared && !self.func_by_name.contains_key(&name) && !self.class_by_name.contains_key(&name) {
            if let Some(id) = self.declare_signature_of(def) {
                self.func_by_name.insert(name, id);
            }
        }
        true
    }

    /// Declares an `lru_cache` function (false when refused, reported).
    fn declare_cached_as(&mut self, def: &'a ast::StmtFunctionDef, maxsize: Option<i64>) -> bool {
        if let Some(more) = def.decorator_list.get(1) {
            self.report(diag::unsupported(more.range(), "several decorators", "decorate the function with `@lru_cache` alone"));
            return false;
        }
        let name = def.name.id.to_string();
        let p = &def.parameters;
        if let Some(range) = p.vararg.as_deref().map(Ranged::range).or(p.kwarg.as_deref().map(Ranged::range)).or(p.kwonlyargs.first().map(Ranged::range)).or(p.iter_non_variadic_params().find(|x| x.default.is_some()).map(Ranged::range)) {
            self.report(diag::unsupported(range, "default values, keyword-only and variadic parameters of an `lru_cache` function", "CPython's cache key is the arguments as written, so `f(1)` and `f(1, 2)` would be two entries: give it plain parameters"));
            return false;
        }
        let Some(returns) = &def.returns else {
            self.report(diag::missing_return_annotation(def.name.range(), &name));
            return false;
        };
        if self.func_by_name.contains_key(&name) || self.class_by_name.contains_key(&name) {
            self.report(diag::redefined_function(def.name.range(), &name));
            return false;
        }
        let Some(body) = self.declare_signature_of(def) else { return false };
        let sig = &self.funcs[body.0 as usize];
        let (params, ret) = (sig.params.clone(), sig.ret);
        if ret == Ty::NONE {
            self.report(diag::unsupported(returns.range(), "an `lru_cache` function returning None", "a cache of None results saves nothing: drop the decorator"));
            self.func_by_name.insert(name, body);
            return false;
        }
        for ((pname, ty), param) in params.iter().zip(p.iter_non_variadic_params()) {
            if !cache_key_type(*ty) {
                self.report(diag::unhashable_cache_param(param.range(), pname, ty));
                self.func_by_name.insert(name, body);
                return false;
            }
        }
        let global = ir::GlobalId(self.globals.len() as u32);
        self.globals.push(ir::Global { name: format!("{name}.<lru_cache>"), ty: Ty::INT });
        let wrapper = FuncId(self.funcs.len() as u32);
        let spec = crate::check::calls::ParamSpec { posonly: p.posonlyargs.len(), positional: params.len(), defaults: params.iter().map(|_| None).collect(), implicit_first: false, refused: false };
        self.funcs.push(crate::check::scope::FuncSig { name: name.clone(), params, ret, def: None, method_of: None, cls_param: None, spec, infer: None });
        self.func_by_name.insert(name, wrapper);
        self.cached.insert(wrapper, Cached { body, global, maxsize });
        true
    }

    /// What a decorator expression asks for, if it is `functools`' `cache` or `lru_cache`.
    fn cache_decorator(&mut self, e: &'a ast::Expr) -> CacheDecorator {
        let (func, call) = match e {
            ast::Expr::Call(c) => (&*c.func, Some(c)),
            other => (other, None),
        };
        let name = self.functools_name(func)?;
        let refuse = |this: &mut Self, range: TextRange, what: &str, help: &str| {
            this.report(diag::unsupported(range, what, help));
            Some(Err(()))
        };
        match (name, call) {
            ("cache", None) => Some(Ok(None)),
            ("lru_cache", None) => Some(Ok(Some(DEFAULT_MAXSIZE))),
            ("lru_cache", Some(c)) => {
                let mut maxsize = Some(DEFAULT_MAXSIZE);
                let mut given = c.arguments.args.iter().map(|a| (a, "maxsize")).collect::<Vec<_>>();
                if given.len() > 1 {
                    return refuse(self, c.arguments.range(), "more than one positional argument of lru_cache", "write `lru_cache(maxsize=N)`");
                }
                for kw in &c.arguments.keywords {
                    match kw.arg.as_ref().map(|a| a.id.as_str()) {
                        Some(k @ ("maxsize" | "typed")) => given.push((&kw.value, k)),
                        _ => return refuse(self, kw.range(), "this keyword argument of lru_cache", "lru_cache takes `maxsize=` and `typed=`"),
                    }
                }
                for (value, what) in given {
                    match (what, value) {
                        ("maxsize", ast::Expr::NoneLiteral(_)) => maxsize = None,
                        ("maxsize", v) => match const_int(v) {
                            // CPython treats a negative size as 0.
                            Some(n) => maxsize = Some(n.max(0)),
                            None => return refuse(self, v.range(), "a `maxsize` that is not an int literal or None", "write the size as a literal"),
                        },
                        // Every argument has its static type, so `typed=True` keys the same
                        // entries as `typed=False`.
                        (_, ast::Expr::BooleanLiteral(_)) => {}
                        (_, v) => return refuse(self, v.range(), "a `typed` that is not True or False", "write `typed=True` or `typed=False`"),
                    }
                }
                Some(Ok(maxsize))
            }
            ("cache", Some(c)) => refuse(self, c.range(), "calling `functools.cache`", "decorate with `@cache`, without parentheses"),
            (other, _) => refuse(self, e.range(), &format!("`functools.{other}` as a decorator"), "decorate with `@lru_cache` or `@cache`"),
        }
    }

    /// The `functools` name an expression spells (`lru_cache`, `functools.cache`, ...).
    fn functools_name(&self, e: &ast::Expr) -> Option<&'static str> {
        match e {
            ast::Expr::Name(n) => match self.annotation_import(n.id.as_str(), n.range().start())? {
                crate::check::imports::Imported::Member(crate::check::imports::Module::Functools, member) => Some(member),
                _ => None,
            },
            ast::Expr::Attribute(a) => {
                let ast::Expr::Name(m) = &*a.value else { return None };
                match self.annotation_import(m.id.as_str(), m.range().start())? {
                    crate::check::imports::Imported::Module(crate::check::imports::Module::Functools) => crate::check::imports::Module::Functools.member(a.attr.id.as_str()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// After pass 4: each `lru_cache` function's wrapper, and the statements of `<module>`
    /// that make the caches (first of all: no call can come before its function's `def`).
    pub fn cached_wrappers(&mut self, functions: &mut [Option<ir::Function>], module_init: FuncId) {
        let mut cached: Vec<(FuncId, Cached)> = self.cached.iter().map(|(k, v)| (*k, v.clone())).collect();
        cached.sort_by_key(|(k, _)| k.0);
        let mut inits = Vec::new();
        for (wrapper, spec) in cached {
            let sig = &self.funcs[wrapper.0 as usize];
            let (name, params, ret) = (sig.name.clone(), sig.params.clone(), sig.ret);
            let line = self.funcs[spec.body.0 as usize].def.map_or(1, |d| self.line(d.range()));
            let mut ctx = FnCtx::new(&[], ret, false);
            let ids: Vec<ir::LocalId> = params.iter().map(|(n, t)| ctx.add_local(n, *t)).collect();
            let loads = || -> Vec<Expr> { ids.iter().zip(&params).map(|(id, (_, t))| Expr { kind: ExprKind::Load(ir::Place::Local(*id)), ty: *t, line }).collect() };
            // The key: the one argument (or 0 for none), else the tuple of them.
            let key = match loads().len() {
                0 => Expr { kind: ExprKind::Int(0), ty: Ty::INT, line },
                1 => loads().remove(0),
                _ => Expr { kind: ExprKind::Tuple(loads()), ty: Ty::tuple(params.iter().map(|(_, t)| *t).collect()), line },
            };
            let key_ty = key.ty;
            let call = Expr { kind: ExprKind::CachedCall { cache: spec.global, func: spec.body, key: Box::new(key), args: loads() }, ty: ret, line };
            functions[wrapper.0 as usize] =
                Some(ir::Function { name, class: None, params: ids, locals: ctx.locals, ret, body: vec![Stmt::Return(Some(call))], closure: None, role: ir::FnRole::Frameless });
            let new = Expr { kind: ExprKind::CacheNew { key: key_ty, result: ret, maxsize: spec.maxsize.unwrap_or(-1) }, ty: Ty::INT, line };
            inits.push(Stmt::Assign { place: ir::Place::Global(spec.global), value: new });
        }
        if let Some(Some(init)) = functions.get_mut(module_init.0 as usize) {
            init.body.splice(0..0, inits);
        }
    }

    /// The cache of `f` when `e` names an `lru_cache` function `f` (module-level, not shadowed).
    fn cache_of(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<Cached> {
        let ast::Expr::Name(n) = e else { return None };
        let id = n.id.as_str();
        if !ctx.is_global(id) || self.global_by_name.contains_key(id) {
            return None;
        }
        let f = self.func_by_name.get(id)?;
        self.cached.get(f).cloned()
    }

    /// `f.cache_clear()` and `f.cache_info()` of an `lru_cache` function (`None` when `call`
    /// is neither). `cache_info()` is a named tuple in CPython: multigen prints it or reads
    /// a field of it where it is made (`cache_info_text`, `cache_field`).
    pub fn cache_method_call(&mut self, ctx: &mut FnCtx, attr: &'a ast::ExprAttribute, call: &'a ast::ExprCall, line: ir::Line) -> Option<Option<Expr>> {
        let cache = self.cache_of(ctx, &attr.value)?;
        let method = attr.attr.id.as_str();
        if !call.arguments.args.is_empty() || !call.arguments.keywords.is_empty() {
            self.report(diag::bad_arity(call.arguments.range(), method, "0", call.arguments.args.len() + call.arguments.keywords.len()));
            return Some(None);
        }
        Some(match method {
            "cache_clear" => Some(Expr { kind: ExprKind::CacheOp { cache: cache.global, op: ir::CacheOp::Clear }, ty: Ty::NONE, line }),
            "cache_info" => {
                self.report(diag::unsupported(call.range(), "`cache_info()` as a value", "print it, `print(f.cache_info())`, or read one of its fields, `f.cache_info().hits`"));
                None
            }
            other => {
                self.report(diag::unsupported(attr.attr.range(), &format!("`{other}` of an lru_cache function"), "an lru_cache function has `cache_info()` and `cache_clear()`"));
                None
            }
        })
    }

    /// `f.cache_info()` printed: its text.
    pub fn cache_info_text(&mut self, ctx: &FnCtx, e: &ast::Expr) -> Option<Expr> {
        let cache = self.cache_info_call(ctx, e)?;
        Some(Expr { kind: ExprKind::CacheOp { cache: cache.global, op: ir::CacheOp::Info }, ty: Ty::STR, line: self.line(e.range()) })
    }

    /// `f.cache_info().hits` (`misses`, `maxsize`, `currsize`).
    pub fn cache_field(&mut self, ctx: &FnCtx, attr: &ast::ExprAttribute, line: ir::Line) -> Option<Option<Expr>> {
        let cache = self.cache_info_call(ctx, &attr.value)?;
        let op = match attr.attr.id.as_str() {
            "hits" => ir::CacheOp::Hits,
            "misses" => ir::CacheOp::Misses,
            "currsize" => ir::CacheOp::Currsize,
            "maxsize" => {
                let opt = Ty::optional(Ty::INT);
                return Some(Some(match cache.maxsize {
                    Some(n) => Expr { kind: ExprKind::Some(Box::new(Expr { kind: ExprKind::Int(n), ty: Ty::INT, line })), ty: opt, line },
                    None => Expr { kind: ExprKind::NoneOf, ty: opt, line },
                }));
            }
            other => {
                self.report(diag::unsupported(attr.attr.range(), &format!("the field `{other}` of cache_info()"), "CacheInfo has `hits`, `misses`, `maxsize` and `currsize`"));
                return Some(None);
            }
        };
        Some(Some(Expr { kind: ExprKind::CacheOp { cache: cache.global, op }, ty: Ty::INT, line }))
    }

    fn cache_info_call(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<Cached> {
        let ast::Expr::Call(c) = e else { return None };
        let ast::Expr::Attribute(a) = &*c.func else { return None };
        if a.attr.id.as_str() != "cache_info" || !c.arguments.args.is_empty() || !c.arguments.keywords.is_empty() {
            return None;
        }
        self.cache_of(ctx, &a.value)
    }
}

/// Whether arguments of type `ty` key a cache as CPython's would: hashable values whose
/// equality is their value. A float is not: CPython finds a NaN argument by identity.
fn cache_key_type(ty: Ty) -> bool {
    match ty.kind() {
        TyKind::Int | TyKind::Str | TyKind::Bool => true,
        _ => ty.tuple_fields().is_some_and(|fields| fields.iter().all(|f| cache_key_type(*f))),
    }
}

/// An int literal's value (`-3` too).
fn const_int(e: &ast::Expr) -> Option<i64> {
    match e {
        ast::Expr::NumberLiteral(n) => n.value.as_int().and_then(|i| i.as_i64()),
        ast::Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => const_int(&u.operand).map(|v| -v),
        _ => None,
    }
}
