//! The host target machine and the optimisation pipeline.

use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine};
use inkwell::OptimizationLevel;

use crate::codegen::CodegenError;

/// `-O0` … `-O3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OptLevel {
    /// What `multigen run` uses without `-O`: a short pipeline (SROA, instcombine, inlining,
    /// CSE) that gets most of -O2's speed for a third of its compile time, so that small
    /// programs start fast.  Measured on bench_fibonacci: see docs/benchmarks.md.
    Quick,
    O0,
    O1,
    #[default]
    O2,
    O3,
}

impl OptLevel {
    pub fn llvm(self) -> OptimizationLevel {
        match self {
            OptLevel::O0 => OptimizationLevel::None,
            // Machine-code generation dominates small programs' start-up; fast instruction
            // selection halves it and costs less than it saves (docs/benchmarks.md).
            OptLevel::Quick => OptimizationLevel::None,
            OptLevel::O1 => OptimizationLevel::Less,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        }
    }

    fn pipeline(self) -> &'static str {
        match self {
            // `globaldce` first drops the runtime functions the program does not use (they are
            // internal after linking), so the main pipeline only optimises live code.
            OptLevel::O0 => "globaldce,default<O0>",
            OptLevel::Quick => "globaldce,function(sroa,instcombine<no-verify-fixpoint>,simplifycfg),cgscc(inline),function(sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg)",
            OptLevel::O1 => "globaldce,default<O1>",
            OptLevel::O2 => "globaldce,default<O2>",
            OptLevel::O3 => "globaldce,default<O3>",
        }
    }
}

/// A target machine for the host CPU with all its features, position-independent
/// so that AOT objects link into PIE executables.
pub fn host_machine(level: OptLevel) -> Result<TargetMachine, CodegenError> {
    Target::initialize_native(&InitializationConfig::default()).map_err(CodegenError::Target)?;
    let triple = TargetMachine::get_default_triple();
    let target = Target::from_triple(&triple).map_err(|e| CodegenError::Target(e.to_string()))?;
    let cpu = TargetMachine::get_host_cpu_name();
    let features = TargetMachine::get_host_cpu_features();
    target
        .create_target_machine(
            &triple,
            cpu.to_str().unwrap_or("x86-64"),
            features.to_str().unwrap_or(""),
            level.llvm(),
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| CodegenError::Target(format!("no target machine for {}", triple.as_str().to_string_lossy())))
}

/// Runs LLVM's new-pass-manager pipeline `default<On>`.
pub fn optimize(module: &Module, machine: &TargetMachine, level: OptLevel) -> Result<(), CodegenError> {
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    let options = PassBuilderOptions::create();
    options.set_verify_each(cfg!(debug_assertions));
    module.run_passes(level.pipeline(), machine, options).map_err(|e| CodegenError::Internal(format!("optimisation failed: {e}")))
}
