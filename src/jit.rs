//! In-memory execution with LLVM's MCJIT.
//!
//! The module already contains the runtime (linked as bitcode by codegen), so
//! JIT code needs nothing from the host but libc and libm, which the multigen
//! process has loaded: JIT mode runs exactly what AOT mode runs.

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
    // MCJIT resolves libm symbols (sin, pow, ...) through the process; make sure libm is loaded
    // even when the Rust side never calls into it.
    keep_libm_linked();
    let engine = module.create_jit_execution_engine(level.llvm()).map_err(|e| JitError::Engine(e.to_string()))?;
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

fn keep_libm_linked() {
    // A volatile read of libm function addresses keeps the linker from dropping libm.
    let fns: [extern "C" fn(f64) -> f64; 2] = [libm_sin, libm_exp];
    std::hint::black_box(fns);
}

unsafe extern "C" {
    #[link_name = "sin"]
    safe fn libm_sin(x: f64) -> f64;
    #[link_name = "exp"]
    safe fn libm_exp(x: f64) -> f64;
}
