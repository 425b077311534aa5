//! Compile-and-call latency of the executor for a 20-line function: medians of 50 rounds,
//! each a fresh executor that compiles the module and calls the function once.
//!
//! cargo run --release --example latency

use std::time::Instant;

use multigen::codegen::target::OptLevel;
use multigen::executor::{Executor, Value};

const SOURCE: &str = r#"
def collatz_summary(limit: int) -> list[int]:
    best = 0
    best_n = 0
    total = 0
    for n in range(1, limit):
        steps = 0
        x = n
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        total += steps
        if steps > best:
            best = steps
            best_n = n
    evens = [n for n in range(limit) if n % 2 == 0]
    return [best_n, best, total, len(evens)]
"#;

fn main() {
    for (label, opt) in [("quick (default)", OptLevel::Quick), ("-O0", OptLevel::O0)] {
        measure(label, opt);
    }
}

fn measure(label: &str, opt: OptLevel) {
    let mut compile = Vec::new();
    let mut call = Vec::new();
    for _ in 0..50 {
        let t0 = Instant::now();
        let mut ex = Executor::new();
        ex.set_opt_level(opt);
        ex.add_source("latency.py", SOURCE).expect("compiles");
        let t1 = Instant::now();
        let out = ex.call("collatz_summary", &[Value::Int(10)]).expect("runs");
        let t2 = Instant::now();
        assert_eq!(out, Value::List(vec![Value::Int(9), Value::Int(19), Value::Int(61), Value::Int(5)]));
        compile.push((t1 - t0).as_secs_f64() * 1e3);
        call.push((t2 - t1).as_secs_f64() * 1e3);
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (c, k) = (median(compile), median(call));
    println!("{label}: 20-line function, medians of 50: compile {c:.2} ms, call {k:.3} ms, compile + call {:.2} ms", c + k);
}
