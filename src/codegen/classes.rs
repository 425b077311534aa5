//! What a class needs in generated code besides its methods: the functions its type
//! descriptor points to. The vtable holds the methods themselves; the runtime's dunder
//! callbacks (`enum MgDunder` in runtime/mg_object.h) are small wrappers with a C ABI that
//! take slots and turn a pending exception into the error value the runtime checks.

use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::values::{BasicValueEnum, FunctionValue};
use inkwell::{AddressSpace, IntPredicate};

use crate::check::ir::{FuncId, Program};
use crate::codegen::CodegenError;

/// The functions of one class's descriptor.
pub(crate) struct ClassFns<'ctx> {
    pub vtable: Vec<FunctionValue<'ctx>>,
    pub dunders: [Option<FunctionValue<'ctx>>; 5],
}

/// How a dunder callback returns its result and signals an exception.
#[derive(Clone, Copy)]
enum Callback {
    /// `MgStr *(MgSlot self)`: null on an exception (what the method returns then).
    Str,
    /// `int32_t (MgSlot a, MgSlot b)`: 0 or 1, -1 on an exception.
    Bool,
    /// `int64_t (MgSlot self)`: -1 on an exception; a hash of -1 becomes -2, as in CPython.
    Hash,
}

const CALLBACKS: [(Callback, &str); 5] = [(Callback::Str, "repr"), (Callback::Str, "str"), (Callback::Bool, "eq"), (Callback::Hash, "hash"), (Callback::Bool, "lt")];

/// The vtable functions and dunder callbacks of every class, by class index.
pub(crate) fn class_fns<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, program: &Program, functions: &[FunctionValue<'ctx>], exc: inkwell::values::GlobalValue<'ctx>) -> Result<Vec<ClassFns<'ctx>>, CodegenError> {
    let mut out = Vec::with_capacity(program.classes.len());
    let mut wrappers: rustc_hash::FxHashMap<(FuncId, usize), FunctionValue<'ctx>> = Default::default();
    for class in &program.classes {
        let vtable = class.vtable.iter().map(|f| functions[f.0 as usize]).collect();
        let mut dunders = [None; 5];
        if class.func_repr {
            dunders[0] = Some(crate::codegen::runtime_fn(ctx, module, "mg_func_repr")?);
        }
        for (d, func) in class.dunders.iter().enumerate() {
            let Some(func) = func else { continue };
            let w = match wrappers.get(&(*func, d)) {
                Some(w) => *w,
                None => {
                    let w = callback(ctx, module, functions[func.0 as usize], CALLBACKS[d].0, &format!("mg.cb.{}.{}", CALLBACKS[d].1, class.name), exc)?;
                    wrappers.insert((*func, d), w);
                    w
                }
            };
            dunders[d] = Some(w);
        }
        out.push(ClassFns { vtable, dunders });
    }
    Ok(out)
}

fn callback<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, method: FunctionValue<'ctx>, kind: Callback, name: &str, exc: inkwell::values::GlobalValue<'ctx>) -> Result<FunctionValue<'ctx>, CodegenError> {
    let i64_ty = ctx.i64_type();
    let i32_ty = ctx.i32_type();
    let ptr_ty = ctx.ptr_type(AddressSpace::default());
    let n_params = method.count_params() as usize;
    let fn_ty = match kind {
        Callback::Str => ptr_ty.fn_type(&[i64_ty.into()], false),
        Callback::Bool => i32_ty.fn_type(&[i64_ty.into(), i64_ty.into()], false),
        Callback::Hash => i64_ty.fn_type(&[i64_ty.into()], false),
    };
    let f = module.add_function(name, fn_ty, Some(Linkage::Internal));
    let b = ctx.create_builder();
    b.position_at_end(ctx.append_basic_block(f, "entry"));
    let mut args = Vec::with_capacity(n_params);
    for i in 0..n_params {
        let slot = f.get_nth_param(i as u32).ok_or_else(|| CodegenError::Internal(format!("{name}: the method takes more parameters than the callback")))?.into_int_value();
        args.push(b.build_int_to_ptr(slot, ptr_ty, "obj")?.into());
    }
    let r = match b.build_call(method, &args, "r")?.try_as_basic_value() {
        inkwell::values::ValueKind::Basic(v) => v,
        inkwell::values::ValueKind::Instruction(_) => return Err(CodegenError::Internal(format!("{name}: the method returns nothing"))),
    };
    let pending = b.build_load(ptr_ty, exc.as_pointer_value(), "exc")?.into_pointer_value();
    let raised = b.build_is_not_null(pending, "raised")?;
    let result: BasicValueEnum = match kind {
        Callback::Str => r,
        Callback::Bool => {
            let v = b.build_int_z_extend(r.into_int_value(), i32_ty, "v")?;
            b.build_select(raised, i32_ty.const_int(u64::MAX, true), v, "r")?
        }
        Callback::Hash => {
            let h = r.into_int_value();
            let minus_one = i64_ty.const_int(u64::MAX, true);
            let is_minus_one = b.build_int_compare(IntPredicate::EQ, h, minus_one, "m1")?;
            let fixed = b.build_select(is_minus_one, i64_ty.const_int(-2i64 as u64, true), h, "h")?;
            b.build_select(raised, minus_one.into(), fixed, "r")?
        }
    };
    b.build_return(Some(&result))?;
    Ok(f)
}
