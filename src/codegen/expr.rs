//! Lowering of expressions: scalars, comparisons, operators, builtins, and the
//! slot and type-descriptor plumbing heap values need.

use inkwell::context::Context;
use inkwell::module::Linkage;
use inkwell::values::{BasicValueEnum, FloatValue, IntValue, PointerValue, StructValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};

use crate::check::ir::{self, BinOp, Builtin, CmpOp, Conversion, Expr, ExprKind, Line, UnOp};
use crate::check::types::Ty;
use crate::codegen::abi;
use crate::codegen::func::{FnGen, Val};
use crate::codegen::{llvm_type, CodegenError};

type Result<T> = std::result::Result<T, CodegenError>;

/// The `MgTypeKind` (runtime/mg_object.h) of a type.
pub(crate) fn type_kind(ty: &Ty) -> i32 {
    match ty {
        Ty::Int => abi::MG_T_INT,
        Ty::Float => abi::MG_T_FLOAT,
        Ty::Bool => abi::MG_T_BOOL,
        Ty::None => abi::MG_T_NONE,
        Ty::Str => abi::MG_T_STR,
        Ty::List(_) => abi::MG_T_LIST,
        Ty::Dict(..) => abi::MG_T_DICT,
        Ty::Set(_) => abi::MG_T_SET,
    }
}

/// A field of a constant C struct, for [`c_struct`].
enum Part<'ctx> {
    /// An integer of the field's size.
    Int(abi::Field, u64),
    Ptr(abi::Field, PointerValue<'ctx>),
    /// Trailing bytes (a flexible array member) at an offset.
    Bytes(u64, inkwell::values::ArrayValue<'ctx>),
}

/// A constant laid out exactly as the C struct of `size` bytes whose fields are `parts`
/// (offsets and sizes from `codegen::abi`): a packed LLVM struct with explicit padding, so
/// that no LLVM layout rule has to agree with C's.  Give its global the C alignment.
fn c_struct<'ctx>(ctx: &'ctx Context, size: u64, mut parts: Vec<Part<'ctx>>) -> Result<StructValue<'ctx>> {
    let offset = |p: &Part| match p {
        Part::Int(f, _) | Part::Ptr(f, _) => f.offset,
        Part::Bytes(offset, _) => *offset,
    };
    parts.sort_by_key(offset);
    let mut values: Vec<BasicValueEnum<'ctx>> = Vec::new();
    let mut at = 0;
    let pad = |values: &mut Vec<BasicValueEnum<'ctx>>, n: u64| {
        if n > 0 {
            values.push(ctx.i8_type().array_type(n as u32).const_zero().into());
        }
    };
    for part in &parts {
        let start = offset(part);
        if start < at {
            return Err(CodegenError::Internal(format!("overlapping fields at offset {start}")));
        }
        pad(&mut values, start - at);
        let (value, len): (BasicValueEnum<'ctx>, u64) = match part {
            Part::Int(f, v) => {
                let int_ty = match f.size {
                    1 => ctx.i8_type(),
                    2 => ctx.i16_type(),
                    4 => ctx.i32_type(),
                    8 => ctx.i64_type(),
                    n => return Err(CodegenError::Internal(format!("no {n}-byte integer field"))),
                };
                (int_ty.const_int(*v, false).into(), f.size)
            }
            Part::Ptr(f, p) => ((*p).into(), f.size),
            Part::Bytes(_, bytes) => ((*bytes).into(), bytes.get_type().len() as u64),
        };
        values.push(value);
        at = start + len;
    }
    pad(&mut values, size.saturating_sub(at));
    Ok(ctx.const_struct(&values, true))
}

/// The operator with its operands exchanged: `a < b` is `b > a`.
fn swap(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

impl<'s, 'a, 'ctx> FnGen<'s, 'a, 'ctx> {
    pub(super) fn expr(&mut self, e: &Expr) -> Result<Val<'ctx>> {
        let ctx = self.ctx();
        Ok(match &e.kind {
            ExprKind::Int(v) => Val::plain(ctx.i64_type().const_int(*v as u64, true)),
            ExprKind::Float(v) => Val::plain(ctx.f64_type().const_float(*v)),
            ExprKind::Bool(b) => Val::plain(ctx.bool_type().const_int(*b as u64, false)),
            ExprKind::None => Val::plain(ctx.bool_type().const_zero()),
            ExprKind::Str(s) => Val::plain(self.str_literal(s)?),
            ExprKind::Load(place) => {
                self.check_bound(*place, e.line)?;
                let (ptr, ty) = self.place_ptr(*place);
                let v = self.builder.build_load(llvm_type(ctx, &ty), ptr, "load")?;
                // A callee may rebind a global while the value is in use: hold a reference.
                if ty.is_heap() && matches!(place, ir::Place::Global(_)) {
                    self.call_void("mg_incref", &[v.into()])?;
                    self.new_temp(v)?
                } else {
                    Val::plain(v)
                }
            }
            ExprKind::Convert(conv, inner) => {
                let v = self.expr(inner)?.v;
                Val::plain(match conv {
                    Conversion::IntToFloat => self.builder.build_signed_int_to_float(v.into_int_value(), ctx.f64_type(), "itof")?.into(),
                    Conversion::BoolToInt => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "btoi")?.into(),
                    Conversion::FloatToInt => self.call_checked("mg_float_to_int", &[v], e.line)?,
                })
            }
            ExprKind::Binary(BinOp::StrInPlaceAdd, l, r) => {
                let ExprKind::Load(place) = l.kind else { return Err(CodegenError::Internal("in-place add of a non-variable".into())) };
                let rv = self.expr(r)?;
                self.check_bound(place, e.line)?;
                let (ptr, _) = self.place_ptr(place);
                let ptr_ty = ctx.ptr_type(AddressSpace::default());
                let old = self.builder.build_load(ptr_ty, ptr, "old")?;
                self.builder.build_store(ptr, ptr_ty.const_null())?;
                let v = self.call("mg_str_iadd", &[old, rv.v])?;
                let result = self.new_temp(v)?;
                self.release(rv)?;
                result
            }
            ExprKind::Binary(op, l, r) => {
                let lv = self.expr(l)?;
                let rv = self.expr(r)?;
                self.binary(*op, lv, rv, e.line)?
            }
            ExprKind::Unary(op, inner) => {
                let v = self.expr(inner)?.v;
                Val::plain(match op {
                    UnOp::Not => self.builder.build_not(v.into_int_value(), "not")?.into(),
                    UnOp::IntInvert => self.builder.build_not(v.into_int_value(), "inv")?.into(),
                    UnOp::FloatNeg => self.builder.build_float_neg(v.into_float_value(), "fneg")?.into(),
                    UnOp::IntNeg => {
                        let zero = ctx.i64_type().const_zero();
                        self.checked_int_op("llvm.ssub.with.overflow", zero, v.into_int_value(), e.line)?
                    }
                })
            }
            ExprKind::CompareChain { operands, links } => Val::plain(self.compare_chain(operands, links)?),
            ExprKind::BoolOp(op, values) => self.bool_op(*op, values, &e.ty)?,
            ExprKind::IfExp(cond, body, orelse) => {
                let llty = llvm_type(ctx, &e.ty);
                let slot = self.entry_alloca(llty, "ifexp")?;
                let c = self.expr(cond)?.v.into_int_value();
                let then_bb = self.new_block("ifexp.then");
                let else_bb = self.new_block("ifexp.else");
                let end = self.new_block("ifexp.end");
                self.builder.build_conditional_branch(c, then_bb, else_bb)?;
                for (bb, value) in [(then_bb, body), (else_bb, orelse)] {
                    self.builder.position_at_end(bb);
                    let v = self.expr(value)?;
                    let v = self.into_owned(v, &e.ty)?;
                    self.builder.build_store(slot, v)?;
                    self.builder.build_unconditional_branch(end)?;
                }
                self.builder.position_at_end(end);
                let v = self.builder.build_load(llty, slot, "ifexp.v")?;
                if e.ty.is_heap() {
                    self.new_temp(v)?
                } else {
                    Val::plain(v)
                }
            }
            ExprKind::Call(func, args) => {
                let mut vals = Vec::with_capacity(args.len());
                for arg in args {
                    vals.push(self.expr(arg)?);
                }
                let callee = self.s.functions[func.0 as usize];
                let call_args: Vec<_> = vals.iter().map(|v| v.v.into()).collect();
                let call = self.builder.build_call(callee, &call_args, "call")?;
                let result = match call.try_as_basic_value() {
                    inkwell::values::ValueKind::Basic(v) => v,
                    inkwell::values::ValueKind::Instruction(_) => ctx.bool_type().const_zero().into(),
                };
                // A raising callee returns null for a heap result: check before taking ownership.
                self.check_exc(e.line)?;
                for v in vals {
                    self.release(v)?;
                }
                if e.ty.is_heap() {
                    self.new_temp(result)?
                } else {
                    Val::plain(result)
                }
            }
            ExprKind::Builtin(builtin, args) => self.builtin(*builtin, args, &e.ty, e.line)?,
            ExprKind::Truth(inner) => {
                let v = self.expr(inner)?;
                let t = self.truth(v.v, &inner.ty)?;
                self.release(v)?;
                Val::plain(t)
            }
            ExprKind::ListLit(_) | ExprKind::SetLit { .. } | ExprKind::DictLit(_) => self.literal(e)?,
            ExprKind::ItemValue => Val::plain(self.item_value.ok_or_else(|| CodegenError::Internal("item value outside an update".into()))?),
            ExprKind::GetItem(container, index) => self.get_item(container, index, &e.ty, e.line)?,
            ExprKind::Slice { value, start, stop, step } => self.slice(value, start.as_deref(), stop.as_deref(), step.as_deref(), e.line)?,
            ExprKind::Contains { container, item } => self.contains(container, item, e.line)?,
            ExprKind::Method(method, args) => self.method(*method, args, &e.ty, e.line)?,
            ExprKind::Block(stmts, value) => {
                self.block(stmts)?;
                // Move the comprehension's result out of its hidden variable.
                if let (ExprKind::Load(place), true) = (&value.kind, e.ty.is_heap()) {
                    let (ptr, _) = self.place_ptr(*place);
                    let ptr_ty = ctx.ptr_type(AddressSpace::default());
                    let v = self.builder.build_load(ptr_ty, ptr, "comp")?;
                    self.builder.build_store(ptr, ptr_ty.const_null())?;
                    self.new_temp(v)?
                } else {
                    self.expr(value)?
                }
            }
        })
    }

    /// A scalar expression's value (no ownership to track).
    pub(super) fn scalar(&mut self, e: &Expr) -> Result<BasicValueEnum<'ctx>> {
        Ok(self.expr(e)?.v)
    }

    pub(super) fn truth(&mut self, v: BasicValueEnum<'ctx>, ty: &Ty) -> Result<IntValue<'ctx>> {
        let ctx = self.ctx();
        Ok(match ty {
            Ty::Int => self.builder.build_int_compare(IntPredicate::NE, v.into_int_value(), ctx.i64_type().const_zero(), "truth")?,
            // NaN is true in Python: unordered-or-not-equal.
            Ty::Float => self.builder.build_float_compare(FloatPredicate::UNE, v.into_float_value(), ctx.f64_type().const_zero(), "truth")?,
            Ty::Bool => v.into_int_value(),
            Ty::None => ctx.bool_type().const_zero(),
            _ => {
                let desc = self.type_desc(ty)?;
                let slot = self.to_slot(v, ty)?;
                let r = self.call("mg_slot_truth", &[desc.into(), slot.into()])?.into_int_value();
                self.builder.build_int_compare(IntPredicate::NE, r, ctx.i32_type().const_zero(), "truth")?
            }
        })
    }

    fn bool_op(&mut self, op: ir::BoolOp, values: &[Expr], ty: &Ty) -> Result<Val<'ctx>> {
        let llty = llvm_type(self.ctx(), ty);
        let slot = self.entry_alloca(llty, "boolop")?;
        let end = self.new_block("boolop.end");
        for (idx, value) in values.iter().enumerate() {
            let v = self.expr(value)?;
            let t = if idx + 1 < values.len() { Some(self.truth(v.v, &value.ty)?) } else { None };
            let owned = self.into_owned(v, ty)?;
            self.builder.build_store(slot, owned)?;
            let Some(t) = t else {
                self.builder.build_unconditional_branch(end)?;
                break;
            };
            let next = self.new_block("boolop.next");
            match op {
                ir::BoolOp::And => self.builder.build_conditional_branch(t, next, end)?,
                ir::BoolOp::Or => self.builder.build_conditional_branch(t, end, next)?,
            };
            self.builder.position_at_end(next);
            // The operand that did not decide the result is dropped.
            if ty.is_heap() {
                let old = self.builder.build_load(llty, slot, "boolop.old")?;
                self.call_void("mg_decref", &[old.into()])?;
            }
        }
        self.builder.position_at_end(end);
        let v = self.builder.build_load(llty, slot, "boolop.v")?;
        if ty.is_heap() {
            self.new_temp(v)
        } else {
            Ok(Val::plain(v))
        }
    }

    fn compare_chain(&mut self, operands: &[Expr], links: &[(CmpOp, Ty)]) -> Result<BasicValueEnum<'ctx>> {
        let bool_ty = self.ctx().bool_type();
        let slot = self.entry_alloca(bool_ty.into(), "cmp")?;
        let end = self.new_block("cmp.end");
        let mut left = self.expr(&operands[0])?;
        let mut pending = Vec::new();
        for (idx, (op, ty)) in links.iter().enumerate() {
            let right = self.expr(&operands[idx + 1])?;
            let (lty, rty) = (&operands[idx].ty, &operands[idx + 1].ty);
            let result = match (lty, rty) {
                // int vs float compares exactly, never through a rounding conversion.
                (Ty::Int, Ty::Float) => self.compare_int_float(*op, left.v, right.v)?,
                (Ty::Float, Ty::Int) => self.compare_int_float(swap(*op), right.v, left.v)?,
                _ => {
                    let a = self.convert_for_compare(left.v, lty, ty)?;
                    let b = self.convert_for_compare(right.v, rty, ty)?;
                    self.compare(*op, a, b, ty)?
                }
            };
            pending.push(left);
            self.builder.build_store(slot, result)?;
            if idx + 1 == links.len() {
                pending.push(right);
                for v in pending.drain(..) {
                    self.release(v)?;
                }
                self.builder.build_unconditional_branch(end)?;
            } else {
                let next = self.new_block("cmp.next");
                let stop = self.new_block("cmp.stop");
                self.builder.build_conditional_branch(result, next, stop)?;
                self.builder.position_at_end(stop);
                let mut all = pending.clone();
                all.push(right);
                for v in all {
                    self.release(v)?;
                }
                self.builder.build_unconditional_branch(end)?;
                self.builder.position_at_end(next);
            }
            left = right;
        }
        self.builder.position_at_end(end);
        Ok(self.builder.build_load(bool_ty, slot, "cmp.v")?)
    }

    /// `int OP float` through `mg_cmp_int_float` (-1, 0, 1, or 2 for NaN).
    fn compare_int_float(&mut self, op: CmpOp, int: BasicValueEnum<'ctx>, float: BasicValueEnum<'ctx>) -> Result<IntValue<'ctx>> {
        let r = self.call("mg_cmp_int_float", &[int, float])?.into_int_value();
        self.cmp_result(op, r)
    }

    /// Maps a three-way result (-1, 0, 1; 2 for unordered) to the comparison's truth.
    fn cmp_result(&mut self, op: CmpOp, r: IntValue<'ctx>) -> Result<IntValue<'ctx>> {
        let i32_ty = self.ctx().i32_type();
        let c = |v: i64| i32_ty.const_int(v as u64, true);
        let b = &self.builder;
        Ok(match op {
            CmpOp::Eq => b.build_int_compare(IntPredicate::EQ, r, c(0), "eq")?,
            CmpOp::Ne => b.build_int_compare(IntPredicate::NE, r, c(0), "ne")?,
            CmpOp::Lt => b.build_int_compare(IntPredicate::EQ, r, c(-1), "lt")?,
            CmpOp::Le => b.build_int_compare(IntPredicate::SLE, r, c(0), "le")?,
            CmpOp::Gt => b.build_int_compare(IntPredicate::EQ, r, c(1), "gt")?,
            // 0 or 1, not 2 (NaN): unsigned r <= 1.
            CmpOp::Ge => b.build_int_compare(IntPredicate::ULE, r, c(1), "ge")?,
        })
    }

    fn convert_for_compare(&mut self, v: BasicValueEnum<'ctx>, from: &Ty, to: &Ty) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        Ok(match (from, to) {
            (Ty::Bool, Ty::Int) => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "btoi")?.into(),
            (Ty::Bool, Ty::Float) => self.builder.build_unsigned_int_to_float(v.into_int_value(), ctx.f64_type(), "btof")?.into(),
            (Ty::Int, Ty::Float) => self.builder.build_signed_int_to_float(v.into_int_value(), ctx.f64_type(), "itof")?.into(),
            _ => v,
        })
    }

    fn compare(&mut self, op: CmpOp, a: BasicValueEnum<'ctx>, b: BasicValueEnum<'ctx>, ty: &Ty) -> Result<IntValue<'ctx>> {
        let ctx = self.ctx();
        Ok(match ty {
            Ty::Float => {
                let pred = match op {
                    CmpOp::Eq => FloatPredicate::OEQ,
                    CmpOp::Ne => FloatPredicate::UNE,
                    CmpOp::Lt => FloatPredicate::OLT,
                    CmpOp::Le => FloatPredicate::OLE,
                    CmpOp::Gt => FloatPredicate::OGT,
                    CmpOp::Ge => FloatPredicate::OGE,
                };
                self.builder.build_float_compare(pred, a.into_float_value(), b.into_float_value(), "fcmp")?
            }
            Ty::Int | Ty::Bool => {
                let signed = *ty == Ty::Int;
                let pred = match (op, signed) {
                    (CmpOp::Eq, _) => IntPredicate::EQ,
                    (CmpOp::Ne, _) => IntPredicate::NE,
                    (CmpOp::Lt, true) => IntPredicate::SLT,
                    (CmpOp::Le, true) => IntPredicate::SLE,
                    (CmpOp::Gt, true) => IntPredicate::SGT,
                    (CmpOp::Ge, true) => IntPredicate::SGE,
                    (CmpOp::Lt, false) => IntPredicate::ULT,
                    (CmpOp::Le, false) => IntPredicate::ULE,
                    (CmpOp::Gt, false) => IntPredicate::UGT,
                    (CmpOp::Ge, false) => IntPredicate::UGE,
                };
                self.builder.build_int_compare(pred, a.into_int_value(), b.into_int_value(), "icmp")?
            }
            Ty::None => ctx.bool_type().const_int((op == CmpOp::Eq) as u64, false),
            Ty::Set(_) if !matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let which = match op {
                    CmpOp::Lt => 0,
                    CmpOp::Le => 1,
                    CmpOp::Gt => 2,
                    _ => 3,
                };
                let r = self.call("mg_set_order", &[a, b, ctx.i32_type().const_int(which, false).into()])?.into_int_value();
                self.builder.build_int_compare(IntPredicate::NE, r, ctx.i32_type().const_zero(), "setcmp")?
            }
            _ => {
                let desc = self.type_desc(ty)?;
                let (sa, sb) = (self.to_slot(a, ty)?, self.to_slot(b, ty)?);
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    let r = self.call("mg_slot_eq", &[desc.into(), sa.into(), sb.into()])?.into_int_value();
                    let pred = if op == CmpOp::Eq { IntPredicate::NE } else { IntPredicate::EQ };
                    self.builder.build_int_compare(pred, r, ctx.i32_type().const_zero(), "eq")?
                } else {
                    let r = self.call("mg_slot_cmp", &[desc.into(), sa.into(), sb.into()])?.into_int_value();
                    self.cmp_result(op, r)?
                }
            }
        })
    }

    fn binary(&mut self, op: BinOp, lv: Val<'ctx>, rv: Val<'ctx>, line: Line) -> Result<Val<'ctx>> {
        let (l, r) = (lv.v, rv.v);
        let heap_fn = match op {
            BinOp::StrConcat => Some(("mg_str_concat", false)),
            BinOp::StrRepeat => Some(("mg_str_repeat", true)),
            BinOp::ListConcat => Some(("mg_list_concat", false)),
            BinOp::ListRepeat => Some(("mg_list_repeat", true)),
            _ => None,
        };
        if let Some((name, may_raise)) = heap_fn {
            let v = if may_raise { self.call_checked(name, &[l, r], line)? } else { self.call(name, &[l, r])? };
            let result = self.new_temp(v)?;
            self.release(lv)?;
            self.release(rv)?;
            return Ok(result);
        }
        let b = &self.builder;
        let (li, ri) = (|| l.into_int_value(), || r.into_int_value());
        let fv = |v: BasicValueEnum<'ctx>| -> FloatValue<'ctx> { v.into_float_value() };
        Ok(Val::plain(match op {
            BinOp::IntAdd => self.checked_int_op("llvm.sadd.with.overflow", li(), ri(), line)?,
            BinOp::IntSub => self.checked_int_op("llvm.ssub.with.overflow", li(), ri(), line)?,
            BinOp::IntMul => self.checked_int_op("llvm.smul.with.overflow", li(), ri(), line)?,
            BinOp::IntFloorDiv => self.call_checked("mg_int_floordiv", &[l, r], line)?,
            BinOp::IntMod => self.call_checked("mg_int_mod", &[l, r], line)?,
            BinOp::IntPow => self.call_checked("mg_int_pow", &[l, r], line)?,
            BinOp::IntTrueDiv => self.call_checked("mg_int_truediv", &[l, r], line)?,
            BinOp::IntLShift => self.call_checked("mg_int_lshift", &[l, r], line)?,
            BinOp::IntRShift => self.call_checked("mg_int_rshift", &[l, r], line)?,
            BinOp::IntAnd | BinOp::BoolAnd => b.build_and(li(), ri(), "and")?.into(),
            BinOp::IntOr | BinOp::BoolOr => b.build_or(li(), ri(), "or")?.into(),
            BinOp::IntXor | BinOp::BoolXor => b.build_xor(li(), ri(), "xor")?.into(),
            BinOp::FloatAdd => b.build_float_add(fv(l), fv(r), "fadd")?.into(),
            BinOp::FloatSub => b.build_float_sub(fv(l), fv(r), "fsub")?.into(),
            BinOp::FloatMul => b.build_float_mul(fv(l), fv(r), "fmul")?.into(),
            BinOp::FloatDiv => self.call_checked("mg_float_div", &[l, r], line)?,
            BinOp::FloatFloorDiv => self.call_checked("mg_float_floordiv", &[l, r], line)?,
            BinOp::FloatMod => self.call_checked("mg_float_mod", &[l, r], line)?,
            BinOp::FloatPow => self.call_checked("mg_float_pow", &[l, r], line)?,
            _ => return Err(CodegenError::Internal(format!("unexpected operator {op:?}"))),
        }))
    }

    fn builtin(&mut self, builtin: Builtin, args: &[Expr], ty: &Ty, line: Line) -> Result<Val<'ctx>> {
        let mut vals = Vec::with_capacity(args.len());
        for arg in args {
            vals.push(self.expr(arg)?);
        }
        let values: Vec<BasicValueEnum<'ctx>> = vals.iter().map(|v| v.v).collect();
        let arg_ty = |i: usize| args[i].ty.clone();
        let i32c = |v: u64| self.ctx().i32_type().const_int(v, false);
        let result: BasicValueEnum<'ctx> = match builtin {
            Builtin::IntAbs => self.call_checked("mg_int_abs", &values, line)?,
            Builtin::FloatAbs | Builtin::MathFabs => self.call("mg_math_fabs", &values)?,
            Builtin::MathAtan2 => self.call("mg_math_atan2", &values)?,
            Builtin::MathSqrt => self.call_checked("mg_math_sqrt", &values, line)?,
            Builtin::MathFloor => self.call_checked("mg_math_floor", &values, line)?,
            Builtin::MathCeil => self.call_checked("mg_math_ceil", &values, line)?,
            Builtin::MathSin => self.call_checked("mg_math_sin", &values, line)?,
            Builtin::MathCos => self.call_checked("mg_math_cos", &values, line)?,
            Builtin::MathTan => self.call_checked("mg_math_tan", &values, line)?,
            Builtin::MathExp => self.call_checked("mg_math_exp", &values, line)?,
            Builtin::MathLog => self.call_checked("mg_math_log", &values, line)?,
            Builtin::MathIsqrt => self.call_checked("mg_math_isqrt", &values, line)?,
            Builtin::MathGcd => self.call_checked("mg_math_gcd", &values, line)?,
            Builtin::IntMin | Builtin::IntMax | Builtin::FloatMin | Builtin::FloatMax => {
                // Python keeps the current best unless a later item is strictly better.
                let mut best = values[0];
                for &item in &values[1..] {
                    let better = match builtin {
                        Builtin::IntMax => self.builder.build_int_compare(IntPredicate::SGT, item.into_int_value(), best.into_int_value(), "gt")?,
                        Builtin::IntMin => self.builder.build_int_compare(IntPredicate::SLT, item.into_int_value(), best.into_int_value(), "lt")?,
                        Builtin::FloatMax => self.builder.build_float_compare(FloatPredicate::OGT, item.into_float_value(), best.into_float_value(), "gt")?,
                        _ => self.builder.build_float_compare(FloatPredicate::OLT, item.into_float_value(), best.into_float_value(), "lt")?,
                    };
                    best = self.builder.build_select(better, item, best, "best")?;
                }
                best
            }
            Builtin::Len => {
                let name = match arg_ty(0) {
                    Ty::Str => "mg_str_len",
                    Ty::List(_) => "mg_list_len",
                    Ty::Dict(..) => "mg_dict_len",
                    _ => "mg_set_len",
                };
                self.call(name, &values[..1])?
            }
            Builtin::StrOf | Builtin::ReprOf => {
                let t = arg_ty(0);
                let desc = self.type_desc(&t)?;
                let slot = self.to_slot(values[0], &t)?;
                let name = if builtin == Builtin::StrOf { "mg_str_of" } else { "mg_repr_of" };
                self.call(name, &[desc.into(), slot.into()])?
            }
            Builtin::Sum => {
                if *ty == Ty::Float {
                    let start = match arg_ty(1) {
                        Ty::Float => values[1],
                        _ => self.builder.build_signed_int_to_float(values[1].into_int_value(), self.ctx().f64_type(), "start")?.into(),
                    };
                    self.call("mg_list_sum_float", &[values[0], start])?
                } else {
                    self.call_checked("mg_list_sum_int", &values, line)?
                }
            }
            Builtin::ListMin | Builtin::ListMax => {
                let slot = self.call_checked("mg_list_minmax", &[values[0], i32c((builtin == Builtin::ListMax) as u64).into()], line)?;
                let v = self.from_slot(slot.into_int_value(), ty)?;
                let result = self.borrowed_from(vals[0], v, ty)?;
                self.release(vals[0])?;
                return Ok(result);
            }
            Builtin::Sorted { reverse } => self.call("mg_list_sorted", &[values[0], i32c(reverse as u64).into()])?,
            Builtin::Any | Builtin::All => {
                let r = self.call("mg_list_any_all", &[values[0], i32c((builtin == Builtin::All) as u64).into()])?;
                self.builder.build_int_truncate(r.into_int_value(), self.ctx().bool_type(), "b")?.into()
            }
            Builtin::Ord => self.call_checked("mg_str_ord", &values, line)?,
            Builtin::Chr => self.call_checked("mg_str_chr", &values, line)?,
            Builtin::IntFromStr => self.call_checked("mg_int_from_str", &values, line)?,
            Builtin::FloatFromStr => self.call_checked("mg_float_from_str", &values, line)?,
            Builtin::ListFromStr => {
                let desc = self.type_desc(ty)?;
                self.call("mg_list_from_str", &[values[0], desc.into()])?
            }
            Builtin::ListFromList => self.call("mg_list_copy", &values)?,
            Builtin::ListFromSet => {
                let desc = self.type_desc(ty)?;
                self.call("mg_set_to_list", &[values[0], desc.into()])?
            }
            Builtin::SetFromList => {
                let desc = self.type_desc(ty)?;
                self.call("mg_set_from_list", &[values[0], desc.into()])?
            }
            Builtin::SetFromDict => {
                let desc = self.type_desc(ty)?;
                self.call("mg_set_from_dict", &[values[0], desc.into()])?
            }
            Builtin::SetFromStr => {
                let list_desc = self.type_desc(&Ty::list(Ty::Str))?;
                let chars = self.call("mg_list_from_str", &[values[0], list_desc.into()])?;
                let desc = self.type_desc(ty)?;
                let set = self.call("mg_set_from_list", &[chars, desc.into()])?;
                self.call_void("mg_decref", &[chars.into()])?;
                set
            }
            Builtin::SysArgv => {
                let desc = self.type_desc(ty)?;
                let script = self.cstr(&self.s.file.name.clone())?;
                self.call("mg_sys_argv", &[desc.into(), script.into()])?
            }
            Builtin::RangeList => {
                let desc = self.type_desc(ty)?;
                self.call_checked("mg_list_range", &[values[0], values[1], values[2], desc.into()], line)?
            }
            // Printed by `print` itself, which evaluates their arguments.
            Builtin::DictKeysView | Builtin::DictValuesView | Builtin::DictGetOrNone => return Err(CodegenError::Internal("view outside print".into())),
        };
        for v in vals {
            self.release(v)?;
        }
        if ty.is_heap() {
            self.new_temp(result)
        } else {
            Ok(Val::plain(result))
        }
    }

    // ---- slots and type descriptors ----------------------------------------

    /// A value as a container slot (i64).
    pub(super) fn to_slot(&mut self, v: BasicValueEnum<'ctx>, ty: &Ty) -> Result<IntValue<'ctx>> {
        let i64_ty = self.ctx().i64_type();
        Ok(match ty {
            Ty::Int => v.into_int_value(),
            Ty::Float => self.builder.build_bit_cast(v, i64_ty, "fslot")?.into_int_value(),
            Ty::Bool | Ty::None => self.builder.build_int_z_extend(v.into_int_value(), i64_ty, "bslot")?,
            _ => self.builder.build_ptr_to_int(v.into_pointer_value(), i64_ty, "pslot")?,
        })
    }

    /// A container slot as a value of type `ty`.
    pub(super) fn from_slot(&mut self, slot: IntValue<'ctx>, ty: &Ty) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        Ok(match ty {
            Ty::Int => slot.into(),
            Ty::Float => self.builder.build_bit_cast(slot, ctx.f64_type(), "f")?,
            Ty::Bool | Ty::None => self.builder.build_int_truncate(slot, ctx.bool_type(), "b")?.into(),
            _ => self.builder.build_int_to_ptr(slot, ctx.ptr_type(AddressSpace::default()), "p")?.into(),
        })
    }

    /// The `MgType` descriptor of `ty`, emitted once per module.
    pub(super) fn type_desc(&mut self, ty: &Ty) -> Result<PointerValue<'ctx>> {
        if let Some(g) = self.s.type_descs.borrow().get(ty) {
            return Ok(g.as_pointer_value());
        }
        let ctx = self.ctx();
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let (a, b) = match ty {
            Ty::List(e) | Ty::Set(e) => (Some(self.type_desc(e)?), None),
            Ty::Dict(k, v) => (Some(self.type_desc(k)?), Some(self.type_desc(v)?)),
            _ => (None, None),
        };
        let init = c_struct(
            ctx,
            abi::mg_type::SIZE,
            vec![
                Part::Int(abi::mg_type::KIND, type_kind(ty) as u64),
                Part::Ptr(abi::mg_type::A, a.unwrap_or(ptr_ty.const_null())),
                Part::Ptr(abi::mg_type::B, b.unwrap_or(ptr_ty.const_null())),
            ],
        )?;
        let global = self.s.module.add_global(init.get_type(), None, &format!("mg.type.{ty}"));
        global.set_linkage(Linkage::Internal);
        global.set_constant(true);
        global.set_initializer(&init);
        global.set_alignment(abi::mg_type::ALIGN as u32);
        self.s.type_descs.borrow_mut().insert(ty.clone(), global);
        Ok(global.as_pointer_value())
    }

    /// An immortal `MgStr` for a string literal (refcount -1: never freed).
    pub(super) fn str_literal(&mut self, text: &str) -> Result<PointerValue<'ctx>> {
        if let Some(g) = self.s.str_objs.borrow().get(text) {
            return Ok(g.as_pointer_value());
        }
        let ctx = self.ctx();
        let desc = self.type_desc(&Ty::Str)?;
        let bytes = ctx.const_string(text.as_bytes(), true);
        let all_ones = u64::MAX;
        let init = c_struct(
            ctx,
            abi::mg_str::SIZE,
            vec![
                // Immortal (count -1), hash never cached (-1), no capacity: never resized or freed.
                Part::Int(abi::mg_str::RC, all_ones),
                Part::Ptr(abi::mg_str::TYPE, desc),
                Part::Int(abi::mg_str::LEN, text.len() as u64),
                Part::Int(abi::mg_str::NCHARS, text.chars().count() as u64),
                Part::Int(abi::mg_str::HASH, all_ones),
                Part::Int(abi::mg_str::CAP, 0),
                Part::Bytes(abi::mg_str::DATA, bytes),
            ],
        )?;
        let global = self.s.module.add_global(init.get_type(), None, "mg.str");
        global.set_linkage(Linkage::Internal);
        global.set_initializer(&init);
        global.set_alignment(abi::mg_str::ALIGN as u32);
        self.s.str_objs.borrow_mut().insert(text.to_string(), global);
        Ok(global.as_pointer_value())
    }
}
