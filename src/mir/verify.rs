//! Checks the invariants of the module docs (`mir`) on a whole module; a failure is a
//! compiler bug.  Run after lowering and after each pass in debug builds and tests.
//!
//! What is checked, per body:
//! - structure: at least one block; every block reachable from `bb0` is terminated (does
//!   not end in `Term::Unreachable`, the default of an unfinished block); successors,
//!   registers, callees and globals are in range;
//! - exceptions: `CheckError` ends exactly the blocks whose last instruction may raise
//!   (`Op::may_raise`, given the callees' `Body::may_raise`), so every such operation is
//!   last in its block; a block with `Raise`/`RaiseSystemExit` ends in `Goto` (its handler)
//!   or `Unwind` (its handler merged in);
//! - types, where cheap: destinations of operations with a fixed result type, operands of
//!   integer and container operations, `IncRef`/`DecRef` only on heap registers, no
//!   destination for operations without a result, branch conditions are bools, returned
//!   registers have the function's return type.
//!
//! Tests: `tests/it/mir_verify.rs`.

use std::fmt::Write;

use crate::check::types::{Ty, TyKind};
use crate::mir::{Body, Const, Module, Op, Operand, PureBinOp, Reg, RegTy, Term, UnOp};

/// `Ok` when every body satisfies the invariants; otherwise every violation, one a line.
pub fn verify(m: &Module) -> Result<(), String> {
    let mut errors = String::new();
    for body in &m.bodies {
        Verifier { m, body, errors: &mut errors }.body();
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.trim_end().to_string())
    }
}

struct Verifier<'a> {
    m: &'a Module,
    body: &'a Body,
    errors: &'a mut String,
}

fn int() -> RegTy {
    RegTy::Py(Ty::INT)
}

fn bool_() -> RegTy {
    RegTy::Py(Ty::BOOL)
}

fn float() -> RegTy {
    RegTy::Py(Ty::FLOAT)
}

impl Verifier<'_> {
    fn error(&mut self, at: &str, msg: &str) {
        let _ = writeln!(self.errors, "{} {at}: {msg}", self.body.name);
    }

    fn callee_may_raise(&self, f: crate::check::ir::FuncId) -> bool {
        self.m.bodies.get(f.0 as usize).is_none_or(|b| b.may_raise)
    }

    fn body(&mut self) {
        let body = self.body;
        if body.blocks.is_empty() {
            self.error("", "no blocks");
            return;
        }
        for p in &body.params {
            if self.reg_ty(*p).is_none() {
                self.error("params", &format!("parameter register {p} out of range"));
            }
        }
        let reachable = self.reachable();
        for (idx, block) in body.blocks.iter().enumerate() {
            let at = format!("bb{idx}");
            for (inst_idx, inst) in block.insts.iter().enumerate() {
                let at = format!("bb{idx}[{inst_idx}]");
                self.inst(&at, inst);
                let may_raise = inst.op.may_raise(&|f| self.callee_may_raise(f));
                let last = inst_idx + 1 == block.insts.len();
                if may_raise && !(last && matches!(block.term, Term::CheckError { .. })) {
                    self.error(&at, "an operation that may raise must be the last of its block, which ends in CheckError");
                }
                // Its handler follows: a jump to it, or (merged into the block) the handler's own
                // code, which unwinds or (in a `try`) dispatches on the exception's class.
                if matches!(inst.op, Op::Raise { .. } | Op::RaiseSystemExit(_)) && matches!(block.term, Term::Return(_) | Term::CheckError { .. }) {
                    self.error(&at, "a block that raises must go on to its handler");
                }
            }
            if let Term::CheckError { .. } = block.term {
                let raises = block.insts.last().is_some_and(|i| i.op.may_raise(&|f| self.callee_may_raise(f)));
                if !raises {
                    self.error(&at, "CheckError after an operation that cannot raise");
                }
            }
            for succ in block.term.successors() {
                if succ.0 as usize >= body.blocks.len() {
                    self.error(&at, &format!("successor {succ} out of range"));
                }
            }
            match &block.term {
                Term::Unreachable if reachable[idx] => self.error(&at, "reachable block without a terminator (Unreachable)"),
                Term::Branch { cond, .. } => self.operand_is(&at, cond, &bool_(), "branch condition"),
                Term::Return(Some(v)) if body.ret != Ty::NONE => self.operand_is(&at, v, &RegTy::Py(body.ret), "returned value"),
                Term::Return(None) if body.ret != Ty::NONE => self.error(&at, &format!("return without a value in a function returning {}", body.ret)),
                _ => {}
            }
        }
    }

    fn reachable(&self) -> Vec<bool> {
        let n = self.body.blocks.len();
        let mut seen = vec![false; n];
        let mut stack = vec![0usize];
        while let Some(b) = stack.pop() {
            if b >= n || seen[b] {
                continue;
            }
            seen[b] = true;
            stack.extend(self.body.blocks[b].term.successors().iter().map(|s| s.0 as usize));
        }
        seen
    }

    fn reg_ty(&self, r: Reg) -> Option<&RegTy> {
        self.body.regs.get(r.0 as usize).map(|info| &info.ty)
    }

    /// The type of an operand; `None` for a register out of range (reported) and for raw
    /// pointer constants.
    fn operand_ty(&mut self, at: &str, o: &Operand) -> Option<RegTy> {
        match o {
            Operand::Reg(r) => {
                let ty = self.reg_ty(*r).cloned();
                if ty.is_none() {
                    self.error(at, &format!("register {r} out of range"));
                }
                ty
            }
            Operand::Const(c) => match c {
                Const::Int(_) => Some(int()),
                Const::Float(_) => Some(float()),
                Const::Bool(_) => Some(bool_()),
                Const::None => Some(RegTy::Py(Ty::NONE)),
                Const::Str(_) => Some(RegTy::Py(Ty::STR)),
                Const::FuncAddr { .. } => Some(int()),
                Const::TypeDesc(_) | Const::CStr(_) | Const::Null | Const::Slots(_) => None,
            },
        }
    }

    fn operand_is(&mut self, at: &str, o: &Operand, want: &RegTy, what: &str) {
        if let Some(ty) = self.operand_ty(at, o) {
            if ty != *want {
                self.error(at, &format!("{what} is {}, expected {}", show(&ty), show(want)));
            }
        }
    }

    /// The operand must be a register whose type `pred` accepts.
    fn heap_reg(&mut self, at: &str, o: &Operand, what: &str, pred: fn(&RegTy) -> bool) {
        match o {
            Operand::Reg(r) => match self.reg_ty(*r).cloned() {
                Some(ty) if !pred(&ty) => self.error(at, &format!("{what} is {}", show(&ty))),
                Some(_) => {}
                None => self.error(at, &format!("register {r} out of range")),
            },
            Operand::Const(_) => self.error(at, &format!("{what} must be a register")),
        }
    }

    fn inst(&mut self, at: &str, inst: &crate::mir::Inst) {
        let dst_ty = match inst.dst {
            Some(d) => match self.reg_ty(d).cloned() {
                Some(ty) => Some(ty),
                None => {
                    self.error(at, &format!("destination register {d} out of range"));
                    return;
                }
            },
            None => None,
        };
        // Every operand in range.
        for o in inst.op.operands() {
            self.operand_ty(at, o);
        }
        let fixed: Option<RegTy> = match &inst.op {
            Op::Checked(_, a, b) => {
                self.operand_is(at, a, &int(), "Checked operand");
                self.operand_is(at, b, &int(), "Checked operand");
                Some(int())
            }
            Op::Binary(PureBinOp::Cmp(_), ..) | Op::GlobalBound(_) => Some(bool_()),
            Op::Binary(PureBinOp::FloatAdd | PureBinOp::FloatSub | PureBinOp::FloatMul, ..) => Some(float()),
            Op::Unary(op, _) => Some(match op {
                UnOp::Not | UnOp::IntTruth | UnOp::FloatTruth => bool_(),
                UnOp::IntInvert | UnOp::BoolToInt => int(),
                UnOp::FloatNeg | UnOp::IntToFloat | UnOp::BoolToFloat => float(),
            }),
            Op::ListLen(l) => {
                self.heap_reg(at, l, "ListLen operand", is_list);
                Some(int())
            }
            Op::ListGet(l, i) | Op::ListLoad(l, i) => {
                self.heap_reg(at, l, "indexed list", is_list);
                self.operand_is(at, i, &int(), "list index");
                None
            }
            Op::ListSet(l, i, _) => {
                self.heap_reg(at, l, "indexed list", is_list);
                self.operand_is(at, i, &int(), "list index");
                None
            }
            Op::DictValuePtr(d, _) => {
                self.heap_reg(at, d, "DictValuePtr operand", is_dict);
                Some(RegTy::SlotPtr)
            }
            Op::LoadSlot(c, p) | Op::StoreSlot(c, p, _) => {
                self.heap_reg(at, c, "slot container", RegTy::is_heap);
                self.heap_reg(at, p, "slot pointer", |t| *t == RegTy::SlotPtr);
                None
            }
            Op::IncRef(a) | Op::DecRef(a) => {
                self.heap_reg(at, a, "reference-counted operand", RegTy::is_heap);
                None
            }
            Op::LoadGlobal(g) | Op::StoreGlobal(g, _) => match self.m.globals.get(g.0 as usize) {
                Some(info) => {
                    let ty = RegTy::Py(info.ty);
                    if let Op::StoreGlobal(_, v) = &inst.op {
                        self.operand_is(at, v, &ty, "stored value");
                    }
                    Some(ty)
                }
                None => {
                    self.error(at, &format!("global g{} out of range", g.0));
                    None
                }
            },
            Op::Call(f, _) => match self.m.bodies.get(f.0 as usize) {
                Some(callee) => Some(RegTy::Py(callee.ret)),
                None => {
                    self.error(at, &format!("call of function {} out of range", f.0));
                    None
                }
            },
            Op::Use(Operand::Reg(r)) => self.reg_ty(*r).cloned(),
            Op::Raise { msg: Some(m), .. } => {
                if !matches!(m, Operand::Const(Const::CStr(_))) {
                    self.operand_is(at, m, &RegTy::Py(Ty::STR), "exception message");
                }
                None
            }
            _ => None,
        };
        let no_result = matches!(inst.op, Op::StoreGlobal(..) | Op::ListSet(..) | Op::StoreSlot(..) | Op::Raise { .. } | Op::RaiseSystemExit(_) | Op::TbAdd | Op::TbAddAs(_) | Op::IncRef(_) | Op::DecRef(_));
        match (&dst_ty, no_result) {
            (Some(_), true) => self.error(at, "operation without a result has a destination"),
            (Some(d), false) => {
                // `StoreGlobal` is excluded above; for the others `fixed` is the result type.
                if let Some(want) = fixed {
                    // A copy may view an object as its `T | None` (and back, once proved not
                    // None), or an instance as one of its base class: the same pointer.
                    let view = matches!(inst.op, Op::Use(_)) && same_pointer(d, &want);
                    if *d != want && !view {
                        self.error(at, &format!("destination is {}, expected {}", show(d), show(&want)));
                    }
                }
            }
            (None, _) => {}
        }
    }
}

/// A list, or a `tuple[T, ...]` (kept as a list by the runtime).
fn is_list(t: &RegTy) -> bool {
    matches!(t, RegTy::Py(ty) if matches!(ty.kind(), TyKind::List(_) | TyKind::VarTuple(_)))
}

fn is_dict(t: &RegTy) -> bool {
    matches!(t, RegTy::Py(ty) if matches!(ty.kind(), TyKind::Dict(..) | TyKind::Counter(_)))
}

fn show(t: &RegTy) -> String {
    t.to_string()
}

/// Whether two register types hold the same pointer representation: an object type and its
/// `T | None`, or two classes.
fn same_pointer(a: &RegTy, b: &RegTy) -> bool {
    // The box holding the value of an `int | None` (and the like) is that value.
    if let (RegTy::Py(o), RegTy::Boxed(_)) | (RegTy::Boxed(_), RegTy::Py(o)) = (a, b) {
        return o.optional_inner().is_some();
    }
    let (RegTy::Py(a), RegTy::Py(b)) = (a, b) else { return false };
    // A Counter is a dict from its items to int, which the checker reads it as.
    let counter_dict = |c: &Ty, d: &Ty| matches!(c.kind(), crate::check::types::TyKind::Counter(e) if *d == Ty::dict(*e, Ty::INT));
    if counter_dict(a, b) || counter_dict(b, a) {
        return true;
    }
    // A dict view is the dict it shows.
    let view_dict = |v: &Ty, d: &Ty| matches!(v.kind(), crate::check::types::TyKind::DictView(_, of) if of == d);
    if view_dict(a, b) || view_dict(b, a) {
        return true;
    }
    let object = |t: &Ty| t.is_object() && t.tuple_fields().is_none();
    let function = |t: &Ty| matches!(t.kind(), crate::check::types::TyKind::Function { .. });
    // A function object (an instance of its own class) is a `Callable` value.
    (a.optional_inner() == Some(*b) && object(b)) || (b.optional_inner() == Some(*a) && object(a)) || (a.class().is_some() && b.class().is_some()) || (function(a) && b.class().is_some())
}
