//! `typing.NamedTuple` classes as a rewrite before checking, as `dataclasses.rs` does for
//! `@dataclass`: the base goes, and what `NamedTuple` generates is written out as Python
//! and parsed into the class: `__init__` (the fields in order, with their defaults),
//! `__repr__` (`P(x=1, y=2)`), `__eq__`, `__hash__` and the orderings as comparisons of
//! the fields' tuple (the last two only when every field is an int, float, str or bool,
//! whose tuples hash and order; otherwise the class is unhashable or unordered and the
//! checker refuses what would need it), `__len__`, `_asdict()` (when every field has
//! one type) and the class variable `_fields`.  A marker decorator tells the checker
//! (`check::namedtuples`), which lowers what makes it a tuple: constant indexing,
//! unpacking, iteration (of fields of one type), `_replace(...)`, and refuses assigning
//! a field (CPython raises AttributeError).
//!
//! The functional forms (`namedtuple('P', 'x y')`, `NamedTuple('P', [...])`) are refused by
//! the checker: their fields have no types.

use ruff_python_ast::{self as ast};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostics::Diagnostic;
use crate::syntax::dataclasses::parse_relocated;

/// The decorator the rewrite leaves on a named tuple class, for the checker.
pub const NAMEDTUPLE_MARKER: &str = "__multigen_namedtuple__";

/// Field types whose tuples hash and order (as CPython's would).
const SIMPLE: &[&str] = &["int", "float", "str", "bool"];

/// Rewrites every class deriving from `NamedTuple` (bare or `typing.NamedTuple`); the
/// diagnostics of what it refuses.
pub fn expand(module: &mut ast::ModModule, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for stmt in module.body.iter_mut() {
        let ast::Stmt::ClassDef(class) = stmt else { continue };
        let Some(args) = class.arguments.as_deref() else { continue };
        if !args.args.first().is_some_and(is_named_tuple) {
            continue;
        }
        if args.args.len() != 1 || !args.keywords.is_empty() {
            diags.push(unsupported(args.range(), "a NamedTuple with several bases or class keywords", "derive from `NamedTuple` alone"));
            continue;
        }
        if let Some(d) = class.decorator_list.first() {
            diags.push(unsupported(d.range(), "decorators on a NamedTuple", "remove the decorator"));
            continue;
        }
        let base = args.args[0].clone();
        let before = diags.len();
        let mut fields: Vec<(String, String, Option<String>)> = Vec::new();
        let mut kept = Vec::new();
        for stmt in std::mem::take(&mut class.body) {
            match &stmt {
                ast::Stmt::AnnAssign(a) => {
                    let ast::Expr::Name(n) = &*a.target else {
                        diags.push(unsupported(a.target.range(), "this NamedTuple field", "declare fields as `name: type`"));
                        continue;
                    };
                    let name = n.id.to_string();
                    if name.starts_with('_') {
                        diags.push(unsupported(n.range(), "a NamedTuple field whose name starts with `_`", "CPython refuses it too (ValueError): rename the field"));
                        continue;
                    }
                    let default = a.value.as_deref().map(|v| text[v.range()].to_string());
                    if default.is_none() && fields.iter().any(|f| f.2.is_some()) {
                        diags.push(unsupported(n.range(), &format!("the field `{name}` without a default after fields with one"), "CPython refuses it too (TypeError): give it a default, or move it first"));
                        continue;
                    }
                    fields.push((name, text[a.annotation.range()].to_string(), default));
                }
                ast::Stmt::FunctionDef(f) if matches!(f.name.id.as_str(), "__init__" | "__new__" | "__repr__" | "__eq__" | "__hash__" | "__len__" | "__getitem__" | "__iter__" | "__lt__" | "__le__" | "__gt__" | "__ge__") => {
                    diags.push(unsupported(f.name.range(), &format!("defining `{}` in a NamedTuple", f.name.id), "NamedTuple provides it (CPython refuses overriding `__new__` and `__init__` too)"));
                }
                ast::Stmt::FunctionDef(f) if f.name.id.starts_with('_') && !f.name.id.starts_with("__") => {
                    diags.push(unsupported(f.name.range(), "a NamedTuple method whose name starts with `_`", "CPython reserves such names: rename the method"));
                }
                ast::Stmt::FunctionDef(_) | ast::Stmt::Pass(_) => kept.push(stmt),
                ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::StringLiteral(_)) => kept.push(stmt),
                other => diags.push(unsupported(other.range(), "this statement in a NamedTuple", "declare fields (`x: int`, `y: int = 0`) and methods")),
            }
        }
        if diags.len() > before {
            continue;
        }
        let name = class.name.id.to_string();
        let source = class_text(&name, &fields);
        // The generated class, its methods and marker decorator at the class's name.
        let parsed = match parse_relocated(&source, class.name.range()) {
            Ok(parsed) => parsed,
            Err(err) => {
                diags.push(unsupported(class.name.range(), "this NamedTuple", &format!("multigen could not generate its methods ({})", err.error)));
                continue;
            }
        };
        let Some(ast::Stmt::ClassDef(mut generated)) = parsed.into_iter().next() else { continue };
        let Some(mut marker) = generated.decorator_list.pop() else { continue };
        if let ast::Expr::Call(call) = &mut marker.expression {
            call.arguments.args = vec![base].into_boxed_slice();
        }
        marker.range = class.name.range();
        // The fields as declared (for their annotations' ranges), then the methods.
        let mut body = generated.body;
        body.extend(kept);
        class.body = body;
        class.arguments = None;
        class.decorator_list.push(marker);
    }
    diags
}

fn is_named_tuple(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Name(n) => n.id.as_str() == "NamedTuple",
        ast::Expr::Attribute(a) => a.attr.id.as_str() == "NamedTuple" && matches!(&*a.value, ast::Expr::Name(m) if m.id.as_str() == "typing"),
        _ => false,
    }
}

/// The class a NamedTuple becomes, its marker decorator last.
fn class_text(class: &str, fields: &[(String, String, Option<String>)]) -> String {
    let mut out = format!("@{NAMEDTUPLE_MARKER}(0)\nclass {class}:\n");
    for (n, ann, _) in fields {
        out.push_str(&format!("    {n}: {ann}\n"));
    }
    let names: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.0)).collect();
    let tuple_of = |items: &[String]| match items.len() {
        0 => "()".to_string(),
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    };
    out.push_str(&format!("    _fields = {}\n", tuple_of(&names)));
    let params: String = fields.iter().map(|(n, ann, d)| format!(", {n}: {ann}{}", d.as_ref().map(|d| format!(" = {d}")).unwrap_or_default())).collect();
    let sets: String = fields.iter().map(|(n, _, _)| format!("        self.{n} = {n}\n")).collect();
    out.push_str(&format!("    def __init__(self{params}) -> None:\n{sets}        pass\n"));
    let reprs: Vec<String> = fields.iter().map(|(n, _, _)| format!("\"{n}=\" + repr(self.{n})")).collect();
    let body = if reprs.is_empty() { format!("\"{class}()\"") } else { format!("\"{class}(\" + {} + \")\"", reprs.join(" + \", \" + ")) };
    out.push_str(&format!("    def __repr__(self) -> str:\n        return {body}\n"));
    let mine = tuple_of(&fields.iter().map(|f| format!("self.{}", f.0)).collect::<Vec<_>>());
    let theirs = tuple_of(&fields.iter().map(|f| format!("other.{}", f.0)).collect::<Vec<_>>());
    out.push_str(&format!("    def __eq__(self, other: \"{class}\") -> bool:\n        return {mine} == {theirs}\n"));
    out.push_str(&format!("    def __len__(self) -> int:\n        return {}\n", fields.len()));
    let simple = fields.iter().all(|f| SIMPLE.contains(&f.1.as_str()));
    if simple {
        out.push_str(&format!("    def __hash__(self) -> int:\n        return hash({mine})\n"));
        for (m, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
            out.push_str(&format!("    def {m}(self, other: \"{class}\") -> bool:\n        return {mine} {op} {theirs}\n"));
        }
    }
    if let Some(first) = fields.first().filter(|f| fields.iter().all(|g| g.1 == f.1)) {
        let items: Vec<String> = fields.iter().map(|(n, _, _)| format!("\"{n}\": self.{n}")).collect();
        out.push_str(&format!("    def _asdict(self) -> dict[str, {}]:\n        return {{{}}}\n", first.1, items.join(", ")));
    }
    out
}

fn unsupported(range: TextRange, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: {what}")).label("outside the supported subset").help(help.to_string())
}
