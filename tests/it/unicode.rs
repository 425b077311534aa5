//! Unicode conformance with CPython, code point by code point (`tools/unicode_conformance.py`):
//! every case mapping and character class of each code point of a fixed slice (a few
//! thousand, from Latin to emoji) must print what CPython prints, in both modes.
//! `make unicode` runs all 0x110000 code points and checks that the generated database
//! (`runtime/mg_unicode_db.h`) is what `tools/gen_unicode.py` makes.

use std::process::Command;

#[test]
fn code_points_agree_with_cpython() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("python3")
        .arg(format!("{root}/tools/unicode_conformance.py"))
        .args(["--jobs", "4", "--bin", env!("CARGO_BIN_EXE_multigen")])
        .env("XDG_CACHE_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache"))
        .output()
        .expect("python3 runs (the machine image has CPython 3.11)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "unicode conformance failed:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("identical to CPython"), "{text}");
}
