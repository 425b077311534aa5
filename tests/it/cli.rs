//! The command line as a user meets it.

use crate::{corpus_dir, multigen, stderr, stdout};

#[test]
fn every_verb_has_help() {
    for verb in ["run", "build", "convert", "check", "bench", "clean"] {
        let out = multigen().args([verb, "--help"]).output().expect("multigen runs");
        assert!(out.status.success(), "{verb} --help failed");
        assert!(stdout(&out).contains("Usage: multigen"), "{verb} --help: {}", stdout(&out));
    }
    let out = multigen().arg("--help").output().expect("multigen runs");
    for verb in ["run", "build", "convert", "check"] {
        assert!(stdout(&out).contains(verb));
    }
}

#[test]
fn convert_writes_verifiable_ir_that_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let py = corpus_dir("run").join("bench_fibonacci.py");
    let out = multigen().args(["convert", "-t", "llvm", "-O2", "-d"]).arg(dir.path()).arg(&py).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let ll = dir.path().join("src/bench_fibonacci.ll");
    let text = std::fs::read_to_string(&ll).expect("convert wrote the .ll");
    assert!(text.contains("define") && text.contains("@main"), "{text}");
    // The .ll is self-contained: `multigen run` executes it.
    let run = multigen().arg("run").arg(&ll).output().expect("multigen runs");
    assert_eq!(stdout(&run), "514229\n");
    // opt-19 accepts it when present (it is, wherever the crate builds: build.rs needs LLVM 19).
    if let Ok(verify) = std::process::Command::new("opt-19").args(["-passes=verify", "-disable-output"]).arg(&ll).output() {
        assert!(verify.status.success(), "opt-19 rejects the IR: {}", stderr(&verify));
    }
}

#[test]
fn run_reports_bad_ir_with_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ll = dir.path().join("bad.ll");
    std::fs::write(&ll, "define i32 @main() {\n  ret i64 0\n}\n").expect("write");
    let out = multigen().arg("run").arg(&ll).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid LLVM IR") && stderr(&out).contains("2:"), "{}", stderr(&out));
}

#[test]
fn build_leaves_no_stray_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let py = dir.path().join("hello.py");
    std::fs::write(&py, "print('hello', 1 + 2)\n").expect("write");
    let out = multigen().current_dir(dir.path()).args(["build", "hello.py"]).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["hello", "hello.py"]);
    let run = std::process::Command::new(dir.path().join("hello")).output().expect("exe runs");
    assert_eq!(stdout(&run), "hello 3\n");
}

#[test]
fn run_passes_arguments_and_exit_status() {
    let py = corpus_dir("run").join("exit_sys_exit.py");
    let out = multigen().arg("run").arg(&py).args(["--flag", "x"]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(7));
    assert_eq!(stdout(&out), "exiting with 7\n");
}

#[test]
fn time_report_lists_phases() {
    let py = corpus_dir("run").join("bench_fibonacci.py");
    let out = multigen().args(["run", "--no-cache", "--time-report"]).arg(&py).output().expect("multigen runs");
    let report = stderr(&out);
    for phase in ["parse", "check", "codegen", "optimize", "jit", "execute", "total"] {
        assert!(report.contains(phase), "missing {phase} in\n{report}");
    }
    assert_eq!(stdout(&out), "514229\n", "the report must not touch stdout");
}

#[test]
fn check_accepts_valid_program_silently() {
    let py = corpus_dir("run").join("scalar_functions.py");
    let out = multigen().arg("check").arg(&py).output().expect("multigen runs");
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = multigen().args(["run", "/nonexistent/prog.py"]).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: cannot read /nonexistent/prog.py"), "{}", stderr(&out));
}

/// A program of 200 functions: large enough that `build` splits it into codegen units.
fn large_program() -> (String, String) {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!(
            "def f{i}(n: int, xs: list[int]) -> int:\n    total = {i}\n    for k in range(n):\n        if k % 3 == {m}:\n            total += k * {i}\n        else:\n            total -= xs[k % len(xs)]\n    words: dict[str, int] = {{}}\n    words[\"w\" + str(total % 7)] = total\n    return total + len(words)\n\n\n",
            m = i % 3
        ));
    }
    src.push_str("def main() -> None:\n    xs = [3, 1, 4, 1, 5]\n    s = 0\n");
    for i in 0..200 {
        src.push_str(&format!("    s += f{i}(10, xs)\n"));
    }
    src.push_str("    print(s)\n\n\nmain()\n");
    // What CPython prints, computed the same way.
    let xs = [3i64, 1, 4, 1, 5];
    let mut s = 0i64;
    for i in 0..200i64 {
        let mut total = i;
        for k in 0..10i64 {
            if k % 3 == i % 3 {
                total += k * i;
            } else {
                total -= xs[(k % 5) as usize];
            }
        }
        s += total + 1;
    }
    (src, format!("{s}\n"))
}

#[test]
fn build_splits_large_programs_into_units_deterministically() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (src, want) = large_program();
    let py = dir.path().join("large.py");
    std::fs::write(&py, src).expect("write");
    let mut exes = Vec::new();
    for name in ["a", "b"] {
        let exe = dir.path().join(name);
        let out = multigen().args(["build", "--time-report"]).arg(&py).arg("-o").arg(&exe).output().expect("multigen runs");
        assert!(out.status.success(), "{}", stderr(&out));
        let units: u32 = stderr(&out).lines().find_map(|l| l.strip_prefix("codegen units: ")).and_then(|n| n.parse().ok()).expect("a unit count in the report");
        assert!(units > 1, "{}", stderr(&out));
        for phase in ["codegen", "optimize", "emit", "link"] {
            assert!(stderr(&out).contains(phase), "missing {phase} in\n{}", stderr(&out));
        }
        let run = std::process::Command::new(&exe).output().expect("exe runs");
        assert_eq!(stdout(&run), want);
        exes.push(std::fs::read(&exe).expect("read exe"));
    }
    assert!(exes[0] == exes[1], "two builds of one program differ");
    // One unit, forced: the same behaviour.
    let exe = dir.path().join("one");
    let out = multigen().env("MULTIGEN_CODEGEN_UNITS", "1").arg("build").arg(&py).arg("-o").arg(&exe).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&std::process::Command::new(&exe).output().expect("exe runs")), want);
}

#[test]
fn bad_codegen_unit_count_is_a_clear_error() {
    let py = corpus_dir("run").join("scalar_functions.py");
    let out = multigen().env("MULTIGEN_CODEGEN_UNITS", "zero").arg("build").arg(&py).arg("-o").arg("/dev/null").output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("MULTIGEN_CODEGEN_UNITS"), "{}", stderr(&out));
}

/// Writing files (`tests/programs/file_write.py`) in both modes, into a temporary folder
/// (the corpus runner gives programs no place to write).
#[test]
fn file_write_in_both_modes() {
    let py = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/file_write.py");
    let want = std::fs::read_to_string(py.with_extension("out")).expect("expected output");
    let dir = tempfile::tempdir().expect("temp dir");
    let jit = multigen().arg("run").arg(&py).arg(dir.path().join("jit.txt")).output().expect("multigen runs");
    assert_eq!(stdout(&jit), want, "jit: {}", stderr(&jit));
    let exe = dir.path().join("file_write");
    let build = multigen().arg("build").arg(&py).arg("-o").arg(&exe).output().expect("multigen runs");
    assert!(build.status.success(), "{}", stderr(&build));
    let aot = std::process::Command::new(&exe).arg(dir.path().join("aot.txt")).output().expect("executable runs");
    assert_eq!(stdout(&aot), want, "aot: {}", stderr(&aot));
    // The last `with` truncated the file and its one write failed: it is empty, as in CPython.
    assert_eq!(std::fs::read_to_string(dir.path().join("aot.txt")).expect("written"), "");
}

/// stdout and stderr sent to one file interleave as CPython's do (`tests/programs/
/// interleave.py`, recorded with `python3 interleave.py > out 2>&1`): stdout in blocks,
/// stderr by lines, `flush=` and `flush()` honoured, stdout flushed before the traceback;
/// under PYTHONUNBUFFERED both are written through.  Tracebacks name the absolute path.
#[test]
fn stdout_and_stderr_interleave_as_cpython() {
    let py = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/interleave.py");
    let dir = tempfile::tempdir().expect("temp dir");
    let exe = dir.path().join("interleave");
    let build = multigen().arg("build").arg(&py).arg("-o").arg(&exe).output().expect("multigen runs");
    assert!(build.status.success(), "{}", stderr(&build));
    for (unbuffered, expected) in [(false, "combined"), (true, "unbuffered")] {
        let want = std::fs::read_to_string(py.with_extension(expected)).expect("expected output").replace("{path}", &py.display().to_string());
        let mut jit = multigen();
        jit.arg("run").arg(&py);
        for (mode, mut cmd) in [("jit", jit), ("aot", std::process::Command::new(&exe))] {
            let combined = dir.path().join(format!("{mode}-{expected}.txt"));
            let file = std::fs::File::create(&combined).expect("output file");
            cmd.stdout(file.try_clone().expect("dup")).stderr(file);
            if unbuffered {
                cmd.env("PYTHONUNBUFFERED", "1");
            } else {
                cmd.env_remove("PYTHONUNBUFFERED");
            }
            let status = cmd.status().expect("runs");
            assert_eq!(status.code(), Some(1), "{mode} {expected}");
            assert_eq!(std::fs::read_to_string(&combined).expect("written"), want, "{mode} {expected}");
        }
    }
}

/// A list larger than memory could hold ends the program as CPython's uncaught MemoryError
/// does (stdout flushed, `MemoryError` on stderr, exit status 1), never with a crash.
#[test]
fn memory_error_ends_with_status_one() {
    let py = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/memory_error_huge_list.py");
    let out = multigen().arg("run").arg(&py).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "before\n");
    assert_eq!(stderr(&out).lines().last(), Some("MemoryError"));
}
