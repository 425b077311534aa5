//! `build --emit`: LLVM IR, bitcode, assembly and object code next to the executable.

use crate::{corpus_dir, multigen, stderr, stdout};

/// An ELF relocatable object for the host (x86-64): what `cc` links.
fn assert_elf_object(bytes: &[u8]) {
    assert!(bytes.len() > 64 && bytes.starts_with(b"\x7fELF"), "not an ELF file");
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    let e_machine = u16::from_le_bytes([bytes[18], bytes[19]]);
    assert_eq!((e_type, e_machine), (1, 62), "not a relocatable x86-64 object");
}

#[test]
fn every_kind_at_once_named_after_the_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    let py = corpus_dir("run").join("bench_fibonacci.py");
    let out = multigen().args(["build", "--emit", "llvm-ir,llvm-bc", "--emit=asm", "--emit", "obj,exe"]).arg(&py).arg("-o").arg(dir.path().join("fib")).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let ll = dir.path().join("fib.ll");
    let text = std::fs::read_to_string(&ll).expect("the .ll");
    assert!(text.contains("define") && text.contains("@main"), "{text}");
    // The IR is the optimised program; `multigen run` executes it as it executes convert's.
    assert_eq!(stdout(&multigen().arg("run").arg(&ll).output().expect("multigen runs")), "514229\n");
    if let Ok(verify) = std::process::Command::new("opt-19").args(["-passes=verify", "-disable-output"]).arg(&ll).output() {
        assert!(verify.status.success(), "opt-19 rejects the IR: {}", stderr(&verify));
    }
    let bc = std::fs::read(dir.path().join("fib.bc")).expect("the .bc");
    assert!(bc.starts_with(b"BC\xc0\xde"), "not LLVM bitcode");
    let asm = std::fs::read_to_string(dir.path().join("fib.s")).expect("the .s");
    assert!(asm.contains(".text") && asm.contains("main:"), "{asm}");
    assert_elf_object(&std::fs::read(dir.path().join("fib.o")).expect("the .o"));
    let run = std::process::Command::new(dir.path().join("fib")).output().expect("the executable runs");
    assert_eq!(stdout(&run), "514229\n");
}

/// Without `exe`, no executable; without `-o`, the files go next to the source.
#[test]
fn without_exe_only_the_files_asked_for() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("hello.py"), "print('hello', 1 + 2)\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["build", "--emit", "asm", "hello.py"]).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["hello.py", "hello.s"]);
}

/// A program of several files is one module when files other than the executable are
/// asked for: one `.o` holds all of it, and the executable is linked from it.
#[test]
fn several_modules_make_one_object() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("main.py"), "import helper\nprint(helper.twice(21))\n").expect("write");
    std::fs::write(dir.path().join("helper.py"), "def twice(n: int) -> int:\n    return 2 * n\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["build", "--emit", "obj,exe,llvm-ir", "main.py", "-o", "prog"]).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_elf_object(&std::fs::read(dir.path().join("prog.o")).expect("the .o"));
    let ll = std::fs::read_to_string(dir.path().join("prog.ll")).expect("the .ll");
    assert!(ll.contains("twice"), "the helper's function is in the one module");
    assert_eq!(stdout(&std::process::Command::new(dir.path().join("prog")).output().expect("runs")), "42\n");
}

#[test]
fn clashing_names_and_bad_kinds_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let py = corpus_dir("run").join("bench_fibonacci.py");
    let out = multigen().args(["build", "--emit", "obj,exe"]).arg(&py).arg("-o").arg(dir.path().join("prog.o")).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("would overwrite"), "{}", stderr(&out));
    let out = multigen().args(["build", "--emit", "wasm"]).arg(&py).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("llvm-ir"), "the possible values are listed: {}", stderr(&out));
    let out = multigen().args(["build", "--emit", "asm"]).arg(&py).arg("-o").arg(dir.path().join("missing/prog")).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}
