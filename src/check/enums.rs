//! `enum.Enum` and `enum.IntEnum`: what the enum metaclass gives a class that
//! `syntax::enums` rewrote (two fields, `name` and `value`, its dunders, and a marker
//! decorator listing the members).
//!
//! Each member is a class variable (`Color.RED`, a hidden global) holding an instance
//! made when the class statement runs, in definition order, and the members are also
//! kept in a hidden list (`Color.<members>`), which `for c in Color`, `list(Color)` and
//! the lookups walk: `Color(v)` finds the member whose value equals `v` (ValueError
//! `5 is not a valid Color` otherwise), `Color["RED"]` the one of that name (KeyError).
//! `len(Color)` is a constant.  Members are compared by identity, as CPython's are (two
//! members never share a value here: aliases are refused); an IntEnum member is its
//! value in arithmetic and in comparisons with numbers.  Assigning a member or its
//! fields is refused (CPython raises AttributeError).

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, ClassIdx, CmpOp, ExprKind, GlobalId, Iter, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::Ty;
use crate::syntax::enums::ENUM_MARKER;

type Expr = ir::Expr;

/// The supported names of `enum`.
pub(crate) const ENUM_NAMES: &[&str] = &["Enum", "IntEnum", "auto"];

/// A member's value.
#[derive(Clone)]
pub enum MemberValue {
    Int(i64),
    Str(String),
}

/// What the checker knows of an enum class.
pub struct EnumInfo {
    pub int_enum: bool,
    /// The members in definition order: name, value (an int or str constant), and the
    /// global holding the member.
    pub members: Vec<(String, MemberValue, GlobalId)>,
    /// The hidden list of the members.
    pub list: GlobalId,
}

impl<'a> Checker<'a> {
    /// The marker `syntax::enums` left on a class: whether it is one (the marker was
    /// checked and the members declared when `Some(true)`).
    pub fn is_enum_marker(d: &ast::Decorator) -> bool {
        matches!(&d.expression, ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == ENUM_MARKER))
    }

    /// Pass 0, for a class whose marker is `d`: checks that its base names `enum`'s, and
    /// declares its members.
    pub fn declare_enum(&mut self, idx: usize, d: &ast::Decorator) {
        let ast::Expr::Call(call) = &d.expression else { return };
        let Some((base, rest)) = call.arguments.args.split_first() else { return };
        let kind = match base {
            ast::Expr::Name(n) => match self.annotation_import(n.id.as_str(), n.range().start()) {
                Some(Imported::Member(Module::Enum, m)) => Some(m),
                _ => None,
            },
            ast::Expr::Attribute(a) => match &*a.value {
                ast::Expr::Name(m) if self.annotation_import(m.id.as_str(), m.range().start()) == Some(Imported::Module(Module::Enum)) => Some(a.attr.id.as_str()),
                _ => None,
            },
            _ => None,
        };
        let int_enum = match kind {
            Some("IntEnum") => true,
            Some("Enum") => false,
            _ => {
                self.report(diag::unsupported(base.range(), "this base class", "import `Enum` or `IntEnum` from `enum` first"));
                return;
            }
        };
        let class_ty = self.classes[idx].ty;
        let class_name = self.classes[idx].name.clone();
        let mut members = Vec::new();
        for pair in rest.chunks(2) {
            let [ast::Expr::StringLiteral(name), value] = pair else { return };
            // `syntax::enums` wrote these literals (ints in 64 bits).
            let value = match value {
                ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(i), .. }) => MemberValue::Int(i.as_i64().unwrap_or(0)),
                ast::Expr::UnaryOp(u) => match &*u.operand {
                    ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(i), .. }) => MemberValue::Int(i.as_i64().map_or(i64::MIN, |v| -v)),
                    _ => return,
                },
                ast::Expr::StringLiteral(s) => MemberValue::Str(s.value.to_str().to_string()),
                _ => return,
            };
            let name = name.value.to_str().to_string();
            let global = self.declare_hidden_global(&format!("{class_name}.{name}"), class_ty);
            self.classes[idx].class_vars.insert(name.clone(), global);
            members.push((name, value, global));
        }
        let list = self.declare_hidden_global(&format!("{class_name}.<members>"), Ty::list(class_ty));
        self.enums.insert(idx, EnumInfo { int_enum, members, list });
    }

    fn declare_hidden_global(&mut self, name: &str, ty: Ty) -> GlobalId {
        let id = GlobalId(self.globals.len() as u32);
        self.globals.push(ir::Global { name: name.to_string(), ty });
        self.global_by_name.insert(name.to_string(), id);
        id
    }

    /// When the class statement runs: each member made and stored, then the list of them.
    pub fn lower_enum_members(&mut self, idx: usize, out: &mut Vec<Stmt>) {
        let Some(info) = self.enums.get(&idx) else { return };
        let ty = self.classes[idx].ty;
        let field = |this: &Self, name: &str| this.classes[idx].fields.iter().position(|(n, _)| n == name).map(|f| f as u32);
        let (Some(name_field), Some(value_field)) = (field(self, "name"), field(self, "value")) else { return };
        let members = info.members.clone();
        let list = info.list;
        let line = self.line(self.classes[idx].def.map_or(TextRange::default(), |d| d.name.range()));
        let mut loads = Vec::new();
        for (name, value, global) in members {
            let value = match value {
                MemberValue::Int(i) => Expr { kind: ExprKind::Int(i), ty: Ty::INT, line },
                MemberValue::Str(s) => Expr { kind: ExprKind::Str(s), ty: Ty::STR, line },
            };
            let new = Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty, line };
            out.push(Stmt::Assign { place: Place::Global(global), value: new });
            let obj = Expr { kind: ExprKind::Load(Place::Global(global)), ty, line };
            out.push(Stmt::SetField { obj, field: name_field, value: Expr { kind: ExprKind::Str(name), ty: Ty::STR, line }, line });
            let obj = Expr { kind: ExprKind::Load(Place::Global(global)), ty, line };
            out.push(Stmt::SetField { obj, field: value_field, value, line });
            loads.push(Expr { kind: ExprKind::Load(Place::Global(global)), ty, line });
        }
        out.push(Stmt::Assign { place: Place::Global(list), value: Expr { kind: ExprKind::ListLit(loads), ty: Ty::list(ty), line } });
    }

    /// The enum class `e` names, if it names one (`Color`).
    pub fn enum_named(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<usize> {
        let ast::Expr::Name(n) = e else { return None };
        let idx = self.class_named(ctx, n.id.as_str())?;
        self.enums.contains_key(&idx).then_some(idx)
    }

    /// The list of an enum's members (what iterating the class gives), for `for c in
    /// Color` and `list(Color)`; a read of the hidden list, which nothing can change.
    pub fn enum_members_value(&mut self, ctx: &FnCtx, e: &ast::Expr) -> Option<Expr> {
        let idx = self.enum_named(ctx, e)?;
        let list = self.enums.get(&idx)?.list;
        let line = self.line(e.range());
        Some(Expr { kind: ExprKind::Load(Place::Global(list)), ty: Ty::list(self.classes[idx].ty), line })
    }

    /// `len(Color)`: the number of members.
    pub fn enum_len(&mut self, ctx: &FnCtx, e: &ast::Expr) -> Option<Expr> {
        let idx = self.enum_named(ctx, e)?;
        let n = self.enums.get(&idx)?.members.len() as i64;
        Some(Expr { kind: ExprKind::Int(n), ty: Ty::INT, line: self.line(e.range()) })
    }

    /// `Color(value)`: the member of that value, or CPython's ValueError.
    pub fn enum_call(&mut self, ctx: &mut FnCtx, idx: usize, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let class = self.classes[idx].name.clone();
        let [arg] = &call.arguments.args[..] else {
            self.report(diag::bad_arity(call.arguments.range(), &class, "1", call.arguments.args.len()));
            return None;
        };
        if let Some(k) = call.arguments.keywords.first() {
            self.report(diag::unsupported(k.range(), "keyword arguments to an enum class", &format!("look a member up by value: `{class}(1)`")));
            return None;
        }
        let value_field = self.classes[idx].fields.iter().position(|(n, _)| n == "value")?;
        let value_ty = self.classes[idx].fields[value_field].1;
        let v = self.expr_expect(ctx, arg, Some(&value_ty))?;
        let v = if v.ty == Ty::BOOL && value_ty == Ty::INT { self.to_int(v) } else { v };
        if v.ty != value_ty {
            self.report(diag::arg_mismatch(arg.range(), &format!("{class}() value"), &value_ty, &v.ty));
            return None;
        }
        self.enum_find(ctx, idx, value_field as u32, v, true, &format!(" is not a valid {class}"), "ValueError", call.range(), line)
    }

    /// `Color["RED"]`: the member of that name, or KeyError.
    pub fn enum_subscript(&mut self, ctx: &mut FnCtx, idx: usize, sub: &'a ast::ExprSubscript, line: ir::Line) -> Option<Expr> {
        let name_field = self.classes[idx].fields.iter().position(|(n, _)| n == "name")?;
        let key = self.expr(ctx, &sub.slice)?;
        if key.ty != Ty::STR {
            self.report(diag::arg_mismatch(sub.slice.range(), "an enum member's name", &Ty::STR, &key.ty));
            return None;
        }
        self.enum_find(ctx, idx, name_field as u32, key, false, "", "KeyError", sub.range(), line)
    }

    /// The member whose field `field` equals `wanted`, found by walking the members in
    /// order; else `error` raised with the message `wanted + suffix` (`repr(wanted)` when
    /// `repr`).
    #[allow(clippy::too_many_arguments)]
    fn enum_find(&mut self, ctx: &mut FnCtx, idx: usize, field: u32, wanted: Expr, repr: bool, suffix: &str, error: &str, range: TextRange, line: ir::Line) -> Option<Expr> {
        let ty = self.classes[idx].ty;
        let list = self.enums.get(&idx)?.list;
        let wanted_ty = wanted.ty;
        let (mut stmts, hw) = self.hidden(ctx, wanted);
        let member = ctx.add_local(&format!("<member{}>", ctx.locals.len()), ty);
        let found = ctx.add_local(&format!("<found{}>", ctx.locals.len()), ty);
        let load = |p: Place| Expr { kind: ExprKind::Load(p), ty, line };
        let field_value = Expr { kind: ExprKind::GetField(Box::new(load(Place::Local(member))), field), ty: wanted_ty, line };
        let cond = Expr { kind: ExprKind::CompareChain { operands: vec![field_value, hw.load()], links: vec![(CmpOp::Eq, wanted_ty)] }, ty: Ty::BOOL, line };
        let then = vec![Stmt::Assign { place: Place::Local(found), value: load(Place::Local(member)) }, Stmt::Break];
        let what = if repr { Expr { kind: ExprKind::Builtin(ir::Builtin::ReprOf, vec![hw.load()]), ty: Ty::STR, line } } else { hw.load() };
        let message = if suffix.is_empty() { what } else { self.binary(ast::Operator::Add, what, Expr { kind: ExprKind::Str(suffix.to_string()), ty: Ty::STR, line }, range, line)? };
        let error_class = *self.class_by_name.get(error)?;
        let exc = self.construct_exception(ctx, error_class, vec![message], line)?;
        let iter = Iter::List(Expr { kind: ExprKind::Load(Place::Global(list)), ty: Ty::list(ty), line });
        stmts.push(Stmt::ForIter {
            targets: vec![Place::Local(member)],
            iter,
            body: vec![Stmt::If { cond, then, orelse: Vec::new() }],
            orelse: vec![Stmt::Raise { value: Some(exc), cause: None, line }],
            line,
        });
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(load(Place::Local(found)))), ty, line })
    }

    /// An IntEnum member where a number is wanted (arithmetic, comparisons with numbers):
    /// its value.
    pub fn int_enum_as_int(&self, e: Expr) -> Expr {
        let Some(idx) = self.class_of(e.ty) else { return e };
        if !self.enums.get(&idx).is_some_and(|i| i.int_enum) {
            return e;
        }
        let Some(field) = self.classes[idx].fields.iter().position(|(n, _)| n == "value") else { return e };
        let line = e.line;
        Expr { kind: ExprKind::GetField(Box::new(e), field as u32), ty: Ty::INT, line }
    }

    /// Whether `ty` is an IntEnum class.
    pub fn is_int_enum(&self, ty: Ty) -> bool {
        self.class_of(ty).is_some_and(|idx| self.enums.get(&idx).is_some_and(|i| i.int_enum))
    }

    /// Refuses assigning a member (`Color.RED = ...`) or a member's field; true when it did.
    pub fn refuse_enum_assignment(&mut self, idx: usize, range: TextRange) -> bool {
        if !self.enums.contains_key(&idx) {
            return false;
        }
        self.report(diag::unsupported(range, "assigning an enum member or its attributes", "CPython raises AttributeError: enum members are constants"));
        true
    }
}
