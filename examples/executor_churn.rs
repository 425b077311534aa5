//! Creates and drops 1,000 executors, each compiling and calling a small module, and
//! prints the resident set size along the way: it must stay flat.
//!
//! cargo run --release --example executor_churn

use multigen::executor::{Executor, Value};

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn main() {
    let source = "table: list[str] = [str(i) for i in range(100)]\n\ndef f(n: int) -> list[int]:\n    return [i * n for i in range(1000)]\n";
    let mut first = 0;
    for i in 0..1000 {
        let mut ex = Executor::new();
        ex.add_source("churn.py", source).expect("compiles");
        let Value::List(items) = ex.call("f", &[Value::Int(i)]).expect("runs") else { panic!("want a list") };
        assert_eq!(items.len(), 1000);
        if i == 99 {
            first = rss_kib();
        }
        if (i + 1) % 250 == 0 {
            println!("after {:4} executors: RSS {} KiB", i + 1, rss_kib());
        }
    }
    let last = rss_kib();
    println!("RSS after 100: {first} KiB, after 1000: {last} KiB, growth {:.1}%", (last as f64 - first as f64) * 100.0 / first as f64);
}
