//! Runs each program in both modes and compares stdout, exit status and the
//! exception line with what CPython recorded (`NAME.out`, `NAME.code`, `NAME.err`).
//! A program with a data file `NAME.txt` gets its path as `sys.argv[1]`, as the shared
//! corpus's runner does.

use std::path::Path;
use std::process::Output;

use crate::{multigen, programs, stderr, stdout};

struct Expected {
    out: String,
    code: i32,
    err: Option<String>,
}

fn expected(py: &Path) -> Expected {
    let read = |ext: &str| std::fs::read_to_string(py.with_extension(ext)).ok();
    Expected {
        out: read("out").expect("every corpus program has a .out file"),
        code: read("code").map_or(0, |c| c.trim().parse().expect(".code holds a number")),
        err: read("err").map(|e| e.trim().to_string()),
    }
}

/// The program's arguments: the path of its `NAME.txt`, if it has one.
fn args(py: &Path) -> Vec<std::path::PathBuf> {
    let txt = py.with_extension("txt");
    if txt.exists() { vec![txt] } else { Vec::new() }
}

/// The program's standard input: its `NAME.stdin`, if it has one, else nothing.
fn stdin(py: &Path) -> std::process::Stdio {
    match std::fs::File::open(py.with_extension("stdin")) {
        Ok(f) => f.into(),
        Err(_) => std::process::Stdio::null(),
    }
}

/// Compares one run with the expectation; returns a description of the first difference.
fn judge(py: &Path, mode: &str, out: &Output) -> Option<String> {
    let want = expected(py);
    let name = py.file_name().unwrap_or_default().to_string_lossy();
    let got_code = out.status.code().unwrap_or(-1);
    if got_code != want.code {
        return Some(format!("{mode} {name}: exit {got_code}, want {}\nstderr: {}", want.code, stderr(out)));
    }
    if stdout(out) != want.out {
        return Some(format!("{mode} {name}: stdout differs\n--- got\n{}\n--- want\n{}", stdout(out), want.out));
    }
    let err = stderr(out);
    // `NAME.stderr`: all of stderr, for programs that write to it on purpose.
    if let Ok(want_stderr) = std::fs::read_to_string(py.with_extension("stderr")) {
        if err != want_stderr {
            return Some(format!("{mode} {name}: stderr differs\n--- got\n{err}\n--- want\n{want_stderr}"));
        }
    }
    let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    if let Some(want_err) = want.err {
        if last != want_err {
            return Some(format!("{mode} {name}: last stderr line {last:?}, want {want_err:?}"));
        }
        if !err.starts_with("Traceback (most recent call last):\n") || !err.contains(&format!("  File \"{}\", line ", py.display())) {
            return Some(format!("{mode} {name}: traceback not in CPython's format:\n{err}"));
        }
        // `NAME.tb`: fragments of CPython's traceback that must appear, in order (frames).
        if let Ok(frames) = std::fs::read_to_string(py.with_extension("tb")) {
            let mut rest = err.as_str();
            for frame in frames.lines().filter(|l| !l.trim().is_empty()) {
                match rest.find(frame) {
                    Some(at) => rest = &rest[at + frame.len()..],
                    None => return Some(format!("{mode} {name}: traceback lacks {frame:?} (in order):\n{err}")),
                }
            }
        }
    }
    None
}

#[test]
fn corpus_jit() {
    let failures: Vec<String> = programs("run")
        .iter()
        .filter_map(|py| {
            let out = multigen().arg("run").arg(py).args(args(py)).stdin(stdin(py)).output().expect("multigen runs");
            judge(py, "jit", &out)
        })
        .collect();
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// Every program with debug info (`run -g`, which also registers the code with GDB's JIT
/// interface), unoptimised as one debugs: `-g` must not change what a program does.
#[test]
fn corpus_jit_debug() {
    let failures: Vec<String> = programs("run")
        .iter()
        .filter_map(|py| {
            let out = multigen().args(["run", "-g", "-O0"]).arg(py).args(args(py)).stdin(stdin(py)).output().expect("multigen runs");
            judge(py, "jit -g", &out)
        })
        .collect();
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_aot() {
    corpus_aot_with(None);
}

/// Every program split into codegen units (one per function, up to three): the units must
/// link into a program that behaves as the single module does.
#[test]
fn corpus_aot_units() {
    corpus_aot_with(Some(3));
}

fn corpus_aot_with(units: Option<usize>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mode = if units.is_some() { "aot (units)" } else { "aot" };
    let failures: Vec<String> = programs("run")
        .iter()
        .filter_map(|py| {
            let exe = dir.path().join(py.file_stem().unwrap_or_default());
            let mut cmd = multigen();
            if let Some(n) = units {
                cmd.env("MULTIGEN_CODEGEN_UNITS", n.to_string());
            }
            let build = cmd.arg("build").arg(py).arg("-o").arg(&exe).output().expect("multigen runs");
            if !build.status.success() {
                return Some(format!("{mode} {}: build failed: {}", py.display(), stderr(&build)));
            }
            let out = std::process::Command::new(&exe).args(args(py)).stdin(stdin(py)).output().expect("executable runs");
            judge(py, mode, &out)
        })
        .collect();
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}
