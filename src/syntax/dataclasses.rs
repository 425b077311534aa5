//! `@dataclass` as a rewrite of the class before checking: the decorator goes, and the
//! methods `dataclasses` would generate are written out as Python and parsed into the
//! class body, so they are checked, lowered and optimised as if the user had written them.
//!
//! What is generated follows CPython 3.11's `dataclasses.py`: `__init__` (parameters in
//! field order, defaults, `field(default_factory=list|dict|set)`), `__repr__`
//! (`Name(a=1, b='x')`), `__eq__` (fields compared as a tuple); with `order=True` the four
//! orderings, also as tuple comparisons; with `frozen=True` a `__hash__` of the fields'
//! tuple, and assignments to fields outside `__init__` raise `FrozenInstanceError` (the
//! checker does that: it sees the class marked with `FROZEN_MARKER`). A method the class
//! body defines itself is kept, as `dataclasses` keeps it.
//!
//! The generated text has its own offsets; every node parsed from it is moved to the
//! class name's range, so diagnostics and tracebacks point at the class statement.
//! Anything else `dataclasses` offers (other decorator or `field()` options, `ClassVar`,
//! inheritance to or from a dataclass) is refused here with a diagnostic.

use ruff_python_ast::visitor::transformer::{walk_expr, walk_stmt, Transformer};
use ruff_python_ast::{self as ast, relocate::relocate_expr};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashSet;

use crate::diagnostics::Diagnostic;

/// A decorator name the rewrite leaves on a `frozen=True` dataclass, for the checker.
pub const FROZEN_MARKER: &str = "__multigen_frozen_dataclass__";

/// The name a `default_factory` default is wrapped in, for the checker:
/// `__multigen_factory__(list)` in a generated `__init__` means "a new empty list per call".
pub const FACTORY_MARKER: &str = "__multigen_factory__";

struct Field {
    name: String,
    annotation: String,
    default: Option<String>,
}

struct Options {
    order: bool,
    frozen: bool,
}

/// Rewrites every `@dataclass` class of the module; the diagnostics of what it refuses.
pub fn expand(module: &mut ast::ModModule, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut dataclasses = FxHashSet::default();
    for stmt in module.body.iter_mut() {
        let ast::Stmt::ClassDef(class) = stmt else { continue };
        if let Some(ast::Expr::Name(base)) = class.arguments.as_deref().and_then(|a| a.args.first()) {
            if dataclasses.contains(base.id.as_str()) {
                diags.push(unsupported(base.range(), "deriving from a dataclass", "dataclasses compare by their exact class: write the fields in one class"));
                continue;
            }
        }
        let Some(pos) = class.decorator_list.iter().position(|d| is_dataclass(&d.expression)) else { continue };
        let decorator = class.decorator_list.remove(pos);
        dataclasses.insert(class.name.id.to_string());
        let before = diags.len();
        let options = options(&decorator.expression, &mut diags);
        if class.arguments.as_deref().is_some_and(|a| !a.args.is_empty() || !a.keywords.is_empty()) {
            diags.push(unsupported(class.name.range(), "a dataclass with a base class", "dataclasses compare by their exact class: write the fields in one class"));
        }
        let fields = fields(class, text, &mut diags);
        if diags.len() > before {
            continue;
        }
        let Some(options) = options else { continue };
        let defined: FxHashSet<String> = class.body.iter().filter_map(|s| if let ast::Stmt::FunctionDef(f) = s { Some(f.name.id.to_string()) } else { None }).collect();
        if options.frozen && defined.contains("__init__") {
            diags.push(unsupported(class.name.range(), "a frozen dataclass with its own `__init__`", "CPython raises FrozenInstanceError when it sets a field: let @dataclass write `__init__`"));
            continue;
        }
        if let Some(name) = ["__lt__", "__le__", "__gt__", "__ge__"].into_iter().find(|m| options.order && defined.contains(*m)) {
            diags.push(unsupported(class.name.range(), &format!("`order=True` with a `{name}` of the class's own"), "CPython refuses it too (TypeError): drop `order=True` or the method"));
            continue;
        }
        let source = methods(&class.name.id, &fields, &options, &defined);
        match parse_relocated(&source, class.name.range()) {
            Ok(generated) => class.body.extend(generated),
            Err(err) => diags.push(unsupported(class.name.range(), "this dataclass", &format!("multigen could not generate its methods ({})", err.error))),
        }
        if options.frozen {
            class.decorator_list.push(ast::Decorator { range: decorator.range, node_index: Default::default(), expression: name_expr(FROZEN_MARKER, decorator.range) });
        }
    }
    diags
}

fn is_dataclass(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Name(n) => n.id.as_str() == "dataclass",
        ast::Expr::Attribute(a) => a.attr.id.as_str() == "dataclass" && matches!(&*a.value, ast::Expr::Name(m) if m.id.as_str() == "dataclasses"),
        ast::Expr::Call(c) => is_dataclass(&c.func),
        _ => false,
    }
}

/// `order=` and `frozen=` of `@dataclass(...)`; `None` after a diagnostic.
fn options(e: &ast::Expr, diags: &mut Vec<Diagnostic>) -> Option<Options> {
    let mut o = Options { order: false, frozen: false };
    let ast::Expr::Call(call) = e else { return Some(o) };
    if let Some(arg) = call.arguments.args.first() {
        diags.push(unsupported(arg.range(), "a positional argument to @dataclass", "pass options by keyword: @dataclass(order=True, frozen=True)"));
        return None;
    }
    for kw in call.arguments.keywords.iter() {
        let name = kw.arg.as_ref().map(|a| a.id.as_str()).unwrap_or("");
        let value = match &kw.value {
            ast::Expr::BooleanLiteral(b) => b.value,
            other => {
                diags.push(unsupported(other.range(), "a dataclass option that is not `True` or `False`", "write the option as a literal"));
                return None;
            }
        };
        match name {
            "order" => o.order = value,
            "frozen" => o.frozen = value,
            // The defaults, spelled out.
            "init" | "repr" | "eq" if value => {}
            _ => {
                diags.push(unsupported(kw.range(), &format!("the dataclass option `{name}={}`", if value { "True" } else { "False" }), "multigen supports `order=` and `frozen=`"));
                return None;
            }
        }
    }
    Some(o)
}

/// The fields, in order; their class-level defaults are removed from the class body (the
/// generated `__init__` takes them over), leaving `name: type` declarations.
fn fields(class: &mut ast::StmtClassDef, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for stmt in class.body.iter_mut() {
        let ast::Stmt::AnnAssign(a) = stmt else { continue };
        let ast::Expr::Name(n) = &*a.target else { continue };
        let annotation = &text[a.annotation.range()];
        if annotation.contains("ClassVar") || annotation.contains("InitVar") {
            diags.push(unsupported(a.annotation.range(), "`ClassVar` and `InitVar` in a dataclass", "declare class variables without an annotation (`LIMIT = 3`)"));
            continue;
        }
        let default = match a.value.as_deref() {
            None => None,
            Some(ast::Expr::Call(call)) if matches!(&*call.func, ast::Expr::Name(f) if f.id.as_str() == "field") => match field_default(call, text, diags) {
                Some(d) => Some(d),
                None => continue,
            },
            Some(v @ (ast::Expr::List(_) | ast::Expr::Dict(_) | ast::Expr::Set(_) | ast::Expr::ListComp(_) | ast::Expr::DictComp(_) | ast::Expr::SetComp(_))) => {
                diags.push(unsupported(v.range(), "a mutable default for a dataclass field", "CPython refuses it too (ValueError): use `field(default_factory=list)`"));
                continue;
            }
            Some(v) => Some(text[v.range()].to_string()),
        };
        if default.is_none() {
            if let Some(prev) = out.iter().rev().find(|f| f.default.is_some()) {
                diags.push(unsupported(n.range(), &format!("the field `{}` without a default after `{}` with one", n.id, prev.name), "CPython refuses it too (TypeError): give it a default, or move it before the fields with defaults"));
                continue;
            }
        }
        out.push(Field { name: n.id.to_string(), annotation: annotation.to_string(), default });
        a.value = None;
        a.simple = true;
    }
    out
}

/// The default a `field(...)` call gives: `default=` as written, or a factory marker.
fn field_default(call: &ast::ExprCall, text: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    if let Some(arg) = call.arguments.args.first() {
        diags.push(unsupported(arg.range(), "a positional argument to field()", "use `field(default=...)` or `field(default_factory=...)`"));
        return None;
    }
    let mut default = None;
    for kw in call.arguments.keywords.iter() {
        match (kw.arg.as_ref().map(|a| a.id.as_str()), &kw.value) {
            (Some("default"), v) => default = Some(text[v.range()].to_string()),
            (Some("default_factory"), ast::Expr::Name(f)) if matches!(f.id.as_str(), "list" | "dict" | "set") => default = Some(format!("{FACTORY_MARKER}({})", f.id)),
            (Some("default_factory"), v) => {
                diags.push(unsupported(v.range(), "this default factory", "multigen supports `default_factory=list`, `dict` and `set`"));
                return None;
            }
            (name, _) => {
                diags.push(unsupported(kw.range(), &format!("the field() option `{}`", name.unwrap_or("**")), "multigen supports `default=` and `default_factory=`"));
                return None;
            }
        }
    }
    if default.is_none() {
        diags.push(unsupported(call.range(), "field() without a default", "write the field without `field()`"));
    }
    default
}

/// The Python text of the methods `dataclasses` would add (those the class lacks).
fn methods(class: &str, fields: &[Field], o: &Options, defined: &FxHashSet<String>) -> String {
    let mut out = String::new();
    let mut def = |name: &str, text: String| {
        if !defined.contains(name) {
            out.push_str(&text);
        }
    };
    let params: String = fields.iter().map(|f| format!(", {}: {}{}", f.name, f.annotation, f.default.as_ref().map(|d| format!(" = {d}")).unwrap_or_default())).collect();
    let sets: String = fields.iter().map(|f| format!("    self.{0} = {0}\n", f.name)).collect();
    def("__init__", format!("def __init__(self{params}) -> None:\n{}    pass\n", sets));
    let reprs: Vec<String> = fields.iter().map(|f| format!("\"{}=\" + repr(self.{})", f.name, f.name)).collect();
    let body = if reprs.is_empty() { format!("\"{class}()\"") } else { format!("\"{class}(\" + {} + \")\"", reprs.join(" + \", \" + ")) };
    def("__repr__", format!("def __repr__(self) -> str:\n    return {body}\n"));
    let tuple = |who: &str| match fields.len() {
        0 => "()".to_string(),
        1 => format!("({who}.{},)", fields[0].name),
        _ => format!("({})", fields.iter().map(|f| format!("{who}.{}", f.name)).collect::<Vec<_>>().join(", ")),
    };
    let (mine, theirs) = (tuple("self"), tuple("other"));
    def("__eq__", format!("def __eq__(self, other: \"{class}\") -> bool:\n    return {mine} == {theirs}\n"));
    if o.order {
        for (name, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
            def(name, format!("def {name}(self, other: \"{class}\") -> bool:\n    return {mine} {op} {theirs}\n"));
        }
    }
    if o.frozen {
        def("__hash__", format!("def __hash__(self) -> int:\n    return hash({mine})\n"));
    }
    out
}

fn unsupported(range: TextRange, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: {what}")).label("outside the supported subset").help(help.to_string())
}

fn name_expr(id: &str, range: TextRange) -> ast::Expr {
    ast::Expr::Name(ast::ExprName { range, node_index: Default::default(), id: id.into(), ctx: ast::ExprContext::Load })
}

/// Generated Python, parsed, with every node moved to `range` (the code that asked for it).
pub(crate) fn parse_relocated(source: &str, range: TextRange) -> Result<Vec<ast::Stmt>, ruff_python_parser::ParseError> {
    let mut body: Vec<ast::Stmt> = ruff_python_parser::parse_module(source)?.into_syntax().body.into_iter().collect();
    let relocate = Relocator { range };
    for stmt in &mut body {
        relocate.visit_stmt(stmt);
    }
    Ok(body)
}

/// Moves every node of generated statements to one range. Covers the statements `methods`
/// writes and those of `check::itertools`'s templates; expressions go through ruff's own
/// `relocate_expr`.
pub(crate) struct Relocator {
    pub range: TextRange,
}

struct Parts {
    range: TextRange,
}

impl Transformer for Parts {
    fn visit_string_literal(&self, literal: &mut ast::StringLiteral) {
        literal.range = self.range;
    }
}

impl Transformer for Relocator {
    fn visit_stmt(&self, stmt: &mut ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(f) => {
                f.range = self.range;
                f.name.range = self.range;
            }
            ast::Stmt::Return(r) => r.range = self.range,
            ast::Stmt::Assign(a) => a.range = self.range,
            ast::Stmt::Pass(p) => p.range = self.range,
            ast::Stmt::Expr(e) => e.range = self.range,
            ast::Stmt::AnnAssign(a) => a.range = self.range,
            ast::Stmt::AugAssign(a) => a.range = self.range,
            ast::Stmt::For(f) => f.range = self.range,
            ast::Stmt::While(w) => w.range = self.range,
            ast::Stmt::If(i) => {
                i.range = self.range;
                for c in i.elif_else_clauses.iter_mut() {
                    c.range = self.range;
                }
            }
            ast::Stmt::Raise(r) => r.range = self.range,
            ast::Stmt::Break(b) => b.range = self.range,
            ast::Stmt::Continue(c) => c.range = self.range,
            ast::Stmt::Nonlocal(n) => n.range = self.range,
            _ => {}
        }
        walk_stmt(self, stmt);
    }

    fn visit_expr(&self, expr: &mut ast::Expr) {
        relocate_expr(expr, self.range);
        // `relocate_expr` leaves the parts of string literals, which the checker reads the
        // source text at (escapes): they move too.
        walk_expr(&Parts { range: self.range }, expr);
    }

    fn visit_parameters(&self, parameters: &mut ast::Parameters) {
        parameters.range = self.range;
        for p in parameters.posonlyargs.iter_mut().chain(parameters.args.iter_mut()).chain(parameters.kwonlyargs.iter_mut()) {
            p.range = self.range;
            p.parameter.range = self.range;
            p.parameter.name.range = self.range;
            if let Some(a) = p.parameter.annotation.as_deref_mut() {
                relocate_expr(a, self.range);
            }
            if let Some(d) = p.default.as_deref_mut() {
                relocate_expr(d, self.range);
            }
        }
    }
}
