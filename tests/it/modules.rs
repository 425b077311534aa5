//! Programs of several files (`tests/programs/modules/*/main.py` with their modules and
//! packages): in JIT and AOT mode, stdout, the exit status and the whole of stderr (a
//! traceback through the modules' files, `{DIR}` standing for the program's real directory)
//! against CPython's, recorded with its caret lines removed; and the programs of
//! `tests/programs/modules_reject/` are refused (insta snapshots of the diagnostics).

use std::path::{Path, PathBuf};

use crate::{multigen, stderr, stdout};

fn cases(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs").join(kind);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root).expect("folder exists").map(|e| e.expect("entry").path()).filter(|p| p.join("main.py").is_file()).collect();
    dirs.sort();
    dirs
}

fn judge(dir: &Path, mode: &str, out: &std::process::Output) -> Option<String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("recorded expectation");
    let real = std::fs::canonicalize(dir).expect("real path");
    let want_err = read("main.stderr").replace("{DIR}", &real.display().to_string());
    let want_code: i32 = read("main.code").trim().parse().expect("a number");
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    if out.status.code() != Some(want_code) {
        return Some(format!("{mode} {name}: exit {:?}, want {want_code}\n{}", out.status.code(), stderr(out)));
    }
    if stdout(out) != read("main.out") {
        return Some(format!("{mode} {name}: stdout differs\n--- got\n{}--- want\n{}", stdout(out), read("main.out")));
    }
    if stderr(out) != want_err {
        return Some(format!("{mode} {name}: stderr differs\n--- got\n{}--- want\n{want_err}", stderr(out)));
    }
    None
}

#[test]
fn modules_run_and_build() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let mut failures = Vec::new();
    for dir in cases("modules") {
        let out = multigen().current_dir(&dir).args(["run", "main.py"]).output().expect("multigen runs");
        failures.extend(judge(&dir, "run", &out));
        let exe = tmp.path().join(dir.file_name().expect("named"));
        let built = multigen().current_dir(&dir).args(["build", "main.py", "-o"]).arg(&exe).output().expect("multigen runs");
        assert!(built.status.success(), "build {}: {}", dir.display(), stderr(&built));
        // The executable's traceback names the modules where they were compiled.
        let out = std::process::Command::new(&exe).current_dir(&dir).output().expect("executable runs");
        failures.extend(judge(&dir, "build", &out));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A module can be run from another directory: its modules are found next to it.
#[test]
fn modules_found_next_to_the_script() {
    let dir = cases("modules").into_iter().find(|d| d.ends_with("package")).expect("the package case");
    let out = multigen().current_dir(dir.parent().expect("parent")).args(["run", "package/main.py"]).output().expect("multigen runs");
    assert_eq!(stdout(&out), std::fs::read_to_string(dir.join("main.out")).expect("recorded"));
}

#[test]
fn modules_refused() {
    for dir in cases("modules_reject") {
        let name = dir.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let out = multigen().current_dir(&dir).args(["check", "main.py"]).output().expect("multigen runs");
        let text = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: want exit 1\n{text}");
        assert!(text.contains("help:"), "{name}: no help line\n{text}");
        insta::assert_snapshot!(format!("modules_refused@{name}"), text);
    }
}

/// `build` keeps each module's object code in the compile cache: a second build compiles
/// nothing, and after one module changes only that module's unit is compiled again.
#[test]
fn modules_that_did_not_change_are_not_recompiled() {
    let src = cases("modules").into_iter().find(|d| d.ends_with("package")).expect("the package case");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("package");
    copy_dir(&src, &dir);
    let cache = tmp.path().join("cache");
    let build = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_multigen"))
            .env("XDG_CACHE_HOME", &cache)
            .current_dir(&dir)
            .args(["build", "main.py", "-o", "prog", "--time-report"])
            .output()
            .expect("multigen runs");
        assert!(out.status.success(), "{}", stderr(&out));
        let report = stderr(&out);
        let count = |what: &str| -> usize {
            let line = report.lines().find(|l| l.starts_with(what)).unwrap_or_else(|| panic!("no {what:?} in\n{report}"));
            line.rsplit(' ').next().and_then(|n| n.parse().ok()).expect("a number")
        };
        (count("codegen units:"), count("codegen units from the cache:"))
    };
    let (units, cached) = build();
    assert!(units >= 5, "one unit per module at least, got {units}");
    assert_eq!(cached, 0);
    assert_eq!(build(), (units, units));
    // A new nested function (a closure, its cell and function-object classes) in one module.
    let helper = dir.join("helper.py");
    let text = std::fs::read_to_string(&helper).expect("helper.py") + "\n\ndef extra(a: int) -> int:\n    def g(y: int) -> int:\n        return y + a\n    return g(1)\n";
    std::fs::write(&helper, text).expect("written");
    assert_eq!(build(), (units, units - 1));
    let out = std::process::Command::new(dir.join("prog")).current_dir(&dir).output().expect("runs");
    assert_eq!(stdout(&out), std::fs::read_to_string(src.join("main.out")).expect("recorded"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("readable") {
        let path = entry.expect("entry").path();
        let dest = to.join(path.file_name().expect("named"));
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copied");
        }
    }
}
