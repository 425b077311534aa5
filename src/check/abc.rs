//! `abc.ABC` and `@abstractmethod`.
//!
//! A class deriving from `ABC` (directly or through its bases) is an ordinary class with
//! one more rule, CPython's `object.__new__` check: it cannot be instantiated while a
//! method it would call by some name is still an abstract one (the most derived
//! definition of that name is decorated `@abstractmethod`).  Which classes are abstract is
//! known when compiling, so `Cls(...)` of one evaluates its arguments, as CPython does
//! before `__new__`, and then raises CPython's TypeError (`Can't instantiate abstract
//! class Shape with abstract methods area, perimeter`: the names sorted).  `ABC` adds
//! nothing else at run time, so it is no base at all here; in a class that does not
//! derive from it, `@abstractmethod` changes nothing, as in CPython.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use ruff_text_size::TextRange;

use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, ClassIdx, ExprKind, FuncId, Stmt};
use crate::check::scope::{Checker, FnCtx};

type Expr = ir::Expr;

/// The supported names of `abc`.
pub(crate) const ABC_MODULE_NAMES: &[&str] = &["ABC", "abstractmethod"];

impl<'a> Checker<'a> {
    /// Whether `e` (a base class or a decorator, read at module level) names `abc.<name>`.
    pub fn names_abc(&self, e: &ast::Expr, name: &str) -> bool {
        match e {
            ast::Expr::Name(n) => matches!(self.annotation_import(n.id.as_str(), n.range().start()), Some(Imported::Member(Module::Abc, m)) if m == name),
            ast::Expr::Attribute(a) => {
                let ast::Expr::Name(m) = &*a.value else { return false };
                a.attr.id.as_str() == name && self.annotation_import(m.id.as_str(), m.range().start()) == Some(Imported::Module(Module::Abc))
            }
            _ => false,
        }
    }

    /// The abstract methods an instance of class `idx` would still have, sorted as CPython
    /// lists them; empty for a class not derived from `ABC`.
    pub fn abstract_methods(&self, idx: usize) -> Vec<String> {
        if !self.classes[idx].abc {
            return Vec::new();
        }
        let mut names: Vec<String> = Vec::new();
        let mut c = Some(idx);
        while let Some(i) = c {
            for name in &self.classes[i].abstract_methods {
                let most_derived_is_abstract = self.find_method_class(idx, name) == Some(i);
                if most_derived_is_abstract && !names.contains(name) {
                    names.push(name.clone());
                }
            }
            c = self.classes[i].base;
        }
        names.sort();
        names
    }

    /// The class (of `idx` and its bases) whose definition of method `name` an instance of
    /// `idx` uses.
    fn find_method_class(&self, idx: usize, name: &str) -> Option<usize> {
        let mut c = Some(idx);
        while let Some(i) = c {
            if self.classes[i].methods.contains_key(name) {
                return Some(i);
            }
            c = self.classes[i].base;
        }
        None
    }

    /// Records an abstract method whose body is only `...`, `pass` and a docstring: CPython
    /// would return None from it, which a call may only see through `super()` or the class
    /// (`Shape.area(self)`), so those calls are refused (`abstract_stub_call`).
    pub fn note_abstract_stub(&mut self, f: &ast::StmtFunctionDef, func: FuncId) {
        let stub = f.body.iter().all(|s| match s {
            ast::Stmt::Pass(_) => true,
            ast::Stmt::Expr(e) => matches!(&*e.value, ast::Expr::EllipsisLiteral(_) | ast::Expr::StringLiteral(_)),
            _ => false,
        });
        if stub {
            self.abstract_stubs.insert(func);
        }
    }

    /// Refuses a direct call of an abstract stub; true when it was one.
    pub fn abstract_stub_call(&mut self, func: FuncId, range: TextRange) -> bool {
        if !self.abstract_stubs.contains(&func) {
            return false;
        }
        let name = self.funcs[func.0 as usize].name.clone();
        self.report(diag::unsupported(range, &format!("calling the abstract method `{name}`, whose body is empty"), "CPython would return None from it: give the abstract method a body that returns a value"));
        true
    }

    /// The end of an abstract stub's body, which no call reaches: a raise.
    pub fn abstract_stub_end(&mut self, ctx: &mut FnCtx, line: ir::Line) -> Vec<Stmt> {
        let Some(&class) = self.class_by_name.get("NotImplementedError") else { return Vec::new() };
        let Some(exc) = self.construct_exception(ctx, class, Vec::new(), line) else { return Vec::new() };
        vec![Stmt::Raise { value: Some(exc), cause: None, line }]
    }

    /// `Cls(...)` of an abstract class: `stmts` (the arguments, evaluated), then CPython's
    /// TypeError.  The value is never made; the expression keeps the class's type.
    pub fn abstract_instantiation(&mut self, ctx: &mut FnCtx, idx: usize, abstract_names: &[String], mut stmts: Vec<Stmt>, line: ir::Line) -> Option<Expr> {
        let plural = if abstract_names.len() == 1 { "" } else { "s" };
        let message = format!("Can't instantiate abstract class {} with abstract method{plural} {}", self.classes[idx].name, abstract_names.join(", "));
        let type_error = *self.class_by_name.get("TypeError")?;
        let text = Expr { kind: ExprKind::Str(message), ty: crate::check::types::Ty::STR, line };
        let exc = self.construct_exception(ctx, type_error, vec![text], line)?;
        stmts.push(Stmt::Raise { value: Some(exc), cause: None, line });
        let ty = self.classes[idx].ty;
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty, line })), ty, line })
    }
}
