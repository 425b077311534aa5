//! Narrowing `T | None` to `T`: which variables a condition proves are not None, where
//! its truth is known (the body of an `if`/`while`, the rest of a block after
//! `if x is None: return`, after `assert x is not None`, the later operands of
//! `and`/`or`). A narrowed variable reads as `T` (`ExprKind::Unwrap`) until it is assigned
//! again: assignments invalidate narrowing for the rest of the block and the blocks that
//! enclose it, and a loop body starts without the narrowings of what it assigns.
//!
//! Attribute paths narrow too (`if node.next is not None: node.next.value`), as mypy
//! narrows them, under the key `node.next`. Assigning `node`, or any attribute named
//! `next`, ends it; a loop body starts without any. As a call may still change the field
//! through an alias, a narrowed path is read with a check (`ExprKind::UnwrapChecked`): None
//! there raises AttributeError as the next attribute access would in CPython, never a crash.

use ruff_python_ast as ast;
use rustc_hash::FxHashSet;

use crate::check::scope::{Checker, FnCtx};

/// The variables a condition proves not None: (when it is true, when it is false).
pub fn none_facts(e: &ast::Expr) -> (Vec<String>, Vec<String>) {
    match e {
        ast::Expr::Compare(c) if c.ops.len() == 1 && c.comparators.len() == 1 => {
            let (l, r) = (&*c.left, &c.comparators[0]);
            let name = match (l, r) {
                (ast::Expr::Name(n), ast::Expr::NoneLiteral(_)) | (ast::Expr::NoneLiteral(_), ast::Expr::Name(n)) => n.id.to_string(),
                (e @ ast::Expr::Attribute(_), ast::Expr::NoneLiteral(_)) | (ast::Expr::NoneLiteral(_), e @ ast::Expr::Attribute(_)) => match attr_path(e) {
                    Some(path) => path,
                    None => return (Vec::new(), Vec::new()),
                },
                _ => return (Vec::new(), Vec::new()),
            };
            match c.ops[0] {
                ast::CmpOp::IsNot => (vec![name], Vec::new()),
                ast::CmpOp::Is => (Vec::new(), vec![name]),
                _ => (Vec::new(), Vec::new()),
            }
        }
        ast::Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
            let (t, f) = none_facts(&u.operand);
            (f, t)
        }
        ast::Expr::BoolOp(b) if b.op == ast::BoolOp::And => (b.values.iter().flat_map(|v| none_facts(v).0).collect(), Vec::new()),
        ast::Expr::BoolOp(b) => (Vec::new(), b.values.iter().flat_map(|v| none_facts(v).1).collect()),
        // `if x:` — a None is false.
        ast::Expr::Name(n) => (vec![n.id.to_string()], Vec::new()),
        ast::Expr::Attribute(_) => (attr_path(e).into_iter().collect(), Vec::new()),
        _ => (Vec::new(), Vec::new()),
    }
}

/// `a.b.c` for a chain of attributes on a name.
pub fn attr_path(e: &ast::Expr) -> Option<String> {
    match e {
        ast::Expr::Name(n) => Some(n.id.to_string()),
        ast::Expr::Attribute(a) => Some(format!("{}.{}", attr_path(&a.value)?, a.attr.id)),
        _ => None,
    }
}

impl<'a> Checker<'a> {
    /// Narrows the optional locals among `names` to their inner type.
    pub fn narrow_not_none(&self, ctx: &mut FnCtx, names: &[String]) {
        for name in names {
            if let Some((root, _)) = name.split_once('.') {
                // The path's type is known where it is read (`Checker::narrowed_path`).
                if ctx.local_by_name.contains_key(root) && !ctx.is_global(root) {
                    ctx.narrowed.insert(name.clone(), crate::check::types::Ty::NONE);
                }
                continue;
            }
            if ctx.is_global(name) {
                continue;
            }
            let Some(l) = ctx.local_by_name.get(name) else { continue };
            if let Some(inner) = ctx.locals[l.0 as usize].ty.optional_inner() {
                ctx.narrowed.insert(name.clone(), inner);
            }
        }
    }

    /// A variable was assigned: its narrowing ends here (and in the enclosing blocks).
    pub fn invalidate_narrowing(&self, ctx: &mut FnCtx, name: &str) {
        ctx.narrowed.remove(name);
        if let Some(set) = ctx.invalidated.last_mut() {
            set.insert(name.to_string());
        }
        let prefix = format!("{name}.");
        self.invalidate_paths(ctx, &|path| path.starts_with(&prefix));
    }

    /// `obj.attr = ...`: every narrowed path through an attribute of that name ends (the
    /// object may be an alias of any of them).
    pub fn invalidate_attribute(&self, ctx: &mut FnCtx, attr: &str) {
        self.invalidate_paths(ctx, &|path| path.split('.').skip(1).any(|seg| seg == attr));
    }

    fn invalidate_paths(&self, ctx: &mut FnCtx, which: &dyn Fn(&str) -> bool) {
        let gone: Vec<String> = ctx.narrowed.keys().filter(|k| k.contains('.') && which(k)).cloned().collect();
        for path in gone {
            ctx.narrowed.remove(&path);
            if let Some(set) = ctx.invalidated.last_mut() {
                set.insert(path);
            }
        }
    }

    /// The narrowing of attribute path `path`, read where `value` (its value, a `T | None`) is
    /// used: `value` as a `T`, checked, with `then` the attribute about to be read from it
    /// (for CPython's message), or `None` when `e` is not narrowed.
    pub fn narrowed_path(&self, ctx: &FnCtx, path: Option<String>, value: crate::check::ir::Expr, then: Option<&str>) -> Result<crate::check::ir::Expr, crate::check::ir::Expr> {
        let (path, inner) = match (path, value.ty.optional_inner()) {
            (Some(path), Some(inner)) if path.contains('.') && ctx.narrowed.contains_key(&path) => (path, inner),
            _ => return Err(value),
        };
        let msg = match then {
            Some(attr) => format!("'NoneType' object has no attribute '{attr}'"),
            None => format!("`{path}` is None here, after a test proved it was not (something changed it since)"),
        };
        let line = value.line;
        Ok(crate::check::ir::Expr { kind: crate::check::ir::ExprKind::UnwrapChecked(Box::new(value), msg), ty: inner, line })
    }

    /// Before a loop body: what it assigns is not narrowed at its start (a later iteration
    /// may see the new value).
    pub fn forget_assigned_in(&self, ctx: &mut FnCtx, body: &[ast::Stmt]) {
        let mut assigned = FxHashSet::default();
        let mut globals = FxHashSet::default();
        crate::check::scope::collect_assigned(body, &mut assigned, &mut globals);
        for name in assigned {
            ctx.narrowed.remove(&name);
        }
        // A field may change in any iteration: paths start the body un-narrowed.
        ctx.narrowed.retain(|k, _| !k.contains('.'));
    }
}
