//! The front end after parsing: name resolution, type inference and lowering
//! from ruff's AST to the typed IR, refusing everything outside the subset.
//!
//! Layout: `types` (the `Ty` lattice), `ir` (the typed IR), `scope` (module
//! and function name tables), `imports` (what imported names refer to), `stmt`
//! and `expr` (lowering), `builtins` (calls to `print`, `abs`, `math.*`, ...), `calls` (binding
//! arguments to the parameters of user functions and methods, defaults),
//! `diagnostics` (every message the checker can give).  Tests live in `tests/` at the crate root.
//!
//! The checker never stops at the first problem: it reports a diagnostic,
//! skips the offending construct and goes on, so one run shows every error.

pub mod ir;
pub mod types;

mod abc;
mod builtins;
mod calls;
mod classes;
mod collections;
pub(crate) mod closures;
pub(crate) mod containers;
mod diagnostics;
pub(crate) mod enums;
mod exceptions;
mod expr;
mod fstrings;
pub(crate) mod functools;
mod generators;
mod imports;
mod iterators;
pub(crate) mod itertools;
mod keys;
pub mod modules;
mod narrowing;
mod namedtuples;
mod nesting;
mod nonempty;
mod random;
mod odict;
mod scope;
mod stdlib;
mod stmt;
mod translate;
mod tuples;

use ruff_python_ast as ast;

use crate::check::scope::Checker;
use crate::diagnostics::Diagnostic;
use crate::syntax::SourceFile;

/// Checks a parsed module and lowers it to the typed IR.
///
/// Returns the program only when there is no diagnostic: a half-checked
/// program is never handed to codegen.
pub fn check(module: &ast::ModModule, file: &SourceFile) -> Result<ir::Program, Vec<Diagnostic>> {
    check_as(module, file, true)
}

/// Like `check`; `is_main` says whether the module runs as `__main__` (a program) or is
/// loaded as a library, where `if __name__ == "__main__":` blocks do not run.
pub fn check_as(module: &ast::ModModule, file: &SourceFile, is_main: bool) -> Result<ir::Program, Vec<Diagnostic>> {
    check_modules(std::slice::from_ref(module), &[0], file, is_main)
}

/// Checks the modules of a program, linked by `modules::link` (which gave `order`).
pub fn check_modules(modules: &[ast::ModModule], order: &[usize], file: &SourceFile, is_main: bool) -> Result<ir::Program, Vec<Diagnostic>> {
    let mut checker = Checker::new(file);
    checker.is_main = is_main;
    for &m in order {
        if let Some(range) = nesting::too_deep(&modules[m].body) {
            checker.report(diagnostics::too_deeply_nested(range));
        }
    }
    let program = checker.check_modules(modules, order);
    if checker.diags.is_empty() {
        return Ok(program);
    }
    checker.diags.sort_by_key(|d| d.range.start());
    Err(checker.diags)
}
