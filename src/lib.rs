//! multigen: type-annotated Python → native code through LLVM 19.
//!
//! The pipeline, one module per stage:
//! `syntax` (ruff parser, line index) → `check` (names, types, typed IR,
//! diagnostics) → `codegen` (typed IR → LLVM module + runtime bitcode,
//! optimisation) → `jit` (run in memory) | `aot` (object file + system linker).
//! `driver` strings the stages together with timing; `diagnostics` renders
//! user errors.  The C runtime lives in `runtime/` and is compiled to bitcode
//! by `build.rs`.  Tests: `tests/it/` (integration, through the binary and
//! `driver`) and `tests/corpus/` (programs with CPython's recorded output).

pub mod aot;
pub mod cache;
pub mod check;
pub mod codegen;
pub mod diagnostics;
pub mod driver;
pub mod executor;
pub mod jit;
pub mod syntax;
