//! Tuples in generated code: unboxed values (an LLVM struct of their fields, nested tuples
//! nested), boxed into an `MgTuple` only where a container slot or a runtime argument needs
//! one object (`Op::BoxTuple`), and read back field by field (`Op::UnboxTuple`).
//!
//! A tuple holds one reference per heap field; `IncRef`/`DecRef` of a tuple touch each of
//! them (`for_each_ref`). In a box, each field is a slot: a nested tuple is a box of its own.

use inkwell::builder::Builder;
use inkwell::values::{BasicValue, BasicValueEnum, PointerValue, StructValue};
use inkwell::AddressSpace;

use crate::check::types::Ty;
use crate::codegen::body::BodyGen;
use crate::codegen::consts::{self, Tbaa};
use crate::codegen::{abi, llvm_type, CodegenError};
use crate::mir::RegTy;

type Result<T> = std::result::Result<T, CodegenError>;

impl<'s, 'a, 'ctx> BodyGen<'s, 'a, 'ctx> {
    /// The struct value of a tuple of type `ty` from its field values.
    pub(super) fn make_tuple(&mut self, ty: Ty, fields: &[BasicValueEnum<'ctx>]) -> Result<BasicValueEnum<'ctx>> {
        let struct_ty = llvm_type(self.ctx(), &ty).into_struct_type();
        let mut agg: inkwell::values::AggregateValueEnum<'ctx> = struct_ty.get_undef().into();
        for (idx, v) in fields.iter().enumerate() {
            agg = self.builder.build_insert_value(agg, *v, idx as u32, "tuple")?;
        }
        Ok(agg.as_basic_value_enum())
    }

    /// Field `idx` of a tuple value.
    pub(super) fn tuple_field(&mut self, tuple: BasicValueEnum<'ctx>, idx: u32) -> Result<BasicValueEnum<'ctx>> {
        Ok(self.builder.build_extract_value(tuple.into_struct_value(), idx, "field")?)
    }

    /// A new `MgTuple` holding a copy of `tuple` (of type `ty`): a new reference to each
    /// heap field (the tuple itself is only borrowed), a new box for each nested tuple.
    pub(super) fn box_tuple(&mut self, tuple: StructValue<'ctx>, ty: Ty) -> Result<PointerValue<'ctx>> {
        let fields = ty.tuple_fields().ok_or_else(|| self.internal(&format!("boxing a {ty}")))?;
        let desc = self.s.consts.type_desc(&ty);
        let boxed = self.call_rt("mg_tuple_new", &[desc.into()])?.ok_or_else(|| self.internal("mg_tuple_new returns void"))?.into_pointer_value();
        for (idx, field_ty) in fields.iter().enumerate() {
            let v = self.builder.build_extract_value(tuple, idx as u32, "field")?;
            let slot = if field_ty.tuple_fields().is_some() {
                let inner = self.box_tuple(v.into_struct_value(), *field_ty)?;
                self.builder.build_ptr_to_int(inner, self.ctx().i64_type(), "slot")?
            } else {
                if field_ty.is_heap() {
                    self.call_rt("mg_incref", &[v])?;
                }
                self.slot_value(v, &RegTy::Py(*field_ty))?
            };
            let item = self.tuple_item_ptr(boxed, idx)?;
            let store = self.builder.build_store(item, slot)?;
            consts::tbaa(self.ctx(), Some(store), Tbaa::Slot)?;
        }
        Ok(boxed)
    }

    /// The tuple (of type `ty`) a box holds, its fields borrowed from the box.
    pub(super) fn unbox_tuple(&mut self, boxed: PointerValue<'ctx>, ty: Ty) -> Result<BasicValueEnum<'ctx>> {
        let fields = ty.tuple_fields().ok_or_else(|| self.internal(&format!("unboxing a {ty}")))?;
        let mut values = Vec::with_capacity(fields.len());
        for (idx, field_ty) in fields.iter().enumerate() {
            let item = self.tuple_item_ptr(boxed, idx)?;
            let slot = self.builder.build_load(self.ctx().i64_type(), item, "slot")?;
            consts::tbaa(self.ctx(), slot.as_instruction_value(), Tbaa::Slot)?;
            let v = if field_ty.tuple_fields().is_some() {
                let inner = self.builder.build_int_to_ptr(slot.into_int_value(), self.ctx().ptr_type(AddressSpace::default()), "inner")?;
                self.unbox_tuple(inner, *field_ty)?
            } else {
                self.value_of_slot(slot, &RegTy::Py(*field_ty))?
            };
            values.push(v);
        }
        self.make_tuple(ty, &values)
    }

    /// The address of slot `idx` of a boxed tuple.
    fn tuple_item_ptr(&mut self, boxed: PointerValue<'ctx>, idx: usize) -> Result<PointerValue<'ctx>> {
        let offset = abi::mg_tuple::ITEMS + idx as u64 * abi::SLOT_SIZE;
        let offset = self.ctx().i64_type().const_int(offset, false);
        // SAFETY (of the generated code): a box of this tuple type has this many slots.
        Ok(unsafe { self.builder.build_in_bounds_gep(self.ctx().i8_type(), boxed, &[offset], "item")? })
    }

    pub(super) fn internal(&self, what: &str) -> CodegenError {
        CodegenError::Internal(format!("MIR of {}: {what}", self.body.name))
    }
}

/// The objects a value of type `ty` references: the value itself for an object, each heap
/// field (recursively) for a tuple, none for a scalar. `IncRef`/`DecRef` touch each.
pub(crate) fn heap_refs<'ctx>(builder: &Builder<'ctx>, v: BasicValueEnum<'ctx>, ty: Ty) -> Result<Vec<BasicValueEnum<'ctx>>> {
    let mut out = Vec::new();
    collect_refs(builder, v, ty, &mut out)?;
    Ok(out)
}

fn collect_refs<'ctx>(builder: &Builder<'ctx>, v: BasicValueEnum<'ctx>, ty: Ty, out: &mut Vec<BasicValueEnum<'ctx>>) -> Result<()> {
    match ty.tuple_fields() {
        Some(fields) => {
            for (idx, field_ty) in fields.iter().enumerate() {
                if field_ty.is_heap() {
                    let field = builder.build_extract_value(v.into_struct_value(), idx as u32, "field")?;
                    collect_refs(builder, field, *field_ty, out)?;
                }
            }
        }
        None if ty.is_heap() => out.push(v),
        None => {}
    }
    Ok(())
}
