//! The typed IR that `check` produces and `codegen` consumes.
//!
//! It is a tree, close to the source: every expression carries its type, and
//! every name is resolved to a `LocalId`, `GlobalId` or `FuncId`.  Implicit
//! conversions (int → float, bool → int) are explicit `Convert` nodes, so
//! codegen never has to guess.  Every operation that may raise carries the
//! source line its traceback frame will name.

use crate::check::types::Ty;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalId(pub u32);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlobalId(pub u32);
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuncId(pub u32);

#[derive(Debug)]
pub struct Program {
    pub functions: Vec<Function>,
    pub globals: Vec<Global>,
    /// The function holding the module's top-level statements (`<module>` in tracebacks).
    pub module_init: FuncId,
    /// Every set display that CPython compiles to a frozenset constant (`SetBuild` other
    /// than `Items`), with where it starts in the source.  CPython's compiler keeps one
    /// constant per distinct set of constants per module (the first one it compiles, and it
    /// compiles in source order), so a later display of the same constants iterates in the
    /// first one's order: `{1, 9, 17}` then `{17, 9, 1}` both print `{1, 9, 17}`.
    pub set_constants: Vec<SetConstant>,
    /// The user-defined classes, in declaration order (a base before its subclasses);
    /// `ClassIdx` indexes this.
    pub classes: Vec<Class>,
}

/// A class as codegen needs it: the layout of its instances and the functions its type
/// descriptor points to.
#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    pub ty: Ty,
    /// The type of each field slot, inherited fields first.
    pub fields: Vec<Ty>,
    /// The method of each virtual slot (see `ExprKind::CallVirtual`), inherited slots first.
    pub vtable: Vec<FuncId>,
    /// `__repr__`, `__str__`, `__eq__`, `__hash__`, `__lt__` (`enum MgDunder` order), for the
    /// runtime to call back when it prints, compares, hashes or sorts instances.
    pub dunders: [Option<FuncId>; 5],
    pub base: Option<ClassIdx>,
    /// A built-in exception class: the runtime's descriptor symbol (`mg_exc_class_NAME`).
    pub builtin: Option<String>,
    /// The class of a function object (`Closure::object`): its name is the function's
    /// qualname and the runtime's `mg_func_repr` prints it as CPython prints a function.
    pub func_repr: bool,
    /// The module that defines the class when it is not the main script (`check::modules`).
    pub module: Option<String>,
}

/// An index into `Program::classes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClassIdx(pub u32);

/// The constants of a set display compiled to a frozenset constant, in source order.
#[derive(Debug, Clone)]
pub struct SetConstant {
    pub offset: u32,
    pub items: Vec<ConstItem>,
}

/// A constant as CPython's constant cache tells constants apart: by type and value
/// (`1`, `1.0` and `True` are three different constants; so are `0.0` and `-0.0`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConstItem {
    Int(i64),
    /// The bits of the float.
    Float(u64),
    Bool(bool),
    Str(String),
    /// A tuple of constants, which CPython's compiler folds into one constant.
    Tuple(Vec<ConstItem>),
}

impl ConstItem {
    /// The item of a constant expression, `None` for anything else.
    pub fn of(e: &Expr) -> Option<ConstItem> {
        Some(match &e.kind {
            ExprKind::Int(v) => ConstItem::Int(*v),
            ExprKind::Float(v) => ConstItem::Float(v.to_bits()),
            ExprKind::Bool(b) => ConstItem::Bool(*b),
            ExprKind::Str(s) => ConstItem::Str(s.clone()),
            ExprKind::Tuple(items) => ConstItem::Tuple(items.iter().map(ConstItem::of).collect::<Option<_>>()?),
            _ => return None,
        })
    }

    /// What identifies a frozenset constant in CPython's cache: its distinct items.
    pub fn key(items: &[ConstItem]) -> Vec<ConstItem> {
        let mut key = items.to_vec();
        key.sort();
        key.dedup();
        key
    }
}

#[derive(Debug)]
pub struct Global {
    pub name: String,
    pub ty: Ty,
}

#[derive(Debug)]
pub struct Function {
    pub name: String,
    /// The class whose method this is: LLVM names it `Class.name`, and hosts cannot call it.
    pub class: Option<String>,
    pub params: Vec<LocalId>,
    pub locals: Vec<Local>,
    pub ret: Ty,
    pub body: Vec<Stmt>,
    /// A nested function or lambda: its first parameter is the function object it is
    /// called through (`env`), whose fields after the code pointer are the cells of its free
    /// variables (`Closure::free`, in order). `None` for module-level functions and methods.
    pub closure: Option<Closure>,
    /// What part of a generator function this is (`check::generators`).
    pub role: FnRole,
}

/// A generator function `f` becomes three functions (`check::generators::split`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FnRole {
    /// An ordinary function (or a generator's `f`, which makes the generator object).
    Plain,
    /// The body of a generator function, with `f`'s parameters; its `Stmt::Yield`s hand
    /// items to whoever resumes it. Marked by the checker, then split by `generators::split`.
    GenBody,
    /// A generator function before the split: what its objects print (`repr`, the qualname;
    /// `!name` for a builtin iterator, `<name object at 0x...>`), and whether its body
    /// records no traceback frame (a builtin iterator's, CPython's C code).
    Generator { repr: String, frameless: bool },
    /// The body of a builtin iterator (`map`, `filter`, `iter(xs)`): frameless.
    GenBodyFrameless,
    /// An ordinary function standing for C code of CPython's (a `functools.partial` object's
    /// call, `reduce`, an `lru_cache` wrapper): errors pass through it without a frame.
    Frameless,
    /// Runs on the generator's stack: reads the arguments out of the generator object (its
    /// one parameter) and calls the body. Errors leave it without a traceback frame.
    GenStart,
}

/// What a nested function or lambda needs beyond an ordinary function.
#[derive(Debug, Clone)]
pub struct Closure {
    /// CPython's `__qualname__` (`make_multiplier.<locals>.mul`, `<lambda>`): what its repr
    /// prints; unique with the function's index, it also names the LLVM function.
    pub qualname: String,
    /// The locals that are the enclosing function's cells, in the order of the function
    /// object's fields (field `1 + i`).
    pub free: Vec<LocalId>,
    /// The class of the function object (`ir::Class::func_repr`): a code pointer, then one
    /// cell per free variable.
    pub object: Ty,
}

#[derive(Debug, Clone)]
pub struct Local {
    pub name: String,
    pub ty: Ty,
    /// A variable captured by a nested function (or one of a nested function's free
    /// variables): the register holds a cell, an instance of this class (fields: the value,
    /// then whether it is bound), shared with the closures, so that a rebinding on either
    /// side is seen by the other, as in Python.
    pub cell: Option<Ty>,
}

/// A source line, 1-based; what traceback frames print.
pub type Line = u32;

#[derive(Debug)]
pub enum Stmt {
    Expr(Expr),
    Assign { place: Place, value: Expr },
    If { cond: Expr, then: Vec<Stmt>, orelse: Vec<Stmt> },
    While { cond: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for var in range(start, stop, step)`; `step` is never zero (checked at run time when not constant).
    ForRange { var: Place, start: Expr, stop: Expr, step: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, line: Line },
    Break,
    Continue,
    Return(Option<Expr>),
    Assert { cond: Expr, msg: Option<Expr>, line: Line },
    /// `line` is where printing a str with a lone surrogate raises UnicodeEncodeError.
    Print { args: Vec<Expr>, sep: Option<Expr>, end: Option<Expr>, line: Line },
    /// `sys.exit(code)` / `raise SystemExit(code)`.
    Exit { code: Option<Expr>, line: Line },
    /// `container[index] = value` for lists and dicts.
    SetItem { container: Expr, index: Expr, value: Expr, line: Line },
    /// `container[index] op= v` with a side-effect-free `v`: one lookup, then `value` is
    /// evaluated with `ExprKind::ItemValue` standing for the item's current value.
    UpdateItem { container: Expr, index: Expr, value: Expr, line: Line },
    /// `del container[index]` for lists and dicts.
    DelItem { container: Expr, index: Expr, line: Line },
    /// `obj.field = value`: the instance takes over the value and releases the old one.
    SetField { obj: Expr, field: u32, value: Expr, line: Line },
    /// `raise value [from cause]`; `value: None` is a bare `raise` (in an except clause);
    /// `cause: Some(None)` is `from None`.
    Raise { value: Option<Expr>, cause: Option<Option<Expr>>, line: Line },
    /// `try`/`except`/`else`/`finally`.
    Try { body: Vec<Stmt>, handlers: Vec<Handler>, orelse: Vec<Stmt>, finalbody: Vec<Stmt>, line: Line },
    /// A comprehension starts: its variables that closures capture get new cells (CPython
    /// runs each comprehension as a function call of its own).
    FreshCells(Vec<LocalId>),
    /// `yield value` in a generator's body (`check::generators`).
    Yield { value: Expr, line: Line },
    /// `for targets in iter` over anything but a range; one target per value the iterator yields.
    ForIter { targets: Vec<Place>, iter: Iter, body: Vec<Stmt>, orelse: Vec<Stmt>, line: Line },
}

/// An `except` clause: the classes it catches (and their subclasses), the variable it
/// binds the exception object to, its body.
#[derive(Debug)]
pub struct Handler {
    pub classes: Vec<ClassIdx>,
    pub bind: Option<Place>,
    pub body: Vec<Stmt>,
    pub line: Line,
}

/// What a `for` loop iterates over.
#[derive(Debug)]
pub enum Iter {
    /// A list, by index, re-reading the length each step as Python's list iterator does.
    List(Expr),
    /// A list from the end.
    Reversed(Expr),
    Str(Expr),
    /// `s.split()` or `s.split(sep)`: the pieces one at a time, without the list, which
    /// nothing else can see (each piece is freed when the loop moves on).
    Split(Expr, Option<Expr>),
    Set(Expr),
    DictKeys(Expr),
    DictValues(Expr),
    /// Yields two values: key and value.
    DictItems(Expr),
    Range { start: Expr, stop: Expr, step: Expr },
    /// Yields the count, then what the inner iterator yields.
    Enumerate(Box<Iter>, Expr),
    /// Yields what each inner iterator yields, until the shorter ends.
    Zip(Box<Iter>, Box<Iter>),
    /// A text file, line by line (`readline()` until it returns "").
    File(Expr),
    /// A deque, by index (from the end when `reversed`), raising RuntimeError when the
    /// deque changes during the loop (CPython's deque iterators check the deque's mutation
    /// counter at each step).
    Deque(Expr, bool),
    /// A generator (`Iterator[T]`), resumed for each item until it ends.
    Gen(Expr),

}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Local(LocalId),
    Global(GlobalId),
}

#[derive(Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
    pub line: Line,
}

#[derive(Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    Str(String),
    Load(Place),
    Convert(Conversion, Box<Expr>),
    /// Both operands have the type named by the operator.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// `a < b < c`: each operand evaluated once, left to right, stopping at the
    /// first false link.  Link `i` compares operands `i` and `i + 1` after
    /// converting both to its type (int, float, bool or None).
    CompareChain { operands: Vec<Expr>, links: Vec<(CmpOp, Ty)> },
    /// Short-circuit `and`/`or` returning an operand; all operands share the result type.
    BoolOp(BoolOp, Vec<Expr>),
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(FuncId, Vec<Expr>),
    Builtin(Builtin, Vec<Expr>),
    /// `x` reduced to its truth value.
    Truth(Box<Expr>),
    ListLit(Vec<Expr>),
    SetLit { items: Vec<Expr>, build: SetBuild },
    DictLit(Vec<(Expr, Expr)>),
    /// `value[index]` for list, str and dict.
    GetItem(Box<Expr>, Box<Expr>),
    /// `value[start:stop:step]` for list and str.
    Slice { value: Box<Expr>, start: Option<Box<Expr>>, stop: Option<Box<Expr>>, step: Option<Box<Expr>> },
    /// `item in container`.
    Contains { container: Box<Expr>, item: Box<Expr> },
    /// `(a, b, ...)`: a tuple value of its items.
    Tuple(Vec<Expr>),
    /// A new instance of a class, its fields not yet set (the constructor's `__init__` sets
    /// them before anything reads them).
    New(ClassIdx),
    /// Field slot `i` of an instance.
    GetField(Box<Expr>, u32),
    /// A call through the receiver's class (`args[0]`): vtable slot `slot`, which holds one
    /// of `impls` (the method and its overrides, all of the same signature).
    CallVirtual { slot: u32, impls: Vec<FuncId>, args: Vec<Expr> },
    /// Whether an instance's class is one of these (a class and its subclasses).
    IsInstance(Box<Expr>, Vec<ClassIdx>),
    /// None as a `T | None` value.
    NoneOf,
    /// A `T` value as a `T | None` (`ty` is the optional type).
    Some(Box<Expr>),
    /// The `T` inside a `T | None` that narrowing proved is not None.
    Unwrap(Box<Expr>),
    /// A narrowed attribute path's `T | None` as a `T`, checked: None raises
    /// AttributeError with this message (`check::narrowing`).
    UnwrapChecked(Box<Expr>, String),
    /// `x is None` for a `T | None`.
    IsNone(Box<Expr>),
    /// An expression that CPython runs in a frame of its own (an inline `key=lambda`'s
    /// body): an error inside it adds a traceback frame named `name` at the error's line,
    /// then the enclosing frame's at `outer` (the line of the call).
    InFrame { name: String, outer: Line, expr: Box<Expr> },
    /// `a is b` between instances: the same object.
    Same(Box<Expr>, Box<Expr>),
    /// Field `i` of a tuple (a constant index, already normalised).
    TupleGet(Box<Expr>, u32),
    /// A method call; the receiver is the first argument.
    Method(Method, Vec<Expr>),
    /// Statements, then a value: what comprehensions lower to.
    Block(Vec<Stmt>, Box<Expr>),
    /// The current value of the item a `Stmt::UpdateItem` updates.
    ItemValue,
    /// A function as a value (`ty` is its `Callable`): a new function object of `func`,
    /// holding the cells of `captures` (locals of this function that are cells, in the
    /// order of `func`'s `Closure::free`). A module-level function (no closure) is called
    /// through a trampoline that drops the function object.
    MakeFunction { func: FuncId, object: Ty, captures: Vec<LocalId> },
    /// A call through a function value: `args[0]` is the function object.
    CallValue(Vec<Expr>),
    /// A new generator object (`ty` is its `Iterator[T]`) whose start function is `start`
    /// (`FnRole::GenStart`), holding `args` (the generator function's arguments); `name`
    /// is the qualname its repr prints.
    GenNew { start: FuncId, name: String, args: Vec<Expr> },
    /// Argument `index` of the generator object `gen` (borrowed), of type `ty`: what the
    /// start function passes to the body.
    GenArg { gen: Box<Expr>, index: u32 },
    /// `next(it)` (StopIteration at the end) or `next(it, default)`.
    Next { it: Box<Expr>, default: Option<Box<Expr>> },
    /// The body of an `lru_cache` function called through its cache (the handle in global
    /// `cache`): a hit returns the stored result (one probe of the cache's dict, `key` the
    /// argument or the tuple of the arguments); a miss calls `func` with `args`, then stores
    /// what it returned (`check::functools`, `runtime/mg_lru.c`).
    CachedCall { cache: GlobalId, func: FuncId, key: Box<Expr>, args: Vec<Expr> },
    /// A new `lru_cache` (its handle, an int): keys of type `key`, results of type `result`,
    /// `maxsize` -1 for None (unbounded).
    CacheNew { key: Ty, result: Ty, maxsize: i64 },
    /// `f.cache_info()` (its text, or one of its counts) and `f.cache_clear()`.
    CacheOp { cache: GlobalId, op: CacheOp },
}

/// What `ExprKind::CacheOp` reads or does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheOp {
    /// `CacheInfo(hits=..., misses=..., maxsize=..., currsize=...)`, as a str.
    Info,
    Hits,
    Misses,
    Currsize,
    Clear,
}

/// How CPython builds a set display; each way can order colliding keys differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetBuild {
    /// Items added one by one (`BUILD_SET`).
    Items,
    /// Three or more constants: a frozenset constant merged into a new set.
    ConstantLiteral,
    /// All items constant and the display is iterated by a `for`: CPython's optimizer
    /// iterates the frozenset constant itself.
    FrozenConstant,
}

/// Methods of str, list, dict and set.  Optional arguments are optional in the IR too:
/// the argument vector has only what the call gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    StrSplit,
    StrJoin,
    /// 1 lstrip, 2 rstrip, 3 strip.
    StrStrip(u8),
    /// lower, upper, casefold, title, capitalize, swapcase: full Unicode case mappings.
    StrCase(CaseMap),
    StrReplace,
    StrFind,
    StrRFind,
    /// `index` (false) or `rindex` (true): ValueError when absent.
    StrIndex(bool),
    /// `partition` (false) or `rpartition` (true).
    StrPartition(bool),
    /// `split(sep, maxsplit)` (false) or `rsplit(sep[, maxsplit])` (true).
    StrSplitMax(bool),
    StrSplitlines,
    /// `removeprefix` (false) or `removesuffix` (true).
    StrRemoveAffix(bool),
    /// `ljust` (0), `rjust` (1), `center` (2).
    StrPad(u8),
    StrZfill,
    StrExpandtabs,
    /// `s.translate(table)`: `[s, table]`, a `dict[int, V]` with V str, int or either `| None`.
    StrTranslate,
    /// `s.format_map(d)`: `[s, d]`, d a `dict[str, V]`.
    StrFormatMap,
    ListClear,
    DictClear,
    /// `r.index(x)`, `r.count(x)` on a range value: `[r, x]`.
    RangeIndex,
    RangeCount,
    /// `r.start`, `r.stop`, `r.step` (0, 1, 2): `[r]`.
    RangeField(u8),
    StrIsAscii,
    /// `list.index(x, start[, stop])`.
    ListIndexRange,
    /// `xs *= n`, in place.
    ListIRepeat,
    DictPopItem,
    /// `od.move_to_end(key, last)`: `[d, key, last]`; `od.popitem(last)`: `[d, last,
    /// keyword]` (whether `last=` was a keyword, for dict's TypeError): `check::odict`.
    ODictMoveToEnd,
    ODictPopItem,
    StrCount,
    StrStartsWith,
    StrEndsWith,
    /// isdigit, isalpha, isspace, ...: a character class over the whole string.
    StrIs(StrClass),
    ListAppend,
    ListPop,
    ListInsert,
    ListExtend,
    ListRemove,
    ListIndex,
    ListCount,
    ListSort { reverse: bool },
    /// `list.sort(key=..., reverse=...)`: `[list, keys]` (`check::keys`).
    ListSortKeyed { reverse: bool },
    ListReverse,
    ListCopy,
    DictGet,
    /// `d[k] = d.get(k, default) + v` on a dict of ints with str or int keys and
    /// side-effect-free operands (`[d, k, default, v]`): one lookup, then the sum stored
    /// (OverflowError stores nothing).  Only lowering makes it (`check::stmt`).
    DictGetAdd,
    DictPop,
    DictSetDefault,
    DictUpdate,
    DictCopy,
    /// `list(d.keys())` and friends; `print(d.keys())` prints the view.
    DictKeysList,
    /// `list(d.items())`: a list of (key, value) tuples.
    DictItemsList,
    DictValuesList,
    SetAdd,
    SetRemove,
    SetDiscard,
    SetIsSubset,
    SetCopy,
    // Set operations with other sets.  Each variant is one path of CPython's setobject.c
    // (runtime/mg_set.c), shared by an operator and a method exactly where CPython shares
    // it; the arguments after the receiver are sets of the receiver's type.
    /// `s | t` and `s.union(*others)`: a copy of `s`, then each other set merged in.
    SetUnion,
    /// `s & t` and `s.intersection(*others)`: the smaller operand walked (a copy when
    /// both are the same object), then each further set intersected with the result.
    SetIntersection,
    /// `s - t` and `s.difference(*others)`.
    SetDifference,
    /// `s ^ t` and `s.symmetric_difference(t)`: a copy of `t` updated with `s`.
    SetSymmetricDifference,
    /// `s |= t` and `s.update(*others)`, in place (aliases see the change).
    SetUpdate,
    /// `s &= t` and `s.intersection_update(*others)`: the new intersection's table replaces the receiver's.
    SetIntersectionUpdate,
    /// `s -= t` and `s.difference_update(*others)`.
    SetDifferenceUpdate,
    /// `s ^= t` and `s.symmetric_difference_update(t)`.
    SetSymmetricDifferenceUpdate,
    SetIsSuperset,
    SetIsDisjoint,
    /// Removes and returns the first key at or after the set's finger (KeyError when empty).
    SetPop,
    SetClear,
    /// `f.read()`: the rest of a text file.
    FileRead,
    /// `f.readline()`: the next line, with its "\n"; "" at the end.
    FileReadLine,
    /// `f.readlines()`, `list(f)`: the remaining lines.
    FileReadLines,
    /// `f.close()`, and the end of a `with` block.
    FileWrite,
    FileWriteLines,
    FileFlush,
    FileClose,
    /// The `__enter__` of a file in `with f:`: ValueError when it is closed.
    FileEnter,
    /// `f.closed`.
    FileClosed,
    /// `f.name`: the path `open()` was given.
    FileName,
    /// `f.mode`: the mode `open()` was given.
    FileMode,
    /// `append` / `appendleft` (`left`) of a deque: trims the other end past maxlen.
    DequeAppend { left: bool },
    /// `pop` / `popleft`: IndexError on an empty deque.
    DequePop { left: bool },
    /// `extend` / `extendleft` with a list of the items (`check::collections` makes one).
    DequeExtend { left: bool },
    DequeRotate,
    DequeClear,
    DequeCount,
    /// `index(x, start, stop)` (the checker supplies the defaults).
    DequeIndex,
    DequeRemove,
    DequeInsert,
    DequeReverse,
    DequeCopy,
    /// The maxlen as an int, -1 for None (`d.maxlen` wraps it in `int | None`).
    DequeMaxlen,
}

/// The case mappings of str, as CPython's `do_lower`, `do_upper`, ... in
/// `Objects/unicodeobject.c`: each character maps to one to three characters (`"ß".upper()`
/// is `"SS"`), from the Unicode database of CPython 3.11 (`runtime/mg_unicode_db.h`).
/// The numbers are `enum MgCaseMap` in `runtime/mg_unicode.c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum CaseMap {
    /// Context-sensitive for one character: a capital sigma that ends a word becomes `ς`.
    Lower = 0,
    Upper = 1,
    /// Lowercase that also folds `ß` to `ss`, `ﬁ` to `fi`: for caseless comparison.
    Casefold = 2,
    /// Titlecase after an uncased character, lowercase after a cased one (so `"o'neil"`
    /// becomes `"O'Neil"`: words are not what a reader would call words).
    Title = 3,
    /// The first character titlecased (not uppercased: `"ǆ"` gives `"ǅ"`), the rest lowercased.
    Capitalize = 4,
    /// Lowercase of uppercase characters, uppercase of lowercase ones; titlecase ones stay.
    Swapcase = 5,
}

/// The character classes of str's `is*` methods, with CPython's whole-string rules: the
/// empty string is in no class except `isprintable`; `isupper`/`islower` need a cased
/// character and none of the other case (titlecase counts as both); `istitle` is about
/// the order of cased characters.  The numbers are `enum MgStrClass` in `runtime/mg_unicode.c`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum StrClass {
    /// Unicode digits: decimal ones and others such as `²` and `①`.
    Digit = 0,
    Alpha = 1,
    /// Python's whitespace: Unicode's, plus the separators `\x1c`..`\x1f`.
    Space = 2,
    /// Digits that `int()` accepts, in any script (`"٣"`).
    Decimal = 3,
    /// Digits plus other numeric characters (`½`, `Ⅻ`, `二`).
    Numeric = 4,
    /// Alpha, decimal, digit or numeric.
    Alnum = 5,
    Upper = 6,
    Lower = 7,
    Title = 8,
    /// Not a control, format, separator (other than the space), surrogate, private-use or
    /// unassigned character: the characters `repr()` leaves unescaped.
    Printable = 9,
    /// `isidentifier()`: an identifier start (XID_Start or `_`), then continuations.
    Identifier = 10,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    IntToFloat,
    BoolToInt,
    /// `int(x)` of a float: truncates, raises on nan/inf/out of range.
    FloatToInt,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    IntAdd,
    IntSub,
    IntMul,
    IntFloorDiv,
    IntMod,
    IntPow,
    IntTrueDiv,
    IntLShift,
    IntRShift,
    IntAnd,
    IntOr,
    IntXor,
    FloatAdd,
    FloatSub,
    FloatMul,
    FloatDiv,
    FloatFloorDiv,
    FloatMod,
    FloatPow,
    BoolAnd,
    BoolOr,
    BoolXor,
    StrConcat,
    /// `s += t` on a str variable: the left operand is a `Load` whose reference is handed
    /// to the runtime, which appends in place when nothing else holds the string.
    StrInPlaceAdd,
    StrRepeat,
    ListConcat,
    ListRepeat,
    /// `d | e`: a copy of `d` updated with `e`.
    DictMerge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    IntNeg,
    IntInvert,
    FloatNeg,
    Not,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// Builtins and `math` functions with fixed signatures after conversion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    IntAbs,
    FloatAbs,
    IntMin,
    IntMax,
    FloatMin,
    FloatMax,
    MathSqrt,
    MathFloor,
    MathCeil,
    MathSin,
    MathCos,
    MathTan,
    MathAtan2,
    MathHypot,
    MathExp,
    MathLog,
    MathFabs,
    MathIsqrt,
    MathGcd,
    /// A one-argument float function of `math` (`MATH_FLOAT_FNS` in `check/builtins.rs`; the index of runtime/mg_math.c's table).
    MathF1(u8),
    /// A two-argument float function of `math`: fmod (0), remainder (1), pow (2),
    /// nextafter (3) (runtime/mg_math.c, `mg_math_f2`).
    MathF2(u8),
    /// `math.isnan` (0), `isinf` (1), `isfinite` (2).
    MathIs(u8),
    /// `math.ldexp(x, i)`: `[float, int]`.
    MathLdexp,
    /// A float part of `math.frexp` (0: mantissa) or `math.modf` (1: fraction, 2: integral
    /// part); `MathFrexpExp` is frexp's exponent. The checker builds the tuples.
    MathPart(u8),
    MathFrexpExp,
    /// `time.time()` (0), `time.perf_counter()` / `time.monotonic()` (1) in seconds, and
    /// their `_ns` forms; `time.sleep(secs)`: `[float]` (runtime/mg_time.c).
    TimeSeconds(u8),
    TimeNs(u8),
    TimeSleep,
    /// `OrderedDict(...)`: `[dict]`, the items of a new dict (`check::odict`).
    ODictFrom,
    MathCopysign,
    MathTrunc,
    MathLcm,
    MathFactorial,
    MathComb,
    MathPerm,
    /// `math.log(x, base)`, `math.isclose(a, b, rel_tol, abs_tol)` (all four given, as
    /// floats), `math.fsum(list)` and `math.prod(list)`.
    MathLogBase,
    MathIsclose,
    MathFsum,
    MathProd,
    Len,
    StrOf,
    ReprOf,
    /// sum(list[int] | list[float]), with a start value; without one (`[xs]` alone), a float
    /// sum whose container may be empty: NotImplementedError if it is (see `check::containers`).
    Sum,
    ListMin,
    ListMax,
    /// `type(x).__name__` of an instance (or `C | None`): its own class's name.
    ClassName,
    /// `e.__cause__` (`[e, False]`) or `e.__context__` (`[e, True]`) of a caught exception.
    ExcLink,
    /// `fmt.format(...)`: `[fmt, positional tuple, keyword tuple, keyword names joined by ',']`.
    StrFormat,
    /// `fmt % values`: `[fmt, values tuple, dict display keys joined by ',', mode]`
    /// (mode: `runtime/mg_percent.c`'s MgPercentMode).
    StrPercent,
    /// `sys.stdin`: the one file object over standard input.
    Stdin,
    /// `input(prompt)`.
    Input,
    /// `sys.stdout.write(s)` / `sys.stderr.write(s)`: `[s, stream]` (1 or 2).
    StreamWrite,
    /// `sys.stdout.flush()` / `sys.stderr.flush()`: `[stream]`.
    StreamFlush,
    /// `str.maketrans(x, y)` / `(x, y, z)`: `[x, y]` or `[x, y, z]`; `str.maketrans(d)`: `[d]`
    /// with d a `dict[str, str]` (the result's type says which).
    StrMakeTrans,
    /// `range(start, stop, step)` as a value (`Ty::range()`): `[start, stop, step]`.
    RangeNew,
    /// `list(r)` of a range value: `[r]`.
    ListFromRange,
    /// `d.keys()`, `d.values()`, `d.items()` as a value (`Ty::dict_view`): `[d]`, the same
    /// object; `ViewDict` is the way back, to the dict a view shows.
    DictAsView,
    ViewDict,
    /// `v in d.values()`: `[d, v]`.
    DictValuesContains,
    /// `int(s, base)`.
    IntFromStrBase,
    /// `pow(a, b, m)` of ints.
    IntPowMod,
    /// `e.args`: NotImplementedError when the arguments were not all str.
    ExcArgs,
    /// The marker `e.args` holds when the arguments were not all str.
    ExcArgsUnknown,
    /// A fixed tuple whose fields all have one type, as a `tuple[T, ...]`.
    VarTupleOf,
    /// `tuple(xs)` of a list, str, set or `tuple[T, ...]`: a new `tuple[T, ...]`.
    VarTupleFrom,
    /// A `tuple[T, ...]` as a new list (for the builtins that read lists).
    ListFromVarTuple,
    /// `min`/`max(list, key=...)`: `[list, keys]` (`check::keys`).
    MinMaxKeyed { is_max: bool },
    /// `sorted(list, key=..., reverse=...)`: `[list, keys]`.
    SortedKeyed { reverse: bool },
    Sorted { reverse: bool },
    Any,
    All,
    Ord,
    Chr,
    IntFromStr,
    FloatFromStr,
    ListFromStr,
    ListFromList,
    ListFromSet,
    SetFromList,
    SetFromStr,
    /// `set(d)`: CPython's dict path (one resize up front, then the keys in dict order).
    SetFromDict,
    /// `print(d.keys())` / `print(d.values())`: the view's own repr.
    DictKeysView,
    DictValuesView,
    DictItemsView,
    /// `print(d.get(k))`: the value, or None when the key is missing.
    DictGetOrNone,
    /// `list(range(start, stop, step))`.
    RangeList,
    /// `sys.argv`, a new list each time it is read.
    SysArgv,
    /// `hash(x)`: CPython's hash for numbers, str and tuples; `__hash__` or identity for
    /// instances.
    Hash,
    /// `UnpackCheck(list, before, after, starred)`: raises ValueError unless a list of
    /// `len` items unpacks into `before` targets, a starred one (when `starred`), then
    /// `after` targets. The counts are constants.
    UnpackCheck,
    /// `a OP b` between tuples of different types (`(1, 2) < (1, 2, 0)`); the types of
    /// comparable fields are equal or both numbers.
    TupleCompare(CmpOp),
    /// `format(value, spec)` of an int, bool, float or str (`args[1]`, the spec, is a str):
    /// CPython's format-spec mini-language (`runtime/mg_format.c`), which raises ValueError
    /// for a spec invalid for the type (a constant spec was checked already).  f-strings
    /// lower their replacement fields with a spec to it.
    Format,
    /// `ascii(x)`, the `!a` conversion: `repr(x)` with non-ASCII characters escaped.
    AsciiOf,
    /// The concatenation of the str arguments, in order: an f-string's pieces.
    StrBuild,
    /// `round(x)` of a float: the nearest int, ties to even.
    RoundFloatToInt,
    /// `round(x, n)` of a float: a float, correctly rounded to `n` decimal places.
    RoundFloat,
    /// `round(x, n)` of an int: an int (itself unless `n` < 0).
    RoundInt,
    /// `defaultdict(factory)`: (kind, value, repr) for each level of nested defaultdicts,
    /// outermost first (runtime/mg_defaultdict.c: kind 0 the zero value of the value type,
    /// 1 the constant `value`, 2 a defaultdict made with the next level; +8 for a lambda,
    /// `repr` then its qualname).
    DefaultDictNew,
    /// `Counter(xs)`: `[list]`, each item counted in order of first appearance.
    CounterNew,
    /// `c.most_common()` (`[c]`) and `c.most_common(n)` (`[c, n]`).
    CounterMostCommon,
    /// `c.update(xs)`: `[c, list]`, one more for each item (`subtract`: one less).
    CounterUpdate { subtract: bool },
    /// `c.update(d)` of another Counter: its counts added (`subtract`: taken away).
    CounterUpdateCounts { subtract: bool },
    CounterTotal,
    /// `a + b`, `a - b`, `a | b`, `a & b` of Counters (0..3): a new Counter of the positive counts.
    CounterOp(u8),
    /// `list(c.elements())`: each item repeated by its count, in insertion order.
    CounterElements,
    /// `dict(d)` of a dict (or defaultdict): a plain dict of its items.
    DictFromDict,
    /// `deque(xs, maxlen)`: `[list, maxlen, has_maxlen]` (an empty list for `deque()`).
    DequeFromList,
    /// `list(d)` of a deque: its items in order, as a new list.
    ListFromDeque,
    /// `heapq.heappush(heap, item)`, `heappop(heap)`, `heapify(heap)`,
    /// `heappushpop(heap, item)`, `heapreplace(heap, item)`: CPython's `Lib/heapq.py`
    /// algorithms (runtime/mg_heapq.c), comparing with `<` only.
    HeapPush,
    HeapPop,
    Heapify,
    HeapPushPop,
    HeapReplace,
    /// `heapq.nsmallest(n, xs)` / `nlargest`: `[list, n]`, the first n of the stably sorted list.
    HeapNSmallest { largest: bool },
    /// The same with `key=`: `[list, keys, n]`.
    HeapNSmallestKeyed { largest: bool },
    /// `bisect.bisect_left(a, x, lo, hi)` (`right`: bisect_right): `[list, x, lo, hi]`, hi -1 for len(a).
    Bisect { right: bool },
    /// `[a, lo, hi]`: ValueError when lo < 0; hi, or len(a) when hi is -1 (bisect with `key=`).
    BisectBounds,
    /// `a < b` between two values of one type, with `<` alone (an instance's `__lt__`
    /// once), as heapq and bisect compare.
    Less,
    /// `bisect.insort_left(a, x, lo, hi)` / `insort_right`.
    Insort { right: bool },
    /// The `random` module (`check::random`, runtime/mg_random.c): CPython's Mersenne
    /// Twister and `Lib/random.py` algorithms on one generator per process.
    /// `random.seed(n)`: `[n]`; `random.seed()`: `[]` (from the OS).
    RandomSeed,
    /// `random.random()`: a float in [0, 1), no allocation.
    RandomRandom,
    RandomGetrandbits,
    /// `randrange(stop)`: `[stop]`; `randrange(start, stop, step)`: all three.
    RandomRandrange,
    RandomRandint,
    /// The index `choice(seq)` reads, from `[len(seq)]` (IndexError when 0); the checker
    /// indexes the sequence with it.
    RandomChoiceIndex,
    /// `shuffle(xs)`, in place.
    RandomShuffle,
    /// `sample(population, k)`: `[list or range, k]`, a new list.
    RandomSample,
    /// `choices(population, weights, k=k)`: `[list or range, k, index_error, weights]`, the
    /// weights (a `list[int]` or `list[float]`, cumulative ones with `cumulative`) left out
    /// when none are given; `index_error` names the population's kind for the IndexError
    /// of an empty one (runtime/mg_random.c's `INDEX_ERRORS`).
    RandomChoices { cumulative: bool },
    /// `uniform(a, b)`: `[a, b]`, two ints (whose difference is exact, as Python's) or two
    /// floats (an int converted, as Python's mixed arithmetic converts it).
    RandomUniform,
    /// `gauss(mu, sigma)` (with `gauss_next`) and `normalvariate(mu, sigma)`: `[mu, sigma]` as
    /// floats (`mu + z * sigma` with a float z converts an int as Python would).
    RandomGauss,
    RandomNormal,
    /// `expovariate(lambd)`: `[lambd]` as a float.
    RandomExpovariate,
    /// `triangular(low, high, mode)`: `[low, high, mode, has_mode]`, floats and an int flag.
    RandomTriangular,
    /// `open(path, mode, encoding)`, all str (`mode` "r" or "rt"; `encoding` "" for the
    /// locale's default): a text file opened for reading.
    FileOpen,
}
