//! The library API: source text in, LLVM module (and then a run or an
//! executable) out, with per-phase timing.  `cli` is a thin layer over this;
//! tests use it too.

use std::time::{Duration, Instant};

use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::values::{BasicValue, InstructionOpcode};
use thiserror::Error;

use crate::codegen::target::{self, OptLevel};
use crate::codegen::{self, CodegenError};
use crate::diagnostics::Diagnostic;
use crate::mir;
use crate::syntax::{self, SourceFile};

#[derive(Debug, Error)]
pub enum CompileError {
    /// The program is not valid or not in the subset; render with `Diagnostic::render`.
    #[error("{} error(s) in the program", .0.len())]
    Diagnostics(Vec<Diagnostic>),
    #[error(transparent)]
    Codegen(#[from] CodegenError),
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub opt: OptLevel,
    /// Whether the module runs as `__main__` (see `check::check_as`).
    pub is_main: bool,
    /// Whether to add host entry points for every function (`codegen::EXPORT_PREFIX`).
    pub exports: bool,
    /// Whether to emit DWARF debug info (`-g`, `codegen::debug`).
    pub debug: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { opt: OptLevel::default(), is_main: true, exports: false, debug: false }
    }
}

/// Wall time of each compiler phase, in order; with `count` set, also the size of the
/// module codegen emits (before the runtime is linked in and before any optimisation).
#[derive(Debug, Default)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
    pub count: bool,
    pub counts: Vec<(&'static str, u64)>,
}

impl Timings {
    /// Runs `f` and records its duration under `phase`.
    pub fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let res = f();
        self.phases.push((phase, start.elapsed()));
        res
    }

    pub fn total(&self) -> Duration {
        self.phases.iter().map(|(_, d)| *d).sum()
    }

    /// A table like `rustc -Z time-passes`: one phase a line, then the total.
    pub fn report(&self) -> String {
        let mut out = String::from("phase        time (ms)\n");
        for (phase, d) in &self.phases {
            out.push_str(&format!("{phase:<12} {:>9.3}\n", d.as_secs_f64() * 1e3));
        }
        out.push_str(&format!("{:<12} {:>9.3}\n", "total", self.total().as_secs_f64() * 1e3));
        for (what, n) in &self.counts {
            out.push_str(&format!("{what}: {n}\n"));
        }
        out
    }
}

/// Instructions, reference-count calls and exception tests in a module's functions.
fn count_emitted(module: &Module, counts: &mut Vec<(&'static str, u64)>) {
    let (mut insts, mut refcounts, mut exc_tests) = (0u64, 0u64, 0u64);
    let mut f = module.get_first_function();
    while let Some(func) = f {
        for bb in func.get_basic_block_iter() {
            let mut i = bb.get_first_instruction();
            while let Some(inst) = i {
                insts += 1;
                // The callee is a call's last operand; a load's address its first.
                let named = |idx: u32| -> Option<String> {
                    let inkwell::values::Operand::Value(op) = inst.get_operand(idx)? else { return None };
                    op.is_pointer_value().then(|| op.into_pointer_value().get_name().to_string_lossy().into_owned())
                };
                match inst.get_opcode() {
                    InstructionOpcode::Call if named(inst.get_num_operands().saturating_sub(1)).is_some_and(|n| n == "mg_incref" || n.starts_with("mg_decref")) => refcounts += 1,
                    InstructionOpcode::Load if named(0).is_some_and(|n| n == "mg_current_exc") => exc_tests += 1,
                    _ => {}
                }
                i = inst.get_next_instruction();
            }
        }
        f = func.get_next_function();
    }
    counts.push(("emitted llvm instructions", insts));
    counts.push(("emitted refcount calls", refcounts));
    counts.push(("emitted exception tests", exc_tests));
}

/// Runs the front end only: parse and check.
pub fn check(file: &SourceFile, timings: &mut Timings) -> Result<crate::check::ir::Program, Vec<Diagnostic>> {
    check_as(file, true, timings)
}

fn check_as(file: &SourceFile, is_main: bool, timings: &mut Timings) -> Result<crate::check::ir::Program, Vec<Diagnostic>> {
    let mut modules = timings.time("parse", || syntax::program::parse_modules(file))?;
    timings.time("check", || {
        let linked = crate::check::modules::link(&mut modules, file)?;
        crate::check::check_modules(&modules, &linked.order, file, is_main)
    })
}

/// The front end and the mid-level IR with its passes (`multigen convert -t mir`).
pub fn mir(file: &SourceFile, timings: &mut Timings) -> Result<crate::mir::Module, Vec<Diagnostic>> {
    let program = check_as(file, true, timings)?;
    Ok(build_mir(&program, file))
}

/// Lowers a checked program to MIR and runs the MIR passes.
fn build_mir(program: &crate::check::ir::Program, file: &SourceFile) -> mir::Module {
    let mut m = mir::lower::lower(program, file);
    mir::passes::run_passes(&mut m);
    m
}

/// Parse, check, codegen, runtime link and optimisation: a module ready to JIT or emit.
pub fn compile<'ctx>(ctx: &'ctx Context, file: &SourceFile, options: &Options, timings: &mut Timings) -> Result<Module<'ctx>, CompileError> {
    compile_program(ctx, file, options, timings).map(|(module, _)| module)
}

/// Like `compile`, also returning the checked program (its signatures).
pub fn compile_program<'ctx>(ctx: &'ctx Context, file: &SourceFile, options: &Options, timings: &mut Timings) -> Result<(Module<'ctx>, crate::check::ir::Program), CompileError> {
    compile_program_with(ctx, file, options, timings, &|_, _| {})
}

/// Like `compile_program`, with `edit` applied to the MIR after the passes: how tests
/// replace a lowered body by a hand-built one.  The MIR is verified (`mir::verify`) in
/// debug builds; a failure is a compiler bug.
#[doc(hidden)]
pub fn compile_program_with<'ctx>(
    ctx: &'ctx Context,
    file: &SourceFile,
    options: &Options,
    timings: &mut Timings,
    edit: &dyn Fn(&crate::check::ir::Program, &mut mir::Module),
) -> Result<(Module<'ctx>, crate::check::ir::Program), CompileError> {
    let program = check_as(file, options.is_main, timings).map_err(CompileError::Diagnostics)?;
    let mut mir = timings.time("mir", || build_mir(&program, file));
    edit(&program, &mut mir);
    if cfg!(debug_assertions) {
        mir::verify::verify(&mir).map_err(|e| CodegenError::Internal(format!("MIR verification failed: {e}")))?;
    }
    let start = Instant::now();
    let module = codegen::emit(ctx, &program, &mir, file, options.exports, options.debug)?;
    codegen::verify(&module)?;
    let mut codegen_time = start.elapsed();
    if timings.count {
        count_emitted(&module, &mut timings.counts);
    }
    let start = Instant::now();
    codegen::link_runtime(ctx, &module)?;
    codegen_time += start.elapsed();
    timings.phases.push(("codegen", codegen_time));
    let machine = target::host_machine(options.opt)?;
    timings.time("optimize", || target::optimize(&module, &machine, options.opt))?;
    Ok((module, program))
}

/// What `multigen build` links: parse, check, MIR, then codegen, runtime link, optimisation
/// and object code for each codegen unit (`codegen::units`), in unit order.  A program is
/// split into `units` units (default: `units::default_count`, one for all but large
/// programs); units are compiled on up to `available_parallelism` threads, each with an
/// LLVM context of its own.  A program of one unit is compiled exactly as `compile` does.
/// With several units, `timings` gets the phases of the busiest thread (its units' sums).
pub fn compile_objects(file: &SourceFile, options: &Options, units: Option<usize>, timings: &mut Timings) -> Result<Vec<Vec<u8>>, CompileError> {
    compile_objects_cached(file, options, units, None, timings)
}

/// `compile_objects`, keeping each unit's object code in the compile cache `cache` (a
/// directory, see `cache::object_path`) under a key of its LLVM module before the runtime
/// is linked in and anything is optimised: a unit whose module came out the same skips
/// optimisation and code generation.  A program of several modules is split by module
/// (`units::split_by_module`), so the modules that did not change hit the cache.
pub fn compile_objects_cached(file: &SourceFile, options: &Options, units: Option<usize>, cache: Option<&std::path::Path>, timings: &mut Timings) -> Result<Vec<Vec<u8>>, CompileError> {
    let program = check_as(file, options.is_main, timings).map_err(CompileError::Diagnostics)?;
    let mir = timings.time("mir", || build_mir(&program, file));
    if cfg!(debug_assertions) {
        mir::verify::verify(&mir).map_err(|e| CodegenError::Internal(format!("MIR verification failed: {e}")))?;
    }
    let units = match units {
        None if file.segments.len() > 1 => codegen::units::split_by_module(&mir, &module_of_bodies(&mir, file)),
        _ => codegen::units::split(&mir, units.unwrap_or_else(|| codegen::units::default_count(&mir))),
    };
    let count_emitted = timings.count;
    let job = |unit: Option<&codegen::units::Unit>| compile_unit(&program, &mir, file, options, unit, count_emitted, cache);
    let results: Vec<Result<UnitOutput, CodegenError>> = if units.len() == 1 {
        vec![job(None)]
    } else {
        // Set LLVM's targets up once, before the threads create their target machines.
        target::host_machine(options.opt)?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(units.len());
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done: std::sync::Mutex<Vec<Option<Result<UnitOutput, CodegenError>>>> = std::sync::Mutex::new((0..units.len()).map(|_| None).collect());
        let busiest = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    std::thread::Builder::new().stack_size(UNIT_STACK_SIZE).spawn_scoped(scope, || {
                        let mut spent = [Duration::ZERO; 3];
                        loop {
                            let idx = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(unit) = units.get(idx) else { break };
                            let result = job(Some(unit));
                            if let Ok(out) = &result {
                                for (total, d) in spent.iter_mut().zip(out.phases) {
                                    *total += d;
                                }
                            }
                            done.lock().unwrap_or_else(|e| e.into_inner())[idx] = Some(result);
                        }
                        spent
                    })
                })
                .collect::<Result<_, _>>()
                .map_err(|e| CodegenError::Internal(format!("cannot start a codegen thread: {e}")))?;
            let spent: Vec<[Duration; 3]> = workers.into_iter().map(|w| w.join().map_err(|_| CodegenError::Internal("a codegen thread panicked".into()))).collect::<Result<_, _>>()?;
            Ok::<_, CodegenError>(spent.into_iter().max_by_key(|s| s.iter().sum::<Duration>()).unwrap_or_default())
        })?;
        // The busiest thread's phases: their sum is the wall time of the parallel part.
        timings.phases.extend(UNIT_PHASES.into_iter().zip(busiest));
        let results = done.into_inner().unwrap_or_else(|e| e.into_inner());
        results.into_iter().map(|r| r.unwrap_or_else(|| Err(CodegenError::Internal("a codegen unit was not compiled".into())))).collect()
    };
    let n_units = results.len() as u64;
    let mut from_cache = 0;
    let mut objects = Vec::with_capacity(results.len());
    let mut counts: Vec<(&'static str, u64)> = Vec::new();
    for result in results {
        let out = result?;
        if n_units == 1 {
            timings.phases.extend(UNIT_PHASES.into_iter().zip(out.phases));
        }
        for (what, n) in out.counts {
            match counts.iter_mut().find(|(w, _)| *w == what) {
                Some((_, total)) => *total += n,
                None => counts.push((what, n)),
            }
        }
        from_cache += out.cached as u64;
        objects.push(out.object);
    }
    timings.counts.extend(counts);
    if count_emitted {
        timings.counts.push(("codegen units", n_units));
    }
    if cache.is_some() {
        timings.counts.push(("codegen units from the cache", from_cache));
    }
    Ok(objects)
}

/// Stack of each codegen thread: LLVM recurses over large functions (reserved, not touched).
const UNIT_STACK_SIZE: usize = 256 << 20;

/// The phases of a codegen unit, in order.
const UNIT_PHASES: [&str; 3] = ["codegen", "optimize", "emit"];

/// A codegen unit's object code, the time of its phases, and what codegen emitted for it.
struct UnitOutput {
    object: Vec<u8>,
    /// Whether the object came from the compile cache.
    cached: bool,
    /// The time of each of `UNIT_PHASES`.
    phases: [Duration; 3],
    counts: Vec<(&'static str, u64)>,
}

/// Codegen, runtime link, optimisation and object code for one unit (`None`: the whole
/// program), in an LLVM context of its own.
#[allow(clippy::too_many_arguments)]
fn compile_unit(
    program: &crate::check::ir::Program,
    mir: &mir::Module,
    file: &SourceFile,
    options: &Options,
    unit: Option<&codegen::units::Unit>,
    count: bool,
    cache: Option<&std::path::Path>,
) -> Result<UnitOutput, CodegenError> {
    let ctx = Context::create();
    let start = Instant::now();
    let module = codegen::emit_unit(&ctx, program, mir, file, options.exports, options.debug, unit)?;
    codegen::verify(&module)?;
    let mut codegen_time = start.elapsed();
    let mut counts = Vec::new();
    if count {
        count_emitted(&module, &mut counts);
    }
    let entry = cache.map(|dir| {
        // Declarations of functions and globals of other units that this one does not use
        // (every unit declares them all) would make its text depend on them.
        drop_unused_declarations(&module);
        crate::cache::object_path(dir, module.print_to_string().to_bytes(), options.opt)
    });
    if let Some(object) = entry.as_deref().and_then(crate::cache::read) {
        return Ok(UnitOutput { object, cached: true, phases: [start.elapsed(), Duration::ZERO, Duration::ZERO], counts });
    }
    let start = Instant::now();
    codegen::link_runtime(&ctx, &module)?;
    codegen_time += start.elapsed();
    let machine = target::host_machine(options.opt)?;
    let start = Instant::now();
    target::optimize(&module, &machine, options.opt)?;
    let optimize_time = start.elapsed();
    let start = Instant::now();
    let object = machine.write_to_memory_buffer(&module, inkwell::targets::FileType::Object).map_err(|e| CodegenError::Emit(e.to_string()))?;
    let object = object.as_slice().to_vec();
    if let Some(entry) = &entry {
        crate::cache::write(entry, &object);
    }
    let emit_time = start.elapsed();
    Ok(UnitOutput { object, cached: false, phases: [codegen_time, optimize_time, emit_time], counts })
}

fn drop_unused_declarations(module: &Module<'_>) {
    let mut f = module.get_first_function();
    while let Some(func) = f {
        f = func.get_next_function();
        if func.count_basic_blocks() == 0 && func.as_global_value().as_pointer_value().get_first_use().is_none() {
            // SAFETY: a declaration nothing uses; no value refers to it.
            unsafe { func.delete() };
        }
    }
    let mut g = module.get_first_global();
    while let Some(global) = g {
        g = global.get_next_global();
        if global.is_declaration() && global.as_pointer_value().get_first_use().is_none() {
            // SAFETY: as above.
            unsafe { global.delete() };
        }
    }
}

/// The module (`SourceFile::segments` index) of each function: that of its lines.
fn module_of_bodies(mir: &mir::Module, file: &SourceFile) -> Vec<usize> {
    mir.bodies
        .iter()
        .map(|body| {
            let line = body.blocks.iter().flat_map(|b| &b.insts).map(|i| i.line).find(|&l| l > 0);
            line.map_or(0, |l| file.segment_index_of_line(l))
        })
        .collect()
}
