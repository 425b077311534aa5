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

/// Arguments that are not UTF-8 decode as CPython decodes them (surrogateescape: each invalid
/// byte becomes a lone surrogate), and printing them writes what CPython writes: the bytes
/// back under surrogateescape (C and UTF-8 locales), else UnicodeEncodeError.  In an AOT
/// executable: `multigen run` takes its arguments as UTF-8 text and refuses others.
#[test]
fn argv_bytes_decode_and_print_as_in_cpython() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let py = dir.path().join("argv.py");
    let src = "import sys\n\n\ndef main() -> None:\n    for a in sys.argv[1:]:\n        print(repr(a), len(a), a.isprintable(), repr(a.upper()))\n    for a in sys.argv[1:]:\n        print(a, a.upper())\n    print(\"x\" + chr(0xDC80) + chr(0xD800))\n\n\nif __name__ == \"__main__\":\n    main()\n";
    std::fs::write(&py, src).expect("write program");
    let args: [&[u8]; 7] = [b"a\xffb", b"\xed\xa0\x80c", b"x\xe2\x82", b"\xc0\xaf\xf5\x80", b"\xf4\x90\x80\x80", "é😀ß".as_bytes(), b"\xf0\x9f\x98"];
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| std::ffi::OsStr::from_bytes(a)).collect();
    let want = Command::new("python3").arg(&py).args(&args).output().expect("python3 runs");
    let exe = dir.path().join("argv");
    let build = crate::multigen().arg("build").arg(&py).arg("-o").arg(&exe).output().expect("multigen runs");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let got = Command::new(&exe).args(&args).output().expect("executable runs");
    assert_eq!(got.stdout, want.stdout, "stdout\n{}\n{}", String::from_utf8_lossy(&got.stdout), String::from_utf8_lossy(&want.stdout));
    assert_eq!(got.status.code(), want.status.code());
    let last = |err: &[u8]| String::from_utf8_lossy(err).lines().last().unwrap_or("").to_string();
    assert_eq!(last(&got.stderr), last(&want.stderr));
}
