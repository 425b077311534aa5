//! Module-level constants (type descriptors, immortal string literals, C strings) and the
//! small LLVM building blocks the translation uses: TBAA tags, the inline access to a
//! list's header and items, and the overflow intrinsics.
//!
//! Constants are emitted once per module and cached in `Consts`.

use std::cell::RefCell;

use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::values::{GlobalValue, InstructionValue, IntValue, PointerValue};
use inkwell::{AddressSpace, IntPredicate};
use rustc_hash::FxHashMap;

use crate::check::types::Ty;
use crate::codegen::CodegenError;

type Result<T> = std::result::Result<T, CodegenError>;

/// The module's constants emitted so far.
pub(crate) struct Consts<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    /// Type descriptors (`MgType` constants).
    type_descs: RefCell<FxHashMap<Ty, GlobalValue<'ctx>>>,
    /// Immortal str objects for string literals.
    str_objs: RefCell<FxHashMap<String, GlobalValue<'ctx>>>,
    /// NUL-terminated C strings (messages, file names, source lines).
    cstrs: RefCell<FxHashMap<String, GlobalValue<'ctx>>>,
}

/// Type-based alias classes for what generated code touches directly: object headers
/// (a list's length and item pointer) and container slots never overlap, which lets LLVM
/// keep a list's length and items in registers across stores to its elements.
#[derive(Clone, Copy)]
pub(crate) enum Tbaa {
    Header,
    Slot,
}

impl<'a, 'ctx> Consts<'a, 'ctx> {
    pub fn new(ctx: &'ctx Context, module: &'a Module<'ctx>) -> Self {
        Consts { ctx, module, type_descs: Default::default(), str_objs: Default::default(), cstrs: Default::default() }
    }

    /// The `MgType` descriptor of `ty`, emitted once per module.
    pub fn type_desc(&self, ty: &Ty) -> PointerValue<'ctx> {
        if let Some(g) = self.type_descs.borrow().get(ty) {
            return g.as_pointer_value();
        }
        let ctx = self.ctx;
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let (a, b) = match ty {
            Ty::List(e) | Ty::Set(e) => (Some(self.type_desc(e)), None),
            Ty::Dict(k, v) => (Some(self.type_desc(k)), Some(self.type_desc(v))),
            _ => (None, None),
        };
        let struct_ty = ctx.struct_type(&[ctx.i32_type().into(), ptr_ty.into(), ptr_ty.into()], false);
        let init = struct_ty.const_named_struct(&[
            ctx.i32_type().const_int(type_kind(ty), false).into(),
            a.unwrap_or(ptr_ty.const_null()).into(),
            b.unwrap_or(ptr_ty.const_null()).into(),
        ]);
        let global = self.module.add_global(struct_ty, None, &format!("mg.type.{ty}"));
        global.set_linkage(Linkage::Internal);
        global.set_constant(true);
        global.set_initializer(&init);
        self.type_descs.borrow_mut().insert(ty.clone(), global);
        global.as_pointer_value()
    }

    /// An immortal `MgStr` for a string literal (refcount -1: never freed).
    pub fn str_literal(&self, text: &str) -> PointerValue<'ctx> {
        if let Some(g) = self.str_objs.borrow().get(text) {
            return g.as_pointer_value();
        }
        let ctx = self.ctx;
        let desc = self.type_desc(&Ty::Str);
        let i64_ty = ctx.i64_type();
        let bytes = ctx.const_string(text.as_bytes(), true);
        // Layout of `MgStr` (runtime/mg_object.h): rc, type, len, nchars, hash, cap, data.
        let struct_ty = ctx.struct_type(
            &[i64_ty.into(), ctx.ptr_type(AddressSpace::default()).into(), i64_ty.into(), i64_ty.into(), i64_ty.into(), i64_ty.into(), bytes.get_type().into()],
            false,
        );
        let init = struct_ty.const_named_struct(&[
            i64_ty.const_int(u64::MAX, true).into(),
            desc.into(),
            i64_ty.const_int(text.len() as u64, false).into(),
            i64_ty.const_int(text.chars().count() as u64, false).into(),
            i64_ty.const_int(u64::MAX, true).into(),
            i64_ty.const_zero().into(),
            bytes.into(),
        ]);
        let global = self.module.add_global(struct_ty, None, "mg.str");
        global.set_linkage(Linkage::Internal);
        global.set_initializer(&init);
        global.set_alignment(8);
        self.str_objs.borrow_mut().insert(text.to_string(), global);
        global.as_pointer_value()
    }

    /// A NUL-terminated constant C string, emitted once per module.
    pub fn cstr(&self, text: &str) -> PointerValue<'ctx> {
        if let Some(g) = self.cstrs.borrow().get(text) {
            return g.as_pointer_value();
        }
        let bytes = self.ctx.const_string(text.as_bytes(), true);
        let global = self.module.add_global(bytes.get_type(), None, "str");
        global.set_linkage(Linkage::Private);
        global.set_constant(true);
        global.set_unnamed_addr(true);
        global.set_alignment(1);
        global.set_initializer(&bytes);
        self.cstrs.borrow_mut().insert(text.to_string(), global);
        global.as_pointer_value()
    }
}

/// `MgTypeKind` in runtime/mg_object.h.
pub(crate) fn type_kind(ty: &Ty) -> u64 {
    match ty {
        Ty::Int => 0,
        Ty::Float => 1,
        Ty::Bool => 2,
        Ty::None => 3,
        Ty::Str => 4,
        Ty::List(_) => 5,
        Ty::Dict(..) => 6,
        Ty::Set(_) => 7,
    }
}

/// Tags a load or store with its alias class.
pub(crate) fn tbaa<'ctx>(ctx: &'ctx Context, inst: Option<InstructionValue<'ctx>>, class: Tbaa) -> Result<()> {
    let Some(inst) = inst else { return Ok(()) };
    let root = ctx.metadata_node(&[ctx.metadata_string("multigen tbaa").into()]);
    let name = match class {
        Tbaa::Header => "mg object header",
        Tbaa::Slot => "mg container slot",
    };
    let zero = ctx.i64_type().const_zero();
    let ty = ctx.metadata_node(&[ctx.metadata_string(name).into(), root.into(), zero.into()]);
    let tag = ctx.metadata_node(&[ty.into(), ty.into(), zero.into()]);
    inst.set_metadata(tag, ctx.get_kind_id("tbaa")).map_err(|e| CodegenError::Internal(format!("tbaa: {e:?}")))
}

/// `MgList` (runtime/mg_object.h): rc, type, len, cap, items.
fn list_struct(ctx: &Context) -> inkwell::types::StructType<'_> {
    let i64_ty = ctx.i64_type();
    let ptr_ty = ctx.ptr_type(AddressSpace::default());
    ctx.struct_type(&[i64_ty.into(), ptr_ty.into(), i64_ty.into(), i64_ty.into(), ptr_ty.into()], false)
}

/// A list's length, loaded from its header.
pub(crate) fn list_len<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, list: PointerValue<'ctx>) -> Result<IntValue<'ctx>> {
    let len_ptr = builder.build_struct_gep(list_struct(ctx), list, 2, "len.p")?;
    let len = builder.build_load(ctx.i64_type(), len_ptr, "len")?.into_int_value();
    tbaa(ctx, len.as_instruction(), Tbaa::Header)?;
    Ok(len)
}

/// A list's item array, loaded from its header.
pub(crate) fn list_items<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, list: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
    let items_ptr = builder.build_struct_gep(list_struct(ctx), list, 4, "items.p")?;
    let items = builder.build_load(ctx.ptr_type(AddressSpace::default()), items_ptr, "items")?.into_pointer_value();
    tbaa(ctx, items.as_instruction(), Tbaa::Header)?;
    Ok(items)
}

/// Python's index normalisation: `(index + len if index < 0 else index, in range)`.
pub(crate) fn normalize_index<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, idx: IntValue<'ctx>, len: IntValue<'ctx>) -> Result<(IntValue<'ctx>, IntValue<'ctx>)> {
    let i64_ty = ctx.i64_type();
    let negative = builder.build_int_compare(IntPredicate::SLT, idx, i64_ty.const_zero(), "neg")?;
    let wrapped = builder.build_int_add(idx, len, "wrapped")?;
    let idx = builder.build_select(negative, wrapped, idx, "idx")?.into_int_value();
    let in_range = builder.build_int_compare(IntPredicate::ULT, idx, len, "inrange")?;
    Ok((idx, in_range))
}

/// The address of item `idx` of a list's item array; the caller has checked `0 <= idx < len`.
pub(crate) fn item_ptr<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, items: PointerValue<'ctx>, idx: IntValue<'ctx>) -> Result<PointerValue<'ctx>> {
    // SAFETY (of the generated code): the caller checked idx < len <= cap.
    Ok(unsafe { builder.build_in_bounds_gep(ctx.i64_type(), items, &[idx], "item")? })
}

/// `{value, overflowed} = intrinsic(a, b)` for `llvm.s{add,sub,mul}.with.overflow.i64`.
pub(crate) fn overflow_op<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, builder: &Builder<'ctx>, intrinsic: &str, a: IntValue<'ctx>, b: IntValue<'ctx>) -> Result<(IntValue<'ctx>, IntValue<'ctx>)> {
    let i64_ty = ctx.i64_type();
    let decl = inkwell::intrinsics::Intrinsic::find(intrinsic)
        .and_then(|i| i.get_declaration(module, &[i64_ty.into()]))
        .ok_or_else(|| CodegenError::Internal(format!("no intrinsic {intrinsic}")))?;
    let pair = match builder.build_call(decl, &[a.into(), b.into()], "ovf")?.try_as_basic_value() {
        inkwell::values::ValueKind::Basic(v) => v.into_struct_value(),
        inkwell::values::ValueKind::Instruction(_) => return Err(CodegenError::Internal("overflow intrinsic returned void".into())),
    };
    let value = builder.build_extract_value(pair, 0, "v")?.into_int_value();
    let overflow = builder.build_extract_value(pair, 1, "o")?.into_int_value();
    Ok((value, overflow))
}
