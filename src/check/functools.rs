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
    fn parse_template(&mut self, text: &str, range: TextRange, what: &str) -> Option<&'a [ast::Stmt]> {
        let mut stmts = match ruff_python_parser::parse_module(text) {
            Ok(p) => p.into_syntax().body,
            Err(e) => {
                self.report(diag::unsupported(range, &format!("{what} here"), &format!("multigen could not write its body ({})", e.error)));
                return None;
            }
        };
        let relocate = crate::syntax::dataclasses::Relocator { range };
        for s in stmts.iter_mut() {
            ruff_python_ast::visitor::transformer::Transformer::visit_stmt(&relocate, s);
        }
        Some(Box::leak(stmts.into_iter().collect::<Vec<_>>().into_boxed_slice()))
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
