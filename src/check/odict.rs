//! `collections.OrderedDict`.
//!
//! An OrderedDict is a dict whose object is marked ordered (`MgDict.ordered`,
//! runtime/mg_dict.c), as a defaultdict is a dict carrying its factory: its static type is
//! `dict[K, V]` (`OrderedDict[K, V]` in an annotation means that), so it goes wherever a
//! dict goes, and what differs is decided by the object at run time, as CPython's method
//! lookup decides it: the repr (`OrderedDict([('a', 1)])` in 3.11) and its views'
//! (`odict_keys([...])`), equality (order-sensitive between two OrderedDicts), `popitem`'s
//! message, `|` with an OrderedDict on the right, iterations that stop at any change of the
//! keys ("OrderedDict mutated during iteration"), and the two methods of its own,
//! `move_to_end` and `popitem(last)`, which on a plain dict raise CPython's
//! AttributeError or TypeError.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, ExprKind, Method};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    /// `OrderedDict()` (of the expected dict type), `OrderedDict(d)`, `OrderedDict(pairs)`,
    /// `OrderedDict({...})`: a new OrderedDict of the items `dict(...)` would hold.
    pub fn odict_new(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        if let Some(keyword) = call.arguments.keywords.first() {
            self.report(diag::unsupported(keyword.range(), "keyword arguments to OrderedDict()", "pass the items as a dict or a list of pairs"));
            return None;
        }
        let args = &call.arguments.args;
        let expected_dict = expected.filter(|t| matches!(t.kind(), TyKind::Dict(..)));
        let items = match &args[..] {
            [] => {
                let Some(&ty) = expected_dict else {
                    self.report(diag::unsupported(call.range(), "an empty `OrderedDict()` whose key and value types nothing gives", "annotate the variable: `d: OrderedDict[str, int] = OrderedDict()`"));
                    return None;
                };
                Expr { kind: ExprKind::DictLit(Vec::new()), ty, line }
            }
            [arg @ (ast::Expr::Dict(_) | ast::Expr::DictComp(_))] => self.expr_expect(ctx, arg, expected_dict)?,
            [_] => self.container_builtin(ctx, "dict", call, line)??,
            _ => {
                self.report(diag::bad_arity(call.arguments.range(), "OrderedDict", "0 or 1", args.len()));
                return None;
            }
        };
        let ty = items.ty;
        if !matches!(ty.kind(), TyKind::Dict(..)) {
            self.report(diag::arg_mismatch(args[0].range(), "OrderedDict() argument", &Ty::dict(Ty::STR, Ty::INT), &ty));
            return None;
        }
        Some(Expr { kind: ExprKind::Builtin(Builtin::ODictFrom, vec![items]), ty, line })
    }

    /// Whether `recv.name(...)` is one of OrderedDict's own methods on a dict:
    /// `move_to_end`, or `popitem` with an argument (without, it is dict's).
    pub fn is_odict_method(receiver: &Expr, name: &str, call: &ast::ExprCall) -> bool {
        let has_args = !call.arguments.args.is_empty() || !call.arguments.keywords.is_empty();
        receiver.ty.dict_types().is_some() && (name == "move_to_end" || (name == "popitem" && has_args))
    }

    /// `d.move_to_end(key, last=True)` and `d.popitem(last)` on a dict (`is_odict_method`):
    /// OrderedDict's methods, checked against the object at run time.
    pub fn odict_method(&mut self, ctx: &mut FnCtx, receiver: Expr, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let (k, v) = receiver.ty.dict_types()?;
        let func = format!("OrderedDict.{name}");
        let max = if name == "move_to_end" { 2 } else { 1 };
        let args = &call.arguments.args;
        if args.len() > max {
            self.report(diag::bad_arity(call.arguments.range(), &func, &format!("at most {max}"), args.len()));
            return None;
        }
        let mut last = args.get(max - 1);
        let mut keyword_form = false;
        for keyword in call.arguments.keywords.iter() {
            if keyword.arg.as_ref().map(|a| a.id.as_str()) != Some("last") || last.is_some() {
                self.report(diag::unsupported(keyword.range(), "this keyword argument", &format!("`{func}` takes `last=`")));
                return None;
            }
            last = Some(&keyword.value);
            keyword_form = true;
        }
        let mut operands = vec![receiver];
        if name == "move_to_end" {
            let Some(key_ast) = args.first() else {
                self.report(diag::bad_arity(call.arguments.range(), &func, "1 or 2", 0));
                return None;
            };
            let key = self.expr_expect(ctx, key_ast, Some(&k))?;
            if key.ty != k {
                self.report(diag::arg_mismatch(key_ast.range(), "dict key", &k, &key.ty));
                return None;
            }
            operands.push(key);
        }
        let last = match last {
            Some(e) => self.cond(ctx, e)?,
            None => Expr { kind: ExprKind::Bool(true), ty: Ty::BOOL, line },
        };
        operands.push(last);
        if name == "move_to_end" {
            return Some(Expr { kind: ExprKind::Method(Method::ODictMoveToEnd, operands), ty: Ty::NONE, line });
        }
        operands.push(Expr { kind: ExprKind::Bool(keyword_form), ty: Ty::BOOL, line });
        Some(Expr { kind: ExprKind::Method(Method::ODictPopItem, operands), ty: Ty::tuple(vec![k, v]), line })
    }
}
