//! The C runtime as codegen sees it: the embedded bitcode, and the signatures
//! of the functions generated code calls.
//!
//! The table here must match `runtime/mg_runtime.c`; `tests/it/runtime_table.rs`
//! checks every entry against the bitcode.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType};
use inkwell::values::FunctionValue;

use crate::codegen::abi;

/// The hot part of the runtime as LLVM bitcode (build.rs, clang-19 -DMG_HOT_ONLY).
pub static RUNTIME_BITCODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mg_runtime_hot.bc"));

/// The whole runtime as a native object, for AOT linking.  The same object is linked into
/// multigen itself, where `jit.rs` finds the symbols generated code refers to.
pub static RUNTIME_OBJECT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mg_runtime.o"));

/// Exception kinds codegen raises; the numbers are `enum MgExcKind` (runtime/mg_object.h).
#[derive(Debug, Clone, Copy)]
#[repr(i32)]
pub enum ExcKind {
    Assertion = abi::MG_ASSERTION,
    Value = abi::MG_VALUE,
    Index = abi::MG_INDEX,
    Runtime = abi::MG_RUNTIME,
    UnboundLocal = abi::MG_UNBOUND_LOCAL,
    Name = abi::MG_NAME,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RtTy {
    Void,
    I8,
    I32,
    I64,
    F64,
    Ptr,
}

/// (name, return type, parameter types) of every runtime function codegen calls.
pub const RUNTIME_FNS: &[(&str, RtTy, &[RtTy])] = {
    use RtTy::*;
    &[
        ("mg_init", Void, &[I32, Ptr]),
        ("mg_finish", I32, &[]),
        ("mg_raise", Void, &[I32, Ptr]),
        ("mg_raise_overflow", Void, &[]),
        ("mg_raise_system_exit", Void, &[I64]),
        ("mg_tb_add", Void, &[Ptr, I32, Ptr, Ptr]),
        ("mg_print_str", Void, &[Ptr, I64]),
        ("mg_print_int", Void, &[I64]),
        ("mg_print_bool", Void, &[I8]),
        ("mg_print_none", Void, &[]),
        ("mg_print_float", Void, &[F64]),
        ("mg_int_floordiv", I64, &[I64, I64]),
        ("mg_int_mod", I64, &[I64, I64]),
        ("mg_int_truediv", F64, &[I64, I64]),
        ("mg_int_pow", I64, &[I64, I64]),
        ("mg_int_lshift", I64, &[I64, I64]),
        ("mg_int_rshift", I64, &[I64, I64]),
        ("mg_int_abs", I64, &[I64]),
        ("mg_float_div", F64, &[F64, F64]),
        ("mg_float_mod", F64, &[F64, F64]),
        ("mg_float_floordiv", F64, &[F64, F64]),
        ("mg_float_pow", F64, &[F64, F64]),
        ("mg_float_to_int", I64, &[F64]),
        ("mg_math_sqrt", F64, &[F64]),
        ("mg_math_log", F64, &[F64]),
        ("mg_math_exp", F64, &[F64]),
        ("mg_math_sin", F64, &[F64]),
        ("mg_math_cos", F64, &[F64]),
        ("mg_math_tan", F64, &[F64]),
        ("mg_math_atan2", F64, &[F64, F64]),
        ("mg_math_fabs", F64, &[F64]),
        ("mg_math_floor", I64, &[F64]),
        ("mg_math_ceil", I64, &[F64]),
        ("mg_math_isqrt", I64, &[I64]),
        ("mg_math_gcd", I64, &[I64, I64]),
        ("mg_cmp_int_float", I32, &[I64, F64]),
        ("mg_incref", Void, &[Ptr]),
        ("mg_decref", Void, &[Ptr]),
        ("mg_decref_cold", Void, &[Ptr]),
        ("mg_raise_str", Void, &[I32, Ptr]),
        ("mg_print_value", Void, &[Ptr, I64]),
        ("mg_dict_print_view", Void, &[Ptr, I32]),
        ("mg_slot_eq", I32, &[Ptr, I64, I64]),
        ("mg_slot_cmp", I32, &[Ptr, I64, I64]),
        ("mg_slot_truth", I32, &[Ptr, I64]),
        ("mg_str_len", I64, &[Ptr]),
        ("mg_str_len_bytes", I64, &[Ptr]),
        ("mg_str_concat", Ptr, &[Ptr, Ptr]),
        ("mg_str_iadd", Ptr, &[Ptr, Ptr]),
        ("mg_str_repeat", Ptr, &[Ptr, I64]),
        ("mg_str_getitem", Ptr, &[Ptr, I64]),
        ("mg_str_slice", Ptr, &[Ptr, I64, I64, I64, I32]),
        ("mg_str_contains", I32, &[Ptr, Ptr]),
        ("mg_str_find", I64, &[Ptr, Ptr]),
        ("mg_str_count", I64, &[Ptr, Ptr]),
        ("mg_str_startswith", I32, &[Ptr, Ptr]),
        ("mg_str_endswith", I32, &[Ptr, Ptr]),
        ("mg_str_replace", Ptr, &[Ptr, Ptr, Ptr]),
        ("mg_str_strip", Ptr, &[Ptr, Ptr, I32]),
        ("mg_str_lower", Ptr, &[Ptr]),
        ("mg_str_upper", Ptr, &[Ptr]),
        ("mg_str_is", I32, &[Ptr, I32]),
        ("mg_str_split", Ptr, &[Ptr, Ptr, Ptr]),
        ("mg_str_join", Ptr, &[Ptr, Ptr]),
        ("mg_str_of", Ptr, &[Ptr, I64]),
        ("mg_repr_of", Ptr, &[Ptr, I64]),
        ("mg_int_from_str", I64, &[Ptr]),
        ("mg_float_from_str", F64, &[Ptr]),
        ("mg_str_ord", I64, &[Ptr]),
        ("mg_str_chr", Ptr, &[I64]),
        ("mg_str_next_char", Ptr, &[Ptr, Ptr]),
        ("mg_list_new", Ptr, &[Ptr, I64]),
        ("mg_list_len", I64, &[Ptr]),
        ("mg_list_get", I64, &[Ptr, I64]),
        ("mg_list_set", Void, &[Ptr, I64, I64]),
        ("mg_list_append", Void, &[Ptr, I64]),
        ("mg_list_pop", I64, &[Ptr, I64, I32]),
        ("mg_list_insert", Void, &[Ptr, I64, I64]),
        ("mg_list_extend", Void, &[Ptr, Ptr]),
        ("mg_list_contains", I32, &[Ptr, I64]),
        ("mg_list_remove", Void, &[Ptr, I64]),
        ("mg_list_index", I64, &[Ptr, I64]),
        ("mg_list_count", I64, &[Ptr, I64]),
        ("mg_list_reverse", Void, &[Ptr]),
        ("mg_list_sort", Void, &[Ptr, I32]),
        ("mg_list_copy", Ptr, &[Ptr]),
        ("mg_list_sorted", Ptr, &[Ptr, I32]),
        ("mg_list_concat", Ptr, &[Ptr, Ptr]),
        ("mg_list_repeat", Ptr, &[Ptr, I64]),
        ("mg_list_slice", Ptr, &[Ptr, I64, I64, I64, I32]),
        ("mg_list_delitem", Void, &[Ptr, I64]),
        ("mg_list_sum_int", I64, &[Ptr, I64]),
        ("mg_list_sum_float", F64, &[Ptr, F64]),
        ("mg_list_minmax", I64, &[Ptr, I32]),
        ("mg_list_any_all", I32, &[Ptr, I32]),
        ("mg_list_from_str", Ptr, &[Ptr, Ptr]),
        ("mg_list_range", Ptr, &[I64, I64, I64, Ptr]),
        ("mg_sys_argv", Ptr, &[Ptr, Ptr]),
        ("mg_dict_new", Ptr, &[Ptr]),
        ("mg_dict_set", Void, &[Ptr, I64, I64]),
        ("mg_dict_get", I64, &[Ptr, I64]),
        ("mg_dict_get_default", I64, &[Ptr, I64, I64]),
        ("mg_dict_value_ptr", Ptr, &[Ptr, I64]),
        ("mg_dict_contains", I32, &[Ptr, I64]),
        ("mg_dict_len", I64, &[Ptr]),
        ("mg_dict_del", Void, &[Ptr, I64]),
        ("mg_dict_pop", I64, &[Ptr, I64, I64, I32]),
        ("mg_dict_setdefault", I64, &[Ptr, I64, I64]),
        ("mg_dict_update", Void, &[Ptr, Ptr]),
        ("mg_dict_copy", Ptr, &[Ptr]),
        ("mg_dict_next", I64, &[Ptr, I64]),
        ("mg_dict_entry_key", I64, &[Ptr, I64]),
        ("mg_dict_entry_value", I64, &[Ptr, I64]),
        ("mg_dict_to_list", Ptr, &[Ptr, I32, Ptr]),
        ("mg_set_new", Ptr, &[Ptr]),
        ("mg_set_add", Void, &[Ptr, I64]),
        ("mg_set_contains", I32, &[Ptr, I64]),
        ("mg_set_len", I64, &[Ptr]),
        ("mg_set_discard", I32, &[Ptr, I64]),
        ("mg_set_remove", Void, &[Ptr, I64]),
        ("mg_set_from_constants", Ptr, &[Ptr]),
        ("mg_set_frozen_constant", Ptr, &[Ptr]),
        ("mg_set_copy", Ptr, &[Ptr]),
        ("mg_set_from_list", Ptr, &[Ptr, Ptr]),
        ("mg_set_union", Ptr, &[Ptr, Ptr]),
        ("mg_set_intersection", Ptr, &[Ptr, Ptr]),
        ("mg_set_difference", Ptr, &[Ptr, Ptr]),
        ("mg_set_symmetric_difference", Ptr, &[Ptr, Ptr]),
        ("mg_set_issubset", I32, &[Ptr, Ptr]),
        ("mg_set_next", I64, &[Ptr, I64]),
        ("mg_set_entry_key", I64, &[Ptr, I64]),
        ("mg_set_to_list", Ptr, &[Ptr, Ptr]),
    ]
};


/// Declares runtime function `name` in `module` (idempotent).
pub fn declare<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, name: &str) -> Option<FunctionValue<'ctx>> {
    if let Some(f) = module.get_function(name) {
        return Some(f);
    }
    let &(_, ret, params) = RUNTIME_FNS.iter().find(|(n, _, _)| *n == name)?;
    let params: Vec<BasicMetadataTypeEnum> = params.iter().filter_map(|p| basic(ctx, *p)).map(Into::into).collect();
    let fn_ty = match basic(ctx, ret) {
        Some(ret) => ret.fn_type(&params, false),
        None => ctx.void_type().fn_type(&params, false),
    };
    Some(module.add_function(name, fn_ty, Some(Linkage::External)))
}

fn basic(ctx: &Context, ty: RtTy) -> Option<inkwell::types::BasicTypeEnum<'_>> {
    Some(match ty {
        RtTy::Void => return None,
        RtTy::I8 => ctx.i8_type().into(),
        RtTy::I32 => ctx.i32_type().into(),
        RtTy::I64 => ctx.i64_type().into(),
        RtTy::F64 => ctx.f64_type().into(),
        RtTy::Ptr => ctx.ptr_type(inkwell::AddressSpace::default()).into(),
    })
}

/// Parses the embedded runtime into `ctx`.
pub fn load<'ctx>(ctx: &'ctx Context) -> Result<Module<'ctx>, String> {
    let buffer = MemoryBuffer::create_from_memory_range(RUNTIME_BITCODE, "mg_runtime");
    Module::parse_bitcode_from_buffer(&buffer, ctx).map_err(|e| e.to_string())
}
