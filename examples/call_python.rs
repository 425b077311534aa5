//! Loads Python source into an executor and calls its functions from Rust.
//!
//! cargo run --release --example call_python

use multigen::executor::{ExecError, Executor, Value};

const SOURCE: &str = r#"
def word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in text.lower().split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def mean(xs: list[float]) -> float:
    return sum(xs, 0.0) / len(xs)
"#;

fn main() -> Result<(), ExecError> {
    let mut ex = Executor::new();
    ex.add_source("words.py", SOURCE)?;
    for (name, sig) in ex.functions() {
        println!("{name}: {:?} -> {}", sig.params.iter().map(|t| t.to_string()).collect::<Vec<_>>(), sig.ret);
    }
    let counts = ex.call("word_counts", &[Value::Str("the cat and the hat".into())])?;
    println!("word_counts -> {counts:?}");
    let avg = ex.call("mean", &[Value::List(vec![Value::Float(1.0), Value::Float(2.5)])])?;
    println!("mean -> {avg:?}");
    match ex.call("mean", &[Value::List(vec![])]) {
        Err(ExecError::Exception(exc)) => println!("mean([]) raised:\n{exc}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
