//! Imports: the modules a program may import, what each imported name refers to, and
//! from where in the module it is visible.
//!
//! Python binds an imported name when its `import` statement runs.  The checker declares
//! every top-level import in pass 1, before the signatures (which may use `typing` names),
//! and remembers where each binding starts: module-level code and signatures see a name
//! only after its import statement, as CPython does; function bodies see every import.
//! The latter is only true in Python if no function runs before the last import, so an
//! import that follows a module-level call of a function is refused, as are imports in
//! blocks and functions.
//!
//! A name bound by an import is a global: it cannot be reassigned or redefined with `def`
//! (CPython would rebind it at whichever statement runs later), but a local variable of a
//! function may shadow it, as in Python.

use ruff_python_ast as ast;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashMap;

use crate::check::diagnostics as diag;
use crate::check::scope::{Checker, FnCtx};
use crate::diagnostics::Diagnostic;

/// A module a program may import.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Module {
    Math,
    Sys,
    Typing,
    Dataclasses,
    Collections,
    Heapq,
    Bisect,
    /// `collections.abc`, for its `Iterator`, `Iterable` and `Generator` annotations
    /// (the same names as `typing`'s).
    CollectionsAbc,
    /// `itertools` (`check::itertools`).
    Itertools,
    /// `random` (`check::random`).
    Random,
    /// `functools` (`check::functools`).
    Functools,
    /// `time`'s clocks and `sleep` (`check::stdlib`).
    Time,
    /// `string`'s constants (`check::stdlib`).
    String,
    /// `abc.ABC` and `abstractmethod` (`check::abc`).
    Abc,
    /// `enum.Enum`, `IntEnum` and `auto` (`syntax::enums`, `check::enums`).
    Enum,
}

impl Module {
    pub fn from_name(name: &str) -> Option<Module> {
        match name {
            "math" => Some(Module::Math),
            "sys" => Some(Module::Sys),
            "typing" => Some(Module::Typing),
            "dataclasses" => Some(Module::Dataclasses),
            "collections" => Some(Module::Collections),
            "heapq" => Some(Module::Heapq),
            "bisect" => Some(Module::Bisect),
            "collections.abc" => Some(Module::CollectionsAbc),
            "itertools" => Some(Module::Itertools),
            "random" => Some(Module::Random),
            "functools" => Some(Module::Functools),
            "time" => Some(Module::Time),
            "string" => Some(Module::String),
            "abc" => Some(Module::Abc),
            "enum" => Some(Module::Enum),

            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Module::Math => "math",
            Module::Sys => "sys",
            Module::Typing => "typing",
            Module::Dataclasses => "dataclasses",
            Module::Collections => "collections",
            Module::Heapq => "heapq",
            Module::Bisect => "bisect",
            Module::CollectionsAbc => "collections.abc",
            Module::Itertools => "itertools",
            Module::Random => "random",
            Module::Functools => "functools",
            Module::Time => "time",
            Module::String => "string",
            Module::Abc => "abc",
            Module::Enum => "enum",

        }
    }

    /// The module's supported name `name` (as a `'static` string), if it has one.
    pub fn member(self, name: &str) -> Option<&'static str> {
        match self {
            Module::Math => crate::check::builtins::math_name(name),
            Module::Sys => SYS_NAMES.iter().copied().find(|n| *n == name),
            Module::Typing => TYPING_NAMES.iter().copied().find(|n| *n == name),
            Module::Dataclasses => DATACLASSES_NAMES.iter().copied().find(|n| *n == name),
            Module::Collections => COLLECTIONS_NAMES.iter().copied().find(|n| *n == name),
            Module::Heapq => HEAPQ_NAMES.iter().copied().find(|n| *n == name),
            Module::Bisect => BISECT_NAMES.iter().copied().find(|n| *n == name),
            Module::CollectionsAbc => ABC_NAMES.iter().copied().find(|n| *n == name),
            Module::Itertools => crate::check::itertools::NAMES.iter().copied().find(|n| *n == name),
            Module::Random => crate::check::random::NAMES.iter().copied().find(|n| *n == name),
            Module::Functools => crate::check::functools::NAMES.iter().copied().find(|n| *n == name),
            Module::Time => crate::check::stdlib::TIME_NAMES.iter().copied().find(|n| *n == name),
            Module::String => crate::check::stdlib::STRING_CONSTANTS.iter().map(|c| c.0).find(|n| *n == name),
            Module::Abc => crate::check::abc::ABC_MODULE_NAMES.iter().copied().find(|n| *n == name),
            Module::Enum => crate::check::enums::ENUM_NAMES.iter().copied().find(|n| *n == name),

        }
    }
}

const SYS_NAMES: &[&str] = &["argv", "exit", "stdout", "stderr", "stdin"];
/// `List`, `Dict`, `Set` and `Tuple` mean the builtin generics, `Optional[T]` is `T | None`.
pub(crate) const TYPING_NAMES: &[&str] = &["List", "Dict", "Set", "Tuple", "Optional", "Final", "Callable", "cast", "TextIO", "Iterator", "Iterable", "Generator", "NamedTuple"];
/// The annotations of generators and iterators (`Iterator[T]`, resolved as typing's).
const ABC_NAMES: &[&str] = &["Iterator", "Iterable", "Generator"];
/// `@dataclass` and `field()` are expanded by `syntax::dataclasses`.
const DATACLASSES_NAMES: &[&str] = &["dataclass", "field", "FrozenInstanceError"];
/// The containers of `collections` (`check::collections`).
pub(crate) const COLLECTIONS_NAMES: &[&str] = &["deque", "defaultdict", "Counter", "OrderedDict", "namedtuple"];
/// `heapq.merge` is a lazy generator written as CPython's Python (`check::itertools`).
pub(crate) const HEAPQ_NAMES: &[&str] = &["heappush", "heappop", "heapify", "heappushpop", "heapreplace", "nlargest", "nsmallest", "merge"];
pub(crate) const BISECT_NAMES: &[&str] = &["bisect_left", "bisect_right", "bisect", "insort_left", "insort_right", "insort"];
/// The features of `from __future__ import ...` that change nothing in Python 3.11.
const FUTURE_FEATURES: &[&str] = &["annotations", "division", "absolute_import", "print_function", "unicode_literals", "generators", "nested_scopes", "with_statement", "generator_stop"];

/// What a name bound by an import refers to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Imported {
    /// `import math`, `import math as m`.
    Module(Module),
    /// `from math import sqrt` (also `as root`): the module and the name in it.
    Member(Module, &'static str),
}

pub(crate) struct Binding {
    pub what: Imported,
    /// Where the binding starts: the end of its import statement; one per module of the
    /// program that imports it (`check::modules`: the modules share the table).
    pub at: Vec<TextSize>,
}

/// The import tables of a module.
#[derive(Default)]
pub(crate) struct Imports {
    pub by_name: FxHashMap<String, Binding>,
    /// Start offsets of the top-level import statements (pass 1 declared them).
    pub top_level: rustc_hash::FxHashSet<TextSize>,
    /// True while function bodies are lowered: they see every import.
    pub in_bodies: bool,
    /// `from __future__ import annotations`: annotations are never evaluated, so a `typing`
    /// name may be used in one before its import.
    pub lazy_annotations: bool,
    /// Names whose import was refused: their uses are not reported again.
    pub failed: rustc_hash::FxHashSet<String>,
}

impl<'a> Checker<'a> {
    /// Pass 1: binds the names of every top-level import, in source order.
    pub fn declare_imports(&mut self, body: &'a [ast::Stmt]) {
        for (idx, stmt) in body.iter().enumerate() {
            match stmt {
                ast::Stmt::Import(s) => {
                    self.imports.top_level.insert(s.range.start());
                    self.declare_import(s);
                }
                ast::Stmt::ImportFrom(s) => {
                    self.imports.top_level.insert(s.range.start());
                    self.declare_import_from(s, &body[..idx]);
                }
                _ => {}
            }
        }
    }

    fn declare_import(&mut self, s: &ast::StmtImport) {
        if s.is_lazy {
            self.report(diag::unsupported(s.range(), "lazy imports", "write an ordinary `import`"));
            return;
        }
        for alias in &s.names {
            let name = alias.name.id.as_str();
            let Some(module) = Module::from_name(name) else {
                self.report(diag::unknown_module(alias.range(), name));
                let bound = alias.asname.as_ref().map_or(name.split('.').next().unwrap_or(name), |a| a.id.as_str());
                self.imports.failed.insert(bound.to_string());
                continue;
            };
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.bind_import(bound, Imported::Module(module), s.range().end());
        }
    }

    fn declare_import_from(&mut self, s: &ast::StmtImportFrom, before: &[ast::Stmt]) {
        if s.is_lazy {
            self.report(diag::unsupported(s.range(), "lazy imports", "write an ordinary `from ... import ...`"));
            return;
        }
        let name = s.module.as_ref().map_or("", |m| m.id.as_str());
        if s.level > 0 {
            self.report(diag::unsupported(s.range(), "relative imports outside a package", "import the module by its name"));
            return;
        }
        if name == "__future__" {
            self.declare_future(s, before);
            return;
        }
        let Some(module) = Module::from_name(name) else {
            let range = s.module.as_ref().map_or(s.range(), Ranged::range);
            self.report(diag::unknown_module(range, name));
            self.imports.failed.extend(s.names.iter().map(|a| a.asname.as_ref().unwrap_or(&a.name).id.to_string()));
            return;
        };
        for alias in &s.names {
            let member_name = alias.name.id.as_str();
            if member_name == "*" {
                self.report(diag::star_import(alias.range(), module.name()));
                continue;
            }
            let Some(member) = module.member(member_name) else {
                self.report(diag::unknown_import_name(alias.name.range(), module.name(), member_name));
                self.imports.failed.insert(alias.asname.as_ref().unwrap_or(&alias.name).id.to_string());
                continue;
            };
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.bind_import(bound, Imported::Member(module, member), s.range().end());
        }
    }

    /// `from __future__ import ...`: features that change nothing are accepted where CPython
    /// accepts them (at the top of the file, after the docstring and other future imports).
    fn declare_future(&mut self, s: &ast::StmtImportFrom, before: &[ast::Stmt]) {
        let at_top = before.iter().enumerate().all(|(idx, stmt)| match stmt {
            ast::Stmt::ImportFrom(f) => f.module.as_ref().is_some_and(|m| m.id.as_str() == "__future__") && f.level == 0,
            ast::Stmt::Expr(e) => idx == 0 && e.value.is_string_literal_expr(),
            _ => false,
        });
        if !at_top {
            self.report(diag::future_not_first(s.range()));
            return;
        }
        for alias in &s.names {
            let feature = alias.name.id.as_str();
            if feature == "annotations" {
                self.imports.lazy_annotations = true;
            }
            if !FUTURE_FEATURES.contains(&feature) {
                self.report(diag::unknown_future(alias.range(), feature));
            }
        }
    }

    fn bind_import(&mut self, bound: &ast::Identifier, what: Imported, at: TextSize) {
        let name = bound.id.as_str();
        match self.imports.by_name.get_mut(name) {
            Some(existing) if existing.what != what => self.report(diag::import_rebound(bound.range(), name)),
            Some(existing) => existing.at.push(at),
            None => {
                self.imports.by_name.insert(name.to_string(), Binding { what, at: vec![at] });
            }
        }
    }

    /// After pass 1: an import that follows a module-level call of a user function is refused,
    /// since that function might need a name bound only later.
    pub fn check_import_order(&mut self, body: &'a [ast::Stmt]) {
        let first_call = body.iter().find_map(|stmt| match stmt {
            ast::Stmt::FunctionDef(_) | ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_) => None,
            _ => first_user_call(stmt, &self.func_by_name),
        });
        let Some(call) = first_call else { return };
        for stmt in body {
            if matches!(stmt, ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_)) && stmt.range().start() > call.start() {
                let line = self.line(call);
                self.report(diag::import_after_call(stmt.range(), line));
            }
        }
    }

    /// What `name`, read at `at` in a function (or the module) of context `ctx`, refers to if
    /// an import binds it there.  A local variable shadows an import.
    pub fn imported(&self, ctx: &FnCtx, name: &str, at: TextSize) -> Option<Imported> {
        if !ctx.is_global(name) {
            return None;
        }
        let binding = self.imports.by_name.get(name)?;
        (self.imports.in_bodies || self.bound_before(binding, at)).then_some(binding.what)
    }

    /// Whether an import of `binding` in the module of offset `at` ends before it.
    fn bound_before(&self, binding: &Binding, at: TextSize) -> bool {
        let module = self.file.segment_at(at).start;
        binding.at.iter().any(|&b| b <= at && self.file.segment_at(b).start == module)
    }

    /// The module `e` names (`math` after `import math`, `m` after `import math as m`).
    pub fn module_of(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<Module> {
        let ast::Expr::Name(n) = e else { return None };
        match self.imported(ctx, n.id.as_str(), n.range().start())? {
            Imported::Module(m) => Some(m),
            Imported::Member(..) => None,
        }
    }

    /// Whether `name` is bound by an import anywhere in the module (visible or not yet).
    pub fn is_import_name(&self, name: &str) -> bool {
        self.imports.by_name.contains_key(name)
    }

    /// The diagnostic for a name nothing defines (at this point): imported later, or an
    /// importable name that is not imported, or unknown.
    pub fn undefined(&self, range: TextRange, name: &str) -> Diagnostic {
        if self.is_import_name(name) {
            diag::used_before_import(range, name)
        } else if let Some(module) = Module::from_name(name) {
            diag::module_not_imported(range, module.name())
        } else if let Some(member) = Module::Math.member(name).or(Module::Sys.member(name)) {
            let module = if Module::Math.member(name).is_some() { "math" } else { "sys" };
            diag::member_not_imported(range, module, member)
        } else {
            diag::undefined_name(range, name)
        }
    }

    /// Whether `name`, read in `ctx`, is the name of a refused import (already reported).
    pub fn is_failed_import(&self, ctx: &FnCtx, name: &str) -> bool {
        ctx.is_global(name) && self.imports.failed.contains(name)
    }

    /// The `typing` name an annotation spells (`List` after `from typing import List`,
    /// `typing.List` after `import typing`), if it spells one.  Annotations are read at module
    /// level (signatures, globals) or never evaluated (locals), hence no function context.
    pub fn typing_name<'e>(&self, e: &'e ast::Expr) -> Option<&'e str> {
        match e {
            ast::Expr::Name(n) => match self.annotation_import(n.id.as_str(), n.range().start())? {
                Imported::Member(Module::Typing | Module::CollectionsAbc, member) => Some(member),
                _ => None,
            },
            ast::Expr::Attribute(a) => {
                let ast::Expr::Name(m) = &*a.value else { return None };
                match self.annotation_import(m.id.as_str(), m.range().start())? {
                    Imported::Module(Module::Typing) => Some(a.attr.id.as_str()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// What `name`, written at `at` in an annotation, refers to if an import binds it there.
    pub fn annotation_import(&self, name: &str, at: TextSize) -> Option<Imported> {
        let binding = self.imports.by_name.get(name)?;
        let seen = self.imports.in_bodies || self.imports.lazy_annotations || self.bound_before(binding, at);
        seen.then_some(binding.what)
    }

    /// The `collections` name an expression spells (`deque` after `from collections import
    /// deque`, `collections.deque` after `import collections`), if it spells one.
    pub fn collections_name<'e>(&self, e: &'e ast::Expr) -> Option<&'static str> {
        match e {
            ast::Expr::Name(n) => match self.annotation_import(n.id.as_str(), n.range().start())? {
                Imported::Member(Module::Collections, member) => Some(member),
                _ => None,
            },
            ast::Expr::Attribute(a) => {
                let ast::Expr::Name(m) = &*a.value else { return None };
                match self.annotation_import(m.id.as_str(), m.range().start())? {
                    Imported::Module(Module::Collections) => Module::Collections.member(a.attr.id.as_str()),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Whether an annotation is `Final` (`Some(None)`) or `Final[T]` (`Some(Some(T))`).
    pub fn final_annotation<'e>(&self, annotation: &'e ast::Expr) -> Option<Option<&'e ast::Expr>> {
        if self.typing_name(annotation) == Some("Final") {
            return Some(None);
        }
        match annotation {
            ast::Expr::Subscript(sub) if self.typing_name(&sub.value) == Some("Final") => Some(Some(&sub.slice)),
            _ => None,
        }
    }

    /// Whether a call of `func` is `sys.exit` (under any of its imported names).
    pub fn is_exit_func(&self, ctx: &FnCtx, func: &ast::Expr) -> bool {
        match func {
            ast::Expr::Name(n) => self.imported(ctx, n.id.as_str(), n.range().start()) == Some(Imported::Member(Module::Sys, "exit")),
            ast::Expr::Attribute(a) => a.attr.id.as_str() == "exit" && self.module_of(ctx, &a.value) == Some(Module::Sys),
            _ => false,
        }
    }

    /// Whether `func` names `math.<name>`, under any of its imported names.
    pub fn is_math_named(&self, ctx: &FnCtx, func: &ast::Expr, name: &str) -> bool {
        match func {
            ast::Expr::Name(n) => matches!(self.imported(ctx, n.id.as_str(), n.range().start()), Some(Imported::Member(Module::Math, m)) if m == name),
            ast::Expr::Attribute(a) => a.attr.id.as_str() == name && self.module_of(ctx, &a.value) == Some(Module::Math),
            _ => false,
        }
    }

    /// `sys.stdout` (1) or `sys.stderr` (2), under any of their imported names.
    pub fn sys_stream(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<i32> {
        let name = match e {
            ast::Expr::Name(n) => match self.imported(ctx, n.id.as_str(), n.range().start()) {
                Some(Imported::Member(Module::Sys, name)) => name,
                _ => return None,
            },
            ast::Expr::Attribute(a) if self.module_of(ctx, &a.value) == Some(Module::Sys) => a.attr.id.as_str(),
            _ => return None,
        };
        match name {
            "stdout" => Some(1),
            "stderr" => Some(2),
            _ => None,
        }
    }

    /// Whether a call of `func` is a `math` function, judged from the imports alone (for a
    /// callee's body, whose locals cannot be callables of their own).
    pub fn is_math_func(&self, func: &ast::Expr) -> bool {
        let binding = |name: &str| self.imports.by_name.get(name).map(|b| b.what);
        match func {
            ast::Expr::Name(n) => matches!(binding(n.id.as_str()), Some(Imported::Member(Module::Math, _))),
            ast::Expr::Attribute(a) => matches!(&*a.value, ast::Expr::Name(m) if binding(m.id.as_str()) == Some(Imported::Module(Module::Math))),
            _ => false,
        }
    }
}

/// The range of the first call of a user function in `stmt`, if any.
fn first_user_call(stmt: &ast::Stmt, funcs: &FxHashMap<String, crate::check::ir::FuncId>) -> Option<TextRange> {
    struct Calls<'f> {
        funcs: &'f FxHashMap<String, crate::check::ir::FuncId>,
        found: Option<TextRange>,
    }
    impl<'f, 'b> Visitor<'b> for Calls<'f> {
        fn visit_expr(&mut self, expr: &'b ast::Expr) {
            if self.found.is_some() {
                return;
            }
            if let ast::Expr::Call(c) = expr {
                // The calls that stand for imports of program modules (`modules.rs`) are not
                // the program's own.
                if matches!(&*c.func, ast::Expr::Name(n) if self.funcs.contains_key(n.id.as_str()) && !n.id.starts_with(crate::check::modules::INIT_PREFIX)) {
                    self.found = Some(c.range());
                    return;
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut calls = Calls { funcs, found: None };
    calls.visit_stmt(stmt);
    calls.found
}
