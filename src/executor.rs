//! The JIT as a library: load Python source or LLVM IR into an [`Executor`], then
//! call its functions with Rust values and get Rust values back.
//!
//! ```
//! use multigen::executor::{Executor, Value};
//!
//! let mut ex = Executor::new();
//! ex.add_source("demo.py", "def add(a: int, b: int) -> int:\n    return a + b\n").unwrap();
//! assert_eq!(ex.call("add", &[Value::Int(2), Value::Int(40)]).unwrap(), Value::Int(42));
//!
//! // A Python exception comes back as an error value; the executor stays usable.
//! ex.add_source("div.py", "def div(a: int, b: int) -> int:\n    return a // b\n").unwrap();
//! let err = ex.call("div", &[Value::Int(1), Value::Int(0)]).unwrap_err();
//! assert!(err.to_string().contains("ZeroDivisionError: integer division or modulo by zero"));
//! assert_eq!(ex.call("div", &[Value::Int(7), Value::Int(2)]).unwrap(), Value::Int(3));
//! ```
//!
//! Each added module is compiled with its functions exported through one uniform entry
//! point per function (`codegen::EXPORT_PREFIX`): arguments and result are 8-byte slots,
//! converted here according to the signature taken from the Python annotations (or the
//! LLVM types for IR).  The module's top level runs once when it is added, as an import
//! would, with `__name__ != "__main__"`.
//!
//! The runtime's state (the pending exception, the output target, its allocator) is per
//! process, so calls into compiled code from different executors or threads take turns on
//! one process-wide lock.

use std::ffi::{c_char, CStr};
use std::fmt;
use std::path::Path;

use inkwell::context::Context;
use inkwell::execution_engine::ExecutionEngine;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use inkwell::types::{AnyTypeEnum, BasicTypeEnum};
use inkwell::AddressSpace;
use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::check::types::{Ty, TyKind};
use crate::codegen::abi::ffi as rt;
use crate::codegen::target::OptLevel;
use crate::codegen::EXPORT_PREFIX;
use crate::driver::{self, CompileError, Options, Timings};
use crate::syntax::SourceFile;

/// A Python value on the Rust side.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    None,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    List(Vec<Value>),
    /// In insertion order.
    Dict(Vec<(Value, Value)>),
    /// In the set's iteration order.
    Set(Vec<Value>),
    /// Only in results (inside containers): the host cannot pass tuples in yet.
    Tuple(Vec<Value>),
}

/// What a call left in its arguments ([`Executor::call_reflect`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Reflection {
    /// For each list, dict or set argument that the call changed, its value after the call;
    /// `None` for the others.
    pub args: Vec<Option<Value>>,
    /// The argument whose very object the function returned (`return xs`), if any.
    pub result_is_arg: Option<usize>,
    /// For each argument: whether compiled code kept a reference to it, or to a container
    /// inside it (in a module global), so that a copy in the host would part from it.
    pub kept: Vec<bool>,
    /// Whether the result (other than a returned argument), or a container inside it, is also
    /// held by something else (a module global, or a container inside an argument).
    pub result_shared: bool,
}

/// A function's parameter and return types.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    pub params: Vec<Ty>,
    pub ret: Ty,
}

/// One traceback frame, outermost first in [`PyException::traceback`].
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    pub file: String,
    pub line: u32,
    pub function: String,
    pub source: String,
}

/// A Python exception that left the called function.
#[derive(Debug, Clone, PartialEq)]
pub struct PyException {
    /// `ZeroDivisionError`, `IndexError`, ..., `SystemExit`.
    pub type_name: String,
    pub message: String,
    pub traceback: Vec<Frame>,
    /// For `SystemExit`: the exit status.
    pub exit_code: Option<i64>,
}

impl fmt::Display for PyException {
    /// CPython's format: the traceback, then `Type: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Traceback (most recent call last):")?;
        for frame in &self.traceback {
            writeln!(f, "  File \"{}\", line {}, in {}", frame.file, frame.line, frame.function)?;
            if !frame.source.is_empty() {
                writeln!(f, "    {}", frame.source)?;
            }
        }
        if self.message.is_empty() {
            write!(f, "{}", self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

#[derive(Debug, Error)]
pub enum ExecError {
    /// The source was refused; the text holds the rendered diagnostics.
    #[error("{0}")]
    Compile(String),
    #[error("invalid LLVM IR at {line}:{column}: {message}")]
    InvalidIr { line: u32, column: u32, message: String },
    #[error("no function `{name}`; defined: {}", if .available.is_empty() { "none".to_string() } else { .available.join(", ") })]
    NoSuchFunction { name: String, available: Vec<String> },
    #[error("{function}() takes {expected} argument(s) but {given} were given")]
    Arity { function: String, expected: usize, given: usize },
    #[error("argument {index} of {function}() must be {expected}, not {given}")]
    ArgType { function: String, index: usize, expected: String, given: String },
    #[error("{0}")]
    Exception(PyException),
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("JIT failure: {0}")]
    Jit(String),
}

/// Compiled modules and their functions.  Dropping it frees their code and memory.
pub struct Executor {
    // Field order is drop order: the engines borrow `ctx`, and objects the modules still
    // hold point at `types`.
    modules: Vec<Loaded>,
    types: FxHashMap<Ty, TypeDesc>,
    capture: bool,
    output: String,
    opt: OptLevel,
    /// Which executor a [`FnHandle`] belongs to: unique in the process.
    serial: u64,
    ctx: Box<Context>,
}

/// A function of an executor, looked up once ([`Executor::handle`]), for hosts that call it
/// often ([`Executor::call_handle`]).
#[derive(Debug, Clone)]
pub struct FnHandle {
    serial: u64,
    addr: usize,
    pub name: String,
    pub signature: Signature,
}

static SERIALS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

struct Loaded {
    /// Owns the module's machine code: the export addresses are valid while it lives.
    engine: ExecutionEngine<'static>,
    functions: Vec<Export>,
    /// Releases the module's heap globals (Python modules only).
    fini: Option<usize>,
}

impl Drop for Executor {
    fn drop(&mut self) {
        let _lock = runtime_lock();
        for module in &self.modules {
            if let Some(addr) = module.fini {
                let mut out = 0u64;
                // SAFETY: `addr` is the module's `<fini>` export, `void (const i64 *, i64 *)`, taking no
                // arguments; it runs before the engine (and its code) is dropped.
                unsafe { std::mem::transmute::<usize, ExportFn>(addr)(std::ptr::null(), &mut out) };
            }
        }
        // Free the cycles the modules left, while their type descriptors (which the
        // collector reads) still exist: the engines are dropped after this.
        // SAFETY: the runtime lock is held; nothing of these modules runs any more.
        unsafe { rt::mg_gc_collect() };
    }
}

/// A runtime type descriptor the executor made (`mg_type_new`), freed with it.
struct TypeDesc(*const rt::MgType);

impl Drop for TypeDesc {
    fn drop(&mut self) {
        // SAFETY: `mg_type_new` allocated it, and nothing uses it any more: the executor's
        // modules, and the objects they held, are gone (see `Executor`'s field order).
        unsafe { rt::mg_free(self.0 as *mut std::ffi::c_void) };
    }
}

struct Export {
    name: String,
    signature: Signature,
    addr: usize,
}

type ExportFn = unsafe extern "C" fn(*const u64, *mut u64);

/// Serialises every entry into compiled code and the runtime (see the module docs).
static RUNTIME_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn runtime_lock() -> std::sync::MutexGuard<'static, ()> {
    // A panic while holding the lock leaves no runtime state half-updated that matters here.
    RUNTIME_LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Default for Executor {
    fn default() -> Self {
        Executor::new()
    }
}

impl Executor {
    pub fn new() -> Executor {
        Executor { modules: Vec::new(), types: FxHashMap::default(), capture: false, output: String::new(), opt: OptLevel::Quick, serial: SERIALS.fetch_add(1, std::sync::atomic::Ordering::Relaxed), ctx: Box::new(Context::create()) }
    }

    /// Optimisation level for modules added from now on (default: the quick pipeline of `multigen run`).
    pub fn set_opt_level(&mut self, opt: OptLevel) {
        self.opt = opt;
    }

    /// When on, what programs print is kept for [`Executor::take_output`] instead of going to stdout.
    pub fn capture_output(&mut self, on: bool) {
        self.capture = on;
    }

    /// Everything printed while capturing, since the last call.
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.output)
    }

    /// Compiles Python source and runs its top level.
    pub fn add_source(&mut self, name: &str, source: &str) -> Result<(), ExecError> {
        self.add_source_with_mir(name, source, &|_, _| {})
    }

    /// Like [`Executor::add_source`], with `edit` applied to the module's MIR after the passes
    /// (see `driver::compile_program_with`): how tests run hand-built MIR bodies.
    #[doc(hidden)]
    pub fn add_source_with_mir(&mut self, name: &str, source: &str, edit: &dyn Fn(&crate::check::ir::Program, &mut crate::mir::Module)) -> Result<(), ExecError> {
        let file = SourceFile::new(name, source);
        // SAFETY: the context lives in a Box owned by `self` and is dropped after every module
        // and engine (field order), so extending the borrow to 'static never outlives it.
        let ctx: &'static Context = unsafe { &*(&*self.ctx as *const Context) };
        let options = Options { opt: self.opt, is_main: false, exports: true, debug: false };
        let (module, program) = driver::compile_program_with(ctx, &file, &options, &mut Timings::default(), edit).map_err(|err| match err {
            CompileError::Diagnostics(diags) => ExecError::Compile(diags.iter().map(|d| d.render(&file, false)).collect()),
            CompileError::Codegen(err) => ExecError::Jit(err.to_string()),
        })?;
        let signatures = program
            .functions
            .iter()
            .map(|f| (f.name.clone(), Signature { params: f.params.iter().map(|p| f.locals[p.0 as usize].ty).collect(), ret: f.ret }))
            .collect();
        self.load(module, signatures, true)
    }

    /// Like [`Executor::add_source`], through the compile cache of `multigen run`
    /// ([`crate::cache`]): an entry keyed by the source, its name, the optimisation level, the
    /// compiler's build and `salt` (what else identifies the host's build: the Python package
    /// passes its extension module's size and time) holds the optimised module and its
    /// functions' signatures, so a later process skips compilation.  Returns whether the
    /// module came from the cache.  Without a cache directory it compiles.
    pub fn add_source_cached(&mut self, name: &str, source: &str, salt: &str) -> Result<bool, ExecError> {
        let Some(dir) = crate::cache::dir() else {
            self.add_source(name, source)?;
            return Ok(false);
        };
        let entry = crate::cache::entry_path(&dir, &format!("{name}\0executor module\0{salt}"), source, self.opt);
        // SAFETY: as in `add_source`.
        let ctx: &'static Context = unsafe { &*(&*self.ctx as *const Context) };
        if let Some((module, signatures)) = crate::cache::read(&entry).and_then(|payload| decode_cached(ctx, &payload)) {
            self.load(module, signatures, true)?;
            return Ok(true);
        }
        let file = SourceFile::new(name, source);
        let options = Options { opt: self.opt, is_main: false, exports: true, debug: false };
        let (module, program) = driver::compile_program_with(ctx, &file, &options, &mut Timings::default(), &|_, _| {}).map_err(|err| match err {
            CompileError::Diagnostics(diags) => ExecError::Compile(diags.iter().map(|d| d.render(&file, false)).collect()),
            CompileError::Codegen(err) => ExecError::Jit(err.to_string()),
        })?;
        let signatures: Vec<(String, Signature)> = program
            .functions
            .iter()
            .map(|f| (f.name.clone(), Signature { params: f.params.iter().map(|p| f.locals[p.0 as usize].ty).collect(), ret: f.ret }))
            .collect();
        // Only what a later process can read back: the functions the host can call, and `<module>`.
        let mut text = String::new();
        for (fname, sig) in &signatures {
            let types: Vec<String> = sig.params.iter().chain([&sig.ret]).map(|t| t.to_string()).collect();
            if types.iter().all(|t| parse_ty(t).is_some()) && !fname.contains(['\t', '\n']) {
                text.push_str(&format!("{fname}\t{}\n", types.join("\t")));
            }
        }
        let bitcode = module.write_bitcode_to_memory();
        let mut payload = (text.len() as u64).to_le_bytes().to_vec();
        payload.extend_from_slice(text.as_bytes());
        payload.extend_from_slice(bitcode.as_slice());
        self.load(module, signatures, true)?;
        crate::cache::write(&entry, &payload);
        Ok(false)
    }

    /// Compiles a Python file (see [`Executor::add_source`]).
    pub fn add_source_file(&mut self, path: &Path) -> Result<(), ExecError> {
        let text = std::fs::read_to_string(path).map_err(|e| ExecError::Io { path: path.display().to_string(), message: e.to_string() })?;
        self.add_source(&path.display().to_string(), &text)
    }

    /// Adds LLVM IR text; its functions with `i64`, `double` and `i1` parameters and results can be called.
    pub fn add_ir(&mut self, ir: &str) -> Result<(), ExecError> {
        // SAFETY: as in `add_source`.
        let ctx: &'static Context = unsafe { &*(&*self.ctx as *const Context) };
        let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "ir");
        let module = ctx.create_module_from_ir(buffer).map_err(|e| ir_error(&e.to_string()))?;
        module.verify().map_err(|e| ExecError::InvalidIr { line: 0, column: 0, message: e.to_string().trim().to_string() })?;
        let needs_runtime = module_functions(&module).any(|f| f.count_basic_blocks() == 0 && f.get_name().to_bytes().starts_with(b"mg_"));
        if needs_runtime {
            crate::codegen::link_runtime(ctx, &module).map_err(|e| ExecError::Jit(e.to_string()))?;
        }
        let signatures = ir_exports(ctx, &module)?;
        self.load(module, signatures, false)
    }

    /// Adds an LLVM IR file (see [`Executor::add_ir`]).
    pub fn add_ir_file(&mut self, path: &Path) -> Result<(), ExecError> {
        let text = std::fs::read_to_string(path).map_err(|e| ExecError::Io { path: path.display().to_string(), message: e.to_string() })?;
        self.add_ir(&text)
    }

    fn load(&mut self, module: Module<'static>, signatures: Vec<(String, Signature)>, run_init: bool) -> Result<(), ExecError> {
        let compiled = crate::jit::compile(module, self.opt).map_err(|e| ExecError::Jit(e.to_string()))?;
        let engine = compiled.into_engine();
        let mut functions = Vec::new();
        let mut init = None;
        let fini = run_init.then(|| engine.get_function_address(&format!("{EXPORT_PREFIX}<fini>")).ok()).flatten();
        for (name, signature) in signatures {
            let Ok(addr) = engine.get_function_address(&format!("{EXPORT_PREFIX}{name}")) else { continue };
            if name == "<module>" {
                init = Some(addr);
            } else {
                functions.push(Export { name, signature, addr });
            }
        }
        if let (Some(addr), true) = (init, run_init) {
            let _lock = runtime_lock();
            self.invoke(addr, &[], &Ty::NONE)?;
        }
        self.modules.push(Loaded { engine, functions, fini });
        Ok(())
    }

    /// Names and signatures of every callable function, in the order they were added.
    pub fn functions(&self) -> Vec<(String, Signature)> {
        self.modules.iter().flat_map(|m| m.functions.iter().map(|f| (f.name.clone(), f.signature.clone()))).collect()
    }

    /// The signature of `name`, if it exists (the most recently added wins).
    pub fn signature(&self, name: &str) -> Option<Signature> {
        self.find(name).map(|f| f.signature.clone())
    }

    fn find(&self, name: &str) -> Option<&Export> {
        self.modules.iter().rev().flat_map(|m| m.functions.iter()).find(|f| f.name == name)
    }

    /// Calls `name` with `args`; a Python exception comes back as `ExecError::Exception`.
    pub fn call(&mut self, name: &str, args: &[Value]) -> Result<Value, ExecError> {
        self.call_inner(name, args, false).0
    }

    /// Like [`Executor::call`], and also reports what the call left in its container
    /// arguments (whether it returned normally or raised), for hosts that write mutations
    /// back into their own objects (the Python package).
    pub fn call_reflect(&mut self, name: &str, args: &[Value]) -> (Result<Value, ExecError>, Reflection) {
        self.call_inner(name, args, true)
    }

    /// The function `name` (the most recently added wins), looked up once.
    pub fn handle(&self, name: &str) -> Option<FnHandle> {
        self.find(name).map(|f| FnHandle { serial: self.serial, addr: f.addr, name: f.name.clone(), signature: f.signature.clone() })
    }

    /// [`Executor::call`] through a handle of this executor (`reflect`: as
    /// [`Executor::call_reflect`]); a handle of another executor is `NoSuchFunction`.
    pub fn call_handle(&mut self, handle: &FnHandle, args: &[Value], reflect: bool) -> (Result<Value, ExecError>, Reflection) {
        if handle.serial != self.serial {
            let reflection = Reflection { args: Vec::new(), result_is_arg: None, kept: Vec::new(), result_shared: false };
            return (Err(ExecError::NoSuchFunction { name: handle.name.clone(), available: self.functions().into_iter().map(|(n, _)| n).collect() }), reflection);
        }
        let _lock = runtime_lock();
        self.call_export(&handle.name, handle.addr, &handle.signature, args, reflect)
    }

    fn call_inner(&mut self, name: &str, args: &[Value], reflect: bool) -> (Result<Value, ExecError>, Reflection) {
        let _lock = runtime_lock();
        let Some(export) = self.find(name) else {
            let reflection = Reflection { args: Vec::new(), result_is_arg: None, kept: Vec::new(), result_shared: false };
            return (Err(ExecError::NoSuchFunction { name: name.to_string(), available: self.functions().into_iter().map(|(n, _)| n).collect() }), reflection);
        };
        let (addr, signature) = (export.addr, export.signature.clone());
        self.call_export(name, addr, &signature, args, reflect)
    }

    /// Converts the arguments, runs the export and converts the result; the caller holds the runtime lock.
    fn call_export(&mut self, name: &str, addr: usize, signature: &Signature, args: &[Value], reflect: bool) -> (Result<Value, ExecError>, Reflection) {
        let n = if reflect { args.len() } else { 0 };
        let mut reflection = Reflection { args: vec![None; n], result_is_arg: None, kept: vec![false; n], result_shared: false };
        if args.len() != signature.params.len() {
            return (Err(ExecError::Arity { function: name.to_string(), expected: signature.params.len(), given: args.len() }), reflection);
        }
        let mut slots = Vec::with_capacity(args.len());
        let mut owned = Vec::new();
        for (idx, (arg, ty)) in args.iter().zip(signature.params.iter()).enumerate() {
            if !value_matches(arg, ty) {
                release_all(&owned);
                return (Err(ExecError::ArgType { function: name.to_string(), index: idx, expected: ty.to_string(), given: describe(arg) }), reflection);
            }
            let slot = self.to_slot(arg, ty);
            if ty.is_heap() {
                owned.push(slot);
            }
            slots.push(slot);
        }
        let (result, same, shared) = self.invoke_with(addr, &slots, &signature.ret, reflect);
        if reflect {
            reflection.result_is_arg = same;
            reflection.result_shared = shared;
            for (idx, (slot, ty)) in slots.iter().zip(&signature.params).enumerate() {
                if matches!(ty.kind(), TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_)) {
                    // SAFETY: the argument object is still alive: `owned` holds its reference.
                    if unsafe { !same_value(*slot, ty, &args[idx]) } {
                        // SAFETY: as above.
                        reflection.args[idx] = Some(unsafe { from_slot(*slot, ty) });
                    }
                    // SAFETY: as above; `owned` holds the one reference of its own.
                    reflection.kept[idx] = unsafe { shared_container(*slot, ty) };
                }
            }
        }
        release_all(&owned);
        (result, reflection)
    }

    /// The address of the machine code of function `name` (with its native signature, as
    /// LLVM compiled it), if a module defines it.
    pub fn function_address(&self, name: &str) -> Option<usize> {
        self.modules.iter().rev().find_map(|m| m.engine.get_function_address(name).ok())
    }

    fn invoke(&mut self, addr: usize, slots: &[u64], ret: &Ty) -> Result<Value, ExecError> {
        self.invoke_with(addr, slots, ret, false).0
    }

    /// Runs an export; with `reflect`, also says which argument object the result is, if any,
    /// and whether another result object is shared (see [`Reflection`]).
    fn invoke_with(&mut self, addr: usize, slots: &[u64], ret: &Ty, reflect: bool) -> (Result<Value, ExecError>, Option<usize>, bool) {
        let mut out: u64 = 0;
        if self.capture {
            // SAFETY: plain runtime call; no arguments.
            unsafe { rt::mg_capture_begin() };
        }
        // SAFETY: `addr` is an export entry point `void (const i64 *, i64 *)` emitted by codegen
        // (or by `ir_exports`); `slots` holds one slot per parameter, checked against the signature.
        unsafe {
            let f: ExportFn = std::mem::transmute::<usize, ExportFn>(addr);
            f(slots.as_ptr(), &mut out);
        }
        if self.capture {
            self.collect_output();
        }
        // SAFETY: takes ownership of the pending exception, if any; released below.
        let exc = unsafe { rt::mg_take_exception() };
        if !exc.is_null() {
            // SAFETY: `exc` is a live exception object the runtime just handed over.
            let err = unsafe { read_exception(exc) };
            // SAFETY: released once, after reading.
            unsafe { rt::mg_exc_release(exc) };
            return (Err(ExecError::Exception(err)), None, false);
        }
        let same = if reflect && ret.is_heap() { slots.iter().position(|&slot| slot == out) } else { None };
        // SAFETY: `out` is a live value of type `ret`, owning one reference.
        let shared = reflect && same.is_none() && ret.is_heap() && unsafe { shared_container(out, ret) };
        // SAFETY: the export returned a slot of type `ret`, owning one reference if it is an object.
        let value = unsafe { from_slot(out, ret) };
        if ret.is_heap() {
            // SAFETY: releases the reference the call returned.
            unsafe { rt::mg_decref(out as *mut std::ffi::c_void) };
        }
        (Ok(value), same, shared)
    }

    fn collect_output(&mut self) {
        let mut len: i64 = 0;
        // SAFETY: ends the capture begun in `invoke`; the buffer is ours to free.
        unsafe {
            let buf = rt::mg_capture_end(&mut len);
            if !buf.is_null() {
                let bytes = std::slice::from_raw_parts(buf as *const u8, len as usize);
                self.output.push_str(&String::from_utf8_lossy(bytes));
                rt::mg_free(buf as *mut std::ffi::c_void);
            }
        }
    }

    /// A runtime object (new reference) or scalar slot for `value`, which matches `ty`.
    fn to_slot(&mut self, value: &Value, ty: &Ty) -> u64 {
        // SAFETY: runtime constructors with valid arguments; type descriptors live as long as `self`.
        unsafe {
            match (value, ty.kind()) {
                (Value::Int(v), _) => *v as u64,
                (Value::Float(v), _) => v.to_bits(),
                (Value::Bool(b), _) => *b as u64,
                (Value::None, _) => 0,
                (Value::Str(s), _) => rt::mg_str_from(s.as_ptr() as *const c_char, s.len() as i64) as u64,
                (Value::List(items), TyKind::List(elem)) => {
                    let list = rt::mg_list_new(self.type_desc(ty), items.len() as i64);
                    for item in items {
                        let slot = self.to_slot(item, elem);
                        rt::mg_list_append(list, slot);
                        release(slot, elem);
                    }
                    list as u64
                }
                (Value::Set(items), TyKind::Set(elem)) => {
                    let set = rt::mg_set_new(self.type_desc(ty));
                    for item in items {
                        let slot = self.to_slot(item, elem);
                        rt::mg_set_add(set, slot);
                        release(slot, elem);
                    }
                    set as u64
                }
                (Value::Dict(pairs), TyKind::Dict(k, v)) => {
                    let dict = rt::mg_dict_new(self.type_desc(ty));
                    for (key, val) in pairs {
                        let ks = self.to_slot(key, k);
                        let vs = self.to_slot(val, v);
                        rt::mg_dict_set(dict, ks, vs);
                        release(ks, k);
                        release(vs, v);
                    }
                    dict as u64
                }
                _ => 0,
            }
        }
    }

    fn type_desc(&mut self, ty: &Ty) -> *const rt::MgType {
        if let Some(desc) = self.types.get(ty) {
            return desc.0;
        }
        let (a, b) = match ty.kind() {
            TyKind::List(e) | TyKind::Set(e) => (self.type_desc(e), std::ptr::null()),
            TyKind::Dict(k, v) => (self.type_desc(k), self.type_desc(v)),
            _ => (std::ptr::null(), std::ptr::null()),
        };
        // SAFETY: `a` and `b` are null or descriptors owned by `self.types`, which outlive this one.
        let desc = unsafe { rt::mg_type_new(crate::codegen::consts::type_kind(ty), a, b) };
        self.types.insert(*ty, TypeDesc(desc));
        desc
    }
}

/// Compiles and runs a Python file as a program (`multigen run` without the process):
/// returns its exit status; uncaught exceptions print their traceback to stderr.
pub fn jit_compile_and_run(path: &Path, args: &[String]) -> Result<i32, ExecError> {
    let text = std::fs::read_to_string(path).map_err(|e| ExecError::Io { path: path.display().to_string(), message: e.to_string() })?;
    let file = SourceFile::new(path.display().to_string(), text);
    let ctx = Context::create();
    let options = Options { opt: OptLevel::Quick, ..Options::default() };
    let module = driver::compile(&ctx, &file, &options, &mut Timings::default()).map_err(|err| match err {
        CompileError::Diagnostics(diags) => ExecError::Compile(diags.iter().map(|d| d.render(&file, false)).collect()),
        CompileError::Codegen(err) => ExecError::Jit(err.to_string()),
    })?;
    let compiled = crate::jit::compile(module, OptLevel::Quick).map_err(|e| ExecError::Jit(e.to_string()))?;
    let mut argv = vec![path.display().to_string()];
    argv.extend(args.iter().cloned());
    let _lock = runtime_lock();
    crate::jit::run_main(&compiled, &argv).map_err(|e| ExecError::Jit(e.to_string()))
}

fn value_matches(value: &Value, ty: &Ty) -> bool {
    match (value, ty.kind()) {
        (Value::Int(_), TyKind::Int) | (Value::Float(_), TyKind::Float) | (Value::Bool(_), TyKind::Bool) | (Value::None, TyKind::None) | (Value::Str(_), TyKind::Str) => true,
        (Value::List(items), TyKind::List(e)) | (Value::Set(items), TyKind::Set(e)) => items.iter().all(|i| value_matches(i, e)),
        (Value::Dict(pairs), TyKind::Dict(k, v)) => pairs.iter().all(|(a, b)| value_matches(a, k) && value_matches(b, v)),
        _ => false,
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::None => "None".into(),
        Value::Int(_) => "int".into(),
        Value::Float(_) => "float".into(),
        Value::Bool(_) => "bool".into(),
        Value::Str(_) => "str".into(),
        Value::List(items) => format!("list[{}]", items.first().map_or("?".into(), describe)),
        Value::Set(items) => format!("set[{}]", items.first().map_or("?".into(), describe)),
        Value::Dict(pairs) => pairs.first().map_or("dict[?, ?]".into(), |(k, v)| format!("dict[{}, {}]", describe(k), describe(v))),
        Value::Tuple(items) => format!("tuple[{}]", items.iter().map(describe).collect::<Vec<_>>().join(", ")),
    }
}

/// Whether the runtime value `slot` of type `ty` equals `value` (which matches `ty`), item by
/// item in order, without building a [`Value`]: a float compares by its bits.
///
/// # Safety
/// `slot` must hold a live value of type `ty`.
unsafe fn same_value(slot: u64, ty: &Ty, value: &Value) -> bool {
    // SAFETY: per the contract, the objects are live and of the types the accessors take.
    unsafe {
        match (ty.kind(), value) {
            (TyKind::Int, Value::Int(v)) => slot as i64 == *v,
            (TyKind::Float, Value::Float(v)) => slot == v.to_bits(),
            (TyKind::Bool, Value::Bool(v)) => (slot & 1 != 0) == *v,
            (TyKind::None, Value::None) => true,
            (TyKind::Str, Value::Str(v)) => {
                let s = slot as *const rt::MgStr;
                std::slice::from_raw_parts(rt::mg_str_data(s) as *const u8, rt::mg_str_len_bytes(s) as usize) == v.as_bytes()
            }
            (TyKind::List(elem), Value::List(items)) => {
                let l = slot as *const rt::MgList;
                rt::mg_list_len(l) as usize == items.len() && items.iter().enumerate().all(|(i, item)| same_value(rt::mg_list_get(l, i as i64), elem, item))
            }
            (TyKind::Set(elem), Value::Set(items)) => {
                let s = slot as *const rt::MgSet;
                let mut pos = rt::mg_set_next(s, 0);
                for item in items {
                    if pos < 0 || !same_value(rt::mg_set_entry_key(s, pos), elem, item) {
                        return false;
                    }
                    pos = rt::mg_set_next(s, pos + 1);
                }
                pos < 0
            }
            (TyKind::Dict(k, v), Value::Dict(pairs)) => {
                let d = slot as *const rt::MgDict;
                let mut pos = rt::mg_dict_next(d, 0);
                for (key, val) in pairs {
                    if pos < 0 || !same_value(rt::mg_dict_entry_key(d, pos), k, key) || !same_value(rt::mg_dict_entry_value(d, pos), v, val) {
                        return false;
                    }
                    pos = rt::mg_dict_next(d, pos + 1);
                }
                pos < 0
            }
            _ => false,
        }
    }
}

/// Whether container `slot` (of type `ty`), or a container inside it, has a reference other
/// than its owner's: something the host would copy that compiled code still holds.
///
/// # Safety
/// `slot` must hold a live value of type `ty`.
unsafe fn shared_container(slot: u64, ty: &Ty) -> bool {
    let container = |t: &Ty| matches!(t.kind(), TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_));
    if !container(ty) {
        return false;
    }
    // SAFETY: per the contract, the objects are live and of the types the accessors take.
    unsafe {
        if rt::mg_refcount(slot as *mut std::ffi::c_void) > 1 {
            return true;
        }
        match ty.kind() {
            TyKind::List(elem) if container(elem) => {
                let l = slot as *const rt::MgList;
                (0..rt::mg_list_len(l)).any(|i| shared_container(rt::mg_list_get(l, i), elem))
            }
            TyKind::Dict(_, v) if container(v) => {
                let d = slot as *const rt::MgDict;
                let mut pos = rt::mg_dict_next(d, 0);
                while pos >= 0 {
                    if shared_container(rt::mg_dict_entry_value(d, pos), v) {
                        return true;
                    }
                    pos = rt::mg_dict_next(d, pos + 1);
                }
                false
            }
            _ => false,
        }
    }
}

fn release(slot: u64, ty: &Ty) {
    if ty.is_heap() {
        // SAFETY: `slot` is an object reference this module created and owns.
        unsafe { rt::mg_decref(slot as *mut std::ffi::c_void) };
    }
}

fn release_all(slots: &[u64]) {
    for &slot in slots {
        // SAFETY: each is an object reference `call` created for an argument.
        unsafe { rt::mg_decref(slot as *mut std::ffi::c_void) };
    }
}

/// Reads a runtime value of type `ty` into a Rust value, through the runtime's accessors.
///
/// # Safety
/// `slot` must hold a valid value of type `ty` (for objects, a live object).
unsafe fn from_slot(slot: u64, ty: &Ty) -> Value {
    // SAFETY: per the function's contract, objects are live and of the type the accessors take.
    unsafe {
        match ty.kind() {
            TyKind::Int => Value::Int(slot as i64),
            TyKind::Float => Value::Float(f64::from_bits(slot)),
            TyKind::Bool => Value::Bool(slot & 1 != 0),
            TyKind::None => Value::None,
            TyKind::Str => {
                let s = slot as *const rt::MgStr;
                let bytes = std::slice::from_raw_parts(rt::mg_str_data(s) as *const u8, rt::mg_str_len_bytes(s) as usize);
                Value::Str(String::from_utf8_lossy(bytes).into_owned())
            }
            // Functions taking or returning `tuple[T, ...]` are not exported (`codegen::host_passable`).
            TyKind::List(elem) | TyKind::VarTuple(elem) => {
                let l = slot as *const rt::MgList;
                Value::List((0..rt::mg_list_len(l)).map(|i| from_slot(rt::mg_list_get(l, i), elem)).collect())
            }
            TyKind::Set(elem) => {
                let s = slot as *const rt::MgSet;
                let mut out = Vec::new();
                let mut pos = rt::mg_set_next(s, 0);
                while pos >= 0 {
                    out.push(from_slot(rt::mg_set_entry_key(s, pos), elem));
                    pos = rt::mg_set_next(s, pos + 1);
                }
                Value::Set(out)
            }
            TyKind::Dict(k, v) => {
                let d = slot as *const rt::MgDict;
                let mut out = Vec::new();
                let mut pos = rt::mg_dict_next(d, 0);
                while pos >= 0 {
                    out.push((from_slot(rt::mg_dict_entry_key(d, pos), k), from_slot(rt::mg_dict_entry_value(d, pos), v)));
                    pos = rt::mg_dict_next(d, pos + 1);
                }
                Value::Dict(out)
            }
            TyKind::Optional(inner) if slot == 0 => {
                let _ = inner;
                Value::None
            }
            TyKind::Optional(inner) => match inner.kind() {
                // A one-field box (`tuple[T]`) holds a scalar; an object is itself.
                TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None => from_slot(rt::mg_tuple_item(slot as *const rt::MgTuple, 0), inner),
                _ => from_slot(slot, inner),
            },
            TyKind::Function { .. } => unreachable!("a function value reached the host"),
            // `codegen::host_passable` exports no function whose signature mentions a file.
            TyKind::File | TyKind::Range | TyKind::DictView(..) => unreachable!("a {ty} reached the host"),
            TyKind::Deque(_) | TyKind::Counter(_) => unreachable!("a deque or Counter reached the host"),
            TyKind::Iterator(_) => unreachable!("a generator reached the host"),
            // `emit_exports` exports no function whose signature mentions a class.
            TyKind::Class(c) => unreachable!("an instance of {} reached the host", c.name),
            TyKind::Tuple(fields) => {
                let p = slot as *const rt::MgTuple;
                Value::Tuple(fields.iter().enumerate().map(|(i, f)| from_slot(rt::mg_tuple_item(p, i as i64), f)).collect())
            }
        }
    }
}

/// # Safety
/// `exc` must be a live exception object.
unsafe fn read_exception(exc: *const rt::MgExc) -> PyException {
    let text = |p: *const c_char| if p.is_null() { String::new() } else { unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned() };
    // SAFETY: per the contract, `exc` is live; the accessors only read it.
    unsafe {
        let type_name = text(rt::mg_exc_type_name(exc));
        let message = text(rt::mg_exc_message(exc));
        let n = rt::mg_exc_n_frames(exc);
        let mut traceback = Vec::new();
        for i in (0..n).rev() {
            let (mut file, mut line, mut func, mut src) = (std::ptr::null(), 0, std::ptr::null(), std::ptr::null());
            rt::mg_exc_frame(exc, i, &mut file, &mut line, &mut func, &mut src);
            traceback.push(Frame { file: text(file), line: line as u32, function: text(func), source: text(src) });
        }
        let exit_code = (type_name == "SystemExit").then(|| rt::mg_exc_exit_code(exc));
        PyException { type_name, message, traceback, exit_code }
    }
}

/// A cache entry of [`Executor::add_source_cached`]: the module and its signatures.
fn decode_cached(ctx: &'static Context, payload: &[u8]) -> Option<(Module<'static>, Vec<(String, Signature)>)> {
    let len = u64::from_le_bytes(payload.get(..8)?.try_into().ok()?) as usize;
    let text = std::str::from_utf8(payload.get(8..8 + len)?).ok()?;
    let mut signatures = Vec::new();
    for line in text.lines() {
        let mut parts = line.split('\t');
        let name = parts.next()?.to_string();
        let mut types: Vec<Ty> = parts.map(parse_ty).collect::<Option<_>>()?;
        let ret = types.pop()?;
        signatures.push((name, Signature { params: types, ret }));
    }
    let buffer = MemoryBuffer::create_from_memory_range_copy(&payload[8 + len..], "cached");
    let module = Module::parse_bitcode_from_buffer(&buffer, ctx).ok()?;
    Some((module, signatures))
}

/// A type as `Ty`'s `Display` writes it, for the types a host can pass (`None` for others).
fn parse_ty(text: &str) -> Option<Ty> {
    /// Splits at the commas outside brackets.
    fn split_top(s: &str) -> Vec<&str> {
        let (mut depth, mut start, mut out) = (0, 0, Vec::new());
        for (i, c) in s.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(s[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            }
        }
        out.push(s[start..].trim());
        out
    }
    let text = text.trim();
    if let Some(inner) = text.strip_suffix(" | None") {
        return parse_ty(inner).map(Ty::optional);
    }
    let generic = |prefix: &str| text.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(']'));
    Some(match text {
        "int" => Ty::INT,
        "float" => Ty::FLOAT,
        "bool" => Ty::BOOL,
        "str" => Ty::STR,
        "None" => Ty::NONE,
        "tuple[()]" => Ty::tuple(Vec::new()),
        _ => {
            if let Some(inner) = generic("list[") {
                Ty::list(parse_ty(inner)?)
            } else if let Some(inner) = generic("set[") {
                Ty::set(parse_ty(inner)?)
            } else if let Some(inner) = generic("dict[") {
                let parts = split_top(inner);
                let [k, v] = parts[..] else { return None };
                Ty::dict(parse_ty(k)?, parse_ty(v)?)
            } else if let Some(inner) = generic("tuple[") {
                let parts = split_top(inner);
                match parts[..] {
                    [elem, "..."] => Ty::var_tuple(parse_ty(elem)?),
                    _ => Ty::tuple(parts.iter().map(|p| parse_ty(p)).collect::<Option<_>>()?),
                }
            } else {
                return None;
            }
        }
    })
}

/// `<string>:LINE:COL: error: message` from LLVM's IR parser.
fn ir_error(text: &str) -> ExecError {
    let first = text.lines().next().unwrap_or(text);
    let mut parts = first.splitn(4, ':');
    let (_, line, column, rest) = (parts.next(), parts.next(), parts.next(), parts.next());
    match (line.and_then(|l| l.trim().parse().ok()), column.and_then(|c| c.trim().parse().ok()), rest) {
        (Some(line), Some(column), Some(rest)) => ExecError::InvalidIr { line, column, message: rest.trim().trim_start_matches("error:").trim().to_string() },
        _ => ExecError::InvalidIr { line: 0, column: 0, message: text.trim().to_string() },
    }
}

fn module_functions<'m, 'ctx>(module: &'m Module<'ctx>) -> impl Iterator<Item = inkwell::values::FunctionValue<'ctx>> + 'm {
    std::iter::successors(module.get_first_function(), |f| f.get_next_function())
}

/// Adds export entry points to an IR module for every defined function whose parameters
/// and result are `i64`, `double` or `i1` (or a `void` result).
fn ir_exports(ctx: &'static Context, module: &Module<'static>) -> Result<Vec<(String, Signature)>, ExecError> {
    let scalar = |t: BasicTypeEnum| match t {
        BasicTypeEnum::IntType(i) if i.get_bit_width() == 64 => Some(Ty::INT),
        BasicTypeEnum::IntType(i) if i.get_bit_width() == 1 => Some(Ty::BOOL),
        BasicTypeEnum::FloatType(f) if f == ctx.f64_type() => Some(Ty::FLOAT),
        _ => None,
    };
    let builder = ctx.create_builder();
    let ptr_ty = ctx.ptr_type(AddressSpace::default());
    let i64_ty = ctx.i64_type();
    let mut out = Vec::new();
    let funcs: Vec<_> = module_functions(module).filter(|f| f.count_basic_blocks() > 0).collect();
    for func in funcs {
        let name = func.get_name().to_string_lossy().into_owned();
        if name.starts_with(EXPORT_PREFIX) || func.get_linkage() == inkwell::module::Linkage::Internal {
            continue;
        }
        let fn_ty = func.get_type();
        let params: Option<Vec<Ty>> = fn_ty.get_param_types().into_iter().map(|t| BasicTypeEnum::try_from(t).ok().and_then(scalar)).collect();
        let ret = match fn_ty.get_return_type() {
            None => Some(Ty::NONE),
            Some(t) => scalar(t),
        };
        let (Some(params), Some(ret)) = (params, ret) else { continue };
        let export = module.add_function(&format!("{EXPORT_PREFIX}{name}"), ctx.void_type().fn_type(&[ptr_ty.into(), ptr_ty.into()], false), None);
        let build = || -> Result<(), inkwell::builder::BuilderError> {
            builder.position_at_end(ctx.append_basic_block(export, "entry"));
            let args = export.get_nth_param(0).map(|p| p.into_pointer_value());
            let retp = export.get_nth_param(1).map(|p| p.into_pointer_value());
            let (Some(args), Some(retp)) = (args, retp) else { return Ok(()) };
            let mut call_args = Vec::new();
            for (n, ty) in params.iter().enumerate() {
                // SAFETY (of the generated code): one slot per parameter.
                let p = unsafe { builder.build_in_bounds_gep(i64_ty, args, &[i64_ty.const_int(n as u64, false)], "arg.p")? };
                let slot = builder.build_load(i64_ty, p, "arg")?.into_int_value();
                let v: inkwell::values::BasicValueEnum = match *ty {
                    Ty::FLOAT => builder.build_bit_cast(slot, ctx.f64_type(), "f")?,
                    Ty::BOOL => builder.build_int_truncate(slot, ctx.bool_type(), "b")?.into(),
                    _ => slot.into(),
                };
                call_args.push(v.into());
            }
            let call = builder.build_call(func, &call_args, "r")?;
            let slot = match (call.try_as_basic_value(), ret) {
                (inkwell::values::ValueKind::Basic(v), Ty::FLOAT) => builder.build_bit_cast(v, i64_ty, "s")?.into_int_value(),
                (inkwell::values::ValueKind::Basic(v), Ty::BOOL) => builder.build_int_z_extend(v.into_int_value(), i64_ty, "s")?,
                (inkwell::values::ValueKind::Basic(v), _) => v.into_int_value(),
                _ => i64_ty.const_zero(),
            };
            builder.build_store(retp, slot)?;
            builder.build_return(None)?;
            Ok(())
        };
        build().map_err(|e| ExecError::Jit(e.to_string()))?;
        let _ = AnyTypeEnum::from(fn_ty);
        out.push((name, Signature { params, ret }));
    }
    Ok(out)
}
