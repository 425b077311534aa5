//! A deterministic slice of the differential tester (`tools/difftest.py`): generated
//! programs must print what CPython prints (with 64-bit int checks), in both modes, and
//! mutated inputs must never crash the front end.  The long runs are done by hand.

use std::process::Command;

#[test]
fn generated_programs_agree_with_cpython() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/difftest.py"))
        .args(["--seeds", "0-11", "--fuzz", "40", "--no-shrink", "--jobs", "2", "--bin", env!("CARGO_BIN_EXE_multigen")])
        .env("XDG_CACHE_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"))
        .output()
        .expect("python3 runs (the machine image has CPython 3.11)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "difftest failed:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("12 agreed with CPython"), "{text}");
}
