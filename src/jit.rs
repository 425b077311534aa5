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

/// Points every `mg_*` declaration of the module at the native runtime in this process.
fn map_runtime(module: &Module<'_>, engine: &ExecutionEngine<'_>) -> Result<(), JitError> {
    let mut f = module.get_first_function();
    while let Some(func) = f {
        let name = func.get_name().to_str().unwrap_or("");
        if func.count_basic_blocks() == 0 && name.starts_with("mg_") {
            let addr = native::address(name).ok_or_else(|| JitError::UnknownRuntimeSymbol(name.to_string()))?;
            engine.add_global_mapping(&func, addr);
        }
        f = func.get_next_function();
    }
    let mut g = module.get_first_global();
    while let Some(global) = g {
        let name = global.get_name().to_str().unwrap_or("");
        if global.is_declaration() && name.starts_with("mg_") {
            let addr = native::address(name).ok_or_else(|| JitError::UnknownRuntimeSymbol(name.to_string()))?;
            engine.add_global_mapping(&global, addr);
        }
        g = global.get_next_global();
    }
    Ok(())
}

/// The cold runtime's symbols, as linked into this binary (build.rs links libmg_runtime.a).
/// The declarations give no signatures: Rust only takes their addresses, never calls them.
pub mod native {
    unsafe extern "C" {
        fn mg_init();
        fn mg_finish();
        fn mg_raise();
        fn mg_raise_overflow();
        fn mg_raise_system_exit();
        fn mg_tb_add();
        fn mg_print_str();
        fn mg_print_int();
        fn mg_print_bool();
        fn mg_print_none();
        fn mg_print_float();
        fn mg_float_repr();
        static mut mg_current_exc: *mut core::ffi::c_void;
    }

    /// Address of a cold runtime symbol by name.
    pub fn address(name: &str) -> Option<usize> {
        let f: unsafe extern "C" fn() = match name {
            "mg_init" => mg_init,
            "mg_finish" => mg_finish,
            "mg_raise" => mg_raise,
            "mg_raise_overflow" => mg_raise_overflow,
            "mg_raise_system_exit" => mg_raise_system_exit,
            "mg_tb_add" => mg_tb_add,
            "mg_print_str" => mg_print_str,
            "mg_print_int" => mg_print_int,
            "mg_print_bool" => mg_print_bool,
            "mg_print_none" => mg_print_none,
            "mg_print_float" => mg_print_float,
            "mg_float_repr" => mg_float_repr,
            // SAFETY: only the address of the static is taken; nothing reads or writes it here.
            "mg_current_exc" => return Some(&raw mut mg_current_exc as usize),
            _ => return None,
        };
        Some(f as usize)
    }
}
