//! Module-level constants (type descriptors, immortal string literals, C strings) and the
//! small LLVM building blocks the translation uses: TBAA tags, the inline access to a
//! list's header and items, and the overflow intrinsics.
//!
//! Constants are emitted once per module and cached in `Consts`.

use std::cell::RefCell;

use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::values::{BasicValueEnum, GlobalValue, InstructionValue, IntValue, PointerValue, StructValue};
use inkwell::{AddressSpace, IntPredicate};
use rustc_hash::FxHashMap;

use crate::check::types::{Ty, TyKind};
use crate::codegen::{abi, CodegenError};

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
    /// What the descriptors of classes point to, by `ClassRef::id`.
    classes: RefCell<FxHashMap<u32, ClassDesc<'ctx>>>,
}

/// A class's part of its type descriptor.
pub(crate) struct ClassDesc<'ctx> {
    pub fields: Vec<Ty>,
    pub fns: crate::codegen::classes::ClassFns<'ctx>,
    pub base: Option<Ty>,
    /// A built-in exception class: the runtime defines its descriptor under this symbol.
    pub builtin: Option<String>,
    /// The module of a class defined in an imported module (`ir::Class::module`).
    pub module: Option<String>,
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
        Consts { ctx, module, type_descs: Default::default(), str_objs: Default::default(), cstrs: Default::default(), classes: Default::default() }
    }

    pub fn register_class(&self, ty: Ty, desc: ClassDesc<'ctx>) {
        if let Some(c) = ty.class() {
            self.classes.borrow_mut().insert(c.id, desc);
        }
    }

    /// The `MgType` descriptor of `ty`, emitted once per module. A class's descriptor may
    /// refer to itself (a field of its own type): the global exists before its initialiser.
    /// The descriptor of `ty` if this module made it already.
    pub fn made_type_desc(&self, ty: &Ty) -> Option<PointerValue<'ctx>> {
        self.type_descs.borrow().get(ty).map(|g| g.as_pointer_value())
    }

    pub fn type_desc(&self, ty: &Ty) -> PointerValue<'ctx> {
        if let Some(g) = self.type_descs.borrow().get(ty) {
            return g.as_pointer_value();
        }
        let ctx = self.ctx;
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let null = ptr_ty.const_null();
        let builtin = ty.class().and_then(|c| self.classes.borrow().get(&c.id).and_then(|d| d.builtin.clone()));
        if let Some(symbol) = builtin {
            // The runtime's own descriptor: exceptions it raises are of this very class.
            let g = self.module.add_global(ctx.i8_type(), None, &symbol);
            g.set_linkage(Linkage::External);
            self.type_descs.borrow_mut().insert(*ty, g);
            return g.as_pointer_value();
        }
        let shape = |kind: u64, n: u64, tracked: bool, ptrs: [PointerValue<'ctx>; 8]| {
            c_struct(
                ctx,
                abi::mg_type::SIZE,
                vec![
                    Part::Int(abi::mg_type::KIND, kind),
                    Part::Int(abi::mg_type::N, n),
                    Part::Ptr(abi::mg_type::A, ptrs[0]),
                    Part::Ptr(abi::mg_type::B, ptrs[1]),
                    Part::Ptr(abi::mg_type::FIELDS, ptrs[2]),
                    Part::Ptr(abi::mg_type::NAME, ptrs[3]),
                    Part::Ptr(abi::mg_type::DUNDERS, ptrs[4]),
                    Part::Ptr(abi::mg_type::VTABLE, ptrs[5]),
                    Part::Ptr(abi::mg_type::BASE, ptrs[6]),
                    Part::Int(abi::mg_type::TRACKED, tracked as u64),
                    Part::Ptr(abi::mg_type::MODULE, ptrs[7]),
                ],
            )
            .expect("MgType's fields do not overlap")
        };
        let placeholder = shape(0, 0, false, [null; 8]);
        let global = self.module.add_global(placeholder.get_type(), None, &format!("mg.type.{ty}"));
        global.set_linkage(Linkage::Internal);
        global.set_constant(true);
        global.set_alignment(abi::mg_type::ALIGN as u32);
        self.type_descs.borrow_mut().insert(*ty, global);
        let (a, b) = match ty.kind() {
            TyKind::List(e) | TyKind::Set(e) | TyKind::Deque(e) | TyKind::Optional(e) | TyKind::VarTuple(e) => (self.type_desc(e), null),
            TyKind::Dict(k, v) => (self.type_desc(k), self.type_desc(v)),
            // A Counter is a dict from its items to int at run time.
            TyKind::Counter(e) => (self.type_desc(e), self.type_desc(&Ty::INT)),
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str | TyKind::Tuple(_) | TyKind::Class(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range => (null, null),
            TyKind::DictView(_, d) => (self.type_desc(d), null),
            TyKind::Iterator(e) => (self.type_desc(e), null),
        };
        let class_fields = ty.class().and_then(|c| self.classes.borrow().get(&c.id).map(|d| d.fields.clone()));
        let fields: Vec<Ty> = match (ty.tuple_fields(), class_fields) {
            (Some(f), _) => f.to_vec(),
            (None, Some(f)) => f,
            (None, None) => Vec::new(),
        };
        let fields_ptr = self.ptr_array(&format!("mg.type.{ty}.fields"), &fields.iter().map(|f| self.type_desc(f)).collect::<Vec<_>>());
        let (name, dunders, vtable) = match ty.class() {
            Some(c) => {
                let classes = self.classes.borrow();
                let fns = classes.get(&c.id).map(|d| &d.fns);
                let dunders: Vec<PointerValue<'ctx>> = (0..5).map(|i| fns.and_then(|f| f.dunders[i]).map_or(null, |f| f.as_global_value().as_pointer_value())).collect();
                let vtable: Vec<PointerValue<'ctx>> = fns.map(|f| f.vtable.iter().map(|m| m.as_global_value().as_pointer_value()).collect()).unwrap_or_default();
                drop(classes);
                (self.cstr(&c.name), self.ptr_array(&format!("mg.type.{ty}.dunders"), &dunders), self.ptr_array(&format!("mg.type.{ty}.vtable"), &vtable))
            }
            None => (null, null, null),
        };
        let base_ty = ty.class().and_then(|c| self.classes.borrow().get(&c.id).and_then(|d| d.base));
        let base = base_ty.map_or(null, |b| self.type_desc(&b));
        // Objects that may sit on a reference cycle are tracked by the collector: an
        // instance whose fields may reference an instance, a container whose elements may.
        // (An `Optional` descriptor is a slot type, never an object's own.)
        let tracked = match ty.kind() {
            TyKind::Class(_) => fields.iter().any(|f| f.may_reference_instance()),
            TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Tuple(_) => ty.may_reference_instance(),
            _ => false,
        };
        // A view's `n` says which view it is.
        let n = match ty.kind() {
            TyKind::DictView(which, _) => *which as u64,
            _ => fields.len() as u64,
        };
        let module = ty.class().and_then(|c| self.classes.borrow().get(&c.id).and_then(|d| d.module.clone())).map_or(null, |m| self.cstr(&m));
        let init = shape(type_kind(ty) as u64, n, tracked, [a, b, fields_ptr, name, dunders, vtable, base, module]);
        global.set_initializer(&init);
        global.as_pointer_value()
    }

    /// A constant array of pointers (null for none).
    fn ptr_array(&self, name: &str, ptrs: &[PointerValue<'ctx>]) -> PointerValue<'ctx> {
        let ptr_ty = self.ctx.ptr_type(AddressSpace::default());
        if ptrs.is_empty() {
            return ptr_ty.const_null();
        }
        let array = ptr_ty.const_array(ptrs);
        let g = self.module.add_global(array.get_type(), None, name);
        g.set_linkage(Linkage::Internal);
        g.set_constant(true);
        g.set_initializer(&array);
        g.as_pointer_value()
    }

    /// An immortal `MgStr` for a string literal (refcount -1: never freed).
    pub fn str_literal(&self, text: &str) -> PointerValue<'ctx> {
        if let Some(g) = self.str_objs.borrow().get(text) {
            return g.as_pointer_value();
        }
        let ctx = self.ctx;
        let desc = self.type_desc(&Ty::STR);
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
        )
        .expect("MgStr's fields do not overlap");
        let global = self.module.add_global(init.get_type(), None, "mg.str");
        global.set_linkage(Linkage::Internal);
        global.set_initializer(&init);
        global.set_alignment(abi::mg_str::ALIGN as u32);
        self.str_objs.borrow_mut().insert(text.to_string(), global);
        global.as_pointer_value()
    }

    /// A private constant array of the slots of a constant display, all of one type: the
    /// values' bits for int, float, bool and None, pointers to the immortal literals for str.
    pub fn slots(&self, items: &[crate::mir::Const]) -> Result<PointerValue<'ctx>> {
        use crate::mir::Const;
        let i64_ty = self.ctx.i64_type();
        let ptr_ty = self.ctx.ptr_type(AddressSpace::default());
        let mut ints = Vec::new();
        let mut ptrs = Vec::new();
        for item in items {
            match item {
                Const::Int(v) => ints.push(i64_ty.const_int(*v as u64, true)),
                Const::Float(v) => ints.push(i64_ty.const_int(v.to_bits(), false)),
                Const::Bool(b) => ints.push(i64_ty.const_int(*b as u64, false)),
                Const::None => ints.push(i64_ty.const_zero()),
                Const::Str(text) => ptrs.push(self.str_literal(text)),
                other => return Err(CodegenError::Internal(format!("{other:?} in a constant display"))),
            }
        }
        let array = match (ints.is_empty(), ptrs.is_empty()) {
            (false, true) => i64_ty.const_array(&ints),
            (true, false) => ptr_ty.const_array(&ptrs),
            _ => return Err(CodegenError::Internal("constant display of mixed or no slots".into())),
        };
        let global = self.module.add_global(array.get_type(), None, "mg.slots");
        global.set_linkage(Linkage::Private);
        global.set_constant(true);
        global.set_unnamed_addr(true);
        global.set_initializer(&array);
        Ok(global.as_pointer_value())
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

/// The `MgTypeKind` (runtime/mg_object.h, through `codegen::abi`) of a type.
pub(crate) fn type_kind(ty: &Ty) -> i32 {
    match ty.kind() {
        TyKind::Int => abi::MG_T_INT,
        TyKind::Float => abi::MG_T_FLOAT,
        TyKind::Bool => abi::MG_T_BOOL,
        TyKind::None => abi::MG_T_NONE,
        TyKind::Str => abi::MG_T_STR,
        TyKind::List(_) => abi::MG_T_LIST,
        TyKind::Dict(..) => abi::MG_T_DICT,
        TyKind::Set(_) => abi::MG_T_SET,
        TyKind::Deque(_) => abi::MG_T_DEQUE,
        TyKind::Counter(_) => abi::MG_T_DICT,
        TyKind::Tuple(_) => abi::MG_T_TUPLE,
        TyKind::VarTuple(_) => abi::MG_T_VARTUPLE,
        TyKind::Class(_) => abi::MG_T_INSTANCE,
        TyKind::Optional(_) => abi::MG_T_OPTIONAL,
        TyKind::File => abi::MG_T_FILE,
        TyKind::Range => abi::MG_T_RANGE,
        TyKind::DictView(..) => abi::MG_T_DICTVIEW,
        TyKind::Iterator(_) => abi::MG_T_GEN,

        // A function object is an instance of its own class (`ir::Closure::object`); the
        // static `Callable` type describes a slot holding one, as a base class would.
        TyKind::Function { .. } => abi::MG_T_INSTANCE,
    }
}

/// A field of a constant C struct, for [`c_struct`].
pub(crate) enum Part<'ctx> {
    /// An integer of the field's size.
    Int(abi::Field, u64),
    Ptr(abi::Field, PointerValue<'ctx>),
    /// Trailing bytes (a flexible array member) at an offset.
    Bytes(u64, inkwell::values::ArrayValue<'ctx>),
}

/// A constant laid out exactly as the C struct of `size` bytes whose fields are `parts`
/// (offsets and sizes from `codegen::abi`): a packed LLVM struct with explicit padding, so
/// that no LLVM layout rule has to agree with C's.  Give its global the C alignment.
pub(crate) fn c_struct<'ctx>(ctx: &'ctx Context, size: u64, mut parts: Vec<Part<'ctx>>) -> Result<StructValue<'ctx>> {
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

/// The address of `field` (an offset from `codegen::abi`) in the object at `obj`.
fn field_ptr<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, obj: PointerValue<'ctx>, field: abi::Field, name: &str) -> Result<PointerValue<'ctx>> {
    let offset = ctx.i64_type().const_int(field.offset, false);
    // SAFETY (of the generated code): `obj` points to a live object that has this field.
    Ok(unsafe { builder.build_in_bounds_gep(ctx.i8_type(), obj, &[offset], name)? })
}

/// A list's length, loaded from its header (`MgList.len`).
pub(crate) fn list_len<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, list: PointerValue<'ctx>) -> Result<IntValue<'ctx>> {
    let len_ptr = field_ptr(ctx, builder, list, abi::mg_list::LEN, "len.p")?;
    let len = builder.build_load(ctx.i64_type(), len_ptr, "len")?.into_int_value();
    tbaa(ctx, len.as_instruction(), Tbaa::Header)?;
    Ok(len)
}

/// A list's item array, loaded from its header (`MgList.items`).
pub(crate) fn list_items<'ctx>(ctx: &'ctx Context, builder: &Builder<'ctx>, list: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
    let items_ptr = field_ptr(ctx, builder, list, abi::mg_list::ITEMS, "items.p")?;
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
