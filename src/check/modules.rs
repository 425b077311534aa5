//! Programs of several modules: what `import helper` and `from pkg.mod import f` mean, in
//! which order the modules' top levels run, and the rewriting that lets the rest of the
//! checker see one namespace.
//!
//! The modules of a program (`syntax::program` found them in the script's directory) share
//! the checker's one table of functions, classes and globals, so a name means the same thing
//! in every module that may see it, and this pass makes sure no module sees what CPython
//! would not let it see:
//! - a top-level name bound in two modules is refused (the tables could not tell them
//!   apart), as is one named like a builtin (another module's use of the builtin would find
//!   it);
//! - a module reads another's names only through its imports: `helper.f` becomes `f`,
//!   `from helper import f as g` makes `g` read `f`; any other reference to a name of
//!   another module is the NameError CPython would raise, refused;
//! - `from helper import x` of a variable that helper's functions rebind (`global x`) is
//!   refused, since CPython's `x` is a copy made at the import;
//! - each module's top level becomes a function `<module>` (`__mg_import__N` in the
//!   tables), called where the first import of it runs, which is known statically because
//!   imports of program modules stand at a module's top level, before any call of anything
//!   but a builtin (and an imported name read before its import is refused); the order is
//!   CPython's (depth first, packages before their modules), and an import cycle is refused
//!   with the cycle named (a package's submodule may import the package for another
//!   submodule, as CPython allows, but not read its half-made names);
//! - `__name__` in an imported module is its name.
//!
//! Scoping follows CPython's symbol table: a name is global in a function unless the
//! function (or an enclosing one) binds it; class bodies and comprehensions have their own.

use std::cell::RefCell;

use ruff_python_ast as ast;
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostics::Diagnostic;
use crate::syntax::program::{resolve_relative, shadows, STANDARD_MODULES};
use crate::syntax::SourceFile;

/// The name of the function holding module `idx`'s top level, in the checker's tables.
pub fn init_name(idx: usize) -> String {
    format!("{INIT_PREFIX}{idx}")
}

pub const INIT_PREFIX: &str = "__mg_import__";

/// What linking decided: the modules whose top level runs, in the order their bodies are
/// checked (every module after those it imports; the main script last).
pub struct Linked {
    pub order: Vec<usize>,
}

/// What an imported name refers to in the module that imports it.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Module(usize),
    /// A top-level name of a module, by its name there.
    Member(usize, String),
}

/// What a reference to another module resolves to.
enum Resolved {
    Module(usize),
    /// A top-level name of a module, by its name there.
    Name(usize, String),
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Def,
    Var,
    /// Bound by an import of a standard module.
    Standard,
}

struct Tables<'f> {
    file: &'f SourceFile,
    /// Per module: its own top-level bindings.
    own: Vec<FxHashMap<String, (Kind, TextRange)>>,
    /// Per module: names that its functions declare `global`.
    rebound: Vec<FxHashSet<String>>,
    /// Per module: the names its imports of program modules bind.
    imported: Vec<FxHashMap<String, Target>>,
    /// Per module: where each of those names is bound (the end of its import statement).
    imported_at: Vec<FxHashMap<String, ruff_text_size::TextSize>>,
}

/// Links the modules of a program: checks and rewrites them (see the module docs).  A
/// one-module program only has its standard imports checked against the script's directory.
pub fn link(modules: &mut [ast::ModModule], file: &SourceFile) -> Result<Linked, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    for module in modules.iter() {
        check_standard_imports(module, file, &mut diags);
    }
    if modules.len() == 1 {
        return if diags.is_empty() { Ok(Linked { order: vec![0] }) } else { Err(diags) };
    }
    let index: FxHashMap<&str, usize> = file.segments.iter().enumerate().map(|(i, s)| (s.module.as_str(), i)).collect();
    let mut tables = Tables { file, own: Vec::new(), rebound: Vec::new(), imported: Vec::new(), imported_at: Vec::new() };
    for module in modules.iter() {
        let mut own = top_level_bindings(&module.body);
        let globals = global_declarations(&module.body);
        // A name a function declares `global` is a top-level name of its module, even
        // when only that function assigns it.
        for (name, range) in &globals {
            own.entry(name.clone()).or_insert((Kind::Var, *range));
        }
        tables.own.push(own);
        tables.rebound.push(globals.into_keys().collect());
    }
    // What each import statement of a program module imports and binds.
    let mut imports: Vec<Vec<ProgramImport>> = Vec::new();
    for (m, module) in modules.iter().enumerate() {
        let (stmts, bound) = program_imports(m, module, file, &index, &tables, &mut diags);
        let mut at = FxHashMap::default();
        for stmt in &module.body {
            if let ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_) = stmt {
                for name in import_bound_names(stmt) {
                    if bound.contains_key(&name) {
                        at.entry(name).or_insert(stmt.range().end());
                    }
                }
            }
        }
        imports.push(stmts);
        tables.imported.push(bound);
        tables.imported_at.push(at);
    }
    check_collisions(&tables, &mut diags);
    // The order the top levels run in, and the statement where each one starts.
    let mut state = vec![Visit::New; modules.len()];
    let mut order = Vec::new();
    let mut calls: Vec<FxHashMap<usize, Vec<usize>>> = vec![FxHashMap::default(); modules.len()];
    let mut stack = vec![0];
    state[0] = Visit::Active;
    run_imports(0, &imports, &mut state, &mut order, &mut calls, &mut stack, file, &mut diags);
    order.push(0);
    if !diags.is_empty() {
        return Err(diags);
    }
    for &m in &order {
        let resolver = Resolver { tables: &tables, module: m, scopes: RefCell::new(Vec::new()), diags: RefCell::new(Vec::new()) };
        for stmt in modules[m].body.iter_mut() {
            if !matches!(stmt, ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_)) {
                resolver.visit_stmt(stmt);
            }
        }
        diags.extend(resolver.diags.into_inner());
        replace_imports(&mut modules[m].body, &imports[m], &calls[m]);
    }
    if diags.is_empty() { Ok(Linked { order }) } else { Err(diags) }
}

/// An import statement of program modules: its index in the module's body, its range, and
/// the modules it imports (packages first).
struct ProgramImport {
    idx: usize,
    range: TextRange,
    targets: Vec<usize>,
    /// The modules whose top-level names (not submodules) it binds.
    reads: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    New,
    Active,
    Done,
}

/// Depth first through the import statements of `m`, in order: the first import of a module
/// runs its top level there (after its packages').
#[allow(clippy::too_many_arguments)]
fn run_imports(
    m: usize,
    imports: &[Vec<ProgramImport>],
    state: &mut [Visit],
    order: &mut Vec<usize>,
    calls: &mut [FxHashMap<usize, Vec<usize>>],
    stack: &mut Vec<usize>,
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) {
    for import in &imports[m] {
        for &t in &import.targets {
            match state[t] {
                Visit::Done => {}
                // A package whose `__init__` is running, imported by one of its submodules
                // (or by itself: `from . import mod`) for a submodule: CPython finds it in
                // `sys.modules` and goes on; reading its names would see them half made.
                Visit::Active if !import.reads.contains(&t) && is_ancestor(file, t, m) => {}
                Visit::Active => {
                    let from = stack.iter().position(|&s| s == t).unwrap_or(0);
                    let mut cycle: Vec<String> = stack[from..].iter().map(|&s| module_label(file, s)).collect();
                    cycle.push(module_label(file, t));
                    diags.push(
                        Diagnostic::new("unsupported-syntax", import.range, format!("circular import: {}", cycle.join(" imports ")))
                            .label("this import closes the cycle")
                            .help("CPython would run a half-initialised module here; move what both modules need into a third one"),
                    );
                }
                Visit::New => {
                    state[t] = Visit::Active;
                    calls[m].entry(import.idx).or_default().push(t);
                    stack.push(t);
                    run_imports(t, imports, state, order, calls, stack, file, diags);
                    stack.pop();
                    state[t] = Visit::Done;
                    order.push(t);
                }
            }
        }
    }
}

/// Whether module `pkg` is module `m` or a package above it.
fn is_ancestor(file: &SourceFile, pkg: usize, m: usize) -> bool {
    let (p, name) = (&file.segments[pkg].module, &file.segments[m].module);
    pkg == m || (file.segments[pkg].is_package && name.starts_with(&format!("{p}.")))
}

fn module_label(file: &SourceFile, m: usize) -> String {
    let seg = &file.segments[m];
    if m == 0 { format!("`{}`", seg.name) } else { format!("`{}`", seg.module) }
}

/// Each import statement of a program module becomes the calls of the top levels it runs
/// first (none when they ran already).
fn replace_imports<B>(body: &mut B, imports: &[ProgramImport], calls: &FxHashMap<usize, Vec<usize>>)
where
    B: Default + IntoIterator<Item = ast::Stmt> + Extend<ast::Stmt>,
{
    let old = std::mem::take(body);
    for (idx, stmt) in old.into_iter().enumerate() {
        if !imports.iter().any(|i| i.idx == idx) {
            body.extend([stmt]);
            continue;
        }
        for &t in calls.get(&idx).map(Vec::as_slice).unwrap_or(&[]) {
            body.extend([call_stmt(&init_name(t), stmt.range())]);
        }
    }
}

fn call_stmt(name: &str, range: TextRange) -> ast::Stmt {
    crate::syntax::dataclasses::parse_relocated(&format!("{name}()"), range).expect("a call parses").remove(0)
}

/// `import random` with a `random.py` (or package) next to the script: whether CPython
/// imports that file or the standard module depends on what its start-up imported already.
fn check_standard_imports(module: &ast::ModModule, file: &SourceFile, diags: &mut Vec<Diagnostic>) {
    let Some(root) = &file.root else { return };
    for stmt in &module.body {
        let names: Vec<(&str, TextRange)> = match stmt {
            ast::Stmt::Import(s) => s.names.iter().map(|a| (a.name.id.as_str(), a.range())).collect(),
            ast::Stmt::ImportFrom(s) if s.level == 0 => s.module.iter().map(|m| (m.id.as_str(), m.range())).collect(),
            _ => Vec::new(),
        };
        for (name, range) in names {
            let top = name.split('.').next().unwrap_or(name);
            if STANDARD_MODULES.contains(&top) && top != "__future__" && shadows(root, top) {
                diags.push(
                    Diagnostic::new("unsupported-syntax", range, format!("`{top}` names both a standard module and a module of this program"))
                        .label("which one CPython imports depends on its start-up")
                        .help(format!("rename the program's `{top}` module")),
                );
            }
        }
    }
}

/// The import statements of module `m` that import program modules: for each, its index in
/// the body and the modules it imports (packages first); and the names they bind.
fn program_imports(
    m: usize,
    module: &ast::ModModule,
    file: &SourceFile,
    index: &FxHashMap<&str, usize>,
    tables: &Tables,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<ProgramImport>, FxHashMap<String, Target>) {
    let seg = &file.segments[m];
    let mut stmts = Vec::new();
    let mut bound: FxHashMap<String, Target> = FxHashMap::default();
    let is_program = |name: &str| index.get(name).copied().filter(|&i| i != 0);
    // The packages above `name`, then `name`.
    let with_packages = |name: &str| -> Vec<usize> {
        let mut out = Vec::new();
        let mut prefix = String::new();
        for part in name.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            if let Some(i) = is_program(&prefix) {
                out.push(i);
            }
        }
        out
    };
    let mut code_before: Option<TextRange> = None;
    for (idx, stmt) in module.body.iter().enumerate() {
        let mut targets = Vec::new();
        let mut reads = Vec::new();
        let mut standard = false;
        match stmt {
            ast::Stmt::Import(s) => {
                for alias in &s.names {
                    let name = alias.name.id.as_str();
                    let Some(t) = is_program(name) else {
                        standard = true;
                        continue;
                    };
                    targets.extend(with_packages(name));
                    match &alias.asname {
                        Some(asname) => bind(&mut bound, asname.id.as_str(), Target::Module(t), asname.range(), diags),
                        None => {
                            let top = name.split('.').next().unwrap_or(name);
                            match is_program(top) {
                                Some(top_idx) => bind(&mut bound, top, Target::Module(top_idx), alias.range(), diags),
                                None => diags.push(namespace_package(alias.range(), top)),
                            }
                        }
                    }
                }
            }
            ast::Stmt::ImportFrom(s) => {
                let base = if s.level > 0 {
                    match resolve_relative(&seg.module, seg.is_package, s.level, s.module.as_ref().map(|m| m.id.as_str())) {
                        Some(b) => Some(b),
                        None => {
                            diags.push(
                                Diagnostic::new("unsupported-syntax", s.range(), "relative import outside a package")
                                    .label("CPython: ImportError: attempted relative import with no known parent package")
                                    .help("import the module by its name"),
                            );
                            continue;
                        }
                    }
                } else {
                    s.module.as_ref().map(|m| m.id.to_string())
                };
                let Some(base) = base else { continue };
                let Some(t) = is_program(&base) else {
                    if s.level > 0 {
                        diags.push(
                            Diagnostic::new("unsupported-syntax", s.range(), format!("no module `{base}` in this program"))
                                .label("CPython: ModuleNotFoundError")
                                .help("check the module's file name"),
                        );
                    }
                    continue;
                };
                targets.extend(with_packages(&base));
                for alias in &s.names {
                    let name = alias.name.id.as_str();
                    let bound_name = alias.asname.as_ref().unwrap_or(&alias.name);
                    if name == "*" {
                        diags.push(
                            Diagnostic::new("unsupported-syntax", alias.range(), format!("`from {base} import *`"))
                                .label("imports every public name")
                                .help("name what you import"),
                        );
                        continue;
                    }
                    // A name the package defines itself, else its submodule of that name
                    // (which its `__init__` may import: a name bound by an import).
                    let own = tables.own[t].get(name).map(|(kind, _)| *kind);
                    let sub = is_program(&format!("{base}.{name}"));
                    let target = if own.is_some_and(|k| k != Kind::Standard) || (own.is_some() && sub.is_none()) {
                        reads.push(t);
                        Target::Member(t, name.to_string())
                    } else if let Some(sub) = sub {
                        targets.push(sub);
                        Target::Module(sub)
                    } else {
                        diags.push(
                            Diagnostic::new("undefined-name", alias.range(), format!("module `{base}` has no top-level name `{name}`"))
                                .label("CPython: ImportError")
                                .help(format!("define `{name}` at the top level of `{}`", file.segments[t].name)),
                        );
                        continue;
                    };
                    bind(&mut bound, bound_name.id.as_str(), target, bound_name.range(), diags);
                }
            }
            ast::Stmt::Expr(e) if idx == 0 && e.value.is_string_literal_expr() => {}
            ast::Stmt::FunctionDef(_) | ast::Stmt::Pass(_) => {}
            other => {
                // Code before the import may run; a call of anything but a builtin might
                // call a function that needs what the import binds.
                if let Some(call) = first_call(other) {
                    code_before.get_or_insert(call);
                }
            }
        }
        if targets.is_empty() {
            continue;
        }
        if standard {
            diags.push(
                Diagnostic::new("unsupported-syntax", stmt.range(), "an import of standard and program modules in one statement")
                    .label("mixes both")
                    .help("import the program's modules in a statement of their own"),
            );
        }
        if let Some(before) = code_before {
            let line = tables.file.line_of(before.start()) + 1 - tables.file.segments[m].first_line;
            diags.push(
                Diagnostic::new("unsupported-syntax", stmt.range(), format!("an import of a program module after the call on line {line}"))
                    .label("imported after a call")
                    .help("import the program's modules before the module calls its functions"),
            );
        }
        stmts.push(ProgramImport { idx, range: stmt.range(), targets, reads });
    }
    (stmts, bound)
}

/// The names an import statement binds.
fn import_bound_names(stmt: &ast::Stmt) -> Vec<String> {
    match stmt {
        ast::Stmt::Import(s) => s.names.iter().map(|a| a.asname.as_ref().map_or(a.name.id.split('.').next().unwrap_or("").to_string(), |n| n.id.to_string())).collect(),
        ast::Stmt::ImportFrom(s) => s.names.iter().map(|a| a.asname.as_ref().unwrap_or(&a.name).id.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The first call in a statement of anything but a builtin function.
fn first_call(stmt: &ast::Stmt) -> Option<TextRange> {
    struct Calls(Option<TextRange>);
    impl<'b> Visitor<'b> for Calls {
        fn visit_expr(&mut self, expr: &'b ast::Expr) {
            if self.0.is_some() {
                return;
            }
            if let ast::Expr::Call(c) = expr {
                if !matches!(&*c.func, ast::Expr::Name(n) if BUILTINS.contains(&n.id.as_str())) {
                    self.0 = Some(c.range());
                    return;
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut calls = Calls(None);
    calls.visit_stmt(stmt);
    calls.0
}

fn namespace_package(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("`{name}` is a directory without `__init__.py`"))
        .label("a namespace package")
        .help(format!("add an empty `{name}/__init__.py`"))
}

fn bind(bound: &mut FxHashMap<String, Target>, name: &str, target: Target, range: TextRange, diags: &mut Vec<Diagnostic>) {
    match bound.get(name) {
        Some(existing) if *existing != target => diags.push(
            Diagnostic::new("redefinition", range, format!("`{name}` is imported twice, from different places"))
                .label("bound again here")
                .help("give one of them another name with `as`"),
        ),
        _ => {
            bound.insert(name.to_string(), target);
        }
    }
}

/// Top-level names bound in two modules, or named like a builtin.
fn check_collisions(tables: &Tables, diags: &mut Vec<Diagnostic>) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (m, own) in tables.own.iter().enumerate() {
        let mut names: Vec<(&String, &(Kind, TextRange))> = own.iter().collect();
        names.sort_by_key(|(_, (_, r))| r.start());
        for (name, (kind, range)) in names {
            if *kind == Kind::Standard || tables.imported[m].contains_key(name.as_str()) {
                continue;
            }
            if BUILTINS.contains(&name.as_str()) {
                diags.push(
                    Diagnostic::new("unsupported-syntax", *range, format!("a top-level `{name}` in a program of several modules"))
                        .label("shadows the builtin")
                        .help("multigen's modules share one table of names; give it another name"),
                );
                continue;
            }
            match first.get(name.as_str()) {
                Some(&other) => diags.push(
                    Diagnostic::new("redefinition", *range, format!("`{name}` is also a top-level name of `{}`", tables.file.segments[other].name))
                        .label("defined in two modules")
                        .help("multigen's modules share one table of names; rename one of them"),
                ),
                None => {
                    first.insert(name, m);
                }
            }
        }
    }
}

/// The names a module binds at its top level (outside functions and classes).
fn top_level_bindings(body: &[ast::Stmt]) -> FxHashMap<String, (Kind, TextRange)> {
    let mut out = FxHashMap::default();
    for stmt in body {
        match stmt {
            ast::Stmt::Import(s) => {
                for alias in &s.names {
                    let bound = alias.asname.as_ref().map_or(alias.name.id.split('.').next().unwrap_or(""), |a| a.id.as_str());
                    out.insert(bound.to_string(), (Kind::Standard, alias.range()));
                }
            }
            ast::Stmt::ImportFrom(s) => {
                for alias in &s.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    out.insert(bound.id.to_string(), (Kind::Standard, alias.range()));
                }
            }
            _ => {}
        }
    }
    let mut binder = Binder { names: Vec::new() };
    for stmt in body {
        if !matches!(stmt, ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_)) {
            binder.visit_stmt(stmt);
        }
    }
    for (name, kind, range) in binder.names {
        out.entry(name).or_insert((kind, range));
    }
    out
}

/// Collects the names a block binds in its own scope: assignment targets, `def` and `class`
/// names, `except ... as` names; nested scopes are not entered.
struct Binder {
    names: Vec<(String, Kind, TextRange)>,
}

impl<'b> Visitor<'b> for Binder {
    fn visit_stmt(&mut self, stmt: &'b ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(f) => {
                self.names.push((f.name.id.to_string(), Kind::Def, f.name.range()));
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
            }
            ast::Stmt::ClassDef(c) => {
                self.names.push((c.name.id.to_string(), Kind::Def, c.name.range()));
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
            }
            ast::Stmt::Import(s) => {
                for alias in &s.names {
                    let bound = alias.asname.as_ref().map_or(alias.name.id.split('.').next().unwrap_or(""), |a| a.id.as_str());
                    self.names.push((bound.to_string(), Kind::Var, alias.range()));
                }
            }
            ast::Stmt::ImportFrom(s) => {
                for alias in &s.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.names.push((bound.id.to_string(), Kind::Var, alias.range()));
                }
            }
            ast::Stmt::Nonlocal(s) => {
                for n in &s.names {
                    self.names.push((n.id.to_string(), Kind::Var, n.range()));
                }
            }
            ast::Stmt::Try(t) => {
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(name) = &h.name {
                        self.names.push((name.id.to_string(), Kind::Var, name.range()));
                    }
                }
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'b ast::Expr) {
        match expr {
            ast::Expr::Name(n) if !matches!(n.ctx, ast::ExprContext::Load) => self.names.push((n.id.to_string(), Kind::Var, n.range())),
            ast::Expr::Lambda(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) | ast::Expr::Generator(_) => {}
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The names `global` statements declare anywhere in a module's functions.
fn global_declarations(body: &[ast::Stmt]) -> FxHashMap<String, TextRange> {
    struct Globals(FxHashMap<String, TextRange>);
    impl<'b> Visitor<'b> for Globals {
        fn visit_stmt(&mut self, stmt: &'b ast::Stmt) {
            if let ast::Stmt::Global(g) = stmt {
                for n in &g.names {
                    self.0.entry(n.id.to_string()).or_insert(n.range());
                }
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    let mut g = Globals(FxHashMap::default());
    for stmt in body {
        g.visit_stmt(stmt);
    }
    g.0
}

/// A function's own bindings: its parameters and what its body binds, less its `global`s.
fn function_scope(params: &ast::Parameters, body: &[ast::Stmt]) -> Scope {
    let mut binder = Binder { names: Vec::new() };
    for stmt in body {
        binder.visit_stmt(stmt);
    }
    let mut locals: FxHashSet<String> = binder.names.into_iter().map(|(n, _, _)| n).collect();
    for p in params.iter() {
        locals.insert(p.name().id.to_string());
    }
    let globals = direct_globals(body);
    for g in &globals {
        locals.remove(g);
    }
    Scope { kind: ScopeKind::Function, locals, globals }
}

/// The `global` statements of one scope (not of nested functions).
fn direct_globals(body: &[ast::Stmt]) -> FxHashSet<String> {
    struct Globals(FxHashSet<String>);
    impl<'b> Visitor<'b> for Globals {
        fn visit_stmt(&mut self, stmt: &'b ast::Stmt) {
            match stmt {
                ast::Stmt::Global(g) => self.0.extend(g.names.iter().map(|n| n.id.to_string())),
                ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_) => {}
                _ => visitor::walk_stmt(self, stmt),
            }
        }
    }
    let mut g = Globals(FxHashSet::default());
    for stmt in body {
        g.visit_stmt(stmt);
    }
    g.0
}

#[derive(PartialEq)]
enum ScopeKind {
    Function,
    Class,
    Comprehension,
}

struct Scope {
    kind: ScopeKind,
    locals: FxHashSet<String>,
    globals: FxHashSet<String>,
}

/// Rewrites one module's references to other modules' names (see the module docs).
struct Resolver<'t, 'f> {
    tables: &'t Tables<'f>,
    module: usize,
    scopes: RefCell<Vec<Scope>>,
    diags: RefCell<Vec<Diagnostic>>,
}

impl Resolver<'_, '_> {
    /// Whether `name`, used in the innermost scope, is a module-level name.
    fn is_global(&self, name: &str) -> bool {
        let scopes = self.scopes.borrow();
        for (depth, scope) in scopes.iter().enumerate().rev() {
            if scope.globals.contains(name) {
                return true;
            }
            let innermost = depth + 1 == scopes.len();
            if scope.locals.contains(name) && (scope.kind != ScopeKind::Class || innermost) {
                return false;
            }
        }
        true
    }

    fn report(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// What a module-level `name` of this module refers to among the program's imports.
    fn target(&self, name: &str) -> Option<&Target> {
        self.tables.imported[self.module].get(name)
    }

    /// A read of `name` (bound by an import of a program module) in code that runs at the
    /// module's top level (not in a function), before that import: CPython's NameError.
    fn check_read_after_import(&self, name: &str, range: TextRange) {
        let at_top = !self.scopes.borrow().iter().any(|s| s.kind == ScopeKind::Function);
        let Some(&bound_at) = self.tables.imported_at[self.module].get(name) else { return };
        if at_top && range.start() < bound_at {
            self.report(
                Diagnostic::new("undefined-name", range, format!("name `{name}` is used before it is imported"))
                    .label("CPython: NameError")
                    .help("move the import above its first use"),
            );
        }
    }

    /// `helper.f` (or `pkg.mod.f`) when `helper` is an imported program module: what it
    /// names, resolved through the modules; None when `expr` is no such chain (an attribute
    /// of something else, which the walk visits on its own).
    fn resolve_chain(&self, expr: &ast::Expr) -> Option<Result<Resolved, Diagnostic>> {
        let ast::Expr::Attribute(attr) = expr else { return None };
        let owner = match &*attr.value {
            ast::Expr::Name(n) => {
                if !self.is_global(n.id.as_str()) {
                    return None;
                }
                self.check_read_after_import(n.id.as_str(), n.range);
                match self.target(n.id.as_str())? {
                    Target::Module(t) => *t,
                    Target::Member(..) => return None,
                }
            }
            inner @ ast::Expr::Attribute(_) => match self.resolve_chain(inner)? {
                Ok(Resolved::Module(t)) => t,
                Ok(Resolved::Name(..)) => return None,
                Err(d) => return Some(Err(d)),
            },
            _ => return None,
        };
        Some(self.member(owner, attr.attr.id.as_str(), attr.attr.range()))
    }

    /// What `owner.name` is: a name the module imports from another (followed), a
    /// top-level name of its own, or a submodule.
    fn member(&self, owner: usize, name: &str, range: TextRange) -> Result<Resolved, Diagnostic> {
        let module = &self.tables.file.segments[owner].module;
        match self.tables.imported[owner].get(name) {
            Some(Target::Module(t)) => return Ok(Resolved::Module(*t)),
            Some(Target::Member(t, real)) => return self.member(*t, &real.clone(), range),
            None => {}
        }
        match self.tables.own[owner].get(name) {
            Some((Kind::Standard, _)) => Err(Diagnostic::new("unsupported-syntax", range, format!("`{name}` of `{module}` is a name it imports from a standard module"))
                .label("re-exported")
                .help("import it from the standard module itself")),
            Some(_) => Ok(Resolved::Name(owner, name.to_string())),
            None => {
                let sub = format!("{module}.{name}");
                match self.tables.file.segments.iter().position(|s| s.module == sub) {
                    Some(t) => Ok(Resolved::Module(t)),
                    None => Err(Diagnostic::new("undefined-name", range, format!("module `{module}` has no top-level name `{name}`"))
                        .label("CPython: AttributeError")
                        .help(format!("define `{name}` at the top level of `{}`", self.tables.file.segments[owner].name))),
                }
            }
        }
    }

    /// A module-level name read or written in this module.
    fn global_name(&self, expr: &mut ast::Expr) {
        let ast::Expr::Name(n) = expr else { return };
        let name = n.id.to_string();
        let store = !matches!(n.ctx, ast::ExprContext::Load);
        self.check_read_after_import(&name, n.range);
        if name == "__name__" && self.module != 0 && !store {
            let module = &self.tables.file.segments[self.module].module;
            let mut lit = ruff_python_parser::parse_expression(&format!("{module:?}")).expect("a str literal parses").into_syntax().body;
            crate::syntax::dataclasses::Relocator { range: n.range }.visit_expr(&mut lit);
            *expr = *lit;
            return;
        }
        match self.target(&name).cloned() {
            Some(Target::Module(_)) => self.report(module_value(n.range)),
            Some(Target::Member(t, real)) => {
                if store {
                    self.report(
                        Diagnostic::new("unsupported-syntax", n.range, format!("assigning `{name}`, which is imported"))
                            .label("rebinds an imported name")
                            .help("give the variable another name"),
                    );
                    return;
                }
                match self.member(t, &real, n.range) {
                    Ok(Resolved::Module(_)) => self.report(module_value(n.range)),
                    Ok(Resolved::Name(owner, real)) => {
                        if self.tables.rebound[owner].contains(&real) && matches!(self.tables.own[owner].get(&real), Some((Kind::Var, _))) {
                            self.report(
                                Diagnostic::new("unsupported-syntax", n.range, format!("`{name}` is a copy of `{}.{real}` made at the import, which its functions rebind", self.tables.file.segments[owner].module))
                                    .label("CPython's copy would not follow the changes")
                                    .help(format!("import the module and read `{}.{real}`", self.tables.file.segments[owner].module)),
                            );
                            return;
                        }
                        self.rename(n, &real);
                    }
                    Err(d) => self.report(d),
                }
            }
            None => {
                if self.tables.own[self.module].contains_key(&name) {
                    return;
                }
                if let Some(other) = self.tables.own.iter().position(|own| own.get(&name).is_some_and(|(k, _)| *k != Kind::Standard)) {
                    self.report(
                        Diagnostic::new("undefined-name", n.range, format!("name `{name}` is not defined in `{}`", self.tables.file.segments[self.module].name))
                            .label("CPython: NameError")
                            .help(format!("import it from `{}`", self.tables.file.segments[other].module)),
                    );
                }
            }
        }
    }

    /// Makes `n` read the global `real`, unless a local of that name would capture it.
    fn rename(&self, n: &mut ast::ExprName, real: &str) {
        if n.id.as_str() == real {
            return;
        }
        if !self.is_global(real) {
            self.report(
                Diagnostic::new("unsupported-syntax", n.range, format!("`{}` reads `{real}` of another module, which a local `{real}` hides here", n.id))
                    .label("hidden by a local")
                    .help(format!("rename the local `{real}`")),
            );
            return;
        }
        n.id = real.into();
    }

    fn with_scope(&self, scope: Scope, f: impl FnOnce()) {
        self.scopes.borrow_mut().push(scope);
        f();
        self.scopes.borrow_mut().pop();
    }

    fn comprehension(&self, generators: &mut [ast::Comprehension], elts: &mut [&mut ast::Expr]) {
        let mut locals = FxHashSet::default();
        for g in generators.iter() {
            let mut b = Binder { names: Vec::new() };
            b.visit_expr(&g.target);
            locals.extend(b.names.into_iter().map(|(n, _, _)| n));
        }
        // The first iterable is evaluated outside, in the enclosing scope.
        if let Some(first) = generators.first_mut() {
            self.visit_expr(&mut first.iter);
        }
        self.with_scope(Scope { kind: ScopeKind::Comprehension, locals, globals: FxHashSet::default() }, || {
            for (i, g) in generators.iter_mut().enumerate() {
                self.visit_expr(&mut g.target);
                if i > 0 {
                    self.visit_expr(&mut g.iter);
                }
                for cond in g.ifs.iter_mut() {
                    self.visit_expr(cond);
                }
            }
            for e in elts.iter_mut() {
                self.visit_expr(e);
            }
        });
    }
}

fn module_value(range: TextRange) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, "a module as a value")
        .label("modules are not values in multigen")
        .help("use the module's names: `module.name`")
}

impl Transformer for Resolver<'_, '_> {
    fn visit_stmt(&self, stmt: &mut ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(f) => {
                for d in f.decorator_list.iter_mut() {
                    self.visit_expr(&mut d.expression);
                }
                let params = &mut *f.parameters;
                for p in params.posonlyargs.iter_mut().chain(params.args.iter_mut()).chain(params.kwonlyargs.iter_mut()) {
                    if let Some(a) = p.parameter.annotation.as_deref_mut() {
                        self.visit_expr(a);
                    }
                    if let Some(d) = p.default.as_deref_mut() {
                        self.visit_expr(d);
                    }
                }
                if let Some(r) = f.returns.as_deref_mut() {
                    self.visit_expr(r);
                }
                let scope = function_scope(&f.parameters, &f.body);
                self.with_scope(scope, || {
                    for s in f.body.iter_mut() {
                        self.visit_stmt(s);
                    }
                });
            }
            ast::Stmt::ClassDef(c) => {
                for d in c.decorator_list.iter_mut() {
                    self.visit_expr(&mut d.expression);
                }
                if let Some(args) = c.arguments.as_deref_mut() {
                    transformer::walk_arguments(self, args);
                }
                let mut b = Binder { names: Vec::new() };
                for s in c.body.iter() {
                    b.visit_stmt(s);
                }
                let locals = b.names.into_iter().map(|(n, _, _)| n).collect();
                self.with_scope(Scope { kind: ScopeKind::Class, locals, globals: FxHashSet::default() }, || {
                    for s in c.body.iter_mut() {
                        self.visit_stmt(s);
                    }
                });
            }
            _ => transformer::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&self, expr: &mut ast::Expr) {
        match expr {
            ast::Expr::Name(n) => {
                if self.is_global(n.id.as_str()) {
                    self.global_name(expr);
                }
            }
            ast::Expr::Attribute(_) => match self.resolve_chain(expr) {
                Some(Ok(Resolved::Module(_))) => self.report(module_value(expr.range())),
                Some(Ok(Resolved::Name(_, name))) => {
                    let range = expr.range();
                    let store = matches!(expr, ast::Expr::Attribute(a) if !matches!(a.ctx, ast::ExprContext::Load));
                    if store {
                        self.report(
                            Diagnostic::new("unsupported-syntax", range, "assigning a name of another module")
                                .label("rebinds another module's global")
                                .help("call a function of that module that assigns it"),
                        );
                        return;
                    }
                    if !self.is_global(&name) {
                        self.report(
                            Diagnostic::new("unsupported-syntax", range, format!("`{name}` of another module, which a local `{name}` hides here"))
                                .label("hidden by a local")
                                .help(format!("rename the local `{name}`")),
                        );
                        return;
                    }
                    *expr = ast::Expr::Name(ast::ExprName { range, node_index: Default::default(), id: name.as_str().into(), ctx: ast::ExprContext::Load });
                }
                Some(Err(d)) => self.report(d),
                None => transformer::walk_expr(self, expr),
            },
            ast::Expr::Lambda(l) => {
                let mut locals = FxHashSet::default();
                if let Some(params) = l.parameters.as_deref_mut() {
                    for p in params.posonlyargs.iter_mut().chain(params.args.iter_mut()).chain(params.kwonlyargs.iter_mut()) {
                        if let Some(d) = p.default.as_deref_mut() {
                            self.visit_expr(d);
                        }
                        locals.insert(p.parameter.name.id.to_string());
                    }
                    for p in params.iter() {
                        locals.insert(p.name().id.to_string());
                    }
                }
                self.with_scope(Scope { kind: ScopeKind::Function, locals, globals: FxHashSet::default() }, || self.visit_expr(&mut l.body));
            }
            ast::Expr::ListComp(c) => self.comprehension(&mut c.generators, &mut [&mut c.elt]),
            ast::Expr::SetComp(c) => self.comprehension(&mut c.generators, &mut [&mut c.elt]),
            ast::Expr::Generator(c) => self.comprehension(&mut c.generators, &mut [&mut c.elt]),
            ast::Expr::DictComp(c) => match c.key.as_deref_mut() {
                Some(key) => self.comprehension(&mut c.generators, &mut [key, &mut c.value]),
                None => self.comprehension(&mut c.generators, &mut [&mut c.value]),
            },
            _ => transformer::walk_expr(self, expr),
        }
    }
}

/// Python's builtin names that a program's top level could shadow.
const BUILTINS: &[&str] = &[
    "abs", "all", "any", "ascii", "bin", "bool", "callable", "chr", "dict", "dir", "divmod", "enumerate", "filter", "float", "format", "frozenset", "getattr",
    "globals", "hasattr", "hash", "hex", "id", "input", "int", "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "min", "next", "object",
    "oct", "open", "ord", "pow", "print", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted", "str", "sum", "super", "tuple", "type", "vars",
    "zip", "Exception", "BaseException", "ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError", "ZeroDivisionError", "AttributeError",
    "NameError", "StopIteration", "AssertionError", "OverflowError", "NotImplementedError", "ArithmeticError", "LookupError", "OSError", "exit", "quit",
];
