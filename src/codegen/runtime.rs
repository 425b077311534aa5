//! The C runtime as codegen sees it: the embedded bitcode, and declarations of the
//! functions generated code calls, from their C prototypes in `runtime_fns.rs` (which the
//! runtime is compiled against, so the two cannot disagree).

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType};
use inkwell::values::FunctionValue;

use crate::codegen::abi;
use crate::codegen::runtime_fns::{self, AbiTy, RUNTIME_FNS};

/// The hot part of the runtime as LLVM bitcode (build.rs: runtime/mg_hot.c by clang-19).
pub static RUNTIME_BITCODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mg_runtime_hot.bc"));

/// The whole runtime as a static library of native objects, one per runtime file, for AOT
/// linking.  The same archive is linked into multigen itself, where `jit.rs` finds the
/// symbols generated code refers to.
pub static RUNTIME_ARCHIVE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/libmg_runtime.a"));

/// Exception kinds codegen raises; the numbers are `enum MgExcKind` (runtime/mg_object.h).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum ExcKind {
    ZeroDivision = abi::MG_ZERO_DIVISION,
    Overflow = abi::MG_OVERFLOW,
    Assertion = abi::MG_ASSERTION,
    Value = abi::MG_VALUE,
    Index = abi::MG_INDEX,
    Key = abi::MG_KEY,
    Type = abi::MG_TYPE,
    Runtime = abi::MG_RUNTIME,
    UnboundLocal = abi::MG_UNBOUND_LOCAL,
    Name = abi::MG_NAME,
    NotImplemented = abi::MG_NOT_IMPLEMENTED,
    Attribute = abi::MG_ATTRIBUTE,
}

/// Declares runtime function `name` in `module` (idempotent), with the LLVM types of its C
/// prototype in `runtime_fns.rs`; `None` for a function the table does not list.
pub fn declare<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, name: &str) -> Option<FunctionValue<'ctx>> {
    if let Some(f) = module.get_function(name) {
        return Some(f);
    }
    let text = RUNTIME_FNS.iter().find(|text| runtime_fns::name_of(text) == name)?;
    // build.rs parsed every entry: this cannot fail.
    let proto = runtime_fns::parse(text).ok()?;
    let params: Vec<BasicMetadataTypeEnum> = proto.params.iter().filter_map(|(ty, _)| basic(ctx, ty.abi())).map(Into::into).collect();
    let fn_ty = match basic(ctx, proto.ret.abi()) {
        Some(ret) => ret.fn_type(&params, false),
        None => ctx.void_type().fn_type(&params, false),
    };
    Some(module.add_function(name, fn_ty, Some(Linkage::External)))
}

fn basic(ctx: &Context, ty: AbiTy) -> Option<inkwell::types::BasicTypeEnum<'_>> {
    Some(match ty {
        AbiTy::Void => return None,
        AbiTy::I8 => ctx.i8_type().into(),
        AbiTy::I32 => ctx.i32_type().into(),
        AbiTy::I64 => ctx.i64_type().into(),
        AbiTy::F64 => ctx.f64_type().into(),
        AbiTy::Ptr => ctx.ptr_type(inkwell::AddressSpace::default()).into(),
    })
}

/// Parses the embedded runtime into `ctx`.
pub fn load<'ctx>(ctx: &'ctx Context) -> Result<Module<'ctx>, String> {
    let buffer = MemoryBuffer::create_from_memory_range(RUNTIME_BITCODE, "mg_runtime");
    Module::parse_bitcode_from_buffer(&buffer, ctx).map_err(|e| e.to_string())
}
