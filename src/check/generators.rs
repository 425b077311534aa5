//! Generator functions: `def f(...) -> Iterator[T]` whose body has a `yield`.
//!
//! The body is checked as an ordinary function body that returns nothing, in which `yield v`
//! is a statement (`ir::Stmt::Yield`, the item checked against `T`) and `yield from xs` a
//! loop that yields each item of `xs`. After checking, `split` turns each generator
//! function `f` into three functions:
//! - `f` itself (same parameters, `ir::FnRole::Plain`), which only makes the generator
//!   object: `ir::ExprKind::GenNew` holding its arguments, nothing of the body runs yet;
//! - the body (`FnRole::GenBody`), with `f`'s parameters, locals and closure, which
//!   runs on the generator's own stack (`runtime/mg_gen.c`) and whose `yield`s hand items
//!   to whoever resumes it;
//! - the start function (`FnRole::GenStart`), which the runtime calls on that stack:
//!   it reads the arguments back out of the generator object and calls the body.
//!
//! Because the body is an ordinary function suspended on a stack of its own, its locals,
//! the references it owns, its loops and its `try`/`finally` and `with` blocks need
//! nothing new from the passes. What would need CPython's exception state per frame is
//! refused: `yield` inside an `except` clause or a `finally` clause.

use ruff_python_ast as ast;
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Expr, ExprKind, FnRole, FuncId, LocalId, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

/// Whether a function body is a generator's: it has a `yield` or `yield from` outside
/// nested functions, lambdas and classes.
pub fn is_generator(body: &[ast::Stmt]) -> bool {
    struct Finder(bool);
    impl<'a> Visitor<'a> for Finder {
        fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
            match stmt {
                ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_) => {}
                _ => walk_stmt(self, stmt),
            }
        }
        fn visit_expr(&mut self, expr: &'a ast::Expr) {
            match expr {
                ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => self.0 = true,
                ast::Expr::Lambda(_) => {}
                _ => walk_expr(self, expr),
            }
        }
    }
    let mut f = Finder(false);
    for s in body {
        f.visit_stmt(s);
    }
    f.0
}

impl<'a> Checker<'a> {
    /// The item type of a generator function whose return annotation gave `ret`:
    /// `Iterator[T]`, `Iterable[T]` and `Generator[T, None, None]` all resolve to
    /// `Iterator[T]`. `None` (reported) for any other annotation.
    pub fn generator_item(&mut self, def: &ast::StmtFunctionDef, ret: Ty) -> Option<Ty> {
        match ret.kind() {
            TyKind::Iterator(elem) => Some(*elem),
            // An annotation that did not resolve was reported already.
            TyKind::None if def.returns.as_deref().is_some_and(|r| !r.is_none_literal_expr()) => None,
            _ => {
                let range = def.returns.as_deref().map_or(def.name.range(), |r| r.range());
                self.report(diag::unsupported(range, "a generator function without an `Iterator[T]` return annotation", "annotate it `-> Iterator[T]` (from typing or collections.abc) with the type of what it yields"));
                None
            }
        }
    }

    /// `yield v` or `yield from xs` as a statement of a generator's body.
    pub fn lower_yield(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr, out: &mut Vec<Stmt>) {
        let line = self.line(e.range());
        if !ctx.is_generator {
            self.report(diag::unsupported(e.range(), "`yield` outside a function", "`yield` makes the function it is in a generator"));
            return;
        }
        let Some(elem) = ctx.gen_elem else { return };
        if ctx.handler_depth > 0 || ctx.finally_depth > 0 {
            self.report(diag::unsupported(e.range(), "`yield` inside an `except` or `finally` clause", "yield after the clause, from a variable it sets"));
            return;
        }
        match e {
            ast::Expr::Yield(y) => {
                let value = match &y.value {
                    Some(v) => {
                        let Some(value) = self.expr_expect(ctx, v, Some(&elem)) else { return };
                        let value = self.upcast(value, elem);
                        if value.ty != elem {
                            self.report(diag::arg_mismatch(v.range(), "yielded value", &elem, &value.ty));
                            return;
                        }
                        value
                    }
                    None if elem == Ty::NONE => Expr { kind: ExprKind::None, ty: Ty::NONE, line },
                    None => {
                        self.report(diag::arg_mismatch(e.range(), "yielded value", &elem, &Ty::NONE));
                        return;
                    }
                };
                out.push(Stmt::Yield { value, line });
            }
            ast::Expr::YieldFrom(y) => {
                let Some((iter, tys)) = self.iterable(ctx, &y.value) else { return };
                let item = if tys.len() == 1 { tys[0] } else { Ty::tuple(tys.clone()) };
                if item != elem && !(tys.len() == 1 && item.class().is_some() && elem.class().is_some()) {
                    self.report(diag::arg_mismatch(y.value.range(), "`yield from` items", &elem, &item));
                    return;
                }
                let targets: Vec<Place> = tys.iter().map(|t| Place::Local(ctx.add_local(&format!("<yield{}>", ctx.locals.len()), *t))).collect();
                let loads: Vec<Expr> = targets.iter().zip(&tys).map(|(p, t)| Expr { kind: ExprKind::Load(*p), ty: *t, line }).collect();
                let value = if loads.len() == 1 { loads.into_iter().next().expect("one") } else { Expr { kind: ExprKind::Tuple(loads), ty: item, line } };
                let value = self.upcast(value, elem);
                if value.ty != elem {
                    self.report(diag::arg_mismatch(y.value.range(), "`yield from` items", &elem, &value.ty));
                    return;
                }
                out.push(Stmt::ForIter { targets, iter, body: vec![Stmt::Yield { value, line }], orelse: Vec::new(), line });
            }
            _ => unreachable!("not a yield"),
        }
    }
}

/// Splits every generator function into the function that makes the generator, its body
/// and its start function (see the module docs); the new functions go at the end.
pub fn split(functions: &mut Vec<ir::Function>) {
    for idx in 0..functions.len() {
        let FnRole::Generator { repr: qualname, frameless } = functions[idx].role.clone() else { continue };
        let body_id = FuncId(functions.len() as u32);
        let start_id = FuncId(body_id.0 + 1);
        let f = &mut functions[idx];
        let line = first_line(&f.body);
        let gen_ty = f.ret;
        let body = ir::Function {
            name: f.name.clone(),
            class: f.class.clone(),
            params: f.params.clone(),
            locals: f.locals.clone(),
            ret: Ty::NONE,
            body: std::mem::take(&mut f.body),
            closure: f.closure.clone(),
            role: if frameless { FnRole::GenBodyFrameless } else { FnRole::GenBody },
        };
        let param_tys: Vec<Ty> = f.params.iter().map(|p| f.locals[p.0 as usize].ty).collect();
        let args = f.params.iter().zip(&param_tys).map(|(p, t)| Expr { kind: ExprKind::Load(Place::Local(*p)), ty: *t, line }).collect();
        f.body = vec![Stmt::Return(Some(Expr { kind: ExprKind::GenNew { start: start_id, name: qualname, args }, ty: gen_ty, line }))];
        f.role = FnRole::Plain;
        let gen = Expr { kind: ExprKind::Load(Place::Local(LocalId(0))), ty: gen_ty, line };
        let call_args = param_tys.iter().enumerate().map(|(i, t)| Expr { kind: ExprKind::GenArg { gen: Box::new(gen.clone_load()), index: i as u32 }, ty: *t, line }).collect();
        let start = ir::Function {
            name: f.name.clone(),
            class: None,
            params: vec![LocalId(0)],
            locals: vec![ir::Local { name: ".gen".into(), ty: gen_ty, cell: None }],
            ret: Ty::NONE,
            body: vec![Stmt::Expr(Expr { kind: ExprKind::Call(body_id, call_args), ty: Ty::NONE, line })],
            closure: None,
            role: FnRole::GenStart,
        };
        functions.push(body);
        functions.push(start);
    }
}

/// The line of a body's first statement that has one (for the calls `split` makes, which
/// never raise on their own).
fn first_line(body: &[Stmt]) -> ir::Line {
    for s in body {
        let line = match s {
            Stmt::Yield { line, .. } | Stmt::ForIter { line, .. } | Stmt::ForRange { line, .. } | Stmt::Print { line, .. } | Stmt::Try { line, .. } => *line,
            Stmt::Expr(e) | Stmt::Assign { value: e, .. } => e.line,
            Stmt::If { cond, .. } | Stmt::While { cond, .. } => cond.line,
            _ => 0,
        };
        if line > 0 {
            return line;
        }
    }
    1
}
