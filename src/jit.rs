//! In-memory execution with LLVM's MCJIT.
//!
//! The module contains the hot runtime helpers (linked as bitcode by codegen);
//! its references to the cold runtime are mapped to the native runtime linked
//! into this process, the same object AOT executables link.  Everything else is
//! libc and libm, which the process has loaded.  So JIT mode runs exactly what
//! AOT mode runs, and compiles only the program's own code.

use std::ffi::{c_char, c_int, CString};

use inkwell::execution_engine::{ExecutionEngine, JitFunction};
use inkwell::module::Module;
use thiserror::Error;

use crate::codegen::target::OptLevel;

#[derive(Debug, Error)]
pub enum JitError {
    #[error("cannot create the JIT: {0}")]
    Engine(String),
    #[error("the module has no `main` function")]
    NoMain,
    #[error("the module refers to `{0}`, which is neither defined nor part of the runtime")]
    UnknownRuntimeSymbol(String),
    #[error("argument contains a NUL byte: {0:?}")]
    BadArgument(String),
}

type MainFn = unsafe extern "C" fn(c_int, *const *const c_char) -> c_int;

/// Machine code for a module, ready to run.
pub struct Compiled<'ctx> {
    engine: ExecutionEngine<'ctx>,
    main: JitFunction<'ctx, MainFn>,
}

/// Compiles `module` to machine code in memory.
pub fn compile<'ctx>(module: Module<'ctx>, level: OptLevel) -> Result<Compiled<'ctx>, JitError> {
    let engine = module.create_jit_execution_engine(level.llvm()).map_err(|e| JitError::Engine(e.to_string()))?;
    map_runtime(&module, &engine)?;
    // SAFETY: codegen defines `main` as `i32 (i32, ptr)`, the C signature MainFn spells.
    let main = unsafe { engine.get_function::<MainFn>("main") }.map_err(|_| JitError::NoMain)?;
    Ok(Compiled { engine, main })
}

/// Runs the compiled `main(argc, argv)` and returns its exit status.
/// `argv[0]` is the program name, as for a native executable.
pub fn run_main(compiled: &Compiled<'_>, argv: &[String]) -> Result<i32, JitError> {
    let _ = &compiled.engine;
    let args: Vec<CString> = argv.iter().map(|a| CString::new(a.as_str()).map_err(|_| JitError::BadArgument(a.clone()))).collect::<Result<_, _>>()?;
    let mut ptrs: Vec<*const c_char> = args.iter().map(|a| a.as_ptr()).collect();
    ptrs.push(std::ptr::null());
    // SAFETY: `main` has the C signature MainFn (see `compile`); `ptrs` is a NULL-terminated
    // array of C strings that outlives the call.
    let status = unsafe { compiled.main.call(args.len() as c_int, ptrs.as_ptr()) };
    Ok(status)
}

/// Points every `mg_*` declaration of the module at the native runtime in this process
/// (build.rs links it whole and exports its symbols).
fn map_runtime(module: &Module<'_>, engine: &ExecutionEngine<'_>) -> Result<(), JitError> {
    let mut f = module.get_first_function();
    while let Some(func) = f {
        let name = func.get_name().to_str().unwrap_or("");
        if func.count_basic_blocks() == 0 && name.starts_with("mg_") {
            engine.add_global_mapping(&func, native_address(name)?);
        }
        f = func.get_next_function();
    }
    let mut g = module.get_first_global();
    while let Some(global) = g {
        let name = global.get_name().to_str().unwrap_or("");
        if global.is_declaration() && name.starts_with("mg_") {
            engine.add_global_mapping(&global, native_address(name)?);
        }
        g = global.get_next_global();
    }
    Ok(())
}

/// Address of a runtime symbol in this process.
pub fn native_address(name: &str) -> Result<usize, JitError> {
    let c_name = CString::new(name).map_err(|_| JitError::UnknownRuntimeSymbol(name.to_string()))?;
    // SAFETY: dlsym with RTLD_DEFAULT (null) only reads the process's symbol tables; `c_name` is a
    // valid NUL-terminated string for the duration of the call.
    let addr = unsafe { dlsym(std::ptr::null_mut(), c_name.as_ptr()) };
    if addr.is_null() {
        return Err(JitError::UnknownRuntimeSymbol(name.to_string()));
    }
    Ok(addr as usize)
}

unsafe extern "C" {
    fn dlsym(handle: *mut std::ffi::c_void, symbol: *const c_char) -> *mut std::ffi::c_void;
}
