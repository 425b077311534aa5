//! The mid-level IR (MIR): functions as control-flow graphs of basic blocks over typed
//! registers, between the checker's typed tree (`check::ir`) and LLVM (`codegen`).
//!
//! Modelled on mypyc's IR (`mypyc/ir/ops.py`): lowering (`lower`) produces code that says
//! *what* is computed, with explicit control flow and explicit error edges but with no
//! reference counting at all; the passes then make the rest explicit, each in its own file,
//! and `passes::run_passes` runs them in this order:
//!
//! - `flags`: folds branches on flags whose value is known (the bound flags of locals);
//! - `may_raise`: finds the functions that can never raise and drops the error edge after
//!   calls to them;
//! - `cleanup`: threads jumps through empty blocks, merges each block into its only
//!   predecessor, and removes the blocks nothing reaches any more (the handlers of dropped
//!   error edges);
//! - `refcount`: inserts `IncRef`/`DecRef` from liveness and the ownership rules below,
//!   then removes the pairs that cancel.
//!
//! `dataflow` holds the control-flow graph and liveness the passes share, `ssa` finds the
//! registers codegen keeps as LLVM values, and `verify` checks the invariants below (debug
//! builds and tests). Every checked function has a
//! body. `codegen` then translates each instruction to LLVM directly, deciding nothing
//! about types, ownership or exceptions. `print` renders a module as text
//! (`multigen convert -t mir`).
//!
//! # Values
//! Every value lives in a register (`Reg`) with a type: a Python type (`Ty`) or a raw
//! pointer. Registers are mutable variables, not SSA: a Python local is one register,
//! assigned as often as the source assigns it; each temporary is a register assigned once.
//! Registers of heap types (`Ty::is_heap`: str, list, dict, set) hold references to
//! reference-counted objects; codegen initialises them to null on entry.
//!
//! # Ownership
//! A heap register holds either an *owned* reference (it must be released once) or a
//! *borrowed* one (someone else keeps the object alive). Lowering never emits `IncRef` or
//! `DecRef`; instead every operation states its ownership contract, which `refcount` reads:
//! - A result is `Own::New` (the register owns it), `Own::Borrowed` (valid while the heap
//!   operands of the operation are alive and unchanged: it was read out of one of them) or
//!   `Own::Plain` (not a heap value).
//! - Operands are borrowed by the operation unless `Op::steals` says it takes over the
//!   reference (`Use` in an assignment, `StoreGlobal`, `ListSet`'s value, `Return`,
//!   runtime calls with a `steals` mask): the operation consumes one reference.
//! - Parameters are borrowed from the caller; the callee owns what it assigns to them.
//!
//! # Exceptions
//! An operation that may raise (`Op::may_raise`) is the last instruction of its block, and
//! the block ends in `Term::CheckError { ok, err }`: when the operation raised (an
//! exception is pending in `mg_current_exc`, or an overflow intrinsic overflowed: codegen
//! knows which test each operation needs), control goes to `err`. `Op::Raise` sets a
//! pending exception unconditionally and its block ends in `Term::Goto(err)` (or, once
//! `cleanup` merged the handler into it, in the handler's `Unwind`).
//! Lowering makes one handler per source line: `TbAdd { line }` (records this function's
//! traceback frame) then `Term::Unwind` (return a zero value with the exception pending;
//! the caller's own `CheckError` continues the unwinding). `try`/`except` (Tier 2) will
//! retarget error edges to their dispatch blocks. `refcount` releases on each error edge
//! exactly what is owned and live there, through landing blocks of its own.

pub mod cleanup;
pub mod dataflow;
pub mod flags;
pub mod lower;
pub mod may_raise;
pub mod passes;
pub mod print;
pub mod ssa;
pub mod refcount;
pub mod verify;

use std::fmt;

use crate::check::ir::{FuncId, GlobalId, Line};
use crate::check::types::Ty;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// A whole program: one body per checked function, in `check::ir::Program` order (so a
/// `FuncId` indexes `bodies`), and the module's globals.
#[derive(Debug)]
pub struct Module {
    pub bodies: Vec<Body>,
    pub globals: Vec<GlobalInfo>,
    /// The body holding the module's top-level statements.
    pub module_init: FuncId,
}

#[derive(Debug, Clone)]
pub struct GlobalInfo {
    pub name: String,
    pub ty: Ty,
}

#[derive(Debug, Clone)]
pub struct Body {
    /// The Python name (`<module>` for the top level): what traceback frames print.
    pub name: String,
    /// Parameter registers, in order.
    pub params: Vec<Reg>,
    pub regs: Vec<RegInfo>,
    /// `blocks[0]` is the entry.
    pub blocks: Vec<Block>,
    pub ret: Ty,
    /// False when `may_raise` proved no path of this function raises.
    pub may_raise: bool,
    /// On a cycle of the call graph (`may_raise`): its callers store its recursion depth,
    /// and past CPython's limit it raises RecursionError on entry (codegen).
    pub recursive: bool,
}

#[derive(Debug, Clone)]
pub struct RegInfo {
    pub ty: RegTy,
    /// The Python variable this register is, or a hint for a temporary (printing only).
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RegTy {
    Py(Ty),
    /// A raw pointer into a container's storage (`Op::DictValuePtr`): never reference
    /// counted, valid only until the container changes.
    SlotPtr,
    /// A heap copy of a tuple (`Op::BoxTuple`): what a container slot holds for a tuple
    /// value. A reference-counted object.
    Boxed(Ty),
}

impl RegTy {
    /// Whether the register holds references that reference counting must track.
    pub fn is_heap(&self) -> bool {
        match self {
            RegTy::Py(t) => t.is_heap(),
            RegTy::SlotPtr => false,
            RegTy::Boxed(_) => true,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub insts: Vec<Inst>,
    pub term: Term,
}

#[derive(Debug, Clone)]
pub struct Inst {
    /// Where the result goes; `None` for operations without one (or whose result is unused).
    pub dst: Option<Reg>,
    pub op: Op,
    /// The source line the operation comes from (tracebacks, later debug info).
    pub line: Line,
}

#[derive(Debug, Clone)]
pub enum Operand {
    Reg(Reg),
    Const(Const),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// The value of `None` (an `i1` zero at run time).
    None,
    /// A string literal: an immortal str object in the module's data (reference counting
    /// leaves it alone, so it may be used as owned or borrowed freely).
    Str(String),
    /// A pointer to the static type descriptor (`MgType`) of a type.
    TypeDesc(Ty),
    /// A pointer to a NUL-terminated C string constant (messages, file names).
    CStr(String),
    /// A pointer to a constant array of container slots (constant displays: `[1, 2, 3]`
    /// becomes one runtime call on static data). Items are `Int`, `Float`, `Bool`, `None`
    /// (their bits) or `Str` (pointers to the immortal literals), all of one type.
    Slots(Vec<Const>),
    /// A null pointer (absent optional runtime arguments).
    Null,
    /// The code pointer of a function value (an `int` slot): the function itself when it
    /// takes its function object (`env`), else a trampoline that drops it and calls it.
    FuncAddr { func: FuncId, env: bool },
}

/// Ownership of an operation's result; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Own {
    New,
    Borrowed,
    Plain,
}

#[derive(Debug, Clone)]
pub enum Op {
    /// Copy of a value. As an assignment's source it is *stolen*: the destination takes the
    /// reference (refcount adds an `IncRef` when the source stays live or is borrowed).
    Use(Operand),
    /// Pure unary operation (never raises).
    Unary(UnOp, Operand),
    /// Pure binary operation (never raises).
    Binary(PureBinOp, Operand, Operand),
    /// `+ - *` on ints through LLVM's overflow intrinsics; raises OverflowError.
    Checked(CheckedOp, Operand, Operand),
    /// `cond ? a : b` (no short circuit: both are already computed).
    Select(Operand, Operand, Operand),
    /// A call to a Python function. Arguments are borrowed; the result is `New` for heap
    /// types. May raise unless the callee's `Body::may_raise` is false.
    Call(FuncId, Vec<Operand>),
    /// A call to a C runtime function (signatures in `codegen::runtime::RUNTIME_FNS`).
    /// Codegen converts each operand to the declared parameter type mechanically (an int
    /// or a float's bits or a bool or a pointer as an `i64` slot, ...) and the result back
    /// to the destination register's type.
    Runtime(RtCall),
    /// The current value of a global. `New`: a callee may rebind the global while the
    /// value is in use, so the reader holds its own reference.
    LoadGlobal(GlobalId),
    /// Stores into a global, which takes over the operand's reference (stolen) and releases
    /// its previous value; also marks the global bound.
    StoreGlobal(GlobalId, Operand),
    /// Whether any assignment to the global has run (a `bool`): reading an unbound global
    /// raises NameError.
    GlobalBound(GlobalId),
    /// A list's length (inline load of its header).
    ListLen(Operand),
    /// `list[index]` with Python's index rules: a negative index counts from the end, and
    /// an index out of range raises IndexError("list index out of range"). `Borrowed`.
    ListGet(Operand, Operand),
    /// `list[index]` for `0 <= index < len` proven by the lowering (loops). `Borrowed`.
    ListLoad(Operand, Operand),
    /// `list[index] = value`, Python's index rules, IndexError("list assignment index out
    /// of range"). The list takes over `value` (stolen) and releases the old item.
    ListSet(Operand, Operand, Operand),
    /// The address of the value slot of `dict[key]` (`RegTy::SlotPtr`); raises KeyError
    /// when the key is missing. Used by `d[k] op= v`, whose right side cannot run code.
    DictValuePtr(Operand, Operand),
    /// `LoadSlot(container, slot)`: the value in a slot of `container` (`Borrowed`, of the
    /// destination register's type). The container operand only keeps it alive.
    LoadSlot(Operand, Operand),
    /// `StoreSlot(container, slot, value)`: the slot takes over `value` (stolen) and its old
    /// value is released. The container operand only keeps it alive.
    StoreSlot(Operand, Operand, Operand),
    /// Sets the pending exception: `kind` with message `msg` (a `Const::CStr`, a str
    /// operand, or none). Its block ends in `Term::Goto(handler)`.
    Raise { kind: ExcKind, msg: Option<Operand> },
    /// `sys.exit(code)` / `raise SystemExit(code)`: sets the pending SystemExit.
    RaiseSystemExit(Operand),
    /// Records this function's traceback frame at the instruction's line.
    TbAdd,
    /// Records a frame of this name at the instruction's line (an inline lambda's).
    TbAddAs(String),
    /// Field slot `i` of an instance (`Borrowed` from it).
    FieldGet(Operand, u32),
    /// `obj.field = value`: the instance takes over `value` (stolen) and releases the old one.
    FieldSet(Operand, u32, Operand),
    /// A call through the vtable of the receiver (`args[0]`): slot `slot`, which holds one of
    /// `impls`. Like `Call`: arguments borrowed, result `New`.
    CallVirtual { slot: u32, impls: Vec<FuncId>, args: Vec<Operand> },
    /// A call through a function value: `args[0]` is the function object (its field 0 the
    /// code pointer, which takes the object and then the arguments); `sig` is its
    /// `Callable` type. Like `Call`: arguments borrowed, result `New`; it may raise, may
    /// free, and may call any function whose address is taken (`Const::FuncAddr`).
    CallValue { sig: Ty, args: Vec<Operand> },
    /// Whether an instance's class is one of these class types (a `bool`).
    InstanceOf(Operand, Vec<Ty>),
    /// Whether two objects are the same object (`is`), a `bool`.
    Same(Operand, Operand),
    /// A tuple of the operands, which it takes over (stolen). Pure: tuples are values.
    MakeTuple(Vec<Operand>),
    /// Field `i` of a tuple (`Borrowed` from the tuple).
    TupleGet(Operand, u32),
    /// A heap copy of a tuple (`New`, a `RegTy::Boxed`), for a container slot or a runtime
    /// argument. Borrows the tuple.
    BoxTuple(Operand),
    /// The tuple a box holds (`Borrowed` from the box).
    UnboxTuple(Operand),
    /// Inserted by `refcount` only. On a tuple, one for each reference it holds.
    IncRef(Operand),
    /// Inserted by `refcount` only; null-safe.
    DecRef(Operand),
}

#[derive(Debug, Clone)]
pub struct RtCall {
    pub name: &'static str,
    pub args: Vec<Operand>,
    /// Whether the function may set a pending exception.
    pub raises: bool,
    /// Ownership of the result (`Plain` for void and scalar results).
    pub result: Own,
    /// Bit `i` set: the function takes over argument `i`'s reference.
    pub steals: u32,
    /// `Some(k)`: the arguments from `k` on are passed as one C array and its length (a
    /// stack array codegen fills right before the call), as `set.union(*others)` needs.
    pub pack_from: Option<usize>,
    /// The function may call back into generated code (a dunder method of an instance it
    /// prints, compares, hashes or sorts): it may raise and free anything, as a call does.
    pub calls_back: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    /// Boolean `not` (`i1`).
    Not,
    /// `~x` on an int.
    IntInvert,
    FloatNeg,
    IntToFloat,
    /// `bool` → `int` (zero extension).
    BoolToInt,
    /// `bool` → `float` (0.0 or 1.0).
    BoolToFloat,
    /// Truth of an int (`!= 0`) or a float (NaN is true: unordered or not equal).
    IntTruth,
    FloatTruth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PureBinOp {
    /// Bitwise on ints, logical on bools.
    And,
    Or,
    Xor,
    FloatAdd,
    FloatSub,
    FloatMul,
    /// Two's complement `a + b` on ints (loop counters whose overflow is tested separately).
    AddWrap,
    /// Whether `a + b` on ints leaves the 64-bit range (a `bool`).
    AddOverflows,
    /// Python's `a % b` and `a // b` (floored) on ints, where `b` is a constant other than
    /// 0 and -1, so that nothing can raise or overflow.
    FloorModConst,
    FloorDivConst,
    /// Comparison of two ints (signed), two bools (unsigned) or two floats (IEEE: ordered
    /// for `== < <= > >=`, unordered-or-not-equal for `!=`). Operands share a type.
    Cmp(CmpOp),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckedOp {
    Add,
    Sub,
    Mul,
    /// Python's `a // b` on ints (floored): ZeroDivisionError when `b` is 0, OverflowError
    /// for `-2**63 // -1`. Codegen tests both inline, so the quotient is never a call.
    FloorDiv,
    /// Python's `a % b` on ints (the sign of `b`): ZeroDivisionError when `b` is 0.
    Mod,
}

pub use crate::check::ir::CmpOp;
pub use crate::codegen::runtime::ExcKind;

#[derive(Debug, Clone, Default)]
pub enum Term {
    Goto(BlockId),
    /// On a `bool` operand. `likely`: which way the branch usually goes, when known
    /// (error checks), for LLVM's branch weights.
    Branch { cond: Operand, then: BlockId, else_: BlockId, likely: Option<bool> },
    /// After an operation that may raise (the block's last instruction).
    CheckError { ok: BlockId, err: BlockId },
    /// Returns the operand, whose reference the caller receives (stolen).
    Return(Option<Operand>),
    /// Returns a zero value with an exception pending.
    Unwind,
    /// The terminator of a block still being built (`Block::default`); no reachable block
    /// keeps it (`verify`).
    #[default]
    Unreachable,
}

impl Term {
    pub fn successors(&self) -> Vec<BlockId> {
        match self {
            Term::Goto(b) => vec![*b],
            Term::Branch { then, else_, .. } => vec![*then, *else_],
            Term::CheckError { ok, err } => vec![*ok, *err],
            Term::Return(_) | Term::Unwind | Term::Unreachable => Vec::new(),
        }
    }
}

impl Op {
    /// Whether the operation may raise, given which functions may (`callee_may_raise`).
    pub fn may_raise(&self, callee_may_raise: &dyn Fn(FuncId) -> bool) -> bool {
        match self {
            Op::Checked(..) | Op::ListGet(..) | Op::ListSet(..) | Op::DictValuePtr(..) => true,
            Op::Call(f, _) => callee_may_raise(*f),
            Op::CallVirtual { impls, .. } => impls.iter().any(|f| callee_may_raise(*f)),
            Op::CallValue { .. } => true,
            Op::Runtime(rt) => rt.raises,
            _ => false,
        }
    }

    /// Ownership of the result.
    pub fn result_own(&self, dst_ty: &RegTy) -> Own {
        if !dst_ty.is_heap() {
            return Own::Plain;
        }
        match self {
            // The destination takes over the operand's reference (`steals`).
            Op::Use(_) | Op::Call(..) | Op::CallVirtual { .. } | Op::CallValue { .. } | Op::LoadGlobal(_) | Op::MakeTuple(_) | Op::BoxTuple(_) => Own::New,
            Op::Runtime(rt) => rt.result,
            Op::Select(..) | Op::ListGet(..) | Op::ListLoad(..) | Op::LoadSlot(..) | Op::TupleGet(..) | Op::UnboxTuple(_) | Op::FieldGet(..) => Own::Borrowed,
            _ => Own::Plain,
        }
    }

    /// The operands, in order.
    pub fn operands(&self) -> Vec<&Operand> {
        match self {
            Op::Use(a) | Op::Unary(_, a) | Op::StoreGlobal(_, a) | Op::ListLen(a) | Op::RaiseSystemExit(a) | Op::IncRef(a) | Op::DecRef(a) | Op::TupleGet(a, _) | Op::BoxTuple(a) | Op::UnboxTuple(a) | Op::FieldGet(a, _) | Op::InstanceOf(a, _) => vec![a],
            Op::FieldSet(a, _, b) | Op::Same(a, b) => vec![a, b],
            Op::Binary(_, a, b) | Op::Checked(_, a, b) | Op::ListGet(a, b) | Op::ListLoad(a, b) | Op::DictValuePtr(a, b) | Op::LoadSlot(a, b) => vec![a, b],
            Op::Select(a, b, c) | Op::ListSet(a, b, c) | Op::StoreSlot(a, b, c) => vec![a, b, c],
            Op::Call(_, args) | Op::MakeTuple(args) | Op::CallVirtual { args, .. } | Op::CallValue { args, .. } => args.iter().collect(),
            Op::Runtime(rt) => rt.args.iter().collect(),
            Op::Raise { msg, .. } => msg.iter().collect(),
            Op::LoadGlobal(_) | Op::GlobalBound(_) | Op::TbAdd | Op::TbAddAs(_) => Vec::new(),
        }
    }

    /// Whether operand `i` is stolen (see the module docs). `Use` steals only as the source
    /// of an assignment, which is every `Use` with a destination.
    pub fn steals(&self, i: usize) -> bool {
        match self {
            Op::Use(_) | Op::StoreGlobal(..) | Op::MakeTuple(_) => true,
            Op::ListSet(..) | Op::StoreSlot(..) => i == 2,
            Op::FieldSet(..) => i == 1,
            Op::Runtime(rt) => rt.steals & (1 << i) != 0,
            _ => false,
        }
    }
}

impl Body {
    pub fn reg_ty(&self, r: Reg) -> &RegTy {
        &self.regs[r.0 as usize].ty
    }

    pub fn block(&self, b: BlockId) -> &Block {
        &self.blocks[b.0 as usize]
    }
}

impl fmt::Display for RegTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegTy::Py(t) => write!(f, "{t}"),
            RegTy::SlotPtr => f.write_str("slot*"),
            RegTy::Boxed(t) => write!(f, "box[{t}]"),
        }
    }
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
}

impl fmt::Display for BlockId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bb{}", self.0)
    }
}
