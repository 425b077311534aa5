//! The compile cache of `multigen run`.

use crate::{corpus_dir, multigen, stderr, stdout};

fn run_with_cache(cache: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let py = corpus_dir("run").join("bench_fibonacci.py");
    multigen().env("XDG_CACHE_HOME", cache).arg("run").arg("--time-report").args(extra).arg(&py).output().expect("multigen runs")
}

fn entries(cache: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(cache.join("multigen")) {
        Ok(dir) => dir.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn unchanged_program_skips_the_front_end_and_optimisation() {
    let cache = tempfile::tempdir().expect("temp dir");
    let first = run_with_cache(cache.path(), &[]);
    assert_eq!(stdout(&first), "514229\n");
    assert!(stderr(&first).contains("codegen") && stderr(&first).contains("cache-write"), "{}", stderr(&first));
    assert_eq!(entries(cache.path()).len(), 1);
    let second = run_with_cache(cache.path(), &[]);
    assert_eq!(stdout(&second), "514229\n");
    let report = stderr(&second);
    for phase in ["parse", "check", "codegen", "optimize"] {
        assert!(!report.contains(phase), "{phase} ran on a warm cache:\n{report}");
    }
}

#[test]
fn corrupt_or_truncated_entries_are_rebuilt() {
    let cache = tempfile::tempdir().expect("temp dir");
    run_with_cache(cache.path(), &[]);
    let entry = entries(cache.path()).pop().expect("one entry");
    let bytes = std::fs::read(&entry).expect("read entry");
    for damaged in [bytes[..bytes.len() / 2].to_vec(), { let mut b = bytes.clone(); let last = b.len() - 1; b[last] ^= 0xff; b }, b"garbage".to_vec()] {
        std::fs::write(&entry, &damaged).expect("damage entry");
        let out = run_with_cache(cache.path(), &[]);
        assert_eq!(stdout(&out), "514229\n");
        assert!(stderr(&out).contains("codegen"), "a damaged entry must be rebuilt:\n{}", stderr(&out));
        assert_eq!(std::fs::read(&entry).expect("rewritten"), bytes, "the entry is rewritten");
    }
}

#[test]
fn no_cache_and_clean() {
    let cache = tempfile::tempdir().expect("temp dir");
    run_with_cache(cache.path(), &["--no-cache"]);
    assert!(entries(cache.path()).is_empty());
    run_with_cache(cache.path(), &[]);
    assert_eq!(entries(cache.path()).len(), 1);
    let out = multigen().env("XDG_CACHE_HOME", cache.path()).arg("clean").output().expect("multigen runs");
    assert!(out.status.success());
    assert!(stdout(&out).contains("1 cached program"), "{}", stdout(&out));
    assert!(!cache.path().join("multigen").exists());
}

#[test]
fn bench_prints_a_table() {
    let py = corpus_dir("run").join("scalar_arith.py");
    let out = multigen().args(["bench", "-n", "1"]).arg(&py).output().expect("multigen runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("compile") && text.contains("JIT") && text.contains("AOT"), "{text}");
}
