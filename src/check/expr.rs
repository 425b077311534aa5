//! Lowering of expressions: typing, implicit numeric conversions, constant folding
//! where Python's result type depends on a value (`2 ** -1` is a float).

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::containers::set_operator_method;
use crate::check::builtins::math_constant;
use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, BinOp, CmpOp, Conversion, ExprKind, Place, UnOp};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// Deeper expressions are refused (CPython's own compiler gives up near here too); the
/// limit keeps every recursive pass over the IR well inside the stack.
const MAX_NESTING: u32 = 2000;

impl<'a> Checker<'a> {
    pub fn expr(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<Expr> {
        if self.depth >= MAX_NESTING {
            if !self.reported_depth {
                self.reported_depth = true;
                self.report(diag::too_deep(e.range()));
            }
            return None;
        }
        self.depth += 1;
        let res = self.expr_inner(ctx, e);
        self.depth -= 1;
        res
    }

    fn expr_inner(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<Expr> {
        let line = self.line(e.range());
        let lit = |kind, ty| Some(Expr { kind, ty, line });
        match e {
            ast::Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => lit(ExprKind::Int(v), Ty::INT),
                    None => {
                        self.report(diag::int_literal_too_big(e.range()));
                        None
                    }
                },
                ast::Number::Float(f) => lit(ExprKind::Float(*f), Ty::FLOAT),
                ast::Number::Complex { .. } => {
                    self.report(diag::unsupported(e.range(), "complex numbers", "use two floats for the real and imaginary parts"));
                    None
                }
            },
            ast::Expr::BooleanLiteral(b) => lit(ExprKind::Bool(b.value), Ty::BOOL),
            ast::Expr::NoneLiteral(_) => lit(ExprKind::None, Ty::NONE),
            ast::Expr::StringLiteral(s) => {
                // ruff reads a surrogate escape as U+FFFD: CPython keeps the surrogate.
                let surrogate = s.value.iter().find(|part| !part.flags.prefix().is_raw() && spells_surrogate(&self.file.text[part.range()]));
                if let Some(part) = surrogate {
                    self.report(diag::surrogate_literal(part.range()));
                    return None;
                }
                lit(ExprKind::Str(s.value.to_str().to_string()), Ty::STR)
            }
            ast::Expr::BytesLiteral(_) => {
                self.report(diag::unsupported(e.range(), "bytes literals", "use a str"));
                None
            }
            ast::Expr::Name(name) => self.load_name(ctx, name),
            ast::Expr::BinOp(b) => {
                let left = self.expr(ctx, &b.left);
                if let (ast::Operator::Mod, Some(l)) = (b.op, &left) {
                    if l.ty == Ty::STR {
                        return self.percent_format(ctx, left?, &b.right, line);
                    }
                }
                // `xs + []`, `d | {}`: an empty display takes the container type of the left.
                let expected = left.as_ref().map(|l| l.ty).filter(|t| matches!((b.op, t.kind()), (ast::Operator::Add, TyKind::List(_)) | (ast::Operator::BitOr, TyKind::Dict(..) | TyKind::Set(_))));
                let right = self.expr_expect(ctx, &b.right, expected.as_ref())?;
                // An IntEnum member computes as its value.
                let (left, right) = (self.int_enum_as_int(left?), self.int_enum_as_int(right));
                if left.ty.class().is_some() || right.ty.class().is_some() {
                    return self.instance_binary(ctx, b.op, left, right, e.range(), line);
                }
                let var_tuple = |t: Ty| matches!(t.kind(), TyKind::VarTuple(_));
                if (left.ty.tuple_fields().is_some() || right.ty.tuple_fields().is_some()) && !var_tuple(left.ty) && !var_tuple(right.ty) {
                    return self.tuple_binary(ctx, b.op, left, right, e.range(), line);
                }
                self.binary(b.op, left, right, e.range(), line)
            }
            ast::Expr::UnaryOp(u) => self.unary(ctx, u, line),
            ast::Expr::BoolOp(b) => self.bool_op(ctx, b, line),
            ast::Expr::Compare(c) => self.compare(ctx, c, line),
            ast::Expr::If(i) => {
                let cond = self.cond(ctx, &i.test);
                let (when_true, when_false) = crate::check::narrowing::none_facts(&i.test);
                let saved = ctx.narrowed.clone();
                self.narrow_not_none(ctx, &when_true);
                let body = self.expr(ctx, &i.body);
                ctx.narrowed = saved.clone();
                self.narrow_not_none(ctx, &when_false);
                let orelse = self.expr(ctx, &i.orelse);
                ctx.narrowed = saved;
                let orelse = orelse?;
                let (cond, body) = (cond?, body?);
                // Instances of two classes: their nearest common base.
                let (body, orelse) = match self.join(body.ty, orelse.ty) {
                    Some(common) if common.optional_inner().is_some() => (self.to_optional(body, common), self.to_optional(orelse, common)),
                    Some(common) => (self.upcast(body, common), self.upcast(orelse, common)),
                    None => (body, orelse),
                };
                if body.ty != orelse.ty {
                    self.report(diag::branch_mismatch(e.range(), &body.ty, &orelse.ty));
                    return None;
                }
                let ty = body.ty;
                Some(Expr { kind: ExprKind::IfExp(Box::new(cond), Box::new(body), Box::new(orelse)), ty, line })
            }
            ast::Expr::Call(call) => self.call(ctx, call),
            ast::Expr::Attribute(attr) if self.cache_field(ctx, attr, line).is_some() => self.cache_field(ctx, attr, line).flatten(),
            ast::Expr::Attribute(attr) => match self.class_attribute_of(ctx, attr, line) {
                Some(result) => result,
                None => self.attribute(ctx, attr, line),
            },
            ast::Expr::Named(_) => {
                self.report(diag::unsupported(e.range(), "assignment expressions (`:=`)", "assign on a line of its own"));
                None
            }
            ast::Expr::Lambda(l) => self.lambda_value(ctx, l, None),
            ast::Expr::FString(f) => self.fstring(ctx, f),
            ast::Expr::TString(_) => {
                self.report(diag::unsupported(e.range(), "template strings", "t-strings are Python 3.14; use an f-string"));
                None
            }
            ast::Expr::Await(_) => {
                self.report(diag::unsupported(e.range(), "coroutines", "write an ordinary function"));
                None
            }
            ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => {
                self.report(diag::unsupported(e.range(), "`yield` as a value (`x = yield v`, `send()`)", "write `yield v` as a statement of its own"));
                None
            }
            ast::Expr::Generator(g) => self.genexp_value(ctx, g),
            ast::Expr::Tuple(_) |
            ast::Expr::List(_) | ast::Expr::Dict(_) | ast::Expr::Set(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) => self.expr_expect(ctx, e, None),
            ast::Expr::Subscript(sub) => self.subscript(ctx, sub),
            ast::Expr::Slice(_) => {
                self.report(diag::unsupported(e.range(), "a slice outside a subscript", "slice a list or str: `xs[a:b]`"));
                None
            }
            ast::Expr::Starred(_) => {
                self.report(diag::unsupported(e.range(), "`*` unpacking", "pass the elements explicitly"));
                None
            }
            ast::Expr::EllipsisLiteral(_) | ast::Expr::IpyEscapeCommand(_) => {
                self.report(diag::unsupported(e.range(), "this expression", "remove it"));
                None
            }
        }
    }

    pub fn load_name(&mut self, ctx: &mut FnCtx, name: &ast::ExprName) -> Option<Expr> {
        let id = name.id.as_str();
        let line = self.line(name.range());
        let place = if ctx.is_global(id) {
            self.global_by_name.get(id).map(|g| Place::Global(*g))
        } else {
            match ctx.local_by_name.get(id) {
                Some(l) => Some(Place::Local(*l)),
                None => {
                    if !ctx.poisoned.contains(id) {
                        self.report(diag::used_before_assignment(name.range(), id));
                    }
                    return None;
                }
            }
        };
        if let Some(place) = place {
            let ty = self.place_ty(ctx, place);
            let load = Expr { kind: ExprKind::Load(place), ty, line };
            let Some(narrowed) = ctx.narrowed.get(id).copied().filter(|_| matches!(place, Place::Local(_)) && !ctx.no_narrow.contains(id)) else { return Some(load) };
            // A `T | None` proved not None: its `T`.
            if ty.optional_inner().is_some() {
                let inner = ty.optional_inner().expect("checked");
                let unwrapped = Expr { kind: ExprKind::Unwrap(Box::new(load)), ty: inner, line };
                return Some(if narrowed == inner { unwrapped } else { Expr { ty: narrowed, ..unwrapped } });
            }
            // An instance `isinstance` proved to be of a subclass (the same pointer).
            return Some(Expr { ty: narrowed, ..load });
        }
        if ctx.poisoned.contains(id) {
            return None;
        }
        if let Some(what) = self.imported(ctx, id, name.range().start()) {
            return self.imported_value(what, name.range(), line);
        }
        if let Some(&func) = self.func_by_name.get(id) {
            if self.defined_yet(ctx, id, name.range()) {
                return self.function_value(func, name.range(), line);
            }
        } else if id == "__name__" && self.is_main {
            // The main script's; an imported module's became a literal (`modules.rs`).
            return Some(Expr { kind: ExprKind::Str("__main__".to_string()), ty: Ty::STR, line });
        } else if self.is_import_name(id) {
            self.report(diag::used_before_import(name.range(), id));
        } else if self.is_failed_import(ctx, id) {
            // Reported at the import.
        } else if matches!(id, "len" | "abs" | "str" | "int" | "float" | "bool" | "min" | "max" | "sum" | "sorted" | "print" | "ord" | "chr" | "repr" | "round" | "list" | "set" | "dict" | "tuple" | "any" | "all" | "hash" | "format" | "ascii" | "divmod" | "reversed" | "enumerate" | "zip" | "range" | "isinstance" | "next" | "iter" | "map" | "filter") {
            self.report(diag::unsupported(name.range(), &format!("the builtin `{id}` as a value"), &format!("wrap it in a lambda: `lambda x: {id}(x)`")));
        } else if matches!(id, "eval" | "exec" | "globals" | "locals" | "getattr" | "setattr" | "type" | "vars") {
            self.report(diag::unsupported(name.range(), &format!("`{id}`"), "write the code out statically"));
        } else {
            self.report(self.undefined(name.range(), id));
        }
        None
    }

    fn attribute(&mut self, ctx: &mut FnCtx, attr: &ast::ExprAttribute, line: ir::Line) -> Option<Expr> {
        if let Some(module) = self.module_of(ctx, &attr.value) {
            let name = attr.attr.id.as_str();
            let Some(member) = module.member(name) else {
                self.report(diag::unknown_attribute(attr.attr.range(), module.name(), name));
                return None;
            };
            return self.imported_value(Imported::Member(module, member), attr.range(), line);
        }
        if let ast::Expr::Name(n) = &*attr.value {
            // `math.pi` before `import math`, or without it.
            let id = n.id.as_str();
            if self.is_failed_import(ctx, id) {
                return None;
            }
            if ctx.is_global(id) && !self.global_by_name.contains_key(id) && !self.func_by_name.contains_key(id) && !ctx.poisoned.contains(id) {
                self.report(self.undefined(n.range(), id));
                return None;
            }
        }
        self.report(diag::unsupported(attr.range(), "attribute access", "only `math` constants and `sys.argv` are supported; attributes arrive with classes (Tier 2)"));
        None
    }

    /// The value of an imported name: a `math` constant or `sys.argv`; anything else is refused.
    fn imported_value(&mut self, what: Imported, range: TextRange, line: ir::Line) -> Option<Expr> {
        match what {
            Imported::Member(Module::Math, name) => match math_constant(name) {
                Some(value) => Some(Expr { kind: ExprKind::Float(value), ty: Ty::FLOAT, line }),
                None => {
                    self.report(diag::unsupported(range, "`math` functions as values", "wrap the call in a lambda: `lambda x: math.sqrt(x)`"));
                    None
                }
            },
            Imported::Member(Module::String, name) => match crate::check::stdlib::string_constant(name) {
                Some(value) => Some(Expr { kind: ExprKind::Str(value.to_string()), ty: Ty::STR, line }),
                None => None,
            },
            Imported::Member(Module::Sys, "argv") => Some(self.sys_argv(line)),
            Imported::Member(Module::Sys, "stdin") => Some(Expr { kind: ExprKind::Builtin(ir::Builtin::Stdin, Vec::new()), ty: Ty::file(), line }),
            Imported::Member(Module::Typing, name) if name != "cast" => {
                self.report(diag::unsupported(range, &format!("`typing.{name}` as a value"), "typing names are for annotations"));
                None
            }
            Imported::Member(Module::Dataclasses, name) => {
                self.report(diag::unsupported(range, &format!("`dataclasses.{name}`"), "classes and `@dataclass` are Tier 2 and not supported yet"));
                None
            }
            Imported::Member(..) => {
                self.report(diag::unsupported(range, "library functions as values", "wrap the call in a lambda or a function of your own"));
                None
            }
            Imported::Module(_) => {
                self.report(diag::unsupported(range, "modules as values", "use the module's attributes, like `math.pi`"));
                None
            }
        }
    }

    /// `sys.argv`: one list for the whole run, as in CPython (`argv.append(...)` is seen by
    /// every later read).  A hidden global, assigned first thing in `<module>` (`check_module`).
    fn sys_argv(&mut self, line: ir::Line) -> Expr {
        let ty = Ty::list(Ty::STR);
        let gid = match self.argv_global {
            Some(gid) => gid,
            None => {
                let gid = ir::GlobalId(self.globals.len() as u32);
                self.globals.push(ir::Global { name: "sys.argv".to_string(), ty });
                self.argv_global = Some(gid);
                gid
            }
        };
        Expr { kind: ExprKind::Load(Place::Global(gid)), ty, line }
    }

    /// An expression in a condition position, reduced to bool.  `and`/`or` here
    /// only decide a branch, so operands of different types are fine.
    pub fn cond(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<Expr> {
        let line = self.line(e.range());
        if let ast::Expr::BoolOp(b) = e {
            // Later operands run only when the earlier ones were true (`and`) or false
            // (`or`): what that proves about None holds in them.
            let saved = ctx.narrowed.clone();
            let mut values = Vec::new();
            for value in &b.values {
                values.push(self.cond(ctx, value));
                let (when_true, when_false) = crate::check::narrowing::none_facts(value);
                self.narrow_not_none(ctx, if b.op == ast::BoolOp::And { &when_true } else { &when_false });
            }
            ctx.narrowed = saved;
            let values: Option<Vec<Expr>> = values.into_iter().collect();
            let op = match b.op {
                ast::BoolOp::And => ir::BoolOp::And,
                ast::BoolOp::Or => ir::BoolOp::Or,
            };
            return Some(Expr { kind: ExprKind::BoolOp(op, values?), ty: Ty::BOOL, line });
        }
        let value = self.expr(ctx, e)?;
        Some(self.truth(value))
    }

    pub fn truth(&mut self, value: Expr) -> Expr {
        if value.ty == Ty::BOOL {
            return value;
        }
        let line = value.line;
        if value.ty.class().is_some() {
            return self.instance_truth(value, line);
        }
        // A tuple's length is part of its type (the tuple is still evaluated).
        if let Some(fields) = value.ty.tuple_fields() {
            let truth = Expr { kind: ExprKind::Bool(!fields.is_empty()), ty: Ty::BOOL, line };
            return Expr { kind: ExprKind::Block(vec![ir::Stmt::Expr(value)], Box::new(truth)), ty: Ty::BOOL, line };
        }
        match (value.ty, &value.kind) {
            (Ty::NONE, _) => Expr { kind: ExprKind::Bool(false), ty: Ty::BOOL, line },
            (Ty::STR, ExprKind::Str(s)) => Expr { kind: ExprKind::Bool(!s.is_empty()), ty: Ty::BOOL, line },
            _ => Expr { kind: ExprKind::Truth(Box::new(value)), ty: Ty::BOOL, line },
        }
    }

    fn bool_op(&mut self, ctx: &mut FnCtx, b: &'a ast::ExprBoolOp, line: ir::Line) -> Option<Expr> {
        let saved = ctx.narrowed.clone();
        let mut values = Vec::new();
        for value in &b.values {
            values.push(self.expr(ctx, value));
            let (when_true, when_false) = crate::check::narrowing::none_facts(value);
            self.narrow_not_none(ctx, if b.op == ast::BoolOp::And { &when_true } else { &when_false });
        }
        ctx.narrowed = saved;
        let values: Vec<Expr> = values.into_iter().collect::<Option<_>>()?;
        let ty = values[0].ty;
        if let Some(other) = values.iter().find(|v| v.ty != ty) {
            self.report(diag::bool_op_mismatch(b.range(), &ty, &other.ty));
            return None;
        }
        if ty == Ty::NONE {
            self.report(diag::bool_op_mismatch(b.range(), &ty, &ty));
            return None;
        }
        let op = match b.op {
            ast::BoolOp::And => ir::BoolOp::And,
            ast::BoolOp::Or => ir::BoolOp::Or,
        };
        Some(Expr { kind: ExprKind::BoolOp(op, values), ty, line })
    }

    fn unary(&mut self, ctx: &mut FnCtx, u: &'a ast::ExprUnaryOp, line: ir::Line) -> Option<Expr> {
        // `-9223372036854775808` is the one literal whose magnitude does not fit.
        if u.op == ast::UnaryOp::USub {
            if let ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(i), .. }) = &*u.operand {
                if i.as_i64().is_none() && i.to_string() == "9223372036854775808" {
                    return Some(Expr { kind: ExprKind::Int(i64::MIN), ty: Ty::INT, line });
                }
            }
        }
        let operand = self.expr(ctx, &u.operand)?;
        let operand = if u.op == ast::UnaryOp::Not { operand } else { self.int_enum_as_int(operand) };
        if operand.ty.class().is_some() && u.op != ast::UnaryOp::Not {
            let name = match u.op {
                ast::UnaryOp::USub => "__neg__",
                ast::UnaryOp::UAdd => "__pos__",
                _ => "__invert__",
            };
            return self.instance_unary(name, operand, u.range(), line);
        }
        let un = |op, operand: Expr, ty| Some(Expr { kind: ExprKind::Unary(op, Box::new(operand)), ty, line });
        match (u.op, operand.ty) {
            (ast::UnaryOp::Not, _) => {
                let t = self.truth(operand);
                un(UnOp::Not, t, Ty::BOOL)
            }
            (ast::UnaryOp::USub, Ty::INT | Ty::BOOL) => {
                let operand = self.to_int(operand);
                if let ExprKind::Int(v) = operand.kind {
                    if let Some(neg) = v.checked_neg() {
                        return Some(Expr { kind: ExprKind::Int(neg), ty: Ty::INT, line });
                    }
                }
                un(UnOp::IntNeg, operand, Ty::INT)
            }
            (ast::UnaryOp::USub, Ty::FLOAT) => {
                if let ExprKind::Float(v) = operand.kind {
                    return Some(Expr { kind: ExprKind::Float(-v), ty: Ty::FLOAT, line });
                }
                un(UnOp::FloatNeg, operand, Ty::FLOAT)
            }
            (ast::UnaryOp::UAdd, Ty::INT | Ty::BOOL) => Some(self.to_int(operand)),
            (ast::UnaryOp::UAdd, Ty::FLOAT) => Some(operand),
            (ast::UnaryOp::Invert, Ty::INT | Ty::BOOL) => {
                let operand = self.to_int(operand);
                un(UnOp::IntInvert, operand, Ty::INT)
            }
            (op, ty) => {
                self.report(diag::bad_unary(u.range(), op.as_str(), &ty));
                None
            }
        }
    }

    /// Types a binary operator, inserting int → float and bool → int conversions as Python does,
    /// and folds it when both operands are constants, as CPython's compiler does (which
    /// matters beyond speed: a set literal of constants iterates in a different order).
    pub fn binary(&mut self, op: ast::Operator, left: Expr, right: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let typed = self.binary_typed(op, left, right, range, line)?;
        Some(fold_binary(typed))
    }

    fn binary_typed(&mut self, op: ast::Operator, left: Expr, right: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        use ast::Operator as O;
        let (lt, rt) = (left.ty, right.ty);
        // Counters add, subtract, unite and intersect counts (CPython's Counter operators).
        if let (TyKind::Counter(_), true) = (lt.kind(), lt == rt) {
            let code = match op {
                O::Add => Some(0),
                O::Sub => Some(1),
                O::BitOr => Some(2),
                O::BitAnd => Some(3),
                _ => None,
            };
            if let Some(code) = code {
                return Some(Expr { kind: ExprKind::Builtin(ir::Builtin::CounterOp(code), vec![left, right]), ty: lt, line });
            }
        }
        if matches!(lt.kind(), TyKind::Counter(_) | TyKind::Deque(_)) || matches!(rt.kind(), TyKind::Counter(_) | TyKind::Deque(_)) {
            let what = if matches!(lt.kind(), TyKind::Counter(_)) || matches!(rt.kind(), TyKind::Counter(_)) { "Counter" } else { "deque" };
            let help = if what == "Counter" { "Counters take `+`, `-`, `|` and `&` with a Counter of the same type" } else { "build a new deque: `deque(list(a) + list(b))`, or `a.extend(b)`" };
            self.report(diag::unsupported(range, &format!("the `{}` operator on a {what}", op.as_str()), help));
            return None;
        }
        let bin = |op, l: Expr, r: Expr, ty| Some(Expr { kind: ExprKind::Binary(op, Box::new(l), Box::new(r)), ty, line });
        if !lt.is_numeric() || !rt.is_numeric() {
            // `t + (8,)` with `t` a `tuple[T, ...]`: the fixed tuple joins it.
            let (left, right, lt, rt) = match (lt.kind(), rt.kind(), op) {
                (TyKind::VarTuple(_), TyKind::Tuple(_), O::Add) => {
                    let right = self.upcast(right, lt);
                    let rt = right.ty;
                    (left, right, lt, rt)
                }
                (TyKind::Tuple(_), TyKind::VarTuple(_), O::Add) => {
                    let left = self.upcast(left, rt);
                    let lt = left.ty;
                    (left, right, lt, rt)
                }
                _ => (left, right, lt, rt),
            };
            let heap = match (op, lt.kind(), rt.kind()) {
                (O::Add, TyKind::Str, TyKind::Str) => Some((BinOp::StrConcat, lt)),
                (O::Add, TyKind::VarTuple(_), TyKind::VarTuple(_)) if lt == rt => Some((BinOp::ListConcat, lt)),
                (O::Mult, TyKind::VarTuple(_), TyKind::Int | TyKind::Bool) => Some((BinOp::ListRepeat, lt)),
                (O::Add, TyKind::List(_), TyKind::List(_)) if lt == rt => Some((BinOp::ListConcat, lt)),
                (O::BitOr, TyKind::Dict(..), TyKind::Dict(..)) if lt == rt => Some((BinOp::DictMerge, lt)),
                (O::Mult, TyKind::Str, TyKind::Int | TyKind::Bool) => Some((BinOp::StrRepeat, lt)),
                (O::Mult, TyKind::List(_), TyKind::Int | TyKind::Bool) => Some((BinOp::ListRepeat, lt)),
                _ => None,
            };
            // Set operators take the same paths in CPython as the methods of the same name.
            if let (TyKind::Set(_), Some(method)) = (lt.kind(), set_operator_method(op)) {
                if lt == rt {
                    return Some(Expr { kind: ExprKind::Method(method, vec![left, right]), ty: lt, line });
                }
            }
            if let Some((bop, ty)) = heap {
                let right = if matches!(bop, BinOp::StrRepeat | BinOp::ListRepeat) { self.to_int(right) } else { right };
                return bin(bop, left, right, ty);
            }
            // `3 * "ab"` and `2 * [0]`: repeat with the operands swapped.
            if op == O::Mult && matches!(lt, Ty::INT | Ty::BOOL) && matches!(rt.kind(), TyKind::Str | TyKind::List(_) | TyKind::VarTuple(_)) {
                let bop = if rt == Ty::STR { BinOp::StrRepeat } else { BinOp::ListRepeat };
                let count = self.to_int(left);
                return bin(bop, right, count, rt);
            }
            self.report(diag::bad_operands(range, op.as_str(), &lt, &rt));
            return None;
        }
        // Bitwise operators on two bools stay bool (`True & False` is `False`).
        if lt == Ty::BOOL && rt == Ty::BOOL {
            match op {
                O::BitAnd => return bin(BinOp::BoolAnd, left, right, Ty::BOOL),
                O::BitOr => return bin(BinOp::BoolOr, left, right, Ty::BOOL),
                O::BitXor => return bin(BinOp::BoolXor, left, right, Ty::BOOL),
                _ => {}
            }
        }
        let float = lt == Ty::FLOAT || rt == Ty::FLOAT;
        match op {
            O::Add | O::Sub | O::Mult | O::FloorDiv | O::Mod if !float => {
                let (l, r) = (self.to_int(left), self.to_int(right));
                let op = match op {
                    O::Add => BinOp::IntAdd,
                    O::Sub => BinOp::IntSub,
                    O::Mult => BinOp::IntMul,
                    O::FloorDiv => BinOp::IntFloorDiv,
                    _ => BinOp::IntMod,
                };
                bin(op, l, r, Ty::INT)
            }
            O::Add | O::Sub | O::Mult | O::FloorDiv | O::Mod | O::Div => {
                if !float {
                    let (l, r) = (self.to_int(left), self.to_int(right));
                    return bin(BinOp::IntTrueDiv, l, r, Ty::FLOAT);
                }
                let (l, r) = (self.to_float(left), self.to_float(right));
                let op = match op {
                    O::Add => BinOp::FloatAdd,
                    O::Sub => BinOp::FloatSub,
                    O::Mult => BinOp::FloatMul,
                    O::FloorDiv => BinOp::FloatFloorDiv,
                    O::Mod => BinOp::FloatMod,
                    _ => BinOp::FloatDiv,
                };
                bin(op, l, r, Ty::FLOAT)
            }
            O::Pow => {
                if float {
                    let (l, r) = (self.to_float(left), self.to_float(right));
                    return bin(BinOp::FloatPow, l, r, Ty::FLOAT);
                }
                let (l, r) = (self.to_int(left), self.to_int(right));
                // The result type of int ** int depends on the exponent's sign: decide it when it is constant.
                if let ExprKind::Int(exp) = r.kind {
                    if exp < 0 {
                        let (l, r) = (self.to_float(l), self.to_float(r));
                        return bin(BinOp::FloatPow, l, r, Ty::FLOAT);
                    }
                }
                bin(BinOp::IntPow, l, r, Ty::INT)
            }
            O::LShift | O::RShift | O::BitAnd | O::BitOr | O::BitXor => {
                if float {
                    self.report(diag::bad_operands(range, op.as_str(), &lt, &rt));
                    return None;
                }
                let (l, r) = (self.to_int(left), self.to_int(right));
                let op = match op {
                    O::LShift => BinOp::IntLShift,
                    O::RShift => BinOp::IntRShift,
                    O::BitAnd => BinOp::IntAnd,
                    O::BitOr => BinOp::IntOr,
                    _ => BinOp::IntXor,
                };
                bin(op, l, r, Ty::INT)
            }
            O::MatMult => {
                self.report(diag::bad_operands(range, op.as_str(), &lt, &rt));
                None
            }
        }
    }

    fn compare(&mut self, ctx: &mut FnCtx, c: &'a ast::ExprCompare, line: ir::Line) -> Option<Expr> {
        let mut operands = vec![self.expr(ctx, &c.left)];
        for comparator in c.comparators.iter() {
            operands.push(self.expr(ctx, comparator));
        }
        let operands: Vec<Expr> = operands.into_iter().collect::<Option<_>>()?;
        // An IntEnum member compared with a number (or another enum) compares its value.
        let mixed = operands.iter().any(|o| self.is_int_enum(o.ty)) && operands.iter().any(|o| o.ty != operands[0].ty);
        let plain_ops = c.ops.iter().all(|op| !matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn | ast::CmpOp::Is | ast::CmpOp::IsNot));
        let operands: Vec<Expr> = if mixed && plain_ops { operands.into_iter().map(|o| self.int_enum_as_int(o)).collect() } else { operands };
        // A NamedTuple compared with a tuple compares as the tuple of its fields.
        let with_tuple = operands.iter().any(|o| o.ty.tuple_fields().is_some()) && operands.iter().any(|o| self.namedtuple_of(o.ty).is_some());
        let operands: Vec<Expr> = if with_tuple && plain_ops {
            operands
                .into_iter()
                .map(|o| {
                    let mut pre = Vec::new();
                    let t = self.namedtuple_as_tuple(ctx, o, &mut pre);
                    if pre.is_empty() {
                        return t;
                    }
                    let (ty, line) = (t.ty, t.line);
                    Expr { kind: ExprKind::Block(pre, Box::new(t)), ty, line }
                })
                .collect()
        } else {
            operands
        };
        if let [op @ (ast::CmpOp::In | ast::CmpOp::NotIn)] = &*c.ops {
            let mut it = operands.into_iter();
            let (item, container) = (it.next()?, it.next()?);
            let contains = self.contains(item, container, c.range(), line)?;
            if *op == ast::CmpOp::NotIn {
                return Some(Expr { kind: ExprKind::Unary(UnOp::Not, Box::new(contains)), ty: Ty::BOOL, line });
            }
            return Some(contains);
        }
        if let ([op @ (ast::CmpOp::Is | ast::CmpOp::IsNot)], [l, r]) = (&*c.ops, operands.as_slice()) {
            if l.ty == Ty::NONE || r.ty == Ty::NONE {
                // `x is None`: a `T | None` tests its pointer; anything else is never None
                // (still evaluated); None is None.
                let mut it = operands.into_iter();
                let (l, r) = (it.next()?, it.next()?);
                let (value, other) = if l.ty == Ty::NONE { (r, l) } else { (l, r) };
                let test = if value.ty.optional_inner().is_some() {
                    Expr { kind: ExprKind::IsNone(Box::new(value)), ty: Ty::BOOL, line }
                } else {
                    let is_none = value.ty == Ty::NONE;
                    Expr { kind: ExprKind::Block(vec![ir::Stmt::Expr(value), ir::Stmt::Expr(other)], Box::new(Expr { kind: ExprKind::Bool(is_none), ty: Ty::BOOL, line })), ty: Ty::BOOL, line }
                };
                return Some(if *op == ast::CmpOp::Is { test } else { Expr { kind: ExprKind::Unary(UnOp::Not, Box::new(test)), ty: Ty::BOOL, line } });
            }
            // Identity is well defined for instances and mutable containers; for str,
            // numbers and tuples CPython leaves it to the implementation (interning, caches).
            let mutable_container = |t: Ty| matches!(t.kind(), TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Deque(_) | TyKind::Counter(_));
            if (l.ty.class().is_some() && r.ty.class().is_some()) || (l.ty == r.ty && (mutable_container(l.ty) || l.ty == Ty::file())) {
                let mut it = operands.into_iter();
                let (l, r) = (it.next()?, it.next()?);
                let same = Expr { kind: ExprKind::Same(Box::new(l), Box::new(r)), ty: Ty::BOOL, line };
                return Some(if *op == ast::CmpOp::Is { same } else { Expr { kind: ExprKind::Unary(UnOp::Not, Box::new(same)), ty: Ty::BOOL, line } });
            }
        }
        // `opt == value` between `T | None` and `T`: both as `T | None` (None equals nothing
        // but None).
        let operands: Vec<Expr> = if let ([ast::CmpOp::Eq | ast::CmpOp::NotEq], [l, r]) = (&*c.ops, operands.as_slice()) {
            let (lo, ro) = (l.ty.optional_inner(), r.ty.optional_inner());
            match (lo, ro) {
                (Some(_), None) if r.ty != Ty::NONE => {
                    let opt = l.ty;
                    let mut it = operands.into_iter();
                    let (l, r) = (it.next()?, it.next()?);
                    vec![l, self.to_optional(r, opt)]
                }
                (None, Some(_)) if l.ty != Ty::NONE => {
                    let opt = r.ty;
                    let mut it = operands.into_iter();
                    let (l, r) = (it.next()?, it.next()?);
                    vec![self.to_optional(l, opt), r]
                }
                _ => operands,
            }
        } else {
            operands
        };
        if let ([op], [l, r]) = (&*c.ops, operands.as_slice()) {
            if l.ty.class().is_some() || r.ty.class().is_some() {
                if let Some(cmp) = ir_cmp(*op) {
                    let mut it = operands.into_iter();
                    let (l, r) = (it.next()?, it.next()?);
                    return self.instance_compare(ctx, cmp, l, r, c.range(), line);
                }
            }
        }
        // A fixed tuple compared with a `tuple[T, ...]` of its fields' type is one too.
        let operands: Vec<Expr> = {
            let var = operands.iter().find(|o| matches!(o.ty.kind(), TyKind::VarTuple(_))).map(|o| o.ty);
            match var {
                Some(v) => operands.into_iter().map(|o| self.upcast(o, v)).collect(),
                None => operands,
            }
        };
        let mut links = Vec::new();
        for (idx, op) in c.ops.iter().enumerate() {
            let (lt, rt) = (operands[idx].ty, operands[idx + 1].ty);
            let cmp = match op {
                ast::CmpOp::Eq => CmpOp::Eq,
                ast::CmpOp::NotEq => CmpOp::Ne,
                ast::CmpOp::Lt => CmpOp::Lt,
                ast::CmpOp::LtE => CmpOp::Le,
                ast::CmpOp::Gt => CmpOp::Gt,
                ast::CmpOp::GtE => CmpOp::Ge,
                ast::CmpOp::Is | ast::CmpOp::IsNot => {
                    self.report(diag::unsupported(c.range(), "`is` between these values", "CPython leaves the identity of str, numbers and tuples to the implementation: compare values with `==` (`is None`, and `is` between instances, lists, dicts or sets, are supported)"));
                    return None;
                }
                ast::CmpOp::In | ast::CmpOp::NotIn => {
                    self.report(diag::unsupported(c.range(), "`in` inside a comparison chain", "split the chain with `and`"));
                    return None;
                }
            };
            if lt.has_function() || rt.has_function() {
                self.report(diag::function_compared(c.range(), if lt.has_function() { &lt } else { &rt }));
                return None;
            }
            let common = match (lt, rt) {
                (Ty::FLOAT, t) | (t, Ty::FLOAT) if t.is_numeric() => Ty::FLOAT,
                (Ty::BOOL, Ty::BOOL) => Ty::BOOL,
                (a, b) if a.is_numeric() && b.is_numeric() => Ty::INT,
                (Ty::NONE, Ty::NONE) if matches!(cmp, CmpOp::Eq | CmpOp::Ne) => Ty::NONE,
                (a, b) if a == b && matches!(a.kind(), TyKind::Str | TyKind::List(_) | TyKind::Tuple(_) | TyKind::VarTuple(_)) && (matches!(cmp, CmpOp::Eq | CmpOp::Ne) || a.is_orderable()) => a,
                (a, b) if c.ops.len() == 1 && crate::check::tuples::tuples_comparable(a, b, !matches!(cmp, CmpOp::Eq | CmpOp::Ne)) => {
                    let ty = Ty::BOOL;
                    return Some(Expr { kind: ExprKind::Builtin(ir::Builtin::TupleCompare(cmp), operands), ty, line });
                }
                // Files are equal when they are the same object.
                (a, b) if a == b && matches!(a.kind(), TyKind::Dict(..) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Optional(_) | TyKind::File | TyKind::Range) && matches!(cmp, CmpOp::Eq | CmpOp::Ne) => a,
                // `<=`, `<`, `>=`, `>` between sets are subset and superset tests.
                (a, b) if a == b && matches!(a.kind(), TyKind::Set(_)) => a,
                _ if matches!(cmp, CmpOp::Eq | CmpOp::Ne) => {
                    // Python compares unrelated types as unequal; that is almost always a bug.
                    self.report(diag::bad_operands(c.range(), cmp_str(cmp), &lt, &rt));
                    return None;
                }
                _ => {
                    self.report(diag::bad_operands(c.range(), cmp_str(cmp), &lt, &rt));
                    return None;
                }
            };
            links.push((cmp, common));
        }
        Some(Expr { kind: ExprKind::CompareChain { operands, links }, ty: Ty::BOOL, line })
    }

    pub fn to_int(&mut self, value: Expr) -> Expr {
        match (value.ty, &value.kind) {
            (Ty::BOOL, ExprKind::Bool(b)) => Expr { kind: ExprKind::Int(*b as i64), ty: Ty::INT, line: value.line },
            (Ty::BOOL, _) => {
                let line = value.line;
                Expr { kind: ExprKind::Convert(Conversion::BoolToInt, Box::new(value)), ty: Ty::INT, line }
            }
            _ => value,
        }
    }

    pub fn to_float(&mut self, value: Expr) -> Expr {
        let value = self.to_int(value);
        match (value.ty, &value.kind) {
            (Ty::INT, ExprKind::Int(v)) => Expr { kind: ExprKind::Float(*v as f64), ty: Ty::FLOAT, line: value.line },
            (Ty::INT, _) => {
                let line = value.line;
                Expr { kind: ExprKind::Convert(Conversion::IntToFloat, Box::new(value)), ty: Ty::FLOAT, line }
            }
            _ => value,
        }
    }

    /// Accepts int (and bool, converted); reports anything else.
    pub fn expect_int(&mut self, value: Expr, range: TextRange, what: &str) -> Option<Expr> {
        match value.ty {
            Ty::INT | Ty::BOOL => Some(self.to_int(value)),
            _ => {
                self.report(diag::arg_mismatch(range, what, &Ty::INT, &value.ty));
                None
            }
        }
    }
}

/// Folds an int or float operation on two constants when the result is exact and in range;
/// anything that would raise (overflow, division by zero) is left for run time.
/// Whether the source of a (non-raw) string literal has a `\uXXXX` or `\UXXXXXXXX`
/// escape of a surrogate (U+D800..U+DFFF).
pub(crate) fn spells_surrogate(src: &str) -> bool {
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let width = match bytes.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => 0,
        };
        let value = src.get(i + 2..i + 2 + width).filter(|_| width > 0).and_then(|hex| u32::from_str_radix(hex, 16).ok());
        if value.is_some_and(|v| (0xD800..=0xDFFF).contains(&v)) {
            return true;
        }
        i += 2;
    }
    false
}

fn fold_binary(e: Expr) -> Expr {
    let ExprKind::Binary(op, l, r) = &e.kind else { return e };
    let folded = match (&l.kind, &r.kind) {
        (ExprKind::Int(a), ExprKind::Int(b)) => {
            let (a, b) = (*a, *b);
            let floordiv = |a: i64, b: i64| -> Option<i64> {
                let q = a.checked_div(b)?;
                Some(if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
            };
            let v = match op {
                BinOp::IntAdd => a.checked_add(b),
                BinOp::IntSub => a.checked_sub(b),
                BinOp::IntMul => a.checked_mul(b),
                BinOp::IntFloorDiv => floordiv(a, b),
                BinOp::IntMod => floordiv(a, b).and_then(|q| a.checked_sub(q.checked_mul(b)?)),
                BinOp::IntPow if b >= 0 => u32::try_from(b).ok().and_then(|b| a.checked_pow(b)),
                BinOp::IntLShift if (0..63).contains(&b) => a.checked_mul(1i64 << b),
                BinOp::IntRShift if b >= 0 => Some(if b >= 64 { if a < 0 { -1 } else { 0 } } else { a >> b }),
                BinOp::IntAnd => Some(a & b),
                BinOp::IntOr => Some(a | b),
                BinOp::IntXor => Some(a ^ b),
                _ => None,
            };
            v.map(ExprKind::Int)
        }
        (ExprKind::Float(a), ExprKind::Float(b)) => {
            let (a, b) = (*a, *b);
            let v = match op {
                BinOp::FloatAdd => Some(a + b),
                BinOp::FloatSub => Some(a - b),
                BinOp::FloatMul => Some(a * b),
                BinOp::FloatDiv if b != 0.0 => Some(a / b),
                _ => None,
            };
            v.map(ExprKind::Float)
        }
        _ => None,
    };
    match folded {
        Some(kind) => Expr { kind, ty: e.ty, line: e.line },
        None => e,
    }
}

pub fn cmp_str(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
    }
}

/// The IR comparison of an AST comparison operator (`None` for `in`, `is`).
fn ir_cmp(op: ast::CmpOp) -> Option<CmpOp> {
    Some(match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        _ => return None,
    })
}
