//! Narrowing `T | None` to `T`: which variables a condition proves are not None, where
//! its truth is known (the body of an `if`/`while`, the rest of a block after
//! `if x is None: return`, after `assert x is not None`, the later operands of
//! `and`/`or`). A narrowed variable reads as `T` (`ExprKind::Unwrap`) until it is assigned
//! again: assignments invalidate narrowing for the rest of the block and the blocks that
//! enclose it, and a loop body starts without the narrowings of what it assigns.

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
        _ => (Vec::new(), Vec::new()),
    }
}

impl<'a> Checker<'a> {
    /// Narrows the optional locals among `names` to their inner type.
    pub fn narrow_not_none(&self, ctx: &mut FnCtx, names: &[String]) {
        for name in names {
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
    }
}
