//! `str.translate(table)` and `str.maketrans(...)`, which make its tables.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, Expr, ExprKind, Method};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

/// Whether `ty` is a table `str.translate` takes: code points to a str, a code point, or
/// None (delete the character), as a `dict[int, V]`.
fn is_translate_table(ty: &Ty) -> bool {
    let Some((k, v)) = ty.dict_types() else { return false };
    let value_ok = |v: Ty| v == Ty::STR || v == Ty::INT;
    k == Ty::INT
        && match v.kind() {
            TyKind::Optional(inner) => value_ok(*inner),
            _ => value_ok(v),
        }
}

impl<'a> Checker<'a> {
    pub(crate) fn str_translate(&mut self, ctx: &mut FnCtx, receiver: Expr, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if !call.arguments.keywords.is_empty() {
            self.report(diag::unsupported(call.arguments.range(), "keyword arguments here", "pass the table by position"));
            return None;
        }
        let [table] = &call.arguments.args[..] else {
            self.report(diag::bad_arity(call.arguments.range(), "translate", "1", call.arguments.args.len()));
            return None;
        };
        let value = self.expr(ctx, table)?;
        if !is_translate_table(&value.ty) {
            self.report(diag::arg_mismatch(table.range(), "translate() table (a `dict[int, str]`, `dict[int, int]`, or either with `| None` values)", &Ty::dict(Ty::INT, Ty::STR), &value.ty));
            return None;
        }
        Some(Expr { kind: ExprKind::Method(Method::StrTranslate, vec![receiver, value]), ty: Ty::STR, line })
    }

    /// `str.maketrans(x, y[, z])`: `dict[int, int]`, or `dict[int, int | None]` with `z` (its
    /// characters map to None); `str.maketrans(d)` of a `dict[str, str]`: `dict[int, str]`.
    pub(crate) fn str_maketrans(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if !call.arguments.keywords.is_empty() {
            self.report(diag::unsupported(call.arguments.range(), "keyword arguments here", "pass the arguments by position"));
            return None;
        }
        let args = &call.arguments.args;
        if args.is_empty() || args.len() > 3 {
            self.report(diag::bad_arity(call.arguments.range(), "maketrans", "1 to 3", args.len()));
            return None;
        }
        let mut values = Vec::new();
        for arg in args.iter() {
            values.push(self.expr(ctx, arg)?);
        }
        let ty = if values.len() == 1 {
            let want = Ty::dict(Ty::STR, Ty::STR);
            if values[0].ty != want {
                self.report(diag::arg_mismatch(args[0].range(), "maketrans() argument (a `dict[str, str]` of single characters)", &want, &values[0].ty));
                return None;
            }
            Ty::dict(Ty::INT, Ty::STR)
        } else {
            for (arg, value) in args.iter().zip(&values) {
                if value.ty != Ty::STR {
                    self.report(diag::arg_mismatch(arg.range(), "maketrans() argument", &Ty::STR, &value.ty));
                    return None;
                }
            }
            if values.len() == 3 { Ty::dict(Ty::INT, Ty::optional(Ty::INT)) } else { Ty::dict(Ty::INT, Ty::INT) }
        };
        Some(Expr { kind: ExprKind::Builtin(Builtin::StrMakeTrans, values), ty, line })
    }
}
