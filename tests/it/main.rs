//! Integration tests: they drive the `multigen` binary the way users do.
//!
//! - `corpus`: every `tests/corpus/run/*.py` in JIT and AOT mode against CPython's recorded output;
//! - `reject`: every `tests/corpus/reject/*.py` is refused at the recorded line (insta snapshots);
//! - `cli`: the verbs, their `--help`, `convert` output and IR input;
//! - `robustness`: malformed input gives diagnostics, never a panic;
//! - `mir`: the mid-level IR of small programs (snapshots);
//! - `mir_verify`, `mir_codegen`: the MIR verifier and the MIR → LLVM translator on
//!   hand-built bodies (`mir_build` has the constructors);
//! - `gc`: the cycle collector, through the runtime's statistics and its stress mode;
//! - `emit`: `build --emit` and the files it writes;
//! - `output_format`: `--output-format json|github` diagnostics;
//! - `modules`: programs of several files and packages, run and built, and refused;
//! - `unicode`: str methods on every code point of a slice of Unicode, against CPython;
//! - `debug`: `-g` under gdb (built executables and the JIT) and `run --perf-map`.

mod alloc;
mod cache;
mod classes;
mod cli;
mod debug;
mod executor;
mod fuzz;
mod gc;
mod mir;
mod mir_build;
mod mir_codegen;
mod mir_verify;
mod corpus;
mod emit;
mod modules;
mod output_format;
mod difftest;
mod reject;
mod robustness;
mod unicode;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary, with its compile cache in the test target's scratch directory.
pub fn multigen() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_multigen"));
    cmd.env("XDG_CACHE_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"));
    cmd
}

pub fn corpus_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(kind)
}

/// The `.py` files of a corpus folder, sorted.
pub fn programs(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir(kind))
        .expect("corpus folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
