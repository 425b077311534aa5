//! CPython's limit of 20 statically nested blocks (`CO_MAXBLOCKS`): its compiler refuses
//! a function (or module) whose loops, `with` and `try` nest deeper, with
//! `SyntaxError: too many statically nested blocks`, so multigen refuses it too.
//!
//! The count follows the frame blocks of CPython 3.11's compiler (`compiler_push_fblock`):
//! a `for` or `while` body is one level down (its `else` is not); a `with` body one per
//! item; a `try` body one (two under a `finally`, whose body also runs one down on the
//! exception path), an `except` body two (the handler and its cleanup). `def`, `class` and
//! comprehensions start a new code object, counted from zero.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

const MAX_BLOCKS: usize = 20;

/// The statement whose block would be the 21st, if any.
pub fn too_deep(body: &[ast::Stmt]) -> Option<TextRange> {
    block(body, 0)
}

fn block(body: &[ast::Stmt], depth: usize) -> Option<TextRange> {
    body.iter().find_map(|s| stmt(s, depth))
}

/// `body` one or more levels below `depth`, pushed by `s`.
fn below(s: &ast::Stmt, body: &[ast::Stmt], depth: usize, levels: usize) -> Option<TextRange> {
    if depth + levels > MAX_BLOCKS {
        return Some(s.range());
    }
    block(body, depth + levels)
}

fn stmt(s: &ast::Stmt, depth: usize) -> Option<TextRange> {
    match s {
        ast::Stmt::FunctionDef(f) => block(&f.body, 0),
        ast::Stmt::ClassDef(c) => block(&c.body, 0),
        ast::Stmt::For(f) => below(s, &f.body, depth, 1).or_else(|| block(&f.orelse, depth)),
        ast::Stmt::While(w) => below(s, &w.body, depth, 1).or_else(|| block(&w.orelse, depth)),
        ast::Stmt::With(w) => below(s, &w.body, depth, w.items.len()),
        ast::Stmt::If(i) => block(&i.body, depth).or_else(|| i.elif_else_clauses.iter().find_map(|c| block(&c.body, depth))),
        ast::Stmt::Try(t) => {
            // Under a `finally`, the rest is compiled inside its FINALLY_TRY block.
            let (inner, final_body) = if t.finalbody.is_empty() { (depth, None) } else { (depth + 1, Some(&t.finalbody)) };
            if inner > MAX_BLOCKS {
                return Some(s.range());
            }
            let handlers = || {
                t.handlers.iter().find_map(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    below(s, &h.body, inner, 2)
                })
            };
            let body_levels = if t.handlers.is_empty() { 0 } else { 1 };
            below(s, &t.body, inner, body_levels)
                .or_else(handlers)
                .or_else(|| block(&t.orelse, inner))
                .or_else(|| final_body.and_then(|f| below(s, f, depth, 1)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_fors(n: usize) -> String {
        let mut src = String::from("def main() -> None:\n");
        for i in 0..n {
            src += &format!("{}for i{i} in range(1):\n", "    ".repeat(i + 1));
        }
        src += &format!("{}pass\n", "    ".repeat(n + 1));
        src
    }

    fn check(src: &str) -> Option<TextRange> {
        let parsed = ruff_python_parser::parse_module(src).expect("parses");
        too_deep(&parsed.syntax().body)
    }

    #[test]
    fn twenty_loops_compile_and_twenty_one_do_not() {
        assert!(check(&nested_fors(20)).is_none());
        assert!(check(&nested_fors(21)).is_some());
    }

    #[test]
    fn except_bodies_count_two_levels() {
        // 18 loops, then an except body: 18 + 2 = 20, fine; one more loop is 21.
        let deep = |loops: usize| {
            let mut src = nested_fors(loops).replace("pass\n", "try:\n");
            let pad = "    ".repeat(loops + 1);
            src += &format!("{pad}    pass\n{pad}except ValueError:\n{pad}    pass\n");
            src
        };
        assert!(check(&deep(18)).is_none());
        assert!(check(&deep(19)).is_some());
    }
}
