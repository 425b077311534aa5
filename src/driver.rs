//! The library API: source text in, LLVM module (and then a run or an
//! executable) out, with per-phase timing.  `cli` is a thin layer over this;
//! tests use it too.

use std::time::{Duration, Instant};

use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::values::InstructionOpcode;
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
}

impl Default for Options {
    fn default() -> Self {
        Options { opt: OptLevel::default(), is_main: true, exports: false }
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
    let module = timings.time("parse", || syntax::parse(file))?;
    timings.time("check", || crate::check::check_as(&module, file, is_main))
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
    let module = codegen::emit(ctx, &program, &mir, file, options.exports)?;
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
