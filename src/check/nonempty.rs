//! Which local lists are provably never empty, for `sum()` of floats.
//!
//! CPython's `sum(xs)` starts from the int `0`, so an empty `list[float]` sums to the
//! int `0` (printed `0`, not `0.0`). The checker accepts `sum(xs)` of floats without a
//! start value only when `xs` cannot be empty; this module proves that for the common
//! case of a local bound once to a non-empty display and then only grown, sorted, read
//! or printed. The proof is deliberately simple and conservative: any use it does not
//! recognise (passing the list to a function, aliasing it, `del`, `pop`, a second
//! binding) gives up, and the checker then asks for `sum(xs, 0.0)`.

use ruff_python_ast::visitor::{walk_comprehension, walk_expr, walk_stmt, Visitor};
use ruff_python_ast::{self as ast, ExprContext};
use ruff_text_size::{Ranged, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

/// A display with at least one item and no starred item, or a list comprehension without
/// conditions over such a display or a `range` of constant positive length: it cannot be empty.
pub fn is_nonempty_display(expr: &ast::Expr) -> bool {
    is_nonempty_expr(expr, &|_| false)
}

/// Like `is_nonempty_display`, also over names `known` to be non-empty.
pub fn is_nonempty_expr(expr: &ast::Expr, known: &dyn Fn(&str) -> bool) -> bool {
    match expr {
        ast::Expr::List(ast::ExprList { elts, .. }) | ast::Expr::Set(ast::ExprSet { elts, .. }) => !elts.is_empty() && !elts.iter().any(|e| matches!(e, ast::Expr::Starred(_))),
        ast::Expr::ListComp(c) => c.generators.iter().all(|g| g.ifs.is_empty() && !g.is_async && is_nonempty_iterable(&g.iter, known)),
        _ => false,
    }
}

fn is_nonempty_iterable(expr: &ast::Expr, known: &dyn Fn(&str) -> bool) -> bool {
    let int = |e: &ast::Expr| match e {
        ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(i), .. }) => i.as_i64(),
        _ => None,
    };
    match expr {
        ast::Expr::Name(n) => known(n.id.as_str()),
        ast::Expr::StringLiteral(s) => !s.value.to_str().is_empty(),
        ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == "range") && c.arguments.keywords.is_empty() => {
            match c.arguments.args.iter().map(int).collect::<Option<Vec<i64>>>().as_deref() {
                Some([stop]) => *stop > 0,
                Some([start, stop]) => stop > start,
                Some([start, stop, step]) => (*step > 0 && stop > start) || (*step < 0 && stop < start),
                _ => false,
            }
        }
        other => is_nonempty_expr(other, known),
    }
}

/// Methods that never remove an element.
const GROWING_METHODS: &[&str] = &["append", "extend", "insert", "sort", "reverse", "index", "count", "copy"];
/// Builtins that read their argument without keeping or changing it.
const READING_BUILTINS: &[&str] = &["print", "len", "sum", "min", "max", "sorted", "str", "repr", "any", "all", "list", "set"];

/// The names in `body` (a function body) bound exactly once, to a non-empty display,
/// and otherwise used only in ways that cannot empty them.
pub fn nonempty_locals(body: &[ast::Stmt]) -> FxHashSet<String> {
    let mut scan = Scan::default();
    for stmt in body {
        scan.visit_stmt(stmt);
    }
    scan.display_bindings.into_iter().filter(|(name, n)| *n == 1 && !scan.disqualified.contains(name)).map(|(name, _)| name).collect()
}

#[derive(Default)]
struct Scan {
    /// Name → number of bindings to a non-empty display.
    display_bindings: FxHashMap<String, u32>,
    /// Start offsets of name occurrences already known to be harmless.
    harmless: FxHashSet<TextSize>,
    disqualified: FxHashSet<String>,
}

impl Scan {
    fn mark_harmless(&mut self, expr: &ast::Expr) {
        if let ast::Expr::Name(n) = expr {
            self.harmless.insert(n.start());
        }
    }
}

impl<'a> Visitor<'a> for Scan {
    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        match stmt {
            ast::Stmt::Assign(s) if s.targets.len() == 1 && is_nonempty_display(&s.value) => {
                if let ast::Expr::Name(n) = &s.targets[0] {
                    *self.display_bindings.entry(n.id.to_string()).or_default() += 1;
                    self.harmless.insert(n.start());
                }
            }
            ast::Stmt::AnnAssign(s) if s.value.as_deref().is_some_and(is_nonempty_display) => {
                if let ast::Expr::Name(n) = &*s.target {
                    *self.display_bindings.entry(n.id.to_string()).or_default() += 1;
                    self.harmless.insert(n.start());
                }
            }
            ast::Stmt::For(s) => self.mark_harmless(&s.iter),
            _ => {}
        }
        if let ast::Stmt::Global(g) = stmt {
            for name in &g.names {
                self.disqualified.insert(name.id.to_string());
            }
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Call(call) => match &*call.func {
                ast::Expr::Attribute(attr) if GROWING_METHODS.contains(&attr.attr.as_str()) => self.mark_harmless(&attr.value),
                ast::Expr::Name(f) if READING_BUILTINS.contains(&f.id.as_str()) => {
                    call.arguments.args.iter().for_each(|a| self.mark_harmless(a));
                }
                _ => {}
            },
            ast::Expr::Compare(c) => c.comparators.iter().for_each(|e| self.mark_harmless(e)),
            // Reading or replacing one item keeps the length; a slice assignment may not.
            ast::Expr::Subscript(s) if s.ctx == ExprContext::Load || (s.ctx == ExprContext::Store && !matches!(&*s.slice, ast::Expr::Slice(_))) => {
                self.mark_harmless(&s.value);
            }
            ast::Expr::Name(n) if !self.harmless.contains(&n.start()) => {
                self.disqualified.insert(n.id.to_string());
            }
            _ => {}
        }
        walk_expr(self, expr);
    }

    fn visit_comprehension(&mut self, comprehension: &'a ast::Comprehension) {
        self.mark_harmless(&comprehension.iter);
        walk_comprehension(self, comprehension);
    }
}
