//! The cycle collector (runtime/mg_gc.c), observed through the runtime's statistics
//! (`MULTIGEN_ALLOC_STATS=1`: collections run, objects they freed, tracked objects still
//! alive at exit) rather than through timing, in both modes; and stressed with
//! `MULTIGEN_GC_THRESHOLD=1`, a collection before every tracked allocation, which must
//! never free anything a program can still reach.

use multigen::executor::{Executor, Value};

use crate::{corpus_dir, multigen, stderr, stdout};

struct Stats {
    collections: u64,
    collected: u64,
    alive: u64,
}

/// Runs `path` in `mode` ("run" or "build") with the statistics on and `env` set; returns
/// its output and the collector's figures.
fn run_with_stats(mode: &str, path: &std::path::Path, env: &[(&str, &str)]) -> (String, Stats) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = if mode == "run" {
        let mut c = multigen();
        c.args(["run", "--no-cache"]).arg(path);
        c
    } else {
        let exe = dir.path().join("prog");
        let build = multigen().arg("build").arg(path).arg("-o").arg(&exe).output().expect("multigen runs");
        assert!(build.status.success(), "{}", stderr(&build));
        std::process::Command::new(&exe)
    };
    cmd.env("MULTIGEN_ALLOC_STATS", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("program runs");
    assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
    let err = stderr(&out);
    let line = err.lines().find(|l| l.contains("cycle collections")).unwrap_or_else(|| panic!("no collector figures in {err:?}"));
    // "multigen: C cycle collections, N objects collected, L tracked objects alive"
    let numbers: Vec<u64> = line.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(|s| s.parse().expect("a number")).collect();
    let [collections, collected, alive] = numbers[..] else { panic!("unexpected figures {line:?}") };
    (stdout(&out), Stats { collections, collected, alive })
}

fn gc_program(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gc").join(name)
}

#[test]
fn garbage_cycles_are_collected() {
    for mode in ["run", "build"] {
        let (out, stats) = run_with_stats(mode, &gc_program("cycles.py"), &[]);
        assert_eq!(out, "302019000\n");
        // 40,000 pair nodes, 20,000 ring nodes, 20,000 tree nodes and their 20,000
        // children lists, 20,000 peers and their 20,000 dicts: 140,000 objects on cycles.
        // At most a threshold's worth (700 plus half the survivors) is left at exit.
        assert!(stats.collected >= 139_000, "{mode}: only {} objects collected", stats.collected);
        assert!(stats.alive < 1_000, "{mode}: {} tracked objects alive at exit", stats.alive);
        assert!(stats.collections >= 100, "{mode}: {} collections", stats.collections);
    }
}

#[test]
fn acyclic_types_are_not_tracked() {
    // Even with a collection due at every tracked allocation, none runs: a class of
    // scalars and strs, list[int], dict[str, list[int]], tuples of scalars, sets of ints
    // are never tracked.
    for mode in ["run", "build"] {
        let (out, stats) = run_with_stats(mode, &gc_program("acyclic.py"), &[("MULTIGEN_GC_THRESHOLD", "1")]);
        assert_eq!(out, "30000\n");
        assert_eq!((stats.collections, stats.collected, stats.alive), (0, 0, 0), "{mode}");
    }
}

#[test]
fn cycles_through_deques_are_collected() {
    // 2,000 pairs of nodes whose deques hold each other (and a node itself): each pair is
    // two nodes, their two deques and their two dicts on cycles, 12,000 objects in all.
    let path = corpus_dir("run").join("deque_cycles.py");
    let want = std::fs::read_to_string(corpus_dir("run").join("deque_cycles.out")).expect("recorded output");
    for mode in ["run", "build"] {
        let (out, stats) = run_with_stats(mode, &path, &[("MULTIGEN_GC_THRESHOLD", "1")]);
        assert_eq!(out, want, "deque_cycles ({mode})");
        assert!(stats.collected >= 12_000, "deque_cycles ({mode}): {} collected", stats.collected);
    }
}

#[test]
fn reachable_cycles_survive_a_collection_at_every_allocation() {
    for name in ["gc_cycles_reachable", "gc_cycles_containers"] {
        let path = corpus_dir("run").join(format!("{name}.py"));
        let want = std::fs::read_to_string(corpus_dir("run").join(format!("{name}.out"))).expect("recorded output");
        for mode in ["run", "build"] {
            let (out, stats) = run_with_stats(mode, &path, &[("MULTIGEN_GC_THRESHOLD", "1")]);
            assert_eq!(out, want, "{name} ({mode})");
            assert!(stats.collections > 100_000 && stats.collected > 100_000, "{name} ({mode}): {} collections", stats.collections);
        }
    }
}

#[test]
fn disabling_the_collector_keeps_every_cycle() {
    let (out, stats) = run_with_stats("build", &gc_program("cycles.py"), &[("MULTIGEN_GC_THRESHOLD", "0")]);
    assert_eq!(out, "302019000\n");
    assert_eq!((stats.collections, stats.collected, stats.alive), (0, 0, 140_000));
}

const CYCLES_LIB: &str = r#"
class Node:
    def __init__(self, v: int) -> None:
        self.v = v
        self.next: Node | None = None


kept = Node(0)
other = Node(1)
kept.next = other
other.next = kept


def churn(n: int) -> int:
    total = 0
    for i in range(n):
        a = Node(i)
        b = Node(i)
        a.next = b
        b.next = a
        total += a.v
    return total


def kept_sum() -> int:
    n = kept.next
    if n is None:
        return 100
    return kept.v + n.v
"#;

#[test]
fn executors_collect_across_calls_and_when_dropped() {
    // Two executors share the process's collector: a collection in one traverses the
    // other's objects, whose type descriptors live in the other's code; dropping an
    // executor frees its cycles first, so none outlives its descriptors.
    let mut first = Executor::new();
    first.add_source("a.py", CYCLES_LIB).expect("compiles");
    for round in 0..3 {
        let mut second = Executor::new();
        second.add_source("b.py", CYCLES_LIB).expect("compiles");
        for _ in 0..5 {
            assert_eq!(first.call("churn", &[Value::Int(1001)]).unwrap(), Value::Int(500_500));
            assert_eq!(second.call("churn", &[Value::Int(333)]).unwrap(), Value::Int(55_278));
            assert_eq!(second.call("kept_sum", &[]).unwrap(), Value::Int(1), "round {round}");
        }
    }
    for _ in 0..5 {
        assert_eq!(first.call("churn", &[Value::Int(2000)]).unwrap(), Value::Int(1_999_000));
    }
    assert_eq!(first.call("kept_sum", &[]).unwrap(), Value::Int(1));
}
