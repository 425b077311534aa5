//! Types of values in the subset, as the checker infers them.

use std::fmt;

/// A value's static type.  Containers (`str`, `list`, `dict`, `set`) and Tier 2's
/// tuples and classes are reference-counted heap objects; see ARCHITECTURE.md.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    Int,
    Float,
    Bool,
    None,
    Str,
    List(Box<Ty>),
    Dict(Box<Ty>, Box<Ty>),
    Set(Box<Ty>),
}

impl Ty {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool)
    }

    /// Whether values are reference-counted heap objects.
    pub fn is_heap(&self) -> bool {
        matches!(self, Ty::Str | Ty::List(_) | Ty::Dict(..) | Ty::Set(_))
    }

    /// Whether values can be dict keys and set elements (hashable in the subset).
    pub fn is_hashable(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool | Ty::Str)
    }

    pub fn list(elem: Ty) -> Ty {
        Ty::List(Box::new(elem))
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int => f.write_str("int"),
            Ty::Float => f.write_str("float"),
            Ty::Bool => f.write_str("bool"),
            Ty::None => f.write_str("None"),
            Ty::Str => f.write_str("str"),
            Ty::List(e) => write!(f, "list[{e}]"),
            Ty::Dict(k, v) => write!(f, "dict[{k}, {v}]"),
            Ty::Set(e) => write!(f, "set[{e}]"),
        }
    }
}
