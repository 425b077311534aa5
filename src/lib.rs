//! multigen: type-annotated Python → native code through LLVM 19.
//!
//! The pipeline, one module per stage:
//! `syntax` (ruff parser, line index) → `check` (names, types, typed IR,
//! diagnostics) → `codegen` (typed IR → LLVM module + runtime bitcode,
//! optimisation) → `jit` (run in memory) | `aot` (object file + system linker).
//! `driver` strings the stages together with timing; `diagnostics` renders
//! user errors.  The C runtime lives in `runtime/` and is compiled to bitcode
//! by `build.rs`.  `executor` is the JIT as a library; `cache` the compile cache
//! of `multigen run`.  Tests: `tests/it/` (integration, through the binary and
//! the executor) and `tests/corpus/` (programs with CPython's recorded output).
//!
//! ```
//! use multigen::executor::{Executor, Value};
//!
//! let mut ex = Executor::new();
//! ex.capture_output(true);
//! ex.add_source("stats.py", r#"
//! def summary(xs: list[float]) -> dict[str, float]:
//!     print("summarising", len(xs), "values")
//!     return {"min": min(xs), "max": max(xs), "mean": sum(xs, 0.0) / len(xs)}
//! "#).unwrap();
//! let out = ex.call("summary", &[Value::List(vec![Value::Float(1.0), Value::Float(4.0)])]).unwrap();
//! assert_eq!(out, Value::Dict(vec![
//!     (Value::Str("min".into()), Value::Float(1.0)),
//!     (Value::Str("max".into()), Value::Float(4.0)),
//!     (Value::Str("mean".into()), Value::Float(2.5)),
//! ]));
//! assert_eq!(ex.take_output(), "summarising 2 values\n");
//! ```

pub mod aot;
pub mod cache;
pub mod check;
pub mod codegen;
pub mod diagnostics;
pub mod driver;
pub mod executor;
pub mod jit;
pub mod syntax;
