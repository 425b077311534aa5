//! In-memory execution with LLVM's MCJIT.
//!
//! The module contains the hot runtime helpers (linked as bitcode by codegen);
//! its references to the cold runtime are mapped to the native runtime linked
//! into this process, the same object AOT executables link.  Everything else is
//! libc and libm, which the process has loaded.  So JIT mode runs exactly what
//! AOT mode runs, and compiles only the program's own code.
//!
//! For debuggers and profilers (`run -g`, `run --perf-map`), `compile_with` attaches JIT
//! event listeners before MCJIT emits code, through `src/jit_listeners.cpp` (LLVM's C API
//! cannot attach one to MCJIT): GDB's JIT interface, and the load address and size of every
//! function of the object, from its symbol table.

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
    main: Option<JitFunction<'ctx, MainFn>>,
    /// With `Listen::symbols`: the functions MCJIT loaded.
    pub symbols: Vec<Symbol>,
}

/// What `compile_with` attaches to the JIT.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listen {
    /// Register the code with GDB's JIT interface (`__jit_debug_register_code`), debug info
    /// included, so that gdb can break in it and name its frames.
    pub gdb: bool,
    /// Record every function loaded (`Compiled::symbols`).
    pub symbols: bool,
}

/// A function of the JIT-compiled code: its symbol, load address and size in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub addr: u64,
    pub size: u64,
}

type SymbolFn = unsafe extern "C" fn(ctx: *mut std::ffi::c_void, name: *const c_char, name_len: usize, addr: u64, size: u64);

extern "C" {
    /// `src/jit_listeners.cpp`.
    fn mg_jit_add_listeners(engine: llvm_sys::execution_engine::LLVMExecutionEngineRef, gdb: c_int, callback: Option<SymbolFn>, ctx: *mut std::ffi::c_void);
}

/// The symbol listener's callback: appends to the `Vec<Symbol>` behind `ctx`.
unsafe extern "C" fn record_symbol(ctx: *mut std::ffi::c_void, name: *const c_char, name_len: usize, addr: u64, size: u64) {
    // SAFETY: `ctx` is the `Vec<Symbol>` `compile_with` passed, alive until the listener's
    // last call (during `get_function`); `name` points at `name_len` bytes.
    let (symbols, name) = unsafe { (&mut *(ctx as *mut Vec<Symbol>), std::slice::from_raw_parts(name as *const u8, name_len)) };
    symbols.push(Symbol { name: String::from_utf8_lossy(name).into_owned(), addr, size });
}

impl<'ctx> Compiled<'ctx> {
    /// The execution engine, which owns the code (for looking functions up by name).
    pub fn into_engine(self) -> ExecutionEngine<'ctx> {
        self.engine
    }
}

/// Compiles `module` to machine code in memory.
pub fn compile<'ctx>(module: Module<'ctx>, level: OptLevel) -> Result<Compiled<'ctx>, JitError> {
    compile_with(module, level, Listen::default())
}

/// `compile`, with the listeners `listen` asks for.
pub fn compile_with<'ctx>(module: Module<'ctx>, level: OptLevel, listen: Listen) -> Result<Compiled<'ctx>, JitError> {
    let engine = module.create_jit_execution_engine(level.llvm()).map_err(|e| JitError::Engine(e.to_string()))?;
    map_runtime(&module, &engine)?;
    // Boxed, so that its address stays put while MCJIT's listener fills it.
    let mut symbols: Box<Vec<Symbol>> = Box::default();
    if listen.gdb || listen.symbols {
        let callback: Option<SymbolFn> = listen.symbols.then_some(record_symbol as SymbolFn);
        // SAFETY: a live MCJIT engine that has not emitted code yet (MCJIT emits at the first
        // `get_function`); the callback's context outlives that emission (below).
        unsafe { mg_jit_add_listeners(engine.as_mut_ptr(), listen.gdb as c_int, callback, &mut *symbols as *mut Vec<Symbol> as *mut std::ffi::c_void) };
    }
    // SAFETY: codegen defines `main` as `i32 (i32, ptr)`, the C signature MainFn spells.
    let main = unsafe { engine.get_function::<MainFn>("main") }.ok();
    // The module is one object, emitted and loaded by now: the listener has reported it.
    let symbols = std::mem::take(&mut *symbols);
    Ok(Compiled { engine, main, symbols })
}

/// Runs the compiled `main(argc, argv)` and returns its exit status.
/// `argv[0]` is the program name, as for a native executable.
pub fn run_main(compiled: &Compiled<'_>, argv: &[String]) -> Result<i32, JitError> {
    let main = compiled.main.as_ref().ok_or(JitError::NoMain)?;
    let args: Vec<CString> = argv.iter().map(|a| CString::new(a.as_str()).map_err(|_| JitError::BadArgument(a.clone()))).collect::<Result<_, _>>()?;
    let mut ptrs: Vec<*const c_char> = args.iter().map(|a| a.as_ptr()).collect();
    ptrs.push(std::ptr::null());
    // SAFETY: `main` has the C signature MainFn (see `compile`); `ptrs` is a NULL-terminated
    // array of C strings that outlives the call.
    let status = unsafe { main.call(args.len() as c_int, ptrs.as_ptr()) };
    Ok(status)
}

/// Points every `mg_*` declaration of the module at the native runtime in this process.
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
    runtime_symbols::address(name).ok_or_else(|| JitError::UnknownRuntimeSymbol(name.to_string()))
}

/// Every external symbol of the native runtime, generated by build.rs.
mod runtime_symbols {
    include!(concat!(env!("OUT_DIR"), "/runtime_symbols.rs"));
}
