//! MIR → LLVM module, with the C runtime linked in.
//!
//! `emit` builds one module for the whole program: a function per Python
//! function, `__mg_module` for the top-level statements and a C `main` that
//! runs them and turns an uncaught exception into a traceback and exit status.
//! Each function's body is translated from its MIR body (`mir::Body`): `body.rs`
//! translates registers, blocks, terminators and error edges, `ops.rs` one
//! operation at a time, and `consts.rs` holds the module's constants (type
//! descriptors, string literals) and the small LLVM building blocks they use.
//! `link_runtime` then links the runtime bitcode and internalises it, so the
//! optimiser can inline runtime helpers and drop the unused ones.
//! `runtime.rs` knows the runtime's symbols, declared from the C prototypes of
//! `runtime_fns.rs`; `abi.rs` has the runtime's layouts and enums, generated from its C
//! header; `target.rs` owns the target
//! machine and pass pipeline; `units.rs` splits a large program into codegen units,
//! modules that `emit_unit` translates one at a time and `driver::compile_objects`
//! compiles in parallel.

pub mod abi;
pub mod runtime;
pub mod runtime_fns;
pub mod target;
pub mod units;

mod body;
mod debug;
pub(crate) mod consts;
mod ops;
mod classes;
mod tuples;

use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::GlobalVisibility;
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::{FunctionValue, GlobalValue};
use inkwell::AddressSpace;
use thiserror::Error;

use crate::check::ir::Program;
use crate::check::types::{Ty, TyKind};
use crate::mir;
use crate::syntax::SourceFile;

#[derive(Debug, Error)]
pub enum CodegenError {
    /// A bug in multigen: codegen built invalid IR or LLVM refused it.
    #[error("internal compiler error: {0}\nplease report this with the program that caused it")]
    Internal(String),
    #[error("cannot set up the LLVM target: {0}")]
    Target(String),
    #[error("LLVM could not emit object code: {0}")]
    Emit(String),
}

impl From<inkwell::builder::BuilderError> for CodegenError {
    fn from(err: inkwell::builder::BuilderError) -> Self {
        CodegenError::Internal(format!("LLVM builder: {err}"))
    }
}

/// The module-wide LLVM values every function's translation refers to.
pub(crate) struct Shared<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    /// The source, for traceback frames (file name and line text).
    pub file: &'a SourceFile,
    /// One per Python function, in `FuncId` order.
    pub functions: &'a [FunctionValue<'ctx>],
    pub globals: &'a [GlobalValue<'ctx>],
    /// Per global: whether it has been assigned yet.
    pub global_flags: &'a [GlobalValue<'ctx>],
    /// `mg_current_exc`, the pending exception.
    pub exc: GlobalValue<'ctx>,
    /// Type descriptors, string literals and C strings emitted so far.
    pub consts: &'a consts::Consts<'a, 'ctx>,
    /// Whether a call through a function value may call a recursive function (one whose
    /// address is taken is on a cycle of the call graph).
    pub indirect_recursive: bool,
    /// The module's debug info, with `-g`.
    pub debug: Option<&'a debug::Debug<'ctx>>,
}

/// Name of the function holding the module's top-level statements.
pub const MODULE_INIT: &str = "__mg_module";

/// Prefix of the uniform entry points `emit_exports` adds: `void (i64 *args, i64 *ret)`.
pub const EXPORT_PREFIX: &str = "mg.export.";

/// Translates `mir` (the MIR of `program`, after the passes) to a fresh LLVM module named
/// after the source file; `program` gives the functions' names and signatures.
/// With `exports`, adds the host entry points of `emit_exports`; with `debug`, DWARF debug
/// info (`debug.rs`).
pub fn emit<'ctx>(ctx: &'ctx Context, program: &Program, mir: &mir::Module, file: &SourceFile, exports: bool, debug: bool) -> Result<Module<'ctx>, CodegenError> {
    emit_unit(ctx, program, mir, file, exports, debug, None)
}

/// Like `emit`, for one codegen unit of a program split by `units::split` (`None`: the
/// whole program).  A unit defines its own functions and declares the others; symbols the
/// units share (the Python functions, globals and class descriptors) get hidden
/// visibility, so that the linker joins them inside the executable and exports none.
/// The host unit defines the globals and `main`; every unit has its own copy of the
/// constants it uses, and of each class descriptor it uses, which the linker merges into one
/// (`isinstance` compares descriptors by address).
pub fn emit_unit<'ctx>(ctx: &'ctx Context, program: &Program, mir: &mir::Module, file: &SourceFile, exports: bool, debug: bool, unit: Option<&units::Unit>) -> Result<Module<'ctx>, CodegenError> {
    if mir.bodies.len() != program.functions.len() {
        return Err(CodegenError::Internal(format!("{} MIR bodies for {} functions", mir.bodies.len(), program.functions.len())));
    }
    let module = ctx.create_module(&file.name);
    // Functions that may share a name get a number among those of their module (not their
    // `FuncId`), so that a module's symbols do not depend on the other modules: the compile
    // cache keys a codegen unit by its text (`driver::compile_objects_cached`).
    let mut numbered: rustc_hash::FxHashMap<String, usize> = rustc_hash::FxHashMap::default();
    let mut number = |idx: usize, base: String| {
        let line = mir.bodies[idx].blocks.iter().flat_map(|b| &b.insts).map(|i| i.line).find(|&l| l > 0).unwrap_or(1);
        let module = &file.segments[file.segment_index_of_line(line)].module;
        let key = format!("{base}.{module}");
        let k = numbered.entry(key.clone()).or_insert(0);
        *k += 1;
        if module == "__main__" { format!("{base}.{}", *k - 1) } else { format!("{base}.{module}.{}", *k - 1) }
    };
    let functions: Vec<FunctionValue<'ctx>> = program
        .functions
        .iter()
        .enumerate()
        .map(|(idx, f)| {
            let params: Vec<BasicMetadataTypeEnum> = f.params.iter().map(|p| llvm_type(ctx, &f.locals[p.0 as usize].ty).into()).collect();
            let fn_ty = match f.ret {
                Ty::NONE => ctx.void_type().fn_type(&params, false),
                ref ty => llvm_type(ctx, ty).fn_type(&params, false),
            };
            let name = match &f.class {
                _ if idx == program.module_init.0 as usize => MODULE_INIT.to_string(),
                // The top levels of imported modules (`check::modules`).
                None if f.name == "<module>" => number(idx, "py.<module>".to_string()),
                // A generator's body and start function share its name.
                _ if matches!(f.role, crate::check::ir::FnRole::GenBody | crate::check::ir::FnRole::GenBodyFrameless) => number(idx, format!("py.{}.<gen>", f.name)),
                _ if f.role == crate::check::ir::FnRole::GenStart => number(idx, format!("py.{}.<start>", f.name)),
                // `functools`' C code: an `lru_cache` wrapper shares its function's name.
                _ if f.role == crate::check::ir::FnRole::Frameless => number(idx, format!("py.{}.<c>", f.name)),
                // Nested functions may share a name (every lambda is `<lambda>`).
                _ if f.closure.is_some() => number(idx, format!("py.{}", f.closure.as_ref().map_or("", |c| c.qualname.as_str()))),
                Some(class) => format!("py.{class}.{}", f.name),
                None => format!("py.{}", f.name),
            };
            // Not internal: LLVM inlines any internal function with one call site, whatever its
            // size, which turns a `main` that calls every function once into one enormous
            // function and makes optimisation time grow quadratically with program size.
            // Ordinary inlining (small callees) still happens.
            let func = module.add_function(&name, fn_ty, Some(Linkage::External));
            if unit.is_some() {
                func.as_global_value().set_visibility(GlobalVisibility::Hidden);
            }
            func
        })
        .collect();
    // Across units, a global is defined by the host and declared by the others.
    let share = |global: GlobalValue<'ctx>, init: &dyn Fn() -> inkwell::values::BasicValueEnum<'ctx>| match unit {
        None => {
            global.set_linkage(Linkage::Internal);
            global.set_initializer(&init());
        }
        Some(unit) => {
            global.set_linkage(Linkage::External);
            global.set_visibility(GlobalVisibility::Hidden);
            if unit.host {
                global.set_initializer(&init());
            }
        }
    };
    let globals: Vec<GlobalValue<'ctx>> = program
        .globals
        .iter()
        .map(|g| {
            let ty = llvm_type(ctx, &g.ty);
            let global = module.add_global(ty, None, &format!("py.global.{}", g.name));
            share(global, &|| zero(ty));
            global
        })
        .collect();
    // Python raises NameError when a global is read before any assignment ran: one flag each.
    let global_flags: Vec<GlobalValue<'ctx>> = program
        .globals
        .iter()
        .map(|g| {
            let flag = module.add_global(ctx.bool_type(), None, &format!("py.global.{}.bound", g.name));
            share(flag, &|| ctx.bool_type().const_zero().into());
            flag
        })
        .collect();
    let exc = module.add_global(ctx.ptr_type(AddressSpace::default()), None, "mg_current_exc");
    exc.set_linkage(Linkage::External);

    let consts = consts::Consts::new(ctx, &module);
    for (class, fns) in program.classes.iter().zip(classes::class_fns(ctx, &module, program, &functions, exc)?) {
        let base = class.base.map(|b| program.classes[b.0 as usize].ty);
        consts.register_class(class.ty, consts::ClassDesc { fields: class.fields.clone(), fns, base, builtin: class.builtin.clone(), module: class.module.clone() });
    }
    let indirect_recursive = mir::may_raise::address_taken(mir).iter().any(|f| mir.bodies[*f].recursive);
    let debug = debug.then(|| debug::Debug::new(&module, file));
    let shared = Shared { ctx, module: &module, file, functions: &functions, globals: &globals, global_flags: &global_flags, exc, consts: &consts, indirect_recursive, debug: debug.as_ref() };
    for (idx, (body, func)) in mir.bodies.iter().zip(&functions).enumerate() {
        if unit.is_none_or(|u| u.defines(idx)) {
            let name = debug.as_ref().map(|_| qualname(program, idx));
            body::lower_body(&shared, mir, body, *func, name.as_deref())?;
        }
    }
    if let Some(debug) = &debug {
        debug.finish();
    }
    if unit.is_none_or(|u| u.host) {
        emit_main(ctx, &module, functions[program.module_init.0 as usize])?;
        if exports {
            emit_exports(ctx, &module, program, &functions)?;
        }
    }
    if unit.is_some() {
        share_class_descs(&module, program, &consts);
    }
    Ok(module)
}

/// The Python name of a function's symbol (as `emit_unit` names them), `None` for any other
/// symbol: `py.work` is `work`, `py.Acc.add` `Acc.add`, `__mg_module` `<module>`; the number
/// that tells functions of the same name apart is dropped (`py.<lambda>.0` is `<lambda>`,
/// `py.outer.<locals>.inner.0` `outer.<locals>.inner`), and the parts a generator or an
/// `lru_cache` function is split into keep their mark (`f.<gen>`, `f.<start>`, `f.<c>`), as
/// does a function value's trampoline (`f.value`).  What `run --perf-map` names code by.
pub fn python_name(symbol: &str) -> Option<String> {
    if symbol == MODULE_INIT {
        return Some("<module>".to_string());
    }
    let name = symbol.strip_prefix("py.")?;
    // Globals and class descriptors are not functions; a Python name never is all digits.
    if name.starts_with("global.") || name.starts_with("class.") {
        return None;
    }
    let name = match name.rsplit_once('.') {
        Some((base, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => base,
        _ => name,
    };
    Some(name.to_string())
}

/// The name debuggers show for function `idx`: CPython's `co_qualname` (`Class.method`,
/// `outer.<locals>.inner`, `<module>`).
fn qualname(program: &Program, idx: usize) -> String {
    let f = &program.functions[idx];
    match (&f.class, &f.closure) {
        _ if idx == program.module_init.0 as usize => "<module>".to_string(),
        (_, Some(c)) => c.qualname.clone(),
        (Some(class), None) => format!("{class}.{}", f.name),
        (None, None) => f.name.clone(),
    }
}

/// Makes the descriptor of every class one object program-wide: each unit's copy gets the
/// same name, hidden `linkonce_odr` linkage and a comdat, so the linker keeps one.
fn share_class_descs<'ctx>(module: &Module<'ctx>, program: &Program, consts: &consts::Consts<'_, 'ctx>) {
    // Numbered among the classes of the same name (only cells and function objects share
    // one), not by index, so that a unit's text does not depend on other modules' classes.
    let mut numbered: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for class in &program.classes {
        let k = numbered.entry(class.name.as_str()).or_insert(0);
        *k += 1;
        // Only the descriptors this unit uses (every unit that uses one has a copy).
        let Some(desc) = consts.made_type_desc(&class.ty) else { continue };
        // A built-in class (an exception) has the runtime's descriptor, one already.
        let Some(global) = desc.get_name().to_str().ok().and_then(|name| module.get_global(name)).filter(|g| !g.is_declaration()) else { continue };
        let name = format!("py.class.{}.{}", class.name, *k - 1);
        global.as_pointer_value().set_name(&name);
        global.set_linkage(Linkage::LinkOnceODR);
        global.set_visibility(GlobalVisibility::Hidden);
        global.set_comdat(module.get_or_insert_comdat(&name));
    }
}

/// For every Python function, `mg.export.NAME(i64 *args, i64 *ret)`: arguments and result
/// as container slots, so that a host can call any signature through one ABI.  The module's
/// top level is exported as `mg.export.<module>`.
fn emit_exports<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, program: &Program, functions: &[FunctionValue<'ctx>]) -> Result<(), CodegenError> {
    let ptr_ty = ctx.ptr_type(AddressSpace::default());
    let i64_ty = ctx.i64_type();
    let builder = ctx.create_builder();
    // A host calls an `lru_cache` function through its wrapper, a frameless function of the
    // same name; other frameless functions (`functools`' C code) are not the program's.
    let wrappers: rustc_hash::FxHashMap<&str, usize> =
        program.functions.iter().enumerate().filter(|(_, f)| f.role == crate::check::ir::FnRole::Frameless && f.closure.is_none()).map(|(idx, f)| (f.name.as_str(), idx)).collect();
    for (idx, f) in program.functions.iter().enumerate() {
        if f.role == crate::check::ir::FnRole::Frameless {
            continue;
        }
        let callee = wrappers.get(f.name.as_str()).copied().unwrap_or(idx);
        // Tuples and instances do not pass through one slot: such functions, and methods,
        // are not callable from the host yet.
        let unsupported = |ty: &Ty| !host_passable(*ty);
        if f.class.is_some() || f.closure.is_some() || unsupported(&f.ret) || f.params.iter().any(|p| unsupported(&f.locals[p.0 as usize].ty)) {
            continue;
        }
        let export = module.add_function(&format!("{EXPORT_PREFIX}{}", f.name), ctx.void_type().fn_type(&[ptr_ty.into(), ptr_ty.into()], false), None);
        builder.position_at_end(ctx.append_basic_block(export, "entry"));
        let (Some(args), Some(ret)) = (export.get_nth_param(0), export.get_nth_param(1)) else {
            return Err(CodegenError::Internal("export without parameters".into()));
        };
        let mut call_args = Vec::new();
        for (n, param) in f.params.iter().enumerate() {
            let ty = &f.locals[param.0 as usize].ty;
            // SAFETY (of the generated code): the host passes one slot per parameter.
            let p = unsafe { builder.build_in_bounds_gep(i64_ty, args.into_pointer_value(), &[i64_ty.const_int(n as u64, false)], "arg.p")? };
            let slot = builder.build_load(i64_ty, p, "arg")?.into_int_value();
            let v: inkwell::values::BasicValueEnum = match *ty {
                Ty::INT => slot.into(),
                Ty::FLOAT => builder.build_bit_cast(slot, ctx.f64_type(), "f")?,
                Ty::BOOL | Ty::NONE => builder.build_int_truncate(slot, ctx.bool_type(), "b")?.into(),
                _ => builder.build_int_to_ptr(slot, ptr_ty, "p")?.into(),
            };
            call_args.push(v.into());
        }
        // A recursion the host starts counts from depth 1 (see `BodyGen::depth_for_call`).
        builder.build_store(recursion_depth(ctx, module), ctx.i32_type().const_int(1, false))?;
        let result = builder.build_call(functions[callee], &call_args, "r")?;
        let slot = match (result.try_as_basic_value(), f.ret) {
            (inkwell::values::ValueKind::Basic(v), Ty::INT) => v.into_int_value(),
            (inkwell::values::ValueKind::Basic(v), Ty::FLOAT) => builder.build_bit_cast(v, i64_ty, "s")?.into_int_value(),
            (inkwell::values::ValueKind::Basic(v), Ty::BOOL) => builder.build_int_z_extend(v.into_int_value(), i64_ty, "s")?,
            (inkwell::values::ValueKind::Basic(v), _) if v.is_pointer_value() => builder.build_ptr_to_int(v.into_pointer_value(), i64_ty, "s")?,
            _ => i64_ty.const_zero(),
        };
        builder.build_store(ret.into_pointer_value(), slot)?;
        builder.build_return(None)?;
    }
    // `mg.export.<fini>`: releases the module's heap globals, for a host that unloads it.
    let fini = module.add_function(&format!("{EXPORT_PREFIX}<fini>"), ctx.void_type().fn_type(&[ptr_ty.into(), ptr_ty.into()], false), None);
    builder.position_at_end(ctx.append_basic_block(fini, "entry"));
    let decref = runtime_fn(ctx, module, "mg_decref")?;
    for g in &program.globals {
        if g.ty.is_heap() {
            let global = module.get_global(&format!("py.global.{}", g.name)).ok_or_else(|| CodegenError::Internal(format!("global {} missing", g.name)))?;
            let ty = llvm_type(ctx, &g.ty);
            let v = builder.build_load(ty, global.as_pointer_value(), "g")?;
            for r in tuples::heap_refs(&builder, v, g.ty)? {
                builder.build_call(decref, &[r.into()], "")?;
            }
            builder.build_store(global.as_pointer_value(), zero(ty))?;
        }
    }
    builder.build_return(None)?;
    Ok(())
}

/// Whether the executor (`crate::executor::Value`) can pass values of `ty` through a slot:
/// scalars, str, and lists, sets, dicts and optionals of such.
fn host_passable(ty: Ty) -> bool {
    match ty.kind() {
        TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str => true,
        TyKind::List(e) | TyKind::Set(e) | TyKind::Optional(e) => host_passable(*e),
        TyKind::Dict(k, v) => host_passable(*k) && host_passable(*v),
        TyKind::Tuple(_) | TyKind::VarTuple(_) | TyKind::Class(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Iterator(_) => false,
    }
}

/// `int main(int argc, char **argv)`: init, run the module, report.
fn emit_main<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, module_init: FunctionValue<'ctx>) -> Result<(), CodegenError> {
    let i32_ty = ctx.i32_type();
    let ptr_ty = ctx.ptr_type(AddressSpace::default());
    let main = module.add_function("main", i32_ty.fn_type(&[i32_ty.into(), ptr_ty.into()], false), None);
    let builder = ctx.create_builder();
    builder.position_at_end(ctx.append_basic_block(main, "entry"));
    let init = runtime_fn(ctx, module, "mg_init")?;
    let finish = runtime_fn(ctx, module, "mg_finish")?;
    let argc = main.get_nth_param(0).ok_or_else(|| CodegenError::Internal("main has no argc".into()))?;
    let argv = main.get_nth_param(1).ok_or_else(|| CodegenError::Internal("main has no argv".into()))?;
    builder.build_call(init, &[argc.into(), argv.into()], "")?;
    builder.build_call(module_init, &[], "")?;
    let status = builder.build_call(finish, &[], "status")?.try_as_basic_value();
    match status {
        inkwell::values::ValueKind::Basic(v) => builder.build_return(Some(&v))?,
        inkwell::values::ValueKind::Instruction(_) => return Err(CodegenError::Internal("mg_finish returns void".into())),
    };
    Ok(())
}

/// The runtime's `mg_recursion_depth` (`runtime/mg_exc.c`), declared on first use.
pub(crate) fn recursion_depth<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>) -> inkwell::values::PointerValue<'ctx> {
    match module.get_global("mg_recursion_depth") {
        Some(g) => g.as_pointer_value(),
        None => {
            let g = module.add_global(ctx.i32_type(), None, "mg_recursion_depth");
            g.set_linkage(inkwell::module::Linkage::External);
            g.as_pointer_value()
        }
    }
}

pub(crate) fn runtime_fn<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, name: &str) -> Result<FunctionValue<'ctx>, CodegenError> {
    runtime::declare(ctx, module, name).ok_or_else(|| CodegenError::Internal(format!("unknown runtime function {name}")))
}

/// Links the hot runtime bitcode into `module` and gives every definition internal
/// linkage, so that only `main` stays visible.  References to the cold runtime
/// (`mg_raise`, `mg_finish`, `mg_current_exc`, ...) stay external: the JIT maps
/// them into the multigen process, the AOT linker to the runtime object.
pub fn link_runtime<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>) -> Result<(), CodegenError> {
    let rt = runtime::load(ctx).map_err(|e| CodegenError::Internal(format!("cannot load the runtime bitcode: {e}")))?;
    // clang stamps its default CPU on each function; drop it so the host machine's features apply
    // and runtime helpers can inline into generated code.
    let mut f = rt.get_first_function();
    while let Some(func) = f {
        let loc = inkwell::attributes::AttributeLoc::Function;
        func.remove_string_attribute(loc, "target-cpu");
        func.remove_string_attribute(loc, "target-features");
        func.remove_string_attribute(loc, "tune-cpu");
        f = func.get_next_function();
    }
    module.link_in_module(rt).map_err(|e| CodegenError::Internal(format!("cannot link the runtime: {e}")))?;
    internalize(module);
    Ok(())
}

/// Gives internal linkage to every definition except `main`, the exports and what the
/// program's codegen units share (`py.` names), so unused runtime code is dropped.
pub fn internalize(module: &Module) {
    let mut f = module.get_first_function();
    while let Some(func) = f {
        let name = func.get_name().to_bytes();
        if func.count_basic_blocks() > 0 && name != b"main" && !name.starts_with(EXPORT_PREFIX.as_bytes()) && !name.starts_with(b"py.") {
            func.set_linkage(Linkage::Internal);
        }
        f = func.get_next_function();
    }
    let mut g = module.get_first_global();
    while let Some(global) = g {
        if !global.is_declaration() && !global.get_name().to_bytes().starts_with(b"py.") {
            global.set_linkage(Linkage::Internal);
        }
        g = global.get_next_global();
    }
}

/// Checks the module; a failure is a compiler bug.
pub fn verify(module: &Module) -> Result<(), CodegenError> {
    module.verify().map_err(|e| CodegenError::Internal(format!("LLVM verification failed: {}", e.to_string_lossy())))
}

pub(crate) fn llvm_type<'ctx>(ctx: &'ctx Context, ty: &Ty) -> BasicTypeEnum<'ctx> {
    match ty.kind() {
        TyKind::Int => ctx.i64_type().into(),
        TyKind::Float => ctx.f64_type().into(),
        TyKind::Bool | TyKind::None => ctx.bool_type().into(),
        TyKind::Str | TyKind::List(_) | TyKind::VarTuple(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Deque(_) | TyKind::Counter(_) => ctx.ptr_type(AddressSpace::default()).into(),
        TyKind::Tuple(fields) => {
            let fields: Vec<BasicTypeEnum<'ctx>> = fields.iter().map(|f| llvm_type(ctx, f)).collect();
            ctx.struct_type(&fields, false).into()
        }
        TyKind::Class(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Iterator(_) => ctx.ptr_type(AddressSpace::default()).into(),
    }
}

pub(crate) fn zero(ty: BasicTypeEnum) -> inkwell::values::BasicValueEnum {
    match ty {
        BasicTypeEnum::IntType(t) => t.const_zero().into(),
        BasicTypeEnum::FloatType(t) => t.const_zero().into(),
        BasicTypeEnum::PointerType(t) => t.const_null().into(),
        BasicTypeEnum::ArrayType(t) => t.const_zero().into(),
        BasicTypeEnum::StructType(t) => t.const_zero().into(),
        BasicTypeEnum::VectorType(t) => t.const_zero().into(),
        BasicTypeEnum::ScalableVectorType(t) => t.const_zero().into(),
    }
}
