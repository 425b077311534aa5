//! Translation of MIR instructions (`mir::Op`), one arm per operation.
//!
//! An operation that may raise and is the last instruction of a block ending in
//! `CheckError` receives the LLVM block of the error edge (`err`) and emits its own test:
//! the overflow bit for `Checked`, the bounds check for `ListGet`/`ListSet` (raising
//! IndexError itself), a null result for `DictValuePtr` (the runtime raised KeyError), and
//! `mg_current_exc != null` for calls.

use inkwell::types::BasicType as _;
use inkwell::basic_block::BasicBlock;
use inkwell::values::{BasicValue, BasicValueEnum, IntValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};

use crate::check::types::{Ty, TyKind};
use crate::codegen::body::{reg_llvm_type, BodyGen};
use crate::codegen::consts::{self, Tbaa};
use crate::codegen::runtime::ExcKind;
use crate::codegen::runtime_fns::{self, AbiTy as RtTy, RUNTIME_FNS};
use crate::codegen::{tuples, zero, CodegenError};
use crate::mir::{self, CheckedOp, CmpOp, Op, PureBinOp, RegTy, UnOp};

type Result<T> = std::result::Result<T, CodegenError>;

/// How a value travels through a runtime call's `i64` slot or typed parameter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Int,
    Float,
    /// `bool` and `None` (`i1`).
    Bool,
    /// Heap objects, slot pointers and raw pointer constants.
    Ptr,
    /// An unboxed tuple: never passed through a slot (lowering boxes it first).
    Tuple,
}

fn kind(ty: &RegTy) -> Kind {
    match ty {
        RegTy::Py(t) => match t.kind() {
            TyKind::Int => Kind::Int,
            TyKind::Float => Kind::Float,
            TyKind::Bool | TyKind::None => Kind::Bool,
            TyKind::Str | TyKind::List(_) | TyKind::VarTuple(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Class(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Iterator(_) => Kind::Ptr,
            TyKind::Tuple(_) => Kind::Tuple,
        },
        RegTy::SlotPtr | RegTy::Boxed(_) => Kind::Ptr,
    }
}

impl<'s, 'a, 'ctx> BodyGen<'s, 'a, 'ctx> {
    pub(super) fn inst(&mut self, inst: &mir::Inst, err: Option<BasicBlock<'ctx>>) -> Result<()> {
        let ctx = self.ctx();
        let dst = inst.dst;
        match &inst.op {
            Op::Use(a) => {
                let v = self.operand(a)?;
                self.set(dst, v)?;
            }
            Op::Unary(op, a) => {
                let v = self.operand(a)?;
                let r: BasicValueEnum<'ctx> = match op {
                    UnOp::Not | UnOp::IntInvert => self.builder.build_not(v.into_int_value(), "not")?.into(),
                    UnOp::FloatNeg => self.builder.build_float_neg(v.into_float_value(), "neg")?.into(),
                    UnOp::IntToFloat => self.builder.build_signed_int_to_float(v.into_int_value(), ctx.f64_type(), "itof")?.into(),
                    UnOp::BoolToInt => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "btoi")?.into(),
                    UnOp::BoolToFloat => self.builder.build_unsigned_int_to_float(v.into_int_value(), ctx.f64_type(), "btof")?.into(),
                    UnOp::IntTruth => self.builder.build_int_compare(IntPredicate::NE, v.into_int_value(), ctx.i64_type().const_zero(), "truth")?.into(),
                    UnOp::FloatTruth => self.builder.build_float_compare(FloatPredicate::UNE, v.into_float_value(), ctx.f64_type().const_zero(), "truth")?.into(),
                };
                self.set(dst, r)?;
            }
            Op::Binary(op, a, b) => {
                let r = self.binary(*op, a, b)?;
                self.set(dst, r)?;
            }
            Op::Checked(op @ (CheckedOp::FloorDiv | CheckedOp::Mod), a, b) => {
                let (a, b) = (self.operand(a)?.into_int_value(), self.operand(b)?.into_int_value());
                let err = self.error_edge(err, "Checked")?;
                let v = self.floor_div_mod(*op == CheckedOp::Mod, a, b, err)?;
                self.set(dst, v.into())?;
            }
            Op::Checked(op, a, b) => {
                let intrinsic = match op {
                    CheckedOp::Add => "llvm.sadd.with.overflow",
                    CheckedOp::Sub => "llvm.ssub.with.overflow",
                    CheckedOp::Mul => "llvm.smul.with.overflow",
                    CheckedOp::FloorDiv | CheckedOp::Mod => unreachable!("handled above"),
                };
                let (a, b) = (self.operand(a)?.into_int_value(), self.operand(b)?.into_int_value());
                let (value, overflow) = consts::overflow_op(ctx, self.s.module, &self.builder, intrinsic, a, b)?;
                let err = self.error_edge(err, "Checked")?;
                self.branch_on_error(overflow, err, Some(("overflow", &|g: &mut Self| g.call_rt("mg_raise_overflow", &[]).map(|_| ()))))?;
                self.set(dst, value.into())?;
            }
            Op::Select(c, a, b) => {
                let c = self.operand(c)?.into_int_value();
                let (a, b) = (self.operand(a)?, self.operand(b)?);
                let r = self.builder.build_select(c, a, b, "sel")?;
                self.set(dst, r)?;
            }
            Op::Call(f, args) => {
                let callee = *self.s.functions.get(f.0 as usize).ok_or_else(|| CodegenError::Internal(format!("call of unknown function {}", f.0)))?;
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.operand(a)?.into());
                }
                self.depth_for_call(self.mir.bodies.get(f.0 as usize).is_some_and(|b| b.recursive), err)?;
                let r = self.builder.build_call(callee, &values, "call")?.try_as_basic_value();
                if let Some(err) = err {
                    self.check_pending(err)?;
                }
                match r {
                    inkwell::values::ValueKind::Basic(v) => self.set(dst, v)?,
                    // A call of a function returning None: its value is the `i1` zero.
                    inkwell::values::ValueKind::Instruction(_) => {
                        if let Some(ty) = self.dst_ty(dst) {
                            self.set(dst, zero(reg_llvm_type(ctx, &ty)))?;
                        }
                    }
                }
            }
            Op::Runtime(rt) => self.runtime(dst, rt, err)?,
            Op::LoadGlobal(gid) => {
                let (global, ty) = self.global(*gid)?;
                let v = self.builder.build_load(crate::codegen::llvm_type(ctx, &ty), global, "global")?;
                self.refcount_op(v, &RegTy::Py(ty), "mg_incref")?;
                self.set(dst, v)?;
            }
            Op::StoreGlobal(gid, a) => {
                let (global, ty) = self.global(*gid)?;
                let v = self.operand(a)?;
                if ty.is_heap() {
                    let old = self.builder.build_load(crate::codegen::llvm_type(ctx, &ty), global, "old")?;
                    self.builder.build_store(global, v)?;
                    self.refcount_op(old, &RegTy::Py(ty), "mg_decref")?;
                } else {
                    self.builder.build_store(global, v)?;
                }
                let flag = self.global_flag(*gid)?;
                self.builder.build_store(flag, ctx.bool_type().const_all_ones())?;
            }
            Op::GlobalBound(gid) => {
                let flag = self.global_flag(*gid)?;
                let v = self.builder.build_load(ctx.bool_type(), flag, "bound")?;
                self.set(dst, v)?;
            }
            Op::ListLen(l) => {
                let list = self.operand(l)?.into_pointer_value();
                let len = consts::list_len(ctx, &self.builder, list)?;
                self.set(dst, len.into())?;
            }
            Op::ListGet(l, i) => {
                let tuple = matches!(self.operand_ty(l), RegTy::Py(t) if matches!(t.kind(), TyKind::VarTuple(_)));
                let msg = if tuple { "tuple index out of range" } else { "list index out of range" };
                let item = self.checked_item_ptr(l, i, msg, err)?;
                self.load_slot(dst, item)?;
            }
            Op::ListLoad(l, i) => {
                let list = self.operand(l)?.into_pointer_value();
                let idx = self.operand(i)?.into_int_value();
                let items = consts::list_items(ctx, &self.builder, list)?;
                let item = consts::item_ptr(ctx, &self.builder, items, idx)?;
                self.load_slot(dst, item)?;
            }
            Op::ListSet(l, i, v) => {
                let elem = match self.operand_ty(l) {
                    RegTy::Py(t) if t.list_elem().is_some() => RegTy::Py(t.list_elem().expect("matched")),
                    other => return Err(self.bad(&format!("ListSet on {other:?}"))),
                };
                let item = self.checked_item_ptr(l, i, "list assignment index out of range", err)?;
                let value = self.operand(v)?;
                self.store_slot(item, value, &elem)?;
            }
            Op::DictValuePtr(d, k) => {
                let key_ty = match self.operand_ty(d) {
                    RegTy::Py(t) if t.dict_types().is_some() => RegTy::Py(t.dict_types().expect("matched").0),
                    other => return Err(self.bad(&format!("DictValuePtr on {other:?}"))),
                };
                let dict = self.operand(d)?;
                let key = self.operand(k)?;
                let key = self.slot_value(key, &key_ty)?;
                let p = self.call_rt("mg_dict_value_ptr", &[dict, key.into()])?.ok_or_else(|| self.bad("mg_dict_value_ptr returns void"))?.into_pointer_value();
                // The runtime raised KeyError when it returns null.
                let err = self.error_edge(err, "DictValuePtr")?;
                let missing = self.builder.build_is_null(p, "missing")?;
                self.branch_on_error(missing, err, None)?;
                self.set(dst, p.into())?;
            }
            Op::LoadSlot(_, p) => {
                let slot = self.operand(p)?.into_pointer_value();
                self.load_slot(dst, slot)?;
            }
            Op::StoreSlot(_, p, v) => {
                let slot = self.operand(p)?.into_pointer_value();
                let ty = self.operand_ty(v);
                let value = self.operand(v)?;
                self.store_slot(slot, value, &ty)?;
            }
            Op::Raise { kind, msg } => {
                let code: BasicValueEnum<'ctx> = ctx.i32_type().const_int(*kind as u64, false).into();
                match msg {
                    None => {
                        let null = ctx.ptr_type(AddressSpace::default()).const_null();
                        self.call_rt("mg_raise", &[code, null.into()])?;
                    }
                    Some(m @ mir::Operand::Const(mir::Const::CStr(_) | mir::Const::Null)) => {
                        let text = self.operand(m)?;
                        self.call_rt("mg_raise", &[code, text])?;
                    }
                    Some(m) => {
                        let text = self.operand(m)?;
                        self.call_rt("mg_raise_str", &[code, text])?;
                    }
                }
            }
            Op::RaiseSystemExit(a) => {
                let ty = self.operand_ty(a);
                let v = self.operand(a)?;
                let code = match kind(&ty) {
                    Kind::Int => v.into_int_value(),
                    Kind::Bool => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "code")?,
                    other => return Err(self.bad(&format!("SystemExit with a {other:?} code"))),
                };
                self.call_rt("mg_raise_system_exit", &[code.into()])?;
            }
            Op::TbAdd | Op::TbAddAs(_) => {
                let (file_name, local_line) = self.s.file.traceback_location(inst.line);
                let file = self.s.consts.cstr(file_name);
                let func_name = match &inst.op {
                    Op::TbAddAs(name) => self.s.consts.cstr(name),
                    _ => self.s.consts.cstr(&self.body.name),
                };
                let src = self.s.consts.cstr(self.s.file.line_text(inst.line));
                let line = ctx.i32_type().const_int(local_line as u64, false);
                self.call_rt("mg_tb_add", &[file.into(), line.into(), func_name.into(), src.into()])?;
            }
            Op::FieldGet(o, field) => {
                let obj = self.operand(o)?.into_pointer_value();
                let slot = self.field_ptr(obj, *field)?;
                self.load_slot(dst, slot)?;
            }
            Op::FieldSet(o, field, v) => {
                let obj = self.operand(o)?.into_pointer_value();
                let slot = self.field_ptr(obj, *field)?;
                let ty = self.operand_ty(v);
                let value = self.operand(v)?;
                self.store_slot(slot, value, &ty)?;
            }
            Op::CallValue { sig, args } => {
                let TyKind::Function { params, ret } = sig.kind() else { return Err(self.bad("a call through a value that is not a function")) };
                let ptr_ty = ctx.ptr_type(AddressSpace::default());
                let mut param_tys: Vec<inkwell::types::BasicMetadataTypeEnum<'ctx>> = vec![ptr_ty.into()];
                param_tys.extend(params.iter().map(|p| inkwell::types::BasicMetadataTypeEnum::from(crate::codegen::llvm_type(ctx, p))));
                let fn_ty = match *ret {
                    Ty::NONE => ctx.void_type().fn_type(&param_tys, false),
                    ref t => crate::codegen::llvm_type(ctx, t).fn_type(&param_tys, false),
                };
                let mut values: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.operand(a)?.into());
                }
                let obj = values.first().ok_or_else(|| self.bad("a call through a value without the value"))?.into_pointer_value();
                let slot = self.field_ptr(obj, 0)?;
                let code = self.builder.build_load(ctx.i64_type(), slot, "code")?.into_int_value();
                let target = self.builder.build_int_to_ptr(code, ptr_ty, "code.p")?;
                // Any function whose address is taken may be the callee.
                self.depth_for_call(self.s.indirect_recursive, err)?;
                let r = self.builder.build_indirect_call(fn_ty, target, &values, "vcall")?.try_as_basic_value();
                self.finish_indirect_call(dst, r, err)?;
            }
            Op::CallVirtual { slot, impls, args } => {
                let Some(first) = impls.first() else { return Err(self.bad("a virtual call without implementations")) };
                let sig = self.s.functions.get(first.0 as usize).ok_or_else(|| self.bad("virtual call of an unknown function"))?.get_type();
                let mut values: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.operand(a)?.into());
                }
                let receiver = values.first().ok_or_else(|| self.bad("a virtual call without a receiver"))?.into_pointer_value();
                let target = self.vtable_entry(receiver, *slot)?;
                self.depth_for_call(impls.iter().any(|f| self.mir.bodies.get(f.0 as usize).is_some_and(|b| b.recursive)), err)?;
                let r = self.builder.build_indirect_call(sig, target, &values, "vcall")?.try_as_basic_value();
                self.finish_indirect_call(dst, r, err)?;
            }
            Op::InstanceOf(o, tys) => {
                let obj = self.operand(o)?.into_pointer_value();
                let desc = self.object_type(obj)?;
                let mut any = ctx.bool_type().const_zero();
                for ty in tys {
                    let want = self.s.consts.type_desc(ty);
                    let eq = self.builder.build_int_compare(IntPredicate::EQ, desc, want, "isclass")?;
                    any = self.builder.build_or(any, eq, "isinstance")?;
                }
                self.set(dst, any.into())?;
            }
            Op::Same(a, b) => {
                let (x, y) = (self.operand(a)?.into_pointer_value(), self.operand(b)?.into_pointer_value());
                let same = self.builder.build_int_compare(IntPredicate::EQ, x, y, "is")?;
                self.set(dst, same.into())?;
            }
            Op::MakeTuple(args) => {
                let Some(RegTy::Py(ty)) = self.dst_ty(dst) else { return Err(self.bad("MakeTuple without a tuple destination")) };
                let mut values = Vec::with_capacity(args.len());
                for a in args {
                    values.push(self.operand(a)?);
                }
                let v = self.make_tuple(ty, &values)?;
                self.set(dst, v)?;
            }
            Op::TupleGet(t, idx) => {
                let v = self.operand(t)?;
                let field = self.tuple_field(v, *idx)?;
                self.set(dst, field)?;
            }
            Op::BoxTuple(t) => {
                let RegTy::Py(ty) = self.operand_ty(t) else { return Err(self.bad("BoxTuple of a non-tuple")) };
                let v = self.operand(t)?;
                let boxed = self.box_tuple(v.into_struct_value(), ty)?;
                self.set(dst, boxed.into())?;
            }
            Op::UnboxTuple(b) => {
                let Some(RegTy::Py(ty)) = self.dst_ty(dst) else { return Err(self.bad("UnboxTuple without a tuple destination")) };
                let boxed = self.operand(b)?.into_pointer_value();
                let v = self.unbox_tuple(boxed, ty)?;
                self.set(dst, v)?;
            }
            Op::IncRef(a) => {
                let ty = self.operand_ty(a);
                let v = self.operand(a)?;
                self.refcount_op(v, &ty, "mg_incref")?;
            }
            Op::DecRef(a) => {
                let ty = self.operand_ty(a);
                let v = self.operand(a)?;
                // Exception paths are cold: a call keeps them small.
                self.refcount_op(v, &ty, if self.cold { "mg_decref_cold" } else { "mg_decref" })?;
            }
        }
        Ok(())
    }

    fn binary(&mut self, op: PureBinOp, a: &mir::Operand, b: &mir::Operand) -> Result<BasicValueEnum<'ctx>> {
        let ty = self.operand_ty(a);
        let (x, y) = (self.operand(a)?, self.operand(b)?);
        let builder = &self.builder;
        Ok(match op {
            PureBinOp::And => builder.build_and(x.into_int_value(), y.into_int_value(), "and")?.into(),
            PureBinOp::Or => builder.build_or(x.into_int_value(), y.into_int_value(), "or")?.into(),
            PureBinOp::Xor => builder.build_xor(x.into_int_value(), y.into_int_value(), "xor")?.into(),
            PureBinOp::FloatAdd => builder.build_float_add(x.into_float_value(), y.into_float_value(), "fadd")?.into(),
            PureBinOp::FloatSub => builder.build_float_sub(x.into_float_value(), y.into_float_value(), "fsub")?.into(),
            PureBinOp::FloatMul => builder.build_float_mul(x.into_float_value(), y.into_float_value(), "fmul")?.into(),
            PureBinOp::FloorModConst | PureBinOp::FloorDivConst => {
                // Truncating division, then the floor correction when the remainder is nonzero
                // and its sign differs from the divisor's (a constant: one comparison).
                let (a, c) = (x.into_int_value(), y.into_int_value());
                let zero = c.get_type().const_zero();
                let negative_divisor = c.get_sign_extended_constant().is_some_and(|v| v < 0);
                let rem = builder.build_int_signed_rem(a, c, "rem")?;
                let pred = if negative_divisor { IntPredicate::SGT } else { IntPredicate::SLT };
                let fix = builder.build_int_compare(pred, rem, zero, "floorfix")?;
                if op == PureBinOp::FloorModConst {
                    let fixed = builder.build_int_add(rem, c, "modfix")?;
                    builder.build_select(fix, fixed, rem, "mod")?
                } else {
                    let quot = builder.build_int_signed_div(a, c, "quot")?;
                    let one = c.get_type().const_int(1, false);
                    let fixed = builder.build_int_sub(quot, one, "divfix")?;
                    builder.build_select(fix, fixed, quot, "floordiv")?
                }
            }
            PureBinOp::AddWrap => builder.build_int_add(x.into_int_value(), y.into_int_value(), "addwrap")?.into(),
            PureBinOp::AddOverflows => {
                let (_, overflow) = consts::overflow_op(self.s.ctx, self.s.module, &self.builder, "llvm.sadd.with.overflow", x.into_int_value(), y.into_int_value())?;
                overflow.into()
            }
            PureBinOp::Cmp(cmp) => match kind(&ty) {
                Kind::Float => {
                    let pred = match cmp {
                        CmpOp::Eq => FloatPredicate::OEQ,
                        CmpOp::Ne => FloatPredicate::UNE,
                        CmpOp::Lt => FloatPredicate::OLT,
                        CmpOp::Le => FloatPredicate::OLE,
                        CmpOp::Gt => FloatPredicate::OGT,
                        CmpOp::Ge => FloatPredicate::OGE,
                    };
                    builder.build_float_compare(pred, x.into_float_value(), y.into_float_value(), "fcmp")?.into()
                }
                Kind::Int | Kind::Bool => {
                    let signed = kind(&ty) == Kind::Int;
                    let pred = match (cmp, signed) {
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
                    builder.build_int_compare(pred, x.into_int_value(), y.into_int_value(), "icmp")?.into()
                }
                Kind::Ptr | Kind::Tuple => return Err(self.bad("Cmp on heap values or tuples (use the runtime's mg_slot_eq/mg_slot_cmp)")),
            },
        })
    }

    /// A call to a C runtime function, with its operands and result converted mechanically
    /// between the registers' types and the declared C types (see `mir::Op::Runtime`).
    fn runtime(&mut self, dst: Option<mir::Reg>, rt: &mir::RtCall, err: Option<BasicBlock<'ctx>>) -> Result<()> {
        let Some(proto) = RUNTIME_FNS.iter().find(|p| runtime_fns::name_of(p) == rt.name).and_then(|p| runtime_fns::parse(p).ok()) else {
            return Err(self.bad(&format!("unknown runtime function {}", rt.name)));
        };
        let ret = proto.ret.abi();
        let params: Vec<RtTy> = proto.params.iter().map(|(ty, _)| ty.abi()).collect();
        // Packed trailing arguments become (pointer to an array of them, their count).
        let direct = rt.pack_from.unwrap_or(rt.args.len()).min(rt.args.len());
        let expected = direct + if rt.pack_from.is_some() { 2 } else { 0 };
        if params.len() != expected {
            return Err(self.bad(&format!("{} takes {} arguments, given {}", rt.name, params.len(), expected)));
        }
        let mut args = Vec::with_capacity(params.len());
        for (arg, param) in rt.args[..direct].iter().zip(&params) {
            let ty = self.operand_ty(arg);
            let v = self.operand(arg)?;
            args.push(self.param_value(v, kind(&ty), *param, rt.name)?);
        }
        if rt.pack_from.is_some() {
            let packed = rt.args[direct..].to_vec();
            let (array, n) = self.pack(&packed)?;
            args.push(array);
            args.push(n);
        }
        let r = self.call_rt(rt.name, &args)?;
        if let Some(err) = err {
            if rt.raises {
                self.check_pending(err)?;
            }
        }
        let (Some(dst_reg), Some(dst_ty)) = (dst, self.dst_ty(dst)) else { return Ok(()) };
        let Some(r) = r else {
            // A void function's result is `None`.
            return self.set(Some(dst_reg), zero(reg_llvm_type(self.ctx(), &dst_ty)));
        };
        let v = self.result_value(r, ret, kind(&dst_ty), rt.name)?;
        self.set(Some(dst_reg), v)
    }

    /// The values of `ops` (pointers) in an entry-block array: (its address, their count).
    fn pack(&mut self, ops: &[mir::Operand]) -> Result<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        let ctx = self.ctx();
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let n = ctx.i64_type().const_int(ops.len() as u64, false);
        if ops.is_empty() {
            return Ok((ptr_ty.const_null().into(), n.into()));
        }
        let array_ty = ptr_ty.array_type(ops.len() as u32);
        let entry = self.func.get_first_basic_block().ok_or_else(|| self.bad("function without entry block"))?;
        let at_entry = ctx.create_builder();
        match entry.get_first_instruction() {
            Some(first) => at_entry.position_before(&first),
            None => at_entry.position_at_end(entry),
        }
        let array = at_entry.build_alloca(array_ty, "packed")?;
        for (idx, op) in ops.iter().enumerate() {
            let v = self.operand(op)?;
            let zero = ctx.i64_type().const_zero();
            let idx = ctx.i64_type().const_int(idx as u64, false);
            // SAFETY (of the generated code): `idx` is inside the array just allocated.
            let elem = unsafe { self.builder.build_in_bounds_gep(array_ty, array, &[zero, idx], "packed.item")? };
            self.builder.build_store(elem, v)?;
        }
        Ok((array.into(), n.into()))
    }

    /// Converts an operand to a runtime parameter's C type.
    fn param_value(&mut self, v: BasicValueEnum<'ctx>, from: Kind, param: RtTy, name: &str) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        let b = &self.builder;
        Ok(match (from, param) {
            (Kind::Int, RtTy::I64) | (Kind::Float, RtTy::F64) | (Kind::Ptr, RtTy::Ptr) => v,
            (Kind::Float, RtTy::I64) => b.build_bit_cast(v, ctx.i64_type(), "fslot")?,
            (Kind::Bool, RtTy::I64) => b.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "bslot")?.into(),
            (Kind::Bool, RtTy::I32) => b.build_int_z_extend(v.into_int_value(), ctx.i32_type(), "b32")?.into(),
            (Kind::Bool, RtTy::I8) => b.build_int_z_extend(v.into_int_value(), ctx.i8_type(), "b8")?.into(),
            // Small flags and enums (`mg_list_sort`'s reverse, `mg_str_strip`'s which, ...).
            (Kind::Int, RtTy::I32) => b.build_int_truncate(v.into_int_value(), ctx.i32_type(), "i32")?.into(),
            (Kind::Int, RtTy::I8) => b.build_int_truncate(v.into_int_value(), ctx.i8_type(), "i8")?.into(),
            (Kind::Ptr, RtTy::I64) => b.build_ptr_to_int(v.into_pointer_value(), ctx.i64_type(), "pslot")?.into(),
            (from, param) => return Err(self.bad(&format!("{name}: cannot pass a {from:?} operand as {param:?}"))),
        })
    }

    /// Converts a runtime function's result to the destination register's type.
    fn result_value(&mut self, v: BasicValueEnum<'ctx>, ret: RtTy, to: Kind, name: &str) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        let b = &self.builder;
        Ok(match (ret, to) {
            (RtTy::I64, Kind::Int) | (RtTy::F64, Kind::Float) | (RtTy::Ptr, Kind::Ptr) => v,
            (RtTy::I64, Kind::Float) => b.build_bit_cast(v, ctx.f64_type(), "f")?,
            // A slot holding a bool is 0 or 1.
            (RtTy::I64, Kind::Bool) => b.build_int_truncate(v.into_int_value(), ctx.bool_type(), "b")?.into(),
            (RtTy::I64, Kind::Ptr) => b.build_int_to_ptr(v.into_int_value(), ctx.ptr_type(AddressSpace::default()), "p")?.into(),
            // C truth values: any nonzero is true.
            (RtTy::I32 | RtTy::I8, Kind::Bool) => {
                let int = v.into_int_value();
                b.build_int_compare(IntPredicate::NE, int, int.get_type().const_zero(), "b")?.into()
            }
            // Three-way comparisons (-1, 0, 1) and small counts.
            (RtTy::I32 | RtTy::I8, Kind::Int) => b.build_int_s_extend(v.into_int_value(), ctx.i64_type(), "i")?.into(),
            (ret, to) => return Err(self.bad(&format!("{name}: cannot convert a {ret:?} result to a {to:?} register"))),
        })
    }

    /// A value as a container slot (`i64`).
    pub(super) fn slot_value(&mut self, v: BasicValueEnum<'ctx>, ty: &RegTy) -> Result<IntValue<'ctx>> {
        Ok(self.param_value(v, kind(ty), RtTy::I64, "slot")?.into_int_value())
    }

    /// Loads the slot at `item` into `dst`, converted to its type.
    fn load_slot(&mut self, dst: Option<mir::Reg>, item: inkwell::values::PointerValue<'ctx>) -> Result<()> {
        let Some(ty) = self.dst_ty(dst) else { return Ok(()) };
        let slot = self.builder.build_load(self.ctx().i64_type(), item, "slot")?;
        consts::tbaa(self.ctx(), slot.as_instruction_value(), Tbaa::Slot)?;
        let v = self.value_of_slot(slot, &ty)?;
        self.set(dst, v)
    }

    /// The value of type `ty` a container slot holds.
    pub(super) fn value_of_slot(&mut self, slot: BasicValueEnum<'ctx>, ty: &RegTy) -> Result<BasicValueEnum<'ctx>> {
        self.result_value(slot, RtTy::I64, kind(ty), "slot")
    }

    /// After a call through a pointer (a function value, a vtable slot): the error test,
    /// then the result (a zero value for a callee that returns nothing).
    fn finish_indirect_call(&mut self, dst: Option<mir::Reg>, r: inkwell::values::ValueKind<'ctx>, err: Option<inkwell::basic_block::BasicBlock<'ctx>>) -> Result<()> {
        if let Some(err) = err {
            self.check_pending(err)?;
        }
        match r {
            inkwell::values::ValueKind::Basic(v) => self.set(dst, v)?,
            inkwell::values::ValueKind::Instruction(_) => {
                if let Some(ty) = self.dst_ty(dst) {
                    self.set(dst, zero(reg_llvm_type(self.ctx(), &ty)))?;
                }
            }
        }
        Ok(())
    }

    /// `mg_incref` or `mg_decref` on each object a value of type `ty` references.
    fn refcount_op(&mut self, v: BasicValueEnum<'ctx>, ty: &RegTy, name: &str) -> Result<()> {
        let refs = match ty {
            RegTy::Py(t) => tuples::heap_refs(&self.builder, v, *t)?,
            RegTy::Boxed(_) => vec![v],
            RegTy::SlotPtr => Vec::new(),
        };
        for r in refs {
            self.call_rt(name, &[r])?;
        }
        Ok(())
    }

    /// Stores `value` (of type `ty`) into the slot at `item`, releasing the old value when it
    /// is a heap object: the slot takes over `value`'s reference.
    fn store_slot(&mut self, item: inkwell::values::PointerValue<'ctx>, value: BasicValueEnum<'ctx>, ty: &RegTy) -> Result<()> {
        let ctx = self.ctx();
        let new = self.slot_value(value, ty)?;
        if ty.is_heap() {
            let old = self.builder.build_load(ctx.i64_type(), item, "old")?;
            consts::tbaa(ctx, old.as_instruction_value(), Tbaa::Slot)?;
            let store = self.builder.build_store(item, new)?;
            consts::tbaa(ctx, Some(store), Tbaa::Slot)?;
            let old = self.builder.build_int_to_ptr(old.into_int_value(), ctx.ptr_type(AddressSpace::default()), "oldp")?;
            self.call_rt("mg_decref", &[old.into()])?;
        } else {
            let store = self.builder.build_store(item, new)?;
            consts::tbaa(ctx, Some(store), Tbaa::Slot)?;
        }
        Ok(())
    }

    /// Address of `list[index]` after Python's index normalisation; out of range, raises
    /// IndexError(`msg`) and takes the error edge.
    fn checked_item_ptr(&mut self, l: &mir::Operand, i: &mir::Operand, msg: &'static str, err: Option<BasicBlock<'ctx>>) -> Result<inkwell::values::PointerValue<'ctx>> {
        let ctx = self.ctx();
        let list = self.operand(l)?.into_pointer_value();
        let idx = self.operand(i)?.into_int_value();
        let len = consts::list_len(ctx, &self.builder, list)?;
        let (idx, in_range) = consts::normalize_index(ctx, &self.builder, idx, len)?;
        let err = self.error_edge(err, "list indexing")?;
        let out_of_range = self.builder.build_not(in_range, "outofrange")?;
        let raise = move |g: &mut Self| -> Result<()> {
            let kind = g.ctx().i32_type().const_int(ExcKind::Index as u64, false);
            let text = g.s.consts.cstr(msg);
            g.call_rt("mg_raise", &[kind.into(), text.into()]).map(|_| ())
        };
        self.branch_on_error(out_of_range, err, Some((msg, &raise)))?;
        let items = consts::list_items(ctx, &self.builder, list)?;
        consts::item_ptr(ctx, &self.builder, items, idx)
    }

    /// The address of field slot `field` of the instance at `obj`.
    fn field_ptr(&mut self, obj: inkwell::values::PointerValue<'ctx>, field: u32) -> Result<inkwell::values::PointerValue<'ctx>> {
        let offset = crate::codegen::abi::mg_instance::FIELDS + field as u64 * crate::codegen::abi::SLOT_SIZE;
        let offset = self.ctx().i64_type().const_int(offset, false);
        // SAFETY (of the generated code): the instance's class has this field.
        Ok(unsafe { self.builder.build_in_bounds_gep(self.ctx().i8_type(), obj, &[offset], "field")? })
    }

    /// The type descriptor in an object's header.
    fn object_type(&mut self, obj: inkwell::values::PointerValue<'ctx>) -> Result<inkwell::values::PointerValue<'ctx>> {
        let ctx = self.ctx();
        let offset = ctx.i64_type().const_int(crate::codegen::abi::mg_instance::TYPE.offset, false);
        // SAFETY (of the generated code): every object starts with its header.
        let p = unsafe { self.builder.build_in_bounds_gep(ctx.i8_type(), obj, &[offset], "type.p")? };
        let desc = self.builder.build_load(ctx.ptr_type(AddressSpace::default()), p, "type")?;
        consts::tbaa(ctx, desc.as_instruction_value(), Tbaa::Header)?;
        Ok(desc.into_pointer_value())
    }

    /// Method `slot` of the vtable of the receiver's class.
    fn vtable_entry(&mut self, obj: inkwell::values::PointerValue<'ctx>, slot: u32) -> Result<inkwell::values::PointerValue<'ctx>> {
        let ctx = self.ctx();
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let desc = self.object_type(obj)?;
        let offset = ctx.i64_type().const_int(crate::codegen::abi::mg_type::VTABLE.offset, false);
        // SAFETY (of the generated code): descriptors are `MgType`s; a class's has a vtable.
        let p = unsafe { self.builder.build_in_bounds_gep(ctx.i8_type(), desc, &[offset], "vtable.p")? };
        let vtable = self.builder.build_load(ptr_ty, p, "vtable")?.into_pointer_value();
        let idx = ctx.i64_type().const_int(slot as u64, false);
        // SAFETY (of the generated code): the slot exists in every subclass's vtable.
        let entry = unsafe { self.builder.build_in_bounds_gep(ptr_ty, vtable, &[idx], "method.p")? };
        Ok(self.builder.build_load(ptr_ty, entry, "method")?.into_pointer_value())
    }

    /// The error edge an operation that always may raise needs.
    /// Python's `a // b` (or `a % b` when `is_mod`) on ints, inline: a zero divisor raises
    /// ZeroDivisionError with CPython's message and `-2**63 // -1` OverflowError, both along
    /// `err`; then the truncating quotient or remainder, corrected towards negative
    /// infinity when the remainder is nonzero and the operands' signs differ.
    /// `a % -1` is 0: the divisor -1 becomes 1, which gives that remainder without the
    /// overflow of `-2**63 % -1`.
    fn floor_div_mod(&mut self, is_mod: bool, a: IntValue<'ctx>, b: IntValue<'ctx>, err: BasicBlock<'ctx>) -> Result<IntValue<'ctx>> {
        let i64_ty = self.ctx().i64_type();
        let (zero, one, minus_one) = (i64_ty.const_zero(), i64_ty.const_int(1, false), i64_ty.const_all_ones());
        let by_zero = self.builder.build_int_compare(IntPredicate::EQ, b, zero, "byzero")?;
        let (key, msg) = if is_mod { ("modulo by zero", "integer modulo by zero") } else { ("division by zero", "integer division or modulo by zero") };
        let raise_zero = move |g: &mut Self| {
            let code = g.ctx().i32_type().const_int(ExcKind::ZeroDivision as u64, false);
            let text = g.s.consts.cstr(msg);
            g.call_rt("mg_raise", &[code.into(), text.into()]).map(|_| ())
        };
        self.branch_on_error(by_zero, err, Some((key, &raise_zero)))?;
        let b_is_minus_one = self.builder.build_int_compare(IntPredicate::EQ, b, minus_one, "byminusone")?;
        let b = if is_mod {
            self.builder.build_select(b_is_minus_one, one, b, "divisor")?.into_int_value()
        } else {
            let min = i64_ty.const_int(i64::MIN as u64, true);
            let a_is_min = self.builder.build_int_compare(IntPredicate::EQ, a, min, "ismin")?;
            let overflow = self.builder.build_and(a_is_min, b_is_minus_one, "divoverflow")?;
            self.branch_on_error(overflow, err, Some(("overflow", &|g: &mut Self| g.call_rt("mg_raise_overflow", &[]).map(|_| ()))))?;
            b
        };
        // The operands' signs decide whether a correction may be needed; they are known
        // before the division ends, so the usual case (same signs) is a predicted branch
        // and the quotient or remainder is the division's own result, with nothing on its
        // latency (a nonzero truncated remainder has the dividend's sign, so `a ^ b` tests
        // the same thing as CPython's `rem ^ b`).
        let signs = self.builder.build_xor(a, b, "signs")?;
        let signs_differ = self.builder.build_int_compare(IntPredicate::SLT, signs, zero, "signsdiffer")?;
        let rem = self.builder.build_int_signed_rem(a, b, "rem")?;
        let plain = if is_mod { rem } else { self.builder.build_int_signed_div(a, b, "quot")? };
        let from = self.builder.get_insert_block().ok_or_else(|| self.bad("no insertion block"))?;
        let (fix, join) = (self.new_block("floorfix"), self.new_block("floored"));
        self.cond_br(signs_differ, fix, join, Some(false))?;
        self.builder.position_at_end(fix);
        let rem_nonzero = self.builder.build_int_compare(IntPredicate::NE, rem, zero, "remnz")?;
        let fixed = if is_mod {
            let moved = self.builder.build_int_add(rem, b, "modfix")?;
            self.builder.build_select(rem_nonzero, moved, rem, "mod")?.into_int_value()
        } else {
            let adjust = self.builder.build_int_z_extend(rem_nonzero, i64_ty, "adjust")?;
            self.builder.build_int_sub(plain, adjust, "floordiv")?
        };
        self.builder.build_unconditional_branch(join)?;
        self.builder.position_at_end(join);
        let phi = self.builder.build_phi(i64_ty, if is_mod { "mod" } else { "floordiv" })?;
        phi.add_incoming(&[(&plain, from), (&fixed, fix)]);
        Ok(phi.as_basic_value().into_int_value())
    }

    fn error_edge(&self, err: Option<BasicBlock<'ctx>>, what: &str) -> Result<BasicBlock<'ctx>> {
        err.ok_or_else(|| self.bad(&format!("{what} is not the last instruction of a block ending in CheckError")))
    }

    fn global(&self, gid: crate::check::ir::GlobalId) -> Result<(inkwell::values::PointerValue<'ctx>, Ty)> {
        let idx = gid.0 as usize;
        match (self.s.globals.get(idx), self.mir.globals.get(idx)) {
            (Some(g), Some(info)) => Ok((g.as_pointer_value(), info.ty)),
            _ => Err(self.bad(&format!("unknown global g{idx}"))),
        }
    }

    fn global_flag(&self, gid: crate::check::ir::GlobalId) -> Result<inkwell::values::PointerValue<'ctx>> {
        self.s.global_flags.get(gid.0 as usize).map(|g| g.as_pointer_value()).ok_or_else(|| self.bad(&format!("unknown global g{}", gid.0)))
    }

    fn bad(&self, what: &str) -> CodegenError {
        CodegenError::Internal(format!("MIR of {}: {what}", self.body.name))
    }
}
