//! Iterator values: `iter(xs)`, `map`, `filter`, and `enumerate`, `zip` and `reversed`
//! held in a variable (in a `for` or a consumer they are loops of their own).
//!
//! Each is a generator made where it is written (`Checker::lazy_generator`), over the loop
//! a `for` would run on its iterables (evaluated here, as CPython evaluates `iter(...)` of
//! them at the call): so it is lazy and one-shot, and every consumer of an `Iterator[T]`
//! takes it. Its body records no traceback frame (CPython's are C code): an error in the
//! function `map` calls shows the consumer's frame, then the function's.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::closures::{hoist_iter, lambda_free_names, LazySpec};
use crate::check::diagnostics as diag;
use crate::check::ir::{self, Expr, ExprKind, Iter, LocalId, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

/// The builtins that may be called by name inside an iterator's body (`map(str, xs)`).
const CALLABLE_BUILTINS: &[&str] = &["str", "int", "float", "bool", "len", "abs", "repr", "ord", "chr", "sorted", "list", "tuple", "set", "sum", "min", "max", "round", "hex", "oct", "bin", "ascii", "hash"];

/// The function `map` or `filter` calls.
enum Callee<'a> {
    /// Checked inline, its parameters bound to the loop's values, in a `<lambda>` frame.
    Lambda(&'a ast::ExprLambda),
    /// A module-level function or a builtin, called by name.
    Named(&'a ast::Expr),
    /// Any other function value: evaluated once, here, and called through.
    Value,
}

impl<'a> Checker<'a> {
    /// `iter`, `map`, `filter`, `enumerate`, `zip` and `reversed` as values; `None` when `id` is not one.
    pub fn iterator_builtin(&mut self, ctx: &mut FnCtx, id: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Option<Expr>> {
        let id: &'static str = ["iter", "map", "filter", "enumerate", "zip", "reversed"].into_iter().find(|n| *n == id)?;
        Some(self.iterator_value(ctx, id, call, line))
    }

    fn iterator_value(&mut self, ctx: &mut FnCtx, id: &'static str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        let range = call.range();
        match id {
            "iter" => {
                if args.len() != 1 || !call.arguments.keywords.is_empty() {
                    self.report(diag::bad_arity(call.arguments.range(), id, "1", args.len()));
                    return None;
                }
                // An iterator is its own iterator.
                if let ast::Expr::Generator(_) = &args[0] {
                    return self.expr(ctx, &args[0]);
                }
                let (iter, tys) = self.iterable(ctx, &args[0])?;
                if let Iter::Gen(g) = iter {
                    return Some(g);
                }
                let repr = match &iter {
                    Iter::List(e) if e.ty.list_elem().is_some() => "!list_iterator",
                    Iter::List(_) => "!tuple_iterator",
                    Iter::Str(_) => "!str_ascii_iterator",
                    Iter::Set(_) => "!set_iterator",
                    Iter::DictKeys(_) => "!dict_keyiterator",
                    Iter::DictValues(_) => "!dict_valueiterator",
                    Iter::DictItems(_) => "!dict_itemiterator",
                    Iter::Range { .. } => "!range_iterator",
                    _ => "!iterator",
                };
                self.builtin_iterator(ctx, "iter", repr, iter, tys, None, range, line)
            }
            "enumerate" | "zip" | "reversed" => {
                let whole: &'a ast::Expr = Box::leak(Box::new(ast::Expr::Call(call.clone())));
                let (iter, tys) = self.iterable(ctx, whole)?;
                let repr = match id {
                    "enumerate" => "!enumerate",
                    "zip" => "!zip",
                    _ => "!list_reverseiterator",
                };
                self.builtin_iterator(ctx, id, repr, iter, tys, None, range, line)
            }
            "map" | "filter" => {
                if !call.arguments.keywords.is_empty() || args.len() < 2 || (id == "filter" && args.len() != 2) {
                    self.report(diag::bad_arity(call.arguments.range(), id, if id == "map" { "2 or 3" } else { "2" }, args.len()));
                    return None;
                }
                if args.len() > 3 {
                    self.report(diag::unsupported(range, "map() over more than two iterables", "zip them in a generator expression"));
                    return None;
                }
                // The iterables first, as CPython's map_new and filter_new evaluate (the
                // function is evaluated before them, as an argument: it has no effects here
                // unless it is a call, which `Callee::Value` evaluates first).
                let callee_ast = &args[0];
                let callee = match callee_ast {
                    ast::Expr::Lambda(l) => Callee::Lambda(l),
                    ast::Expr::NoneLiteral(_) if id == "filter" => Callee::Named(callee_ast),
                    ast::Expr::Name(n) if ctx.is_global(n.id.as_str()) && !ctx.local_by_name.contains_key(n.id.as_str()) && (self.func_by_name.contains_key(n.id.as_str()) || CALLABLE_BUILTINS.contains(&n.id.as_str())) => Callee::Named(callee_ast),
                    _ => Callee::Value,
                };
                let value = match callee {
                    Callee::Value => Some(self.expr(ctx, callee_ast)?),
                    _ => None,
                };
                let mut parts = Vec::new();
                for a in &args[1..] {
                    let (iter, tys) = self.iterable(ctx, a)?;
                    if tys.len() != 1 {
                        // `d.items()`, `enumerate(...)`: one tuple per item.
                        self.report(diag::unsupported(a.range(), &format!("{id}() over an iterable of tuples"), "use a generator expression that unpacks them"));
                        return None;
                    }
                    parts.push((iter, tys));
                }
                let (iter, tys) = if parts.len() == 2 {
                    let (b, tb) = parts.pop()?;
                    let (a, ta) = parts.pop()?;
                    (Iter::Zip(Box::new(a), Box::new(b)), vec![ta[0], tb[0]])
                } else {
                    let (a, ta) = parts.pop()?;
                    (a, ta)
                };
                let repr = if id == "map" { "!map" } else { "!filter" };
                self.mapped_iterator(ctx, id, repr, iter, tys, callee, value, callee_ast, range, line)
            }
            _ => unreachable!("not an iterator builtin"),
        }
    }

    /// `iter()` of what a loop over `iter` runs on.
    pub(crate) fn iter_of(&mut self, ctx: &mut FnCtx, iter: Iter, tys: Vec<Ty>, range: TextRange, line: ir::Line) -> Option<Expr> {
        self.builtin_iterator(ctx, "iter", "!iterator", iter, tys, None, range, line)
    }

    /// A builtin iterator yielding the loop's values (a tuple when several), or what
    /// `leaf` makes of them.
    #[allow(clippy::too_many_arguments)]
    fn builtin_iterator(&mut self, ctx: &mut FnCtx, name: &'static str, repr: &str, mut iter: Iter, tys: Vec<Ty>, _extra: Option<Expr>, range: TextRange, line: ir::Line) -> Option<Expr> {
        let mut args = Vec::new();
        hoist_iter(&mut iter, 1, &mut args);
        let spec = LazySpec { name, repr: repr.to_string(), frameless: true, free: Vec::new(), range, line };
        self.lazy_generator(ctx, spec, args, |_, gc| {
            let (targets, loads) = loop_targets(gc, &tys, None, line);
            let item = if loads.len() == 1 { loads.into_iter().next()? } else { Expr { kind: ExprKind::Tuple(loads), ty: Ty::tuple(tys.clone()), line } };
            let elem = item.ty;
            Some((vec![Stmt::ForIter { targets, iter, body: vec![Stmt::Yield { value: item, line }], orelse: Vec::new(), line }], elem))
        })
    }

    /// `map(f, xs[, ys])` and `filter(f, xs)`.
    #[allow(clippy::too_many_arguments)]
    fn mapped_iterator(&mut self, ctx: &mut FnCtx, name: &'static str, repr: &str, mut iter: Iter, tys: Vec<Ty>, callee: Callee<'a>, value: Option<Expr>, callee_ast: &'a ast::Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let is_map = name == "map";
        let mut args = Vec::new();
        hoist_iter(&mut iter, 1, &mut args);
        let value_param = value.map(|v| {
            args.push(v);
            LocalId(args.len() as u32)
        });
        let free = match callee {
            Callee::Lambda(l) => lambda_free_names(l),
            _ => Vec::new(),
        };
        let spec = LazySpec { name, repr: repr.to_string(), frameless: true, free, range, line };
        self.lazy_generator(ctx, spec, args, |this, gc| {
            let lambda_params: Option<Vec<String>> = match callee {
                Callee::Lambda(l) => {
                    let p = l.parameters.as_deref();
                    let names: Vec<String> = p.map(|p| p.iter_non_variadic_params().map(|x| x.parameter.name.id.to_string()).collect()).unwrap_or_default();
                    if p.is_some_and(|p| p.vararg.is_some() || p.kwarg.is_some() || !p.kwonlyargs.is_empty() || p.iter_non_variadic_params().any(|x| x.default.is_some())) || names.len() != tys.len() {
                        this.report(diag::unsupported(l.range(), &format!("this lambda in {name}()"), &format!("give it one plain parameter per iterable ({})", tys.len())));
                        return None;
                    }
                    Some(names)
                }
                _ => None,
            };
            let (targets, loads) = loop_targets(gc, &tys, lambda_params.as_deref(), line);
            let applied = match callee {
                Callee::Lambda(l) => {
                    let body = this.expr(gc, &l.body)?;
                    let body_line = body.line;
                    Some(Expr { ty: body.ty, line: body_line, kind: ExprKind::InFrame { name: "<lambda>".to_string(), outer: line, expr: Box::new(body) } })
                }
                Callee::Named(ast::Expr::NoneLiteral(_)) => None,
                Callee::Named(f) => {
                    // `f(.i0, .i1)`, checked here: the arguments name the loop's variables.
                    let names: Vec<ast::Expr> = (0..tys.len()).map(|i| ast::Expr::Name(ast::ExprName { node_index: Default::default(), range: f.range(), id: format!(".i{i}").into(), ctx: ast::ExprContext::Load })).collect();
                    let call: &'a ast::Expr = Box::leak(Box::new(ast::Expr::Call(ast::ExprCall {
                        node_index: Default::default(),
                        range_start: f.range().start(),
                        func: Box::new(f.clone()),
                        arguments: ast::Arguments { node_index: Default::default(), range: f.range(), args: names.into_boxed_slice(), keywords: Default::default() },
                    })));
                    Some(this.expr(gc, call)?)
                }
                Callee::Value => {
                    let fv = Expr { kind: ExprKind::Load(Place::Local(value_param?)), ty: gc.locals[value_param?.0 as usize].ty, line };
                    let TyKind::Function { params, ret } = fv.ty.kind() else {
                        this.report(diag::not_callable(callee_ast.range(), &this.source_of(callee_ast)));
                        return None;
                    };
                    if *params != tys {
                        let want = Ty::intern(TyKind::Function { params: tys.clone(), ret: *ret });
                        this.report(diag::arg_mismatch(callee_ast.range(), &format!("{name}() function"), &want, &fv.ty));
                        return None;
                    }
                    let mut call_args = vec![fv];
                    call_args.extend(loads.iter().map(|l| l.clone_load()));
                    Some(Expr { kind: ExprKind::CallValue(call_args), ty: *ret, line })
                }
            };
            let item = if loads.len() == 1 { loads.into_iter().next()? } else { Expr { kind: ExprKind::Tuple(loads), ty: Ty::tuple(tys.clone()), line } };
            let (body, elem) = if is_map {
                let value = applied?;
                let elem = value.ty;
                (vec![Stmt::Yield { value, line }], elem)
            } else {
                let test = applied.unwrap_or_else(|| item.clone_load());
                let cond = this.truth(test);
                let elem = item.ty;
                (vec![Stmt::If { cond, then: vec![Stmt::Yield { value: item, line }], orelse: Vec::new() }], elem)
            };
            Some((vec![Stmt::ForIter { targets, iter, body, orelse: Vec::new(), line }], elem))
        })
    }
}

/// Locals for the values of one step of a builtin iterator's loop (named `names`, or
/// `.i0`, `.i1`...), and loads of them.
fn loop_targets(gc: &mut FnCtx, tys: &[Ty], names: Option<&[String]>, line: ir::Line) -> (Vec<Place>, Vec<Expr>) {
    let mut targets = Vec::new();
    let mut loads = Vec::new();
    for (i, t) in tys.iter().enumerate() {
        let name = names.map_or_else(|| format!(".i{i}"), |n| n[i].clone());
        gc.comp_scope.push(name.clone());
        let id = gc.add_local(&name, *t);
        targets.push(Place::Local(id));
        loads.push(Expr { kind: ExprKind::Load(Place::Local(id)), ty: *t, line });
    }
    (targets, loads)
}

impl<'a> Checker<'a> {
    /// `for x in obj` over an instance: `obj.__iter__()`, which is a generator (an
    /// `__iter__` with `yield`) or an instance whose `__next__` gives the items until it
    /// raises StopIteration; such an instance is iterated through a frameless generator
    /// that calls `__next__` (CPython's `for` calls it directly: same frames, same order).
    /// `None` (reported) when the class has no such `__iter__`.
    pub fn instance_iter(&mut self, ctx: &mut FnCtx, obj: Expr, range: TextRange) -> Option<(Iter, Vec<Ty>)> {
        let line = obj.line;
        let ty = obj.ty;
        let Ok(it) = self.try_dunder("__iter__", vec![obj], line) else {
            self.report(diag::not_iterable(range, &ty));
            return None;
        };
        if let Some(elem) = it.ty.iter_elem() {
            return Some((Iter::Gen(it), vec![elem]));
        }
        let gen = self.next_adapter(ctx, it, range)?;
        let elem = gen.ty.iter_elem()?;
        Some((Iter::Gen(gen), vec![elem]))
    }

    /// A generator over an instance with `__next__`: the items it returns, until StopIteration.
    fn next_adapter(&mut self, ctx: &mut FnCtx, it: Expr, range: TextRange) -> Option<Expr> {
        let line = it.line;
        let it_ty = it.ty;
        let probe = Expr { kind: ExprKind::Load(Place::Local(LocalId(1))), ty: it_ty, line };
        let elem = match self.try_dunder("__next__", vec![probe], line) {
            Ok(call) => call.ty,
            Err(_) => {
                self.report(diag::unsupported(range, &format!("iterating a `{it_ty}` (what `__iter__` returns has no `__next__(self)`)"), "give the class `__next__(self)`, which raises StopIteration at the end, or make `__iter__` a generator"));
                return None;
            }
        };
        let stop = ir::ClassIdx(self.class_by_name["StopIteration"] as u32);
        let spec = LazySpec { name: "__next__", repr: "!iterator".to_string(), frameless: true, free: Vec::new(), range, line };
        self.lazy_generator(ctx, spec, vec![it], |this, gc| {
            let v = Place::Local(gc.add_local(".item", elem));
            let me = Expr { kind: ExprKind::Load(Place::Local(LocalId(1))), ty: it_ty, line };
            let call = this.try_dunder("__next__", vec![me], line).ok()?;
            let take = Stmt::Try {
                body: vec![Stmt::Assign { place: v, value: call }],
                handlers: vec![ir::Handler { classes: vec![stop], bind: None, body: vec![Stmt::Return(None)], line }],
                orelse: Vec::new(),
                finalbody: Vec::new(),
                line,
            };
            let give = Stmt::Yield { value: Expr { kind: ExprKind::Load(v), ty: elem, line }, line };
            let forever = Stmt::While { cond: Expr { kind: ExprKind::Bool(true), ty: Ty::BOOL, line }, body: vec![take, give], orelse: Vec::new() };
            Some((vec![forever], elem))
        })
    }
}
