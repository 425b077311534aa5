//! Lowering of `try`/`except`/`else`/`finally` and `raise`.
//!
//! Inside a `try`, an operation's error edge goes (after the traceback frame of its line)
//! to the `try`'s dispatch block instead of unwinding: each `except` clause tests the
//! pending exception's class (`mg_exc_matches`), takes it (`mg_exc_begin_handler`), runs,
//! and ends the handling (`mg_exc_end_handler`) on every way out. A `finally` clause is
//! lowered once per way out of its `try`: after the body, on the error path (around a
//! stashed exception, `mg_exc_stash`/`mg_exc_unstash`), and before each `return`, `break`
//! or `continue` that leaves it (`Cleanup`). Ownership needs nothing special: handlers are
//! ordinary blocks, and `refcount` releases on each edge what is live there.

use crate::check::ir::{Expr, Handler, Line, Stmt};
use crate::check::types::Ty;
use crate::mir::lower::Lower;
use crate::mir::{BlockId, Const, Op, Operand, Own, Reg, RegTy, RtCall, Term};

/// What must run when control leaves a `try` construct early (`return`, `break`,
/// `continue`), innermost last in `Lower::cleanups`.
#[derive(Clone)]
pub(super) enum Cleanup<'a> {
    /// An except clause is running: end its handling.
    EndHandler(Reg),
    /// A `finally` clause; `try_depth` is the error-target depth outside its `try`.
    Finally { body: &'a [Stmt], try_depth: usize },
    /// A `finally` clause running on an exception path: that exception is dropped.
    DropStash(Reg),
}

impl<'a> Lower<'a> {
    /// Where an error goes now: the innermost `try`'s target, or unwinding out of the function.
    pub(super) fn err_target(&mut self) -> BlockId {
        if let Some(t) = self.try_stack.last() {
            return *t;
        }
        match self.unwind_block {
            Some(b) => b,
            None => {
                let b = self.new_block();
                self.body.blocks[b.0 as usize].term = Term::Unwind;
                self.unwind_block = Some(b);
                b
            }
        }
    }

    /// A runtime call returning a raw pointer (an exception record), not reference counted.
    fn rt_ptr(&mut self, name: &'static str, line: Line) -> Reg {
        let r = self.new_reg(RegTy::SlotPtr, None);
        self.emit(Some(r), Op::Runtime(RtCall { name, args: Vec::new(), raises: false, result: Own::Plain, steals: 0, pack_from: None, calls_back: false }), line);
        r
    }

    pub(super) fn lower_raise(&mut self, value: Option<&'a Expr>, cause: Option<&'a Option<Expr>>, line: Line) {
        match (value, cause) {
            (None, _) => self.rt_void("mg_reraise", Vec::new(), true, line),
            (Some(v), None) => {
                let v = self.value(v);
                self.rt_void("mg_raise_instance", vec![v], true, line);
            }
            (Some(v), Some(cause)) => {
                let v = self.value(v);
                let c = match cause {
                    Some(c) => self.value(c),
                    None => Operand::Const(Const::Null),
                };
                self.rt_void("mg_raise_from", vec![v, c], true, line);
            }
        }
        // The runtime always leaves the exception pending: the other edge joins the error one.
        let h = self.handler(line);
        self.goto(h);
    }

    pub(super) fn lower_try(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt], finalbody: &'a [Stmt], line: Line) {
        if finalbody.is_empty() {
            self.lower_try_except(body, handlers, orelse, line);
            return;
        }
        let on_error = self.new_block();
        let depth = self.try_stack.len();
        self.cleanups.push(Cleanup::Finally { body: finalbody, try_depth: depth });
        self.try_stack.push(on_error);
        self.lower_try_except(body, handlers, orelse, line);
        self.try_stack.pop();
        self.cleanups.pop();
        // Normal way out.
        self.block(finalbody);
        let end = self.new_block();
        self.goto(end);
        // On an exception: the clause runs around the stashed exception, which then goes on.
        self.switch_to(on_error);
        let token = self.rt_ptr("mg_exc_stash", line);
        let raised_inside = self.new_block();
        self.try_stack.push(raised_inside);
        self.cleanups.push(Cleanup::DropStash(token));
        self.block(finalbody);
        self.cleanups.pop();
        self.try_stack.pop();
        if self.open {
            self.rt_void("mg_exc_unstash", vec![Operand::Reg(token)], false, line);
            let outer = self.err_target();
            self.goto(outer);
        }
        // The clause raised: its exception goes on, the stashed one as its context.
        self.switch_to(raised_inside);
        self.rt_void("mg_exc_unstash_as_context", vec![Operand::Reg(token)], false, line);
        let outer = self.err_target();
        self.goto(outer);
        self.switch_to(end);
    }

    fn lower_try_except(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt], line: Line) {
        if handlers.is_empty() {
            self.block(body);
            self.block(orelse);
            return;
        }
        let dispatch = self.new_block();
        let after = self.new_block();
        self.try_stack.push(dispatch);
        self.block(body);
        self.try_stack.pop();
        // `else` runs when the body did not raise; these handlers do not cover it.
        self.block(orelse);
        self.goto(after);
        self.switch_to(dispatch);
        for h in handlers {
            self.ensure_open();
            let mut matched: Option<Operand> = None;
            for class in &h.classes {
                let ty = self.program.classes[class.0 as usize].ty;
                let m = self.rt("mg_exc_matches", vec![Operand::Const(Const::TypeDesc(ty))], &Ty::BOOL, Own::Plain, false, h.line);
                matched = Some(match matched {
                    None => m,
                    Some(prev) => self.op_value(Op::Binary(crate::mir::PureBinOp::Or, prev, m), &Ty::BOOL, h.line),
                });
            }
            let (take, next) = (self.new_block(), self.new_block());
            self.branch(matched.unwrap_or(Operand::Const(Const::Bool(true))), take, next, None);
            self.switch_to(take);
            let token = self.rt_ptr("mg_exc_begin_handler", h.line);
            if let Some(place) = h.bind {
                let ty = self.place_ty(place);
                let v = self.rt("mg_exc_value", vec![Operand::Reg(token)], &ty, Own::New, false, h.line);
                self.assign(place, v, h.line);
            }
            // An exception in the clause ends the handling, then goes on.
            let raised_inside = self.new_block();
            self.try_stack.push(raised_inside);
            self.cleanups.push(Cleanup::EndHandler(token));
            self.block(&h.body);
            self.cleanups.pop();
            self.try_stack.pop();
            // (Unless the clause ended in `return`, `break` or `continue`, which ended it.)
            if self.open {
                self.rt_void("mg_exc_end_handler", vec![Operand::Reg(token)], false, h.line);
                self.goto(after);
            }
            self.switch_to(raised_inside);
            self.rt_void("mg_exc_end_handler", vec![Operand::Reg(token)], false, h.line);
            let outer = self.err_target();
            self.goto(outer);
            self.switch_to(next);
        }
        // No clause matched: the exception goes on (its frame here is recorded already).
        let outer = self.err_target();
        self.goto(outer);
        self.switch_to(after);
        let _ = line;
    }

    /// Runs the cleanups from the innermost down to `depth` (a loop's, or 0 for `return`),
    /// each with the error target and cleanups that are outside it.
    pub(super) fn run_cleanups(&mut self, depth: usize, line: Line) {
        let saved_cleanups = self.cleanups.clone();
        let saved_try = self.try_stack.clone();
        while self.cleanups.len() > depth {
            let c = self.cleanups.pop().expect("checked");
            match c {
                Cleanup::EndHandler(token) => self.rt_void("mg_exc_end_handler", vec![Operand::Reg(token)], false, line),
                Cleanup::DropStash(token) => self.rt_void("mg_exc_drop", vec![Operand::Reg(token)], false, line),
                Cleanup::Finally { body, try_depth } => {
                    self.try_stack.truncate(try_depth);
                    self.block(body);
                }
            }
        }
        self.cleanups = saved_cleanups;
        self.try_stack = saved_try;
    }
}
