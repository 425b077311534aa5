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
}

impl Ty {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Bool => "bool",
            Ty::None => "None",
            Ty::Str => "str",
        })
    }
}
