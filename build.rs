//! Compiles the C runtime with clang-19.  Each file of [`RUNTIME_UNITS`] is a translation unit
//! of its own (they share declarations through `runtime/mg_internal.h`):
//! - `libmg_runtime.a`: every unit as a native object, linked into multigen (whole archive: the
//!   JIT maps generated code's references to it) and embedded for AOT linking;
//! - `mg_runtime_hot.bc`: LLVM bitcode of [`HOT_UNIT`] alone, the small helpers on hot paths,
//!   which codegen links into every module and internalises so that they inline.
//!
//! The hot helpers are kept in one unit, compiled both ways, rather than spread over the files
//! and linked with llvm-link: the bitcode is then exactly that file, with no preprocessor
//! split, and its functions are defined once in the archive.  A module's internalised copies
//! never clash with those native definitions, in the JIT or in an AOT executable.  The bitcode
//! must define no data (a module would get a private copy of it) and may call only what the
//! runtime exports (the JIT resolves the module's references by name): checked here.
//!
//! It also generates what keeps Rust and C in agreement (`codegen::abi`), so that a mismatch
//! fails the build instead of corrupting memory:
//! - `mg_runtime_fns.h`, the C prototypes of `src/codegen/runtime_fns.rs`, which the runtime
//!   includes (clang refuses a definition that disagrees), and `runtime_ffi.rs`, the executor's
//!   `extern "C"` declarations from the same table; every function listed must be defined;
//! - `abi_layout.rs`, the offsets, sizes and enum values of `runtime/mg_object.h`, printed by
//!   `runtime/mg_layout.c` compiled with the same clang and flags.
//!
//! The bitcode must come from the same LLVM (19) that codegen uses: we call clang-19.

use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(dead_code)]
#[path = "src/codegen/runtime_fns.rs"]
mod runtime_fns;

/// Every translation unit of the runtime, `runtime/NAME.c`: the one list of them.
const RUNTIME_UNITS: &[&str] = &["mg_runtime", "mg_hot", "mg_object", "mg_unicode", "mg_str", "mg_list", "mg_dict", "mg_set", "mg_tuple", "mg_instance", "mg_exc", "mg_format", "mg_strformat", "mg_percent", "mg_gc", "mg_file", "mg_range", "mg_deque", "mg_heapq", "mg_random", "mg_defaultdict", "mg_counter", "mg_gen", "mg_math", "mg_lru", "mg_time"];

/// The unit also compiled to the bitcode that codegen inlines from.
const HOT_UNIT: &str = "mg_hot";

fn main() {
    // A position-dependent executable: the statically linked LLVM holds ~100k pointers that a
    // PIE would relocate at every start.
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rerun-if-changed=runtime");
    println!("cargo:rerun-if-changed=src/codegen/runtime_fns.rs");
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
    let protos = parse_table();
    write_prototypes(&out_dir.join("mg_runtime_fns.h"));
    write_exception_classes(&out_dir.join("mg_exc_classes.h"));
    write_ffi(&protos, &out_dir.join("runtime_ffi.rs"));
    write_layouts(&clang, &out_dir);
    let include = format!("-I{}", out_dir.display());
    let bitcode = out_dir.join("mg_runtime_hot.bc");
    run(Command::new(&clang).args(common).arg(&include).args(["-emit-llvm", "-o"]).arg(&bitcode).arg(format!("runtime/{HOT_UNIT}.c")), &clang);
    let mut objects = Vec::new();
    for unit in RUNTIME_UNITS {
        let object = out_dir.join(format!("{unit}.o"));
        run(Command::new(&clang).args(common).arg(&include).arg("-o").arg(&object).arg(format!("runtime/{unit}.c")), &clang);
        objects.push(object);
    }
    let archive = out_dir.join("libmg_runtime.a");
    let _ = std::fs::remove_file(&archive);
    let ar = llvm_tool("llvm-ar", "ar");
    run(Command::new(&ar).arg("crs").arg(&archive).args(&objects), &ar);
    println!("cargo:rustc-link-search=native={}", out_dir.display());
    println!("cargo:rustc-link-lib=static:+whole-archive=mg_runtime");
    let exported = exported_symbols(&objects);
    write_symbol_table(&exported, &out_dir.join("runtime_symbols.rs"));
    let defined = |name: &str| exported.iter().any(|s| s.name == name);
    let missing: Vec<&str> = protos.iter().map(|p| p.name).filter(|name| !defined(name)).collect();
    assert!(missing.is_empty(), "src/codegen/runtime_fns.rs lists functions the runtime does not define (or hides): {}", missing.join(", "));
    check_hot_bitcode(&bitcode, &defined);
    build_jit_listeners(&out_dir);
}

/// `src/jit_listeners.cpp`, what LLVM's C API lacks for MCJIT (`jit::add_listeners`),
/// compiled against LLVM 19's C++ headers with `llvm-config --cxxflags` (the flags LLVM
/// itself was built with) into `libmg_jit_listeners.a`.
fn build_jit_listeners(out_dir: &Path) {
    println!("cargo:rerun-if-changed=src/jit_listeners.cpp");
    let clangxx = llvm_tool("clang++", "clang++-19");
    let config = llvm_tool("llvm-config", "llvm-config-19");
    let out = Command::new(&config).arg("--cxxflags").output().unwrap_or_else(|err| panic!("cannot run {config}: {err}; install llvm-19-dev (make deps)"));
    assert!(out.status.success(), "{config} --cxxflags failed");
    let flags = String::from_utf8_lossy(&out.stdout).into_owned();
    let object = out_dir.join("mg_jit_listeners.o");
    run(Command::new(&clangxx).args(flags.split_whitespace()).args(["-O2", "-fPIC", "-c", "-o"]).arg(&object).arg("src/jit_listeners.cpp"), &clangxx);
    let archive = out_dir.join("libmg_jit_listeners.a");
    let _ = std::fs::remove_file(&archive);
    let ar = llvm_tool("llvm-ar", "ar");
    run(Command::new(&ar).arg("crs").arg(&archive).arg(&object), &ar);
    println!("cargo:rustc-link-lib=static=mg_jit_listeners");
}

/// Every entry of the shared table, parsed; a malformed or duplicate entry stops the build.
fn parse_table() -> Vec<runtime_fns::Proto<'static>> {
    let mut protos: Vec<runtime_fns::Proto<'static>> = Vec::new();
    for text in runtime_fns::RUNTIME_FNS.iter().chain(runtime_fns::HOST_FNS) {
        let proto = runtime_fns::parse(text).unwrap_or_else(|err| panic!("src/codegen/runtime_fns.rs: {err}"));
        assert!(!protos.iter().any(|p| p.name == proto.name), "src/codegen/runtime_fns.rs lists {} twice", proto.name);
        assert_eq!(runtime_fns::name_of(text), proto.name, "runtime_fns::name_of disagrees with parse on `{text}`");
        protos.push(proto);
    }
    protos
}

/// The C header of the table: one prototype per entry, exactly as written there.
fn write_prototypes(out: &Path) {
    let mut src = String::from("/* Generated by build.rs from src/codegen/runtime_fns.rs. Do not edit. */\n#ifndef MG_RUNTIME_FNS_H\n#define MG_RUNTIME_FNS_H\n\n");
    for text in runtime_fns::RUNTIME_FNS.iter().chain(runtime_fns::HOST_FNS) {
        src.push_str(text);
        src.push_str(";\n");
    }
    src.push_str("\n#endif\n");
    write_if_changed(out, &src);
}

/// The descriptors of the built-in exception classes (`runtime_fns::EXCEPTION_CLASSES`), for
/// runtime/mg_exc.c: instances with two fields, `str(e)` and the arguments of `repr(e)`.
fn write_exception_classes(out: &Path) {
    let mut src = String::from("/* Generated by build.rs from src/codegen/runtime_fns.rs. Do not edit. */

");
    for (name, base) in runtime_fns::EXCEPTION_CLASSES {
        assert!(base.is_none_or(|b| runtime_fns::EXCEPTION_CLASSES.iter().take_while(|(n, _)| n != name).any(|(n, _)| *n == b)), "{name}: its base must come first");
        let base = base.map_or("NULL".to_string(), |b| format!("&mg_exc_class_{b}"));
        src.push_str(&format!("const MgType mg_exc_class_{name} = {{.kind = MG_T_INSTANCE, .n = 3, .fields = mg_exc_fields, .name = \"{name}\", .base = {base}}};\n"));
    }
    src.push_str("\n/* By name, for the kinds the runtime raises. */\nstatic const MgType *const mg_exc_classes[] = {\n");
    for (name, _) in runtime_fns::EXCEPTION_CLASSES {
        src.push_str(&format!("    &mg_exc_class_{name},\n"));
    }
    src.push_str("};\n");
    write_if_changed(out, &src);
}

/// `extern "C"` declarations of the table, with opaque types for the runtime's structs.
fn write_ffi(protos: &[runtime_fns::Proto], out: &Path) {
    let mut opaque: Vec<&str> = protos.iter().flat_map(|p| std::iter::once(&p.ret).chain(p.params.iter().map(|(t, _)| t))).filter(|t| t.is_opaque()).map(|t| t.base).collect();
    opaque.sort();
    opaque.dedup();
    let mut src = String::from("// Generated by build.rs from src/codegen/runtime_fns.rs. Do not edit.\n\n#[allow(unused_imports)]\nuse std::ffi::{c_char, c_void};\n\n");
    for name in opaque {
        src.push_str(&format!("/// `{name}` (runtime/mg_object.h), only ever behind a pointer.\n#[repr(C)]\npub struct {name} {{\n    _opaque: [u8; 0],\n}}\n\n"));
    }
    src.push_str("#[allow(dead_code, clashing_extern_declarations)]\nunsafe extern \"C\" {\n");
    for p in protos {
        let params: Vec<String> = p.params.iter().enumerate().map(|(i, (t, _))| format!("a{i}: {}", t.rust())).collect();
        let ret = if p.ret.abi() == runtime_fns::AbiTy::Void { String::new() } else { format!(" -> {}", p.ret.rust()) };
        src.push_str(&format!("    pub fn {}({}){ret};\n", p.name, params.join(", ")));
    }
    src.push_str("}\n");
    write_if_changed(out, &src);
}

/// Compiles and runs runtime/mg_layout.c, which prints mg_object.h's layouts as Rust.
fn write_layouts(clang: &str, out_dir: &Path) {
    let exe = out_dir.join("mg_layout");
    run(Command::new(clang).args(["-std=c11", "-Wall", "-Werror", "--target=x86_64-pc-linux-gnu", "-o"]).arg(&exe).arg("runtime/mg_layout.c"), clang);
    let output = Command::new(&exe).output().unwrap_or_else(|err| panic!("cannot run {}: {err}", exe.display()));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    write_if_changed(&out_dir.join("abi_layout.rs"), &String::from_utf8_lossy(&output.stdout));
}

/// Leaves an unchanged file alone, so its timestamp does not trigger rebuilds.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::write(path, contents).unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
}

/// A symbol the runtime exports: defined, global and of default visibility (an `MG_HIDDEN`
/// helper stays inside the runtime).
struct Exported {
    name: String,
    function: bool,
}

/// The symbols the runtime's objects export, read with llvm-readelf (which, unlike llvm-nm,
/// shows visibility).  A symbol defined by two units stops the build.
fn exported_symbols(objects: &[PathBuf]) -> Vec<Exported> {
    let readelf = llvm_tool("llvm-readelf", "readelf");
    let mut symbols: Vec<Exported> = Vec::new();
    for object in objects {
        let output = Command::new(&readelf).args(["--syms", "--wide"]).arg(object).output().unwrap_or_else(|err| panic!("cannot run {readelf}: {err}"));
        assert!(output.status.success(), "{readelf} failed on {}", object.display());
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            // Num: Value Size Type Bind Vis Ndx Name
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [_, _, _, kind, bind, vis, ndx, name] = fields[..] else { continue };
            if bind != "GLOBAL" || vis != "DEFAULT" || ndx == "UND" || !matches!(kind, "FUNC" | "OBJECT") {
                continue;
            }
            assert!(!symbols.iter().any(|s| s.name == name), "{name} is defined by two runtime units");
            symbols.push(Exported { name: name.to_string(), function: kind == "FUNC" });
        }
    }
    symbols
}

/// The JIT maps a module's references to the runtime onto this process's copy; this writes
/// the table of every symbol the runtime exports, as Rust declarations whose addresses the
/// linker fills in.
fn write_symbol_table(symbols: &[Exported], out: &Path) {
    let functions: Vec<&str> = symbols.iter().filter(|s| s.function).map(|s| s.name.as_str()).collect();
    let data: Vec<&str> = symbols.iter().filter(|s| !s.function).map(|s| s.name.as_str()).collect();
    let mut src = String::from("// Generated by build.rs from the runtime objects: every symbol they export.\n");
    src.push_str("#[allow(dead_code, non_upper_case_globals, clashing_extern_declarations, clippy::all)]\nmod decls {\n    unsafe extern \"C\" {\n");
    for f in &functions {
        src.push_str(&format!("        pub fn {f}();\n"));
    }
    for d in &data {
        src.push_str(&format!("        pub static {d}: u8;\n"));
    }
    src.push_str("    }\n}\n\n/// Address of a runtime symbol by name.\npub fn address(name: &str) -> Option<usize> {\n    Some(match name {\n");
    for f in &functions {
        src.push_str(&format!("        \"{f}\" => decls::{f} as *const () as usize,\n"));
    }
    for d in &data {
        src.push_str(&format!("        \"{d}\" => &raw const decls::{d} as usize,\n"));
    }
    src.push_str("        _ => return None,\n    })\n}\n");
    write_if_changed(out, &src);
}

/// The rules of the hot bitcode (see the top of this file): it defines functions only, and
/// every runtime symbol it refers to is exported by the runtime.
fn check_hot_bitcode(bitcode: &Path, exported: &dyn Fn(&str) -> bool) {
    let nm = llvm_tool("llvm-nm", "llvm-nm-19");
    let output = Command::new(&nm).arg("--no-sort").arg(bitcode).output().unwrap_or_else(|err| panic!("cannot run {nm}: {err}"));
    assert!(output.status.success(), "{nm} failed on the hot bitcode");
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (kind, name) = match fields[..] {
            [kind, name] => (kind, name),
            [_, kind, name] => (kind, name),
            _ => continue,
        };
        match kind {
            "T" | "t" => {}
            "U" => assert!(!name.starts_with("mg_") || exported(name), "runtime/{HOT_UNIT}.c calls {name}, which the runtime does not export: the JIT could not resolve it (drop MG_HIDDEN)"),
            _ => panic!("runtime/{HOT_UNIT}.c defines {name}, which is not a function: each module would get a copy of its own"),
        }
    }
}

fn run(cmd: &mut Command, what: &str) {
    let status = cmd.status().unwrap_or_else(|err| panic!("cannot run {what}: {err}; install clang-19 (make deps)"));
    assert!(status.success(), "{what} failed while building the runtime");
}

/// An LLVM 19 tool, else `fallback` from the PATH.
fn llvm_tool(name: &str, fallback: &str) -> String {
    let path = format!("/usr/lib/llvm-19/bin/{name}");
    if Path::new(&path).exists() { path } else { fallback.to_string() }
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
