//! No input makes the compiler panic: malformed and hostile programs get
//! diagnostics (exit 1).  A deterministic slice of what a fuzzer would try.

use crate::{multigen, stderr};

fn check_source(source: &[u8]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let py = dir.path().join("prog.py");
    std::fs::write(&py, source).expect("write");
    multigen().arg("check").arg(&py).output().expect("multigen runs")
}

#[track_caller]
fn assert_refused_cleanly(source: &str) {
    let out = check_source(source.as_bytes());
    let code = out.status.code();
    assert!(matches!(code, Some(1) | Some(0)), "{source:?}: exit {code:?}\n{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{source:?} panicked:\n{}", stderr(&out));
}

#[test]
fn malformed_programs_get_diagnostics() {
    let cases = [
        "",
        "def",
        "def f(:\n",
        "x = (1 +\n",
        "if True:\nprint(1)\n",
        "\t\t  x = 1\n",
        "print('unterminated)\n",
        "x = 99999999999999999999999999999\n",
        "x = -9223372036854775809\n",
        "x = 1\nx = 2.0\n",
        "def f(x: int) -> int:\n    return x\nf(1, 2)\n",
        "def f(x) -> int:\n    return 1\n",
        "def f() -> int:\n    pass\n",
        "print(undefined_name)\n",
        "import os\n",
        "break\n",
        "return 1\n",
        "x: list[int] = []\n",
        "class A:\n    pass\n",
        "try:\n    pass\nexcept:\n    pass\n",
        "lambda: 0\n",
        "print(1 if True else 2.0)\n",
        "print(max(1, x))\n",
        "def f(x: int, y: float) -> float:\n    return x\n",
        "a = b = 1\n",
        "(a, b) = 1, 2\n",
        "print(*[1])\n",
        "import math\nmath.nope(1)\n",
        "import math\nprint(math)\n",
        "x = 1\nx()\n",
        "def f(x: int) -> int:\n    return f\n",
        "print('é' * 3, 1 +)",
        "\u{feff}print(1)\n",
        "print(1)\r\nprint(2)\r\n",
    ];
    for case in cases {
        assert_refused_cleanly(case);
    }
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let d = 100_000;
    for source in [format!("x = {}1\n", "-".repeat(d)), format!("x = 1{}\n", " + 1".repeat(d)), format!("x = {}1{}\n", "(".repeat(d), ")".repeat(d)), format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000))] {
        let out = check_source(source.as_bytes());
        assert!(matches!(out.status.code(), Some(0) | Some(1)), "exit {:?}: {}", out.status.code(), stderr(&out));
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic generator (xorshift) instead of a fuzzing dependency.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let alphabet = b"defif:elwhor ()[]{}=+-*/%<>!.,'\"\n\t 0123456789abcxyz_#\\@";
    for _ in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..(state % 200) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        state ^= state << 13;
        let out = check_source(&bytes);
        assert!(matches!(out.status.code(), Some(0) | Some(1)), "{:?}: exit {:?}\n{}", String::from_utf8_lossy(&bytes), out.status.code(), stderr(&out));
    }
    let out = check_source(&[0xff, 0xfe, 0x00, 0x41]);
    assert_eq!(out.status.code(), Some(2), "invalid UTF-8 is an I/O-level error: {}", stderr(&out));
}
