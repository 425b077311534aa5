//! Types of values in the subset, as the checker infers them, interned.
//!
//! A [`Ty`] is a small `Copy` handle; its structure is a [`TyKind`] that refers to other
//! types by handle. Interning makes equality and hashing one integer comparison and lets a
//! type name other types (a tuple its elements, later a class its fields) without boxes or
//! clones, so new kinds of type are new cases of `TyKind`, not a new shape of `Ty`.
//!
//! The interner is process-wide and append-only: every distinct type is stored once and
//! lives as long as the process (a program has a few dozen), so `kind()` hands out a
//! `&'static` and never takes a lock. The scalar types have fixed handles ([`Ty::INT`] ...)
//! that the interner is seeded with.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// A value's static type: a handle into the interner. Equal types have equal handles.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ty(&'static Interned);

/// What a type is made of. Match on `ty.kind()`, exhaustively where a new kind must be
/// handled, so that adding a kind is an error at every place that must learn about it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TyKind {
    Int,
    Float,
    Bool,
    None,
    Str,
    List(Ty),
    Dict(Ty, Ty),
    Set(Ty),
    /// `collections.deque[T]`: a ring buffer of items (`MgDeque`, runtime/mg_deque.c),
    /// with an optional maxlen fixed when it is made.
    Deque(Ty),
    /// `collections.Counter[T]`: at run time a dict from T to int (`MgDict`) marked as a
    /// Counter (runtime/mg_counter.c); a type of its own, since its operators, `update`,
    /// equality and repr are not a dict's.
    Counter(Ty),
    /// `tuple[A, B, ...]`: a fixed number of fields of fixed types. Tuples are values
    /// (immutable, compared by content), so generated code keeps them unboxed, as an LLVM
    /// struct of their fields; a container slot holds a boxed copy (see ARCHITECTURE.md).
    Tuple(Vec<Ty>),
    /// `tuple[T, ...]`: any number of items of one type. Unlike fixed tuples it is an
    /// object: the runtime keeps it as a list (`MgList`) whose type descriptor says tuple
    /// (`MG_T_VARTUPLE`), so it prints, hashes and compares as a tuple, and nothing in the
    /// subset mutates it.
    VarTuple(Ty),
    /// `Callable[[params], ret]`: a function value. Part 2 of Tier 2 gives it values (functions
    /// as values, lambdas); today annotations name it and nothing produces one.
    Function { params: Vec<Ty>, ret: Ty },
    /// `T | None`: a pointer that is null for None. For a class, str or container `T`
    /// it is the object itself; for int, float, bool and tuples, a one-field box
    /// (`tuple[T]`) holds the value.
    Optional(Ty),
    /// An instance of a user-defined class: a reference-counted object whose fields sit
    /// at fixed slots (the checker's `ClassInfo` and `ir::Class` describe them).
    Class(ClassRef),
    /// A text file opened for reading (`open(path)`), CPython's `io.TextIOWrapper`, written
    /// `TextIO` in annotations (`typing.TextIO`): a reference-counted runtime object
    /// (`MgFile`, runtime/mg_file.c) that closes its file when freed.
    File,
    /// `range(...)` as a value (`r = range(n)`): an immutable runtime object holding start,
    /// stop and step (`MgRange`, runtime/mg_range.c); a `for` over a `range(...)` call
    /// never makes one.
    Range,
    /// `d.keys()` (0), `d.values()` (1) or `d.items()` (2) as a value, of the dict type
    /// given: a live view, whose value is the dict itself (`MG_T_DICTVIEW` describes the
    /// slot); it sees every later change to the dict.
    DictView(u8, Ty),
    /// `Iterator[T]` (also written `Iterable[T]`, `Generator[T, None, None]`): a generator
    /// object, one-shot (`MgGen`, runtime/mg_gen.c). Untracked by the cycle collector: the
    /// references a suspended generator holds live on its own stack.
    Iterator(Ty),

}

/// A user-defined class: an id unique in the process (types are interned process-wide,
/// and a host may compile several modules) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClassRef {
    pub id: u32,
    pub name: String,
    /// Instances can be dict keys and set elements: the class defines `__hash__`, or
    /// neither it nor a base defines `__eq__` (identity hashing).
    pub hashable: bool,
    /// `<` is defined between instances (`__lt__`, here or in a base).
    pub orderable: bool,
}

impl ClassRef {
    /// A class with a fresh id.
    pub fn new(name: &str, hashable: bool, orderable: bool) -> ClassRef {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        ClassRef { id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed), name: name.to_string(), hashable, orderable }
    }
}

/// One interned type: its index (for a stable order) and its structure. Equality is
/// derived so that the scalar handles can be used as patterns (`Ty::INT => ...`); as each
/// structure has one id, it is decided by the ids unless they are equal.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Interned {
    id: u32,
    kind: TyKind,
}

impl PartialOrd for Interned {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Interned {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id.cmp(&other.id)
    }
}

static INT: Interned = Interned { id: 0, kind: TyKind::Int };
static FLOAT: Interned = Interned { id: 1, kind: TyKind::Float };
static BOOL: Interned = Interned { id: 2, kind: TyKind::Bool };
static NONE: Interned = Interned { id: 3, kind: TyKind::None };
static STR: Interned = Interned { id: 4, kind: TyKind::Str };
const SEEDED: [&Interned; 5] = [&INT, &FLOAT, &BOOL, &NONE, &STR];

fn interner() -> &'static Mutex<HashMap<TyKind, Ty>> {
    static TABLE: OnceLock<Mutex<HashMap<TyKind, Ty>>> = OnceLock::new();
    TABLE.get_or_init(|| Mutex::new(SEEDED.iter().map(|i| (i.kind.clone(), Ty(i))).collect()))
}

impl Ty {
    pub const INT: Ty = Ty(&INT);
    pub const FLOAT: Ty = Ty(&FLOAT);
    pub const BOOL: Ty = Ty(&BOOL);
    pub const NONE: Ty = Ty(&NONE);
    pub const STR: Ty = Ty(&STR);

    /// The handle of the type made of `kind`, interning it on first use.
    pub fn intern(kind: TyKind) -> Ty {
        let mut table = interner().lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&ty) = table.get(&kind) {
            return ty;
        }
        let id = u32::try_from(table.len()).expect("fewer than 2**32 distinct types");
        let ty = Ty(Box::leak(Box::new(Interned { id, kind: kind.clone() })));
        table.insert(kind, ty);
        ty
    }

    pub fn kind(self) -> &'static TyKind {
        &self.0.kind
    }

    pub fn list(elem: Ty) -> Ty {
        Ty::intern(TyKind::List(elem))
    }

    pub fn dict(key: Ty, value: Ty) -> Ty {
        Ty::intern(TyKind::Dict(key, value))
    }

    /// `Iterator[elem]`.
    pub fn iterator(elem: Ty) -> Ty {
        Ty::intern(TyKind::Iterator(elem))
    }

    /// The item type of an iterator, if this is one.
    pub fn iter_elem(self) -> Option<Ty> {
        match self.kind() {
            TyKind::Iterator(e) => Some(*e),
            _ => None,
        }
    }

    /// The type of a text file opened for reading.
    pub fn file() -> Ty {
        Ty::intern(TyKind::File)
    }

    /// The type of a view (`which`: 0 keys, 1 values, 2 items) of dicts of type `dict`.
    pub fn dict_view(which: u8, dict: Ty) -> Ty {
        Ty::intern(TyKind::DictView(which, dict))
    }

    /// The type of `range(...)` values.
    pub fn range() -> Ty {
        Ty::intern(TyKind::Range)
    }

    pub fn set(elem: Ty) -> Ty {
        Ty::intern(TyKind::Set(elem))
    }

    pub fn counter(elem: Ty) -> Ty {
        Ty::intern(TyKind::Counter(elem))
    }

    pub fn deque(elem: Ty) -> Ty {
        Ty::intern(TyKind::Deque(elem))
    }

    /// The element type of a deque, if this is one.
    pub fn deque_elem(self) -> Option<Ty> {
        match self.kind() {
            TyKind::Deque(e) => Some(*e),
            _ => None,
        }
    }

    /// `T | None` (`None | None` is None, `(T | None) | None` is `T | None`).
    pub fn optional(inner: Ty) -> Ty {
        match inner.kind() {
            TyKind::None | TyKind::Optional(_) => inner,
            _ => Ty::intern(TyKind::Optional(inner)),
        }
    }

    /// The `T` of `T | None`, if this is one.
    pub fn optional_inner(self) -> Option<Ty> {
        match self.kind() {
            TyKind::Optional(t) => Some(*t),
            _ => None,
        }
    }

    pub fn tuple(fields: Vec<Ty>) -> Ty {
        Ty::intern(TyKind::Tuple(fields))
    }

    /// `tuple[elem, ...]`.
    pub fn var_tuple(elem: Ty) -> Ty {
        Ty::intern(TyKind::VarTuple(elem))
    }

    /// The element type of a list or of a `tuple[T, ...]`: the types the runtime keeps as
    /// an `MgList`, which share their read-only operations.
    pub fn seq_elem(self) -> Option<Ty> {
        match self.kind() {
            TyKind::List(e) | TyKind::VarTuple(e) => Some(*e),
            _ => None,
        }
    }

    /// Whether values of this type are or hold instances of user-defined classes.
    pub fn mentions_class(self) -> bool {
        match self.kind() {
            TyKind::Class(_) => true,
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str | TyKind::File | TyKind::Range => false,
            TyKind::List(e) | TyKind::Set(e) | TyKind::Optional(e) | TyKind::VarTuple(e) | TyKind::Deque(e) | TyKind::Counter(e) | TyKind::Iterator(e) => e.mentions_class(),
            TyKind::Dict(k, v) => k.mentions_class() || v.mentions_class(),
            TyKind::DictView(_, d) => d.mentions_class(),
            TyKind::Tuple(fields) => fields.iter().any(|f| f.mentions_class()),
            TyKind::Function { params, ret } => params.iter().any(|p| p.mentions_class()) || ret.mentions_class(),
        }
    }

    /// Whether values of this type are or hold function values, which compare by identity
    /// in Python (a function value here is a new object each time a name is read, so
    /// equality, `in`, `index`, `count` and `remove` on them are refused).
    pub fn has_function(self) -> bool {
        match self.kind() {
            // Views compare by rules of their own (keys as sets, values by identity).
            TyKind::Function { .. } | TyKind::DictView(..) => true,
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str | TyKind::Class(_) | TyKind::File | TyKind::Range => false,
            TyKind::List(e) | TyKind::Set(e) | TyKind::Deque(e) | TyKind::Counter(e) | TyKind::Optional(e) | TyKind::VarTuple(e) | TyKind::Iterator(e) => e.has_function(),
            TyKind::Dict(k, v) => k.has_function() || v.has_function(),
            TyKind::Tuple(fields) => fields.iter().any(|f| f.has_function()),
        }
    }

    /// Whether values of this type are or hold dict views.
    pub fn mentions_view(self) -> bool {
        match self.kind() {
            TyKind::DictView(..) => true,
            TyKind::List(e) | TyKind::Set(e) | TyKind::Deque(e) | TyKind::Counter(e) | TyKind::Optional(e) | TyKind::VarTuple(e) | TyKind::Iterator(e) => e.mentions_view(),
            TyKind::Dict(k, v) => k.mentions_view() || v.mentions_view(),
            TyKind::Tuple(fields) => fields.iter().any(|f| f.mentions_view()),
            TyKind::Function { params, ret } => params.iter().any(|p| p.mentions_view()) || ret.mentions_view(),
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str | TyKind::Class(_) | TyKind::File | TyKind::Range => false,
        }
    }

    /// The class of an instance type, if this is one.
    pub fn class(self) -> Option<&'static ClassRef> {
        match self.kind() {
            TyKind::Class(c) => Some(c),
            _ => None,
        }
    }

    /// The field types of a tuple, if this is one.
    pub fn tuple_fields(self) -> Option<&'static [Ty]> {
        match self.kind() {
            TyKind::Tuple(fields) => Some(fields),
            _ => None,
        }
    }

    pub fn is_numeric(self) -> bool {
        matches!(self.kind(), TyKind::Int | TyKind::Float | TyKind::Bool)
    }

    /// Whether values hold references to reference-counted heap objects: the objects
    /// themselves (str, list, dict, set) and tuples with such a field.
    pub fn is_heap(self) -> bool {
        match self.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None => false,
            TyKind::Str | TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::VarTuple(_) | TyKind::File | TyKind::Range | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Iterator(_) => true,
            TyKind::Tuple(fields) => fields.iter().any(|f| f.is_heap()),
            TyKind::Class(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::DictView(..) => true,
        }
    }

    /// Whether a value of this type may reference an instance of a user class, directly
    /// or through containers: what makes an object able to sit on a reference cycle (a
    /// container type cannot contain itself without a class in between), so the cycle
    /// collector tracks containers of such element types (runtime/mg_gc.c). A function
    /// value counts: a closure may capture instances.
    pub fn may_reference_instance(self) -> bool {
        match self.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Str | TyKind::File | TyKind::Range | TyKind::Iterator(_) => false,
            TyKind::List(e) | TyKind::Set(e) | TyKind::Optional(e) | TyKind::VarTuple(e) | TyKind::Deque(e) | TyKind::Counter(e) => e.may_reference_instance(),
            TyKind::Dict(k, v) => k.may_reference_instance() || v.may_reference_instance(),
            TyKind::DictView(_, d) => d.may_reference_instance(),
            TyKind::Tuple(fields) => fields.iter().any(|f| f.may_reference_instance()),
            TyKind::Class(_) | TyKind::Function { .. } => true,
        }
    }

    /// Whether `<` between two values of this type is defined (and never raises TypeError):
    /// numbers, str, and lists and tuples of such.
    pub fn is_orderable(self) -> bool {
        match self.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::Str => true,
            TyKind::List(e) | TyKind::VarTuple(e) => e.is_orderable(),
            TyKind::Tuple(fields) => fields.iter().all(|f| f.is_orderable()),
            TyKind::Class(c) => c.orderable,
            TyKind::None | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Iterator(_) => false,
        }
    }

    /// Whether a value is one pointer to a heap object (rather than a scalar or a tuple).
    pub fn is_object(self) -> bool {
        match self.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None | TyKind::Tuple(_) => false,
            TyKind::Str | TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::VarTuple(_) | TyKind::Class(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Iterator(_) => true,
        }
    }

    /// Whether values can be dict keys and set elements (hashable in the subset).
    pub fn is_hashable(self) -> bool {
        match self.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::Str => true,
            TyKind::Tuple(fields) => fields.iter().all(|f| f.is_hashable()),
            TyKind::VarTuple(e) => e.is_hashable(),
            TyKind::Class(c) => c.hashable,
            // None hashes by address in CPython; so do files, which the subset keeps out of
            // sets; ranges hash by content there, which the subset does not do yet.
            TyKind::None | TyKind::List(_) | TyKind::Dict(..) | TyKind::Set(_) | TyKind::Deque(_) | TyKind::Counter(_) | TyKind::Optional(_) | TyKind::Function { .. } | TyKind::File | TyKind::Range | TyKind::DictView(..) | TyKind::Iterator(_) => false,
        }
    }

    /// The element type of a list, if this is one.
    pub fn list_elem(self) -> Option<Ty> {
        match self.kind() {
            TyKind::List(e) => Some(*e),
            _ => None,
        }
    }

    /// The element type of a set, if this is one.
    pub fn set_elem(self) -> Option<Ty> {
        match self.kind() {
            TyKind::Set(e) => Some(*e),
            _ => None,
        }
    }

    /// The key and value types of a dict, if this is one (a Counter is a dict from its
    /// items to int at run time).
    pub fn dict_types(self) -> Option<(Ty, Ty)> {
        match self.kind() {
            TyKind::Dict(k, v) => Some((*k, *v)),
            TyKind::Counter(e) => Some((*e, Ty::INT)),
            _ => None,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            TyKind::Int => f.write_str("int"),
            TyKind::Float => f.write_str("float"),
            TyKind::Bool => f.write_str("bool"),
            TyKind::None => f.write_str("None"),
            TyKind::Str => f.write_str("str"),
            TyKind::List(e) => write!(f, "list[{e}]"),
            TyKind::Dict(k, v) => write!(f, "dict[{k}, {v}]"),
            TyKind::Set(e) => write!(f, "set[{e}]"),
            TyKind::Deque(e) => write!(f, "deque[{e}]"),
            TyKind::Counter(e) => write!(f, "Counter[{e}]"),
            TyKind::VarTuple(e) => write!(f, "tuple[{e}, ...]"),
            TyKind::Class(c) => f.write_str(&c.name),
            TyKind::File => f.write_str("TextIO"),
            TyKind::Range => f.write_str("range"),
            TyKind::DictView(which, d) => {
                let (k, v) = d.dict_types().unwrap_or((Ty::NONE, Ty::NONE));
                match which {
                    0 => write!(f, "dict_keys[{k}, {v}]"),
                    1 => write!(f, "dict_values[{k}, {v}]"),
                    _ => write!(f, "dict_items[{k}, {v}]"),
                }
            }
            TyKind::Iterator(e) => write!(f, "Iterator[{e}]"),

            TyKind::Optional(t) => write!(f, "{t} | None"),
            TyKind::Function { params, ret } => {
                let params: Vec<String> = params.iter().map(|p| p.to_string()).collect();
                write!(f, "Callable[[{}], {ret}]", params.join(", "))
            }
            TyKind::Tuple(fields) if fields.is_empty() => f.write_str("tuple[()]"),
            TyKind::Tuple(fields) => {
                f.write_str("tuple[")?;
                for (i, t) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{t}")?;
                }
                f.write_str("]")
            }
        }
    }
}

impl fmt::Debug for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_structures_share_one_handle() {
        let a = Ty::dict(Ty::STR, Ty::list(Ty::INT));
        let b = Ty::intern(TyKind::Dict(Ty::intern(TyKind::Str), Ty::list(Ty::intern(TyKind::Int))));
        assert_eq!(a, b);
        assert_ne!(a, Ty::dict(Ty::STR, Ty::list(Ty::FLOAT)));
        assert_eq!(Ty::intern(TyKind::Bool), Ty::BOOL);
        assert_eq!(a.to_string(), "dict[str, list[int]]");
    }

    #[test]
    fn describes_tuples_classes_optionals_and_functions() {
        let point = Ty::intern(TyKind::Class(ClassRef::new("Point", true, false)));
        let pair = Ty::tuple(vec![Ty::INT, Ty::STR]);
        assert_eq!(pair.to_string(), "tuple[int, str]");
        assert_eq!(Ty::tuple(vec![]).to_string(), "tuple[()]");
        assert_eq!(Ty::optional(point).to_string(), "Point | None");
        assert_eq!(Ty::optional(Ty::optional(point)), Ty::optional(point));
        assert_eq!(Ty::optional(Ty::NONE), Ty::NONE);
        let f = Ty::intern(TyKind::Function { params: vec![pair, point], ret: Ty::BOOL });
        assert_eq!(f.to_string(), "Callable[[tuple[int, str], Point], bool]");
        assert!(f.mentions_class() && pair.is_hashable() && pair.is_heap() && !Ty::tuple(vec![Ty::INT, Ty::FLOAT]).is_heap() && Ty::optional(Ty::INT).is_heap());
        // Two classes of the same name are two types.
        assert_ne!(point, Ty::intern(TyKind::Class(ClassRef::new("Point", true, false))));
    }
}
