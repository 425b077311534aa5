//! The compile cache of `multigen run`, and its size limit.

use crate::{corpus_dir, multigen, stderr, stdout};

fn run_with_cache(cache: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let py = corpus_dir("run").join("bench_fibonacci.py");
    multigen().env("XDG_CACHE_HOME", cache).arg("run").arg("--time-report").args(extra).arg(&py).output().expect("multigen runs")
}

/// The cache's entries (not its count of their bytes, `size`).
fn entries(cache: &std::path::Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(cache.join("multigen")) {
        Ok(dir) => dir.map(|e| e.expect("entry").path()).filter(|p| p.file_name().is_some_and(|n| n != "size")).collect(),
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

/// The bytes the cache's entries take (the count file `size` excluded), and the count.
fn cache_usage(cache: &std::path::Path) -> (u64, u64) {
    let mut total = 0;
    for path in entries(cache) {
        total += std::fs::metadata(&path).expect("entry").len();
    }
    let counted = std::fs::read_to_string(cache.join("multigen/size")).map_or(0, |t| t.trim().parse().expect("a number"));
    (total, counted)
}

/// Runs `py` through the cache at `cache` bounded by `limit`: whether it was a hit.
fn run_bounded(cache: &std::path::Path, limit: &str, py: &std::path::Path, want: &str) -> bool {
    let out = multigen().env("XDG_CACHE_HOME", cache).env("MULTIGEN_CACHE_SIZE", limit).args(["run", "--time-report"]).arg(py).output().expect("multigen runs");
    assert_eq!(stdout(&out), want, "{}", stderr(&out));
    !stderr(&out).contains("codegen")
}

/// With a limit of three and a half entries, a fourth evicts the least recently used one
/// (a hit counts as a use), the rest stay hits, and the directory stays under the limit.
#[test]
fn size_limit_evicts_least_recently_used() {
    let cache = tempfile::tempdir().expect("temp dir");
    let progs = tempfile::tempdir().expect("temp dir");
    let py: Vec<_> = (0..4)
        .map(|i| {
            let path = progs.path().join(format!("p{i}.py"));
            std::fs::write(&path, format!("print({i} * 1000 + 7)\n")).expect("write");
            path
        })
        .collect();
    let want = |i: usize| format!("{}\n", i * 1000 + 7);
    // The size of one entry, measured in a cache of its own.
    let probe = tempfile::tempdir().expect("temp dir");
    assert!(!run_bounded(probe.path(), "1G", &py[0], &want(0)));
    let one = cache_usage(probe.path()).0;
    assert!(one > 0);
    let limit = (one * 7 / 2).to_string();
    for i in 0..3 {
        assert!(!run_bounded(cache.path(), &limit, &py[i], &want(i)), "p{i} is new");
    }
    assert_eq!(entries(cache.path()).len(), 3);
    assert!(run_bounded(cache.path(), &limit, &py[0], &want(0)), "p0 is a hit");
    // p1 is now the least recently used: the fourth entry evicts it.
    assert!(!run_bounded(cache.path(), &limit, &py[3], &want(3)));
    let (total, counted) = cache_usage(cache.path());
    assert!(total <= one * 7 / 2, "{total} bytes over the limit");
    assert_eq!(total, counted, "the count is the true total after an eviction");
    for i in [0, 2, 3] {
        assert!(run_bounded(cache.path(), &limit, &py[i], &want(i)), "p{i} still hits");
    }
    assert!(!run_bounded(cache.path(), &limit, &py[1], &want(1)), "p1 was evicted");
    let (total, _) = cache_usage(cache.path());
    assert!(total <= one * 7 / 2, "{total} bytes over the limit");
}

/// Many programs through a tiny cache: it never holds more than its limit.
#[test]
fn tiny_limit_bounds_the_directory() {
    let cache = tempfile::tempdir().expect("temp dir");
    for name in ["bench_fibonacci", "scalar_arith", "scalar_functions", "exit_sys_exit"] {
        let py = corpus_dir("run").join(format!("{name}.py"));
        let out = multigen().env("XDG_CACHE_HOME", cache.path()).env("MULTIGEN_CACHE_SIZE", "16K").arg("run").arg(&py).output().expect("multigen runs");
        let want = std::fs::read_to_string(py.with_extension("out")).expect("expected output");
        assert_eq!(stdout(&out), want, "{name}");
        let (total, counted) = cache_usage(cache.path());
        assert!(total <= 16 * 1024, "{total} bytes after {name}");
        assert!(counted >= total, "the count never misses bytes: {counted} < {total}");
    }
}

#[test]
fn zero_turns_the_cache_off_and_bad_sizes_are_refused() {
    let cache = tempfile::tempdir().expect("temp dir");
    let py = corpus_dir("run").join("bench_fibonacci.py");
    let out = multigen().env("XDG_CACHE_HOME", cache.path()).env("MULTIGEN_CACHE_SIZE", "0").arg("run").arg(&py).output().expect("multigen runs");
    assert_eq!(stdout(&out), "514229\n");
    assert!(entries(cache.path()).is_empty());
    let out = multigen().env("XDG_CACHE_HOME", cache.path()).env("MULTIGEN_CACHE_SIZE", "lots").arg("run").arg(&py).output().expect("multigen runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("MULTIGEN_CACHE_SIZE"), "{}", stderr(&out));
    let help = multigen().args(["run", "--help"]).output().expect("multigen runs");
    assert!(stdout(&help).contains("MULTIGEN_CACHE_SIZE"), "{}", stdout(&help));
}
