//! `-g` and `--perf-map`: gdb in batch mode on executables built with `build -g` and on
//! `run -g` (the JIT's code, through GDB's JIT interface), and the perf map of `run`.
//! The gdb tests are skipped, saying so, when gdb is missing or may not trace processes
//! (`scripts/install-deps.sh` installs it).

use std::path::Path;
use std::process::Command;

use crate::{multigen, stderr, stdout};

/// A program of two files: `prog.py` and the module it imports, `shapes.py`.
const PROG: &str = "\
from shapes import Acc


def work(n: int, scale: float) -> float:
    name = \"hello\"
    acc = Acc(1)
    total = 0
    for i in range(n):
        total += i * 2
        acc.add(i)
    x = scale * total
    print(name, total, acc.total)
    return x


def driver() -> None:
    r = work(5, 1.5)
    print(r)


driver()
";

const SHAPES: &str = "\
class Acc:
    def __init__(self, start: int) -> None:
        self.total = start

    def add(self, k: int) -> int:
        self.total += k
        return self.total
";

/// What the program prints, with or without `-g`.
const OUTPUT: &str = "hello 20 11\n30.0\n";

/// The line of `print(name, total, acc.total)` in prog.py, and of `self.total += k` in shapes.py.
const PRINT_LINE: u32 = 12;
const ADD_LINE: u32 = 6;

fn write_program(dir: &Path) {
    std::fs::write(dir.join("prog.py"), PROG).expect("write prog.py");
    std::fs::write(dir.join("shapes.py"), SHAPES).expect("write shapes.py");
}

/// gdb's output for `commands` on `args` (batch mode, no init files, no debuginfod), or
/// `None` (with a message) when gdb is missing or cannot trace a process here.
fn gdb(dir: &Path, commands: &[&str], args: &[&str]) -> Option<String> {
    if Command::new("gdb").arg("--version").output().map_or(true, |o| !o.status.success()) {
        eprintln!("skipped: gdb is not installed (scripts/install-deps.sh installs it)");
        return None;
    }
    let mut cmd = Command::new("gdb");
    cmd.current_dir(dir).args(["-nx", "-batch", "-ex", "set debuginfod enabled off", "-ex", "set breakpoint pending on"]);
    for c in commands {
        cmd.args(["-ex", c]);
    }
    cmd.arg("--args").args(args);
    let out = cmd.output().expect("gdb runs");
    let text = format!("{}{}", stdout(&out), stderr(&out));
    if text.contains("ptrace: Operation not permitted") || text.contains("Could not trace the inferior process") {
        eprintln!("skipped: gdb may not trace processes here:\n{text}");
        return None;
    }
    Some(text)
}

fn build(dir: &Path, flags: &[&str], exe: &str) {
    let out = multigen().current_dir(dir).arg("build").args(flags).args(["prog.py", "-o", exe]).output().expect("multigen runs");
    assert!(out.status.success(), "build {flags:?} failed: {}", stderr(&out));
    let run = Command::new(dir.join(exe)).output().expect("the executable runs");
    assert_eq!(stdout(&run), OUTPUT, "build {flags:?}: -g must not change what the program does");
}

fn assert_has(text: &str, wants: &[&str]) {
    for want in wants {
        assert!(text.contains(want), "gdb's output lacks {want:?}:\n{text}");
    }
}

/// `build -g -O0`: a breakpoint by file and line, Python names and lines in the backtrace,
/// the arguments and locals (int, float, str), and a breakpoint in the imported module.
#[test]
fn gdb_aot_unoptimised() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_program(dir.path());
    build(dir.path(), &["-g", "-O0"], "prog");
    let break_print = format!("break prog.py:{PRINT_LINE}");
    let Some(text) = gdb(dir.path(), &[&break_print, "run", "bt", "info args", "info locals"], &["./prog"]) else { return };
    assert_has(
        &text,
        &[
            &format!("Breakpoint 1, work (n=5, scale=1.5) at prog.py:{PRINT_LINE}"),
            &format!("#0  work (n=5, scale=1.5) at prog.py:{PRINT_LINE}"),
            " in driver () at prog.py:17",
            " in <module> () at prog.py:21",
            "total = 20",
            "i = 4",
            "x = 30",
            "name = 0x",
            "\"hello\"",
        ],
    );
    let break_add = format!("break shapes.py:{ADD_LINE}");
    let Some(text) = gdb(dir.path(), &[&break_add, "run", "bt 2", "info args"], &["./prog"]) else { return };
    assert_has(&text, &[&format!("Acc.add (k=0) at shapes.py:{ADD_LINE}"), " work (n=5, scale=1.5) at prog.py:10", "k = 0"]);
}

/// `build -g` at the default level, in three codegen units: the line table and the
/// function names survive optimisation (inlined calls are frames of their own in `bt`).
#[test]
fn gdb_aot_optimised() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_program(dir.path());
    let out = multigen().current_dir(dir.path()).env("MULTIGEN_CODEGEN_UNITS", "3").args(["build", "-g", "prog.py", "-o", "prog"]).output().expect("multigen runs");
    assert!(out.status.success(), "build -g failed: {}", stderr(&out));
    build(dir.path(), &["-g"], "prog1");
    let break_add = format!("break shapes.py:{ADD_LINE}");
    for exe in ["./prog", "./prog1"] {
        let Some(text) = gdb(dir.path(), &[&break_add, "run", "bt"], &[exe]) else { return };
        assert_has(&text, &[&format!("Acc.add (k=0) at shapes.py:{ADD_LINE}"), "work (", "at prog.py:10"]);
    }
}

/// `run -g`: the JIT registers its code with gdb, which resolves a pending breakpoint in it.
#[test]
fn gdb_jit() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_program(dir.path());
    let exe = env!("CARGO_BIN_EXE_multigen");
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache");
    let env = format!("set environment XDG_CACHE_HOME {}", cache.display());
    let break_print = format!("break prog.py:{PRINT_LINE}");
    let Some(text) = gdb(dir.path(), &[&env, &break_print, "run", "bt 3", "info locals"], &[exe, "run", "-g", "-O0", "prog.py"]) else { return };
    assert_has(&text, &[&format!("work (n=5, scale=1.5) at prog.py:{PRINT_LINE}"), " in driver () at prog.py:17", "total = 20", "x = 30"]);
}

/// `run --perf-map`: /tmp/perf-PID.map names each compiled Python function, with its load
/// address and a size, the functions apart from each other.
#[test]
fn perf_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_program(dir.path());
    let child = multigen().current_dir(dir.path()).args(["run", "--perf-map", "prog.py"]).stdout(std::process::Stdio::piped()).spawn().expect("multigen runs");
    let pid = child.id();
    let out = child.wait_with_output().expect("multigen ends");
    assert_eq!(stdout(&out), OUTPUT);
    let path = format!("/tmp/perf-{pid}.map");
    let map = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let _ = std::fs::remove_file(&path);
    let mut entries: Vec<(u64, u64, String)> = map
        .lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let mut hex = || u64::from_str_radix(parts.next().unwrap_or(""), 16).unwrap_or_else(|_| panic!("not `START SIZE NAME`: {line:?}"));
            let (start, size) = (hex(), hex());
            (start, size, parts.next().unwrap_or_else(|| panic!("no name: {line:?}")).to_string())
        })
        .collect();
    for name in ["work", "driver", "Acc.add", "Acc.__init__"] {
        assert!(entries.iter().any(|(_, size, n)| n == name && *size > 0), "{name} is not in the map:\n{map}");
    }
    assert!(entries.iter().all(|(_, _, n)| !n.starts_with("py.")), "symbols, not Python names:\n{map}");
    entries.sort();
    for pair in entries.windows(2) {
        assert!(pair[0].0 + pair[0].1 <= pair[1].0, "functions overlap:\n{map}");
    }
}
