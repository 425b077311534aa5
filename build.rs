//! Compiles the C runtime to LLVM bitcode, which `src/codegen/runtime.rs` embeds.
//!
//! The runtime is linked into every generated module before optimisation, so it
//! must be bitcode for the same LLVM (19) that codegen uses: we call clang-19.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // A position-dependent executable: the statically linked LLVM holds ~100k pointers that a
    // PIE would relocate at every start (about 7 ms of the 20 ms budget of `multigen run`).
    println!("cargo:rustc-link-arg-bins=-no-pie");
    let src = Path::new("runtime/mg_runtime.c");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-env-changed=MULTIGEN_CLANG");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("mg_runtime.bc");
    let clang = clang_path();
    let status = Command::new(&clang)
        .args([
            "-O2",
            "-c",
            "-emit-llvm",
            "-std=c11",
            "-fPIC",
            // Python floats never fuse a*b+c: contraction would change printed results.
            "-ffp-contract=off",
            "-fno-math-errno",
            "-fno-stack-protector",
            "-Wall",
            "-Werror",
            "--target=x86_64-pc-linux-gnu",
            "-o",
        ])
        .arg(&out)
        .arg(src)
        .status()
        .unwrap_or_else(|err| panic!("cannot run {clang}: {err}; install clang-19 (make deps)"));
    assert!(status.success(), "{clang} failed to compile the runtime");
}

fn clang_path() -> String {
    if let Ok(path) = std::env::var("MULTIGEN_CLANG") {
        return path;
    }
    for candidate in ["/usr/lib/llvm-19/bin/clang", "/usr/bin/clang-19"] {
        if Path::new(candidate).exists() {
            return candidate.to_string();
        }
    }
    "clang-19".to_string()
}
