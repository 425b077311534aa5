//! `enum.Enum` and `enum.IntEnum` subclasses as a rewrite of the class before checking,
//! as `dataclasses.rs` does for `@dataclass`: the class loses its base and its member
//! assignments, and gets two fields (`name`, `value`) and the methods `enum` gives every
//! member, written as Python (`__repr__` `<Color.RED: 1>`, `__str__` `Color.RED`, or the
//! value's for an IntEnum as in 3.11, `__hash__` of the name, or of the value for an
//! IntEnum, whose members also order by value).  The members go to a marker decorator,
//! `@__multigen_enum__(Base, "RED", 1, "GREEN", 2, ...)`, with `auto()` replaced by its
//! value; the checker (`check::enums`) makes them, in order, when the class statement
//! runs, and gives the class what the enum metaclass gives it (`Color(1)`, `Color["RED"]`,
//! iteration, `len`).
//!
//! Refused here: members that are not int or str literals (or `auto()`), values of mixed
//! types, aliases (a repeated value), `auto()` where CPython 3.11 warns (after a value
//! that is not the largest so far, or after a str), and anything else in the body
//! (methods, annotations, nested classes).

use ruff_python_ast::{self as ast};
use ruff_text_size::{Ranged, TextRange};

use crate::diagnostics::Diagnostic;
use crate::syntax::dataclasses::parse_relocated;

/// The decorator the rewrite leaves on an enum class, for the checker.
pub const ENUM_MARKER: &str = "__multigen_enum__";

#[derive(Clone, PartialEq)]
enum Value {
    Int(i64),
    Str(String),
}

/// Rewrites every class deriving from `Enum` or `IntEnum` (as written: the checker checks
/// that the name is `enum`'s); the diagnostics of what it refuses.
pub fn expand(module: &mut ast::ModModule) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for stmt in module.body.iter_mut() {
        let ast::Stmt::ClassDef(class) = stmt else { continue };
        let Some(args) = class.arguments.as_deref() else { continue };
        let Some(int_enum) = args.args.first().and_then(enum_base) else { continue };
        if args.args.len() != 1 || !args.keywords.is_empty() {
            diags.push(unsupported(args.range(), "an enum with several bases or class keywords", "derive from `Enum` or `IntEnum` alone"));
            continue;
        }
        if let Some(d) = class.decorator_list.first() {
            diags.push(unsupported(d.range(), "decorators on an enum", "remove the decorator"));
            continue;
        }
        let base = args.args[0].clone();
        let Some(members) = members(class, int_enum, &mut diags) else { continue };
        let name = class.name.id.to_string();
        let value_ty = match members.first() {
            Some((_, Value::Str(_))) => "str",
            _ => "int",
        };
        let source = class_text(&name, value_ty, int_enum, &members);
        // The generated class, its methods and marker decorator at the class's name.
        let parsed = match parse_relocated(&source, class.name.range()) {
            Ok(parsed) => parsed,
            Err(err) => {
                diags.push(unsupported(class.name.range(), "this enum", &format!("multigen could not generate its methods ({})", err.error)));
                continue;
            }
        };
        let Some(ast::Stmt::ClassDef(mut generated)) = parsed.into_iter().next() else { continue };
        let Some(mut marker) = generated.decorator_list.pop() else { continue };
        // The base as written, for the checker to resolve through the imports.
        if let ast::Expr::Call(call) = &mut marker.expression {
            let mut margs = call.arguments.args.to_vec();
            margs.insert(0, base);
            call.arguments.args = margs.into_boxed_slice();
        }
        marker.range = class.name.range();
        class.body = generated.body;
        class.arguments = None;
        class.decorator_list.push(marker);
    }
    diags
}

/// Whether `e` names `Enum` (`Some(false)`) or `IntEnum` (`Some(true)`), bare or as
/// `enum.X`.
fn enum_base(e: &ast::Expr) -> Option<bool> {
    let name = match e {
        ast::Expr::Name(n) => n.id.as_str(),
        ast::Expr::Attribute(a) if matches!(&*a.value, ast::Expr::Name(m) if m.id.as_str() == "enum") => a.attr.id.as_str(),
        _ => return None,
    };
    match name {
        "Enum" => Some(false),
        "IntEnum" => Some(true),
        _ => None,
    }
}

fn is_auto(e: &ast::Expr) -> bool {
    let ast::Expr::Call(c) = e else { return false };
    let named = match &*c.func {
        ast::Expr::Name(n) => n.id.as_str() == "auto",
        ast::Expr::Attribute(a) => a.attr.id.as_str() == "auto" && matches!(&*a.value, ast::Expr::Name(m) if m.id.as_str() == "enum"),
        _ => false,
    };
    named && c.arguments.args.is_empty() && c.arguments.keywords.is_empty()
}

/// The members in order, with `auto()` resolved as CPython 3.11's
/// `_generate_next_value_` does (1 first, then the last value + 1).
fn members(class: &ast::StmtClassDef, int_enum: bool, diags: &mut Vec<Diagnostic>) -> Option<Vec<(String, Value)>> {
    let before = diags.len();
    let mut out: Vec<(String, Value)> = Vec::new();
    for stmt in &class.body {
        let (target, value) = match stmt {
            ast::Stmt::Assign(a) if a.targets.len() == 1 => (&a.targets[0], &*a.value),
            ast::Stmt::Pass(_) => continue,
            ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::StringLiteral(_)) => continue,
            other => {
                diags.push(unsupported(other.range(), "this statement in an enum", "an enum body may only assign its members (`RED = 1`, `GREEN = auto()`)"));
                continue;
            }
        };
        let ast::Expr::Name(n) = target else {
            diags.push(unsupported(target.range(), "this enum member", "assign one member per line: `RED = 1`"));
            continue;
        };
        let name = n.id.to_string();
        if name == "name" || name == "value" {
            diags.push(unsupported(n.range(), &format!("an enum member named `{name}`"), "multigen's members keep their name and value in attributes of those names: rename the member"));
            continue;
        }
        if name.starts_with('_') {
            diags.push(unsupported(n.range(), "enum members whose name starts with `_`", "CPython reserves such names: rename the member"));
            continue;
        }
        if out.iter().any(|(m, _)| *m == name) {
            diags.push(unsupported(n.range(), &format!("assigning the member `{name}` twice"), "CPython refuses it too (TypeError)"));
            continue;
        }
        let v = if is_auto(value) {
            let ints: Vec<i64> = out.iter().filter_map(|(_, v)| if let Value::Int(i) = v { Some(*i) } else { None }).collect();
            match out.last() {
                None => Value::Int(1),
                Some((_, Value::Int(last))) if ints.len() == out.len() && ints.iter().all(|i| i <= last) => match last.checked_add(1) {
                    Some(next) => Value::Int(next),
                    None => {
                        diags.push(unsupported(value.range(), "an `auto()` value past 64 bits", "give the member an explicit value"));
                        continue;
                    }
                },
                Some(_) => {
                    diags.push(unsupported(value.range(), "`auto()` after a value that is not the largest int so far", "CPython 3.11 warns here (DeprecationWarning): give the member an explicit value"));
                    continue;
                }
            }
        } else {
            match literal(value) {
                Some(v) => v,
                None => {
                    diags.push(unsupported(value.range(), "this enum value", "enum values are int or str literals, or `auto()`"));
                    continue;
                }
            }
        };
        if int_enum && matches!(v, Value::Str(_)) {
            diags.push(unsupported(value.range(), "a str value in an IntEnum", "IntEnum values are ints"));
            continue;
        }
        if let Some((first, fv)) = out.first() {
            if std::mem::discriminant(fv) != std::mem::discriminant(&v) {
                diags.push(unsupported(value.range(), &format!("enum values of mixed types (`{first}` has another type)"), "give every member a value of one type, int or str"));
                continue;
            }
        }
        if let Some((alias_of, _)) = out.iter().find(|(_, w)| *w == v) {
            diags.push(unsupported(n.range(), &format!("an enum alias (`{name}` has the value of `{alias_of}`)"), "give each member its own value"));
            continue;
        }
        out.push((name, v));
    }
    if out.is_empty() && diags.len() == before {
        diags.push(unsupported(class.name.range(), "an enum without members", "give the enum at least one member"));
    }
    (diags.len() == before).then_some(out)
}

/// An int (maybe negated) or str literal's value.
fn literal(e: &ast::Expr) -> Option<Value> {
    match e {
        ast::Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.as_i64().map(Value::Int),
            _ => None,
        },
        ast::Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match literal(&u.operand)? {
            Value::Int(i) => i.checked_neg().map(Value::Int),
            Value::Str(_) => None,
        },
        ast::Expr::StringLiteral(s) => Some(Value::Str(s.value.to_str().to_string())),
        _ => None,
    }
}

/// A Python literal for a value (a str escaped as `repr` would).
fn python_literal(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Str(s) => {
            let mut out = String::from("\"");
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

/// The class the enum becomes, with its marker decorator last.
fn class_text(class: &str, value_ty: &str, int_enum: bool, members: &[(String, Value)]) -> String {
    let marker_args: Vec<String> = members.iter().map(|(n, v)| format!("\"{n}\", {}", python_literal(v))).collect();
    let mut out = format!("@{ENUM_MARKER}({})\nclass {class}:\n    name: str\n    value: {value_ty}\n", marker_args.join(", "));
    out.push_str(&format!("    def __repr__(self) -> str:\n        return \"<{class}.\" + self.name + \": \" + repr(self.value) + \">\"\n"));
    let (str_body, hash_of) = if int_enum { ("str(self.value)".to_string(), "self.value") } else { (format!("\"{class}.\" + self.name"), "self.name") };
    out.push_str(&format!("    def __str__(self) -> str:\n        return {str_body}\n"));
    out.push_str(&format!("    def __hash__(self) -> int:\n        return hash({hash_of})\n"));
    if int_enum {
        for (m, op) in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")] {
            out.push_str(&format!("    def {m}(self, other: \"{class}\") -> bool:\n        return self.value {op} other.value\n"));
        }
    }
    out
}

fn unsupported(range: TextRange, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: {what}")).label("outside the supported subset").help(help.to_string())
}
