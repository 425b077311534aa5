//! Small modules of the standard library: `time`'s clocks and `sleep`, `string`'s constants.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, ExprKind};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// The supported functions of `time`.
pub(crate) const TIME_NAMES: &[&str] = &["time", "perf_counter", "monotonic", "time_ns", "perf_counter_ns", "monotonic_ns", "sleep"];

/// `string`'s constants, with CPython's values.
pub(crate) const STRING_CONSTANTS: &[(&str, &str)] = &[
    ("ascii_letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("ascii_lowercase", "abcdefghijklmnopqrstuvwxyz"),
    ("ascii_uppercase", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    ("digits", "0123456789"),
    ("hexdigits", "0123456789abcdefABCDEF"),
    ("octdigits", "01234567"),
    ("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    ("whitespace", " \t\n\r\x0b\x0c"),
    ("printable", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c"),
];

/// The value of `string.<name>`.
pub(crate) fn string_constant(name: &str) -> Option<&'static str> {
    STRING_CONSTANTS.iter().find(|c| c.0 == name).map(|c| c.1)
}

impl<'a> Checker<'a> {
    /// A call of `time.<name>`: the clocks take nothing, `sleep` one number of seconds.
    pub fn time_call(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let func = format!("time.{name}");
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "this keyword argument", &format!("`{func}()` takes its arguments by position")));
            return None;
        }
        let args = &call.arguments.args;
        let arity = if name == "sleep" { 1 } else { 0 };
        if args.len() != arity {
            self.report(diag::bad_arity(call.arguments.range(), &func, &arity.to_string(), args.len()));
            return None;
        }
        let clock = if name.starts_with("time") { 0 } else { 1 };
        let (kind, ty) = match name {
            "sleep" => {
                let secs = self.expr(ctx, &args[0])?;
                if !matches!(secs.ty.kind(), TyKind::Int | TyKind::Bool | TyKind::Float) {
                    self.report(diag::arg_mismatch(args[0].range(), "time.sleep() argument", &Ty::FLOAT, &secs.ty));
                    return None;
                }
                let secs = self.to_float(secs);
                (ExprKind::Builtin(Builtin::TimeSleep, vec![secs]), Ty::NONE)
            }
            _ if name.ends_with("_ns") => (ExprKind::Builtin(Builtin::TimeNs(clock), Vec::new()), Ty::INT),
            _ => (ExprKind::Builtin(Builtin::TimeSeconds(clock), Vec::new()), Ty::FLOAT),
        };
        Some(Expr { kind, ty, line })
    }
}
