//! Compiles the C runtime twice with clang-19 (see runtime/mg_runtime.c):
//! - `mg_runtime_hot.bc`: LLVM bitcode of the hot helpers, which codegen links into every module;
//! - `mg_runtime.o` / `libmg_runtime.a`: the whole runtime as native code, linked into multigen
//!   (the JIT maps generated code's references to it) and embedded for AOT linking.
//!
//! The bitcode must come from the same LLVM (19) that codegen uses: we call clang-19.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // A position-dependent executable: the statically linked LLVM holds ~100k pointers that a
    // PIE would relocate at every start.
    println!("cargo:rustc-link-arg-bins=-no-pie");
    let src = Path::new("runtime/mg_runtime.c");
    println!("cargo:rerun-if-changed=runtime");
    println!("cargo:rerun-if-env-changed=MULTIGEN_CLANG");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let clang = clang_path();
    let common = [
        "-O2",
        "-c",
        "-std=c11",
        "-fPIC",
        // Python floats never fuse a*b+c: contraction would change printed results.
        "-ffp-contract=off",
        "-fno-math-errno",
        "-fno-stack-protector",
        "-Wall",
        "-Werror",
        "--target=x86_64-pc-linux-gnu",
    ];
    let bitcode = out_dir.join("mg_runtime_hot.bc");
    run(Command::new(&clang).args(common).args(["-emit-llvm", "-DMG_HOT_ONLY", "-o"]).arg(&bitcode).arg(src), &clang);
    let object = out_dir.join("mg_runtime.o");
    run(Command::new(&clang).args(common).arg("-o").arg(&object).arg(src), &clang);
    let archive = out_dir.join("libmg_runtime.a");
    let _ = std::fs::remove_file(&archive);
    let ar = if Path::new("/usr/lib/llvm-19/bin/llvm-ar").exists() { "/usr/lib/llvm-19/bin/llvm-ar" } else { "ar" };
    run(Command::new(ar).arg("crs").arg(&archive).arg(&object), ar);
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    // Whole archive and exported: the JIT looks runtime symbols up in this process by name.
    println!("cargo:rustc-link-lib=static:+whole-archive=mg_runtime");
    println!("cargo:rustc-link-arg-bins=-Wl,--export-dynamic-symbol=mg_*");
}

fn run(cmd: &mut Command, what: &str) {
    let status = cmd.status().unwrap_or_else(|err| panic!("cannot run {what}: {err}; install clang-19 (make deps)"));
    assert!(status.success(), "{what} failed while building the runtime");
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
