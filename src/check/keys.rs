//! `key=lambda x: ...` of `sorted`, `min`, `max` and `list.sort`.
//!
//! Functions are not values yet, but a key function is only ever called once per element,
//! in order, before any comparison (CPython's `list.sort` and `min`/`max` do exactly
//! that). So the lambda's body is checked inline, with its parameter bound to each
//! element in turn, to build the list of keys; the runtime then sorts (or scans) the items
//! by their keys (`mg_list_sort_keyed`, `mg_list_minmax_keyed`). The body sees the
//! enclosing function's variables as a closure called at that moment would.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, ExprKind, Iter, Method, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// What `key=` gives.
#[derive(Clone, Copy)]
pub enum KeyFn<'a> {
    Lambda(&'a ast::ExprLambda),
    /// A function value: a named function, a `Callable` variable, ...
    Value(&'a ast::Expr),
}

/// A list and the keys of its items, ready for a keyed runtime call.
pub struct Keyed {
    /// Evaluate first: the list into a hidden local, then the keys.
    pub stmts: Vec<Stmt>,
    pub list: Expr,
    pub keys: Expr,
}

impl<'a> Checker<'a> {
    /// The `key=` keyword of a call: a one-parameter lambda, checked inline, or any other
    /// expression, which must be a function value (`Callable[[T], K]`, checked by `keyed`).
    pub fn key_lambda(&mut self, keyword: &'a ast::Keyword) -> Option<KeyFn<'a>> {
        let ast::Expr::Lambda(lambda) = &keyword.value else {
            return Some(KeyFn::Value(&keyword.value));
        };
        let params = lambda.parameters.as_deref();
        let simple = params.is_some_and(|p| p.posonlyargs.is_empty() && p.args.len() == 1 && p.args[0].default.is_none() && p.vararg.is_none() && p.kwonlyargs.is_empty() && p.kwarg.is_none());
        if !simple {
            self.report(diag::unsupported(lambda.range(), "a key lambda without exactly one parameter", "write `key=lambda x: ...`"));
            return None;
        }
        Some(KeyFn::Lambda(lambda))
    }

    /// `list` (a `list[T]`) and the keys `lambda`'s body gives for its items, in order.
    /// `what` names the call in diagnostics (`sorted()`).
    pub fn keyed(&mut self, ctx: &mut FnCtx, list: Expr, key: KeyFn<'a>, what: &str) -> Option<Keyed> {
        let line = list.line;
        let TyKind::List(elem) = list.ty.kind() else { return None };
        let elem = *elem;
        let lambda = match key {
            KeyFn::Lambda(l) => l,
            KeyFn::Value(e) => return self.keyed_by_value(ctx, list, elem, e, what),
        };
        let param = &lambda.parameters.as_deref()?.args[0].parameter;
        let name = param.name.id.to_string();
        let (mut stmts, h) = self.hidden(ctx, list);
        // The parameter is a hidden local under the lambda's name, while its body is checked.
        let local = ctx.add_local(&format!("<lambda {name}>"), elem);
        let saved = ctx.local_by_name.insert(name.clone(), local);
        let scope_len = ctx.comp_scope.len();
        ctx.comp_scope.push(name.clone());
        let key = self.expr(ctx, &lambda.body);
        ctx.comp_scope.truncate(scope_len);
        match saved {
            Some(old) => ctx.local_by_name.insert(name, old),
            None => ctx.local_by_name.remove(&name),
        };
        let key = key?;
        if !key.ty.is_orderable() {
            self.report(diag::not_orderable(lambda.body.range(), what, &key.ty));
            return None;
        }
        // The body runs in the lambda's frame: its errors show `in <lambda>`, as in CPython.
        let key_line = self.line(lambda.body.range());
        let key = Expr { ty: key.ty, line: key_line, kind: ExprKind::InFrame { name: "<lambda>".to_string(), outer: line, expr: Box::new(key) } };
        let keys_ty = Ty::list(key.ty);
        let keys = ctx.add_local(&format!("<keys{}>", ctx.locals.len()), keys_ty);
        let load_keys = || Expr { kind: ExprKind::Load(Place::Local(keys)), ty: keys_ty, line };
        stmts.push(Stmt::Assign { place: Place::Local(keys), value: Expr { kind: ExprKind::ListLit(Vec::new()), ty: keys_ty, line } });
        let append = Stmt::Expr(Expr { kind: ExprKind::Method(Method::ListAppend, vec![load_keys(), key]), ty: Ty::NONE, line });
        stmts.push(Stmt::ForIter { targets: vec![Place::Local(local)], iter: Iter::List(h.load()), body: vec![append], orelse: Vec::new(), line });
        Some(Keyed { stmts, list: h.load(), keys: load_keys() })
    }

    /// `key=f` with a function value: the list, then `f`, then `f(item)` for each item, in order.
    fn keyed_by_value(&mut self, ctx: &mut FnCtx, list: Expr, elem: Ty, e: &'a ast::Expr, what: &str) -> Option<Keyed> {
        let line = list.line;
        let (mut stmts, h) = self.hidden(ctx, list);
        let f = self.expr(ctx, e)?;
        let key_ty = match f.ty.kind() {
            TyKind::Function { params, ret } if params.as_slice() == [elem] => *ret,
            _ => {
                self.report(diag::unsupported(e.range(), &format!("a key function of type `{}` for items of type `{elem}`", f.ty), "pass a function of one parameter of the item type, or `key=lambda x: ...`"));
                return None;
            }
        };
        if !key_ty.is_orderable() {
            self.report(diag::not_orderable(e.range(), what, &key_ty));
            return None;
        }
        let (fstmts, fh) = self.hidden(ctx, f);
        stmts.extend(fstmts);
        let item = ctx.add_local(&format!("<key item{}>", ctx.locals.len()), elem);
        let keys_ty = Ty::list(key_ty);
        let keys = ctx.add_local(&format!("<keys{}>", ctx.locals.len()), keys_ty);
        let load_keys = || Expr { kind: ExprKind::Load(Place::Local(keys)), ty: keys_ty, line };
        stmts.push(Stmt::Assign { place: Place::Local(keys), value: Expr { kind: ExprKind::ListLit(Vec::new()), ty: keys_ty, line } });
        let call = Expr { kind: ExprKind::CallValue(vec![fh.load(), Expr { kind: ExprKind::Load(Place::Local(item)), ty: elem, line }]), ty: key_ty, line };
        let append = Stmt::Expr(Expr { kind: ExprKind::Method(Method::ListAppend, vec![load_keys(), call]), ty: Ty::NONE, line });
        stmts.push(Stmt::ForIter { targets: vec![Place::Local(item)], iter: Iter::List(h.load()), body: vec![append], orelse: Vec::new(), line });
        Some(Keyed { stmts, list: h.load(), keys: load_keys() })
    }
}
