//! Ahead-of-time compilation: object code from LLVM's TargetMachine, in
//! process, then the system C compiler driver (`cc`) as linker; and the other files
//! `build --emit` writes (LLVM IR, bitcode, assembly).

use std::path::{Path, PathBuf};
use std::process::Command;

use inkwell::module::Module;
use inkwell::targets::{FileType, TargetMachine};
use thiserror::Error;

use crate::codegen::runtime::RUNTIME_ARCHIVE;

#[derive(Debug, Error)]
pub enum AotError {
    #[error("LLVM could not emit object code: {0}")]
    Emit(String),
    #[error("cannot write {path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
    #[error("cannot run the linker `{linker}`: {err} (install a C toolchain: `apt-get install gcc`)")]
    LinkerMissing { linker: String, err: std::io::Error },
    #[error("linking failed:\n{0}")]
    Link(String),
}

/// A file `build --emit` writes from the optimised module, besides the executable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// LLVM IR text (`.ll`).
    LlvmIr,
    /// LLVM bitcode (`.bc`).
    LlvmBc,
    /// Assembly (`.s`).
    Asm,
    /// Object code (`.o`): see `object_code`.
    Obj,
}

impl Artifact {
    pub fn extension(self) -> &'static str {
        match self {
            Artifact::LlvmIr => "ll",
            Artifact::LlvmBc => "bc",
            Artifact::Asm => "s",
            Artifact::Obj => "o",
        }
    }
}

/// Writes `module`'s IR text, bitcode or assembly at `path` (object code: `object_code`).
/// The module is left as it was: code generation rewrites the IR it runs on (LLVM's
/// CodeGenPrepare and the like), so assembly is made from a copy, as rustc does, and the
/// object code made afterwards from the module itself is that of a plain build.
pub fn write_artifact(module: &Module, machine: &TargetMachine, artifact: Artifact, path: &Path) -> Result<(), AotError> {
    let io = |err: std::io::Error| AotError::Io { path: path.to_path_buf(), err };
    match artifact {
        Artifact::LlvmIr => module.print_to_file(path).map_err(|e| io(std::io::Error::other(e.to_string()))),
        Artifact::LlvmBc => {
            if module.write_bitcode_to_path(path) {
                Ok(())
            } else {
                Err(io(std::io::Error::other("LLVM could not write the bitcode")))
            }
        }
        Artifact::Asm => {
            let copy = module.clone();
            machine.write_to_file(&copy, FileType::Assembly, path).map_err(|e| io(std::io::Error::other(e.to_string())))
        }
        Artifact::Obj => std::fs::write(path, object_code(module, machine)?).map_err(io),
    }
}

/// The object code of `module`, which code generation leaves changed: make it last.
pub fn object_code(module: &Module, machine: &TargetMachine) -> Result<Vec<u8>, AotError> {
    let object = machine.write_to_memory_buffer(module, FileType::Object).map_err(|e| AotError::Emit(e.to_string()))?;
    Ok(object.as_slice().to_vec())
}

/// Writes an executable at `output` for `module`.  The object file lives in a
/// temporary directory that is removed afterwards.
pub fn build_executable(module: &Module, machine: &TargetMachine, output: &Path) -> Result<(), AotError> {
    let object = machine.write_to_memory_buffer(module, FileType::Object).map_err(|e| AotError::Emit(e.to_string()))?;
    link_objects(&[object.as_slice()], output)
}

/// Writes an executable at `output` from object files (the codegen units of one program, in
/// order: `driver::compile_objects`) and the runtime.  The files live in a temporary
/// directory that is removed afterwards.
pub fn link_objects(objects: &[&[u8]], output: &Path) -> Result<(), AotError> {
    let dir = tempfile::Builder::new().prefix("multigen-").tempdir().map_err(|err| AotError::Io { path: std::env::temp_dir(), err })?;
    let mut paths = Vec::with_capacity(objects.len() + 1);
    for (idx, object) in objects.iter().enumerate() {
        let obj_path = dir.path().join(if objects.len() == 1 { "program.o".to_string() } else { format!("program{idx}.o") });
        std::fs::write(&obj_path, object).map_err(|err| AotError::Io { path: obj_path.clone(), err })?;
        paths.push(obj_path);
    }
    // After the program's objects: the linker takes from the archive what the program needs.
    let runtime_path = dir.path().join("libmg_runtime.a");
    std::fs::write(&runtime_path, RUNTIME_ARCHIVE).map_err(|err| AotError::Io { path: runtime_path.clone(), err })?;
    paths.push(runtime_path);
    link(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>(), output)
}

fn link(objects: &[&Path], output: &Path) -> Result<(), AotError> {
    let linker = std::env::var("MULTIGEN_LINKER").unwrap_or_else(|_| "cc".to_string());
    let result = Command::new(&linker).args(objects).arg("-o").arg(output).arg("-lm").output();
    let out = result.map_err(|err| AotError::LinkerMissing { linker: linker.clone(), err })?;
    if !out.status.success() {
        return Err(AotError::Link(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    Ok(())
}
