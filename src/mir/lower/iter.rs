//! Loops: `for` over ranges, containers, `enumerate` and `zip`, through one iterator
//! protocol (`iter_init`, then `iter_next` at the head of every iteration). There is one
//! implementation of range loops: `for i in range(...)` and `range` inside `enumerate`/`zip`
//! share it.

use crate::check::ir::{Expr, ExprKind, Iter, Line, Place, Stmt};
use crate::check::types::{Ty, TyKind};
use crate::mir::lower::Lower;
use crate::mir::{BlockId, CheckedOp, CmpOp, Const, ExcKind, Op, Operand, Own, PureBinOp};

/// Loop state of one iterator.
enum IterState {
    Range { counter: Operand, stop: Operand, step: Operand, const_step: Option<i64> },
    /// A list, forward or from the end; the loop owns `obj`, as Python's iterator does.
    List { obj: Operand, pos: Operand, reversed: bool, elem: Ty },
    Str { obj: Operand, pos: Operand },
    /// `s.split(sep)` piece by piece: `sep` is null for whitespace, `sep_len` its length in
    /// bytes, `pos` where the search for the next piece starts.
    Split { obj: Operand, sep: Operand, sep_len: Operand, pos: Operand },
    /// A set or a dict, with its size when the loop started (Python raises RuntimeError
    /// when it changes during the iteration); `fetch` reads the entry's values.
    Table { obj: Operand, pos: Operand, size0: Operand, is_set: bool, fetch: Vec<(&'static str, Ty)> },
    Enumerate { inner: Box<IterState>, counter: Operand },
    Zip(Box<IterState>, Box<IterState>),
    /// A text file, which the loop owns: `readline()` until it returns "".
    File { obj: Operand },
    /// A deque by index (from the end when `reversed`), with its mutation counter when the
    /// loop started.
    Deque { obj: Operand, pos: Operand, state0: Operand, elem: Ty, reversed: bool },
    /// A generator, which the loop owns: resumed for each item.
    Gen { obj: Operand, elem: Ty },

}

fn int(v: i64) -> Operand {
    Operand::Const(Const::Int(v))
}

impl<'a> Lower<'a> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn for_range(&mut self, var: Place, start: &'a Expr, stop: &'a Expr, step: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt], line: Line) {
        let state = self.range_init(start, stop, step, line);
        self.loop_over(state, &[var], body, orelse, line);
    }

    pub(super) fn for_iter(&mut self, targets: &'a [Place], iter: &'a Iter, body: &'a [Stmt], orelse: &'a [Stmt], line: Line) {
        let state = self.iter_init(iter, line);
        self.loop_over(state, targets, body, orelse, line);
    }

    fn loop_over(&mut self, state: IterState, targets: &[Place], body: &'a [Stmt], orelse: &'a [Stmt], line: Line) {
        let (head, else_bb, end) = (self.new_block(), self.new_block(), self.new_block());
        self.goto(head);
        self.switch_to(head);
        let values = self.iter_next(&state, else_bb, line);
        for (place, v) in targets.iter().zip(values) {
            self.assign(*place, v, line);
        }
        self.loop_body_and_else(head, else_bb, end, body, orelse);
    }

    /// A register holding a copy of `v`, to be updated by the loop.
    fn var(&mut self, v: Operand, ty: &Ty, line: Line) -> Operand {
        let r = self.temp(ty);
        self.emit(Some(r), Op::Use(v), line);
        Operand::Reg(r)
    }

    fn set(&mut self, reg: &Operand, op: Op, line: Line) {
        let Operand::Reg(r) = reg else { unreachable!("loop state lives in registers") };
        self.emit(Some(*r), op, line);
    }

    fn range_init(&mut self, start: &'a Expr, stop: &'a Expr, step: &'a Expr, line: Line) -> IterState {
        let start_v = self.value(start);
        let stop_v = self.value(stop);
        let step_v = self.value(step);
        let const_step = match step.kind {
            ExprKind::Int(v) if v != 0 => Some(v),
            _ => None,
        };
        if const_step.is_none() {
            let nonzero = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ne), step_v.clone(), int(0)), &Ty::BOOL, line);
            self.raise_unless(nonzero, ExcKind::Value, "range() arg 3 must not be zero", line);
        }
        let counter = self.var(start_v, &Ty::INT, line);
        // `range()` evaluates its arguments once: the loop may rebind the variables they came from.
        let stop_v = if matches!(stop_v, Operand::Reg(_)) { self.var(stop_v, &Ty::INT, line) } else { stop_v };
        let step_v = if matches!(step_v, Operand::Reg(_)) { self.var(step_v, &Ty::INT, line) } else { step_v };
        IterState::Range { counter, stop: stop_v, step: step_v, const_step }
    }

    fn iter_init(&mut self, iter: &'a Iter, line: Line) -> IterState {
        let (e, kind) = match iter {
            Iter::Range { start, stop, step } => return self.range_init(start, stop, step, line),
            Iter::Enumerate(inner, start) => {
                let start_v = self.value(start);
                let inner = self.iter_init(inner, line);
                let counter = self.var(start_v, &Ty::INT, line);
                return IterState::Enumerate { inner: Box::new(inner), counter };
            }
            Iter::Zip(a, b) => {
                let a = self.iter_init(a, line);
                let b = self.iter_init(b, line);
                return IterState::Zip(Box::new(a), Box::new(b));
            }
            Iter::File(e) => {
                let v = self.value(e);
                return IterState::File { obj: self.var(v, &e.ty, line) };
            }
            Iter::Deque(e, reversed) => {
                let v = self.value(e);
                let obj = self.var(v, &e.ty, line);
                let state0 = self.rt("mg_deque_state", vec![obj.clone()], &Ty::INT, Own::Plain, false, line);
                let start = if *reversed {
                    let len = self.rt("mg_deque_len", vec![obj.clone()], &Ty::INT, Own::Plain, false, line);
                    self.op_value(Op::Binary(PureBinOp::AddWrap, len, int(-1)), &Ty::INT, line)
                } else {
                    int(0)
                };
                let pos = self.var(start, &Ty::INT, line);
                let elem = e.ty.deque_elem().expect("a deque");
                return IterState::Deque { obj, pos, state0, elem, reversed: *reversed };
            }
            Iter::Split(text, sep) => {
                // The loop owns the text and the separator, as the list of pieces would hold
                // copies of what it needs; an empty separator raises before the first piece.
                let v = self.value(text);
                let obj = self.var(v, &Ty::STR, line);
                let (sep, sep_len) = match sep {
                    Some(e) => {
                        let s = self.value(e);
                        let s = self.var(s, &Ty::STR, line);
                        let n = self.rt("mg_str_len_bytes", vec![s.clone()], &Ty::INT, Own::Plain, false, line);
                        let nonempty = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ne), n.clone(), int(0)), &Ty::BOOL, line);
                        self.raise_unless(nonempty, ExcKind::Value, "empty separator", line);
                        (s, n)
                    }
                    None => (Operand::Const(Const::Null), int(0)),
                };
                let pos = self.var(int(0), &Ty::INT, line);
                return IterState::Split { obj, sep, sep_len, pos };

            }
            Iter::Gen(e) => {
                let v = self.value(e);
                let elem = e.ty.iter_elem().expect("an iterator");
                return IterState::Gen { obj: self.var(v, &e.ty, line), elem };

            }
            Iter::List(e) => (e, 0),
            Iter::Reversed(e) => (e, 1),
            Iter::Str(e) => (e, 2),
            Iter::Set(e) => (e, 3),
            Iter::DictKeys(e) => (e, 4),
            Iter::DictValues(e) => (e, 5),
            Iter::DictItems(e) => (e, 6),
        };
        // The loop owns what it iterates: rebinding the variable inside must not free it.
        let v = self.value(e);
        let obj = self.var(v, &e.ty, line);
        match (kind, e.ty.kind()) {
            (0 | 1, TyKind::List(elem) | TyKind::VarTuple(elem)) => {
                let start = if kind == 1 {
                    let len = self.op_value(Op::ListLen(obj.clone()), &Ty::INT, line);
                    self.op_value(Op::Binary(PureBinOp::AddWrap, len, int(-1)), &Ty::INT, line)
                } else {
                    int(0)
                };
                let pos = self.var(start, &Ty::INT, line);
                IterState::List { obj, pos, reversed: kind == 1, elem: *elem }
            }
            (2, _) => {
                let pos = self.var(int(0), &Ty::INT, line);
                IterState::Str { obj, pos }
            }
            (_, ty) => {
                let (is_set, fetch) = match (kind, ty) {
                    (3, TyKind::Set(t)) => (true, vec![("mg_set_entry_key", *t)]),
                    (4, TyKind::Dict(k, _)) => (false, vec![("mg_dict_entry_key", *k)]),
                    (5, TyKind::Dict(_, v)) => (false, vec![("mg_dict_entry_value", *v)]),
                    (6, TyKind::Dict(k, v)) => (false, vec![("mg_dict_entry_key", *k), ("mg_dict_entry_value", *v)]),
                    // A Counter is a dict from its items to int.
                    (4, TyKind::Counter(k)) => (false, vec![("mg_dict_entry_key", *k)]),
                    (5, TyKind::Counter(_)) => (false, vec![("mg_dict_entry_value", Ty::INT)]),
                    (6, TyKind::Counter(k)) => (false, vec![("mg_dict_entry_key", *k), ("mg_dict_entry_value", Ty::INT)]),
                    (_, other) => unreachable!("iterating {other:?}"),
                };
                // A dict's version is its size, or an OrderedDict's count of changes.
                let len_fn = if is_set { "mg_set_len" } else { "mg_dict_version" };
                let size0 = self.rt(len_fn, vec![obj.clone()], &Ty::INT, Own::Plain, false, line);
                let pos = self.var(int(0), &Ty::INT, line);
                IterState::Table { obj, pos, size0, is_set, fetch }
            }
        }
    }

    /// The "next value" step: goes to `done` when exhausted, else returns the values.
    fn iter_next(&mut self, state: &IterState, done: BlockId, line: Line) -> Vec<Operand> {
        match state {
            IterState::Range { counter, stop, step, const_step } => {
                let i = self.var(counter.clone(), &Ty::INT, line);
                let cmp = |this: &mut Self, op: CmpOp, a: Operand, b: Operand| this.op_value(Op::Binary(PureBinOp::Cmp(op), a, b), &Ty::BOOL, line);
                let (more, positive) = match const_step {
                    Some(s) if *s > 0 => (cmp(self, CmpOp::Lt, i.clone(), stop.clone()), None),
                    Some(_) => (cmp(self, CmpOp::Gt, i.clone(), stop.clone()), None),
                    None => {
                        let up = cmp(self, CmpOp::Lt, i.clone(), stop.clone());
                        let down = cmp(self, CmpOp::Gt, i.clone(), stop.clone());
                        let positive = cmp(self, CmpOp::Gt, step.clone(), int(0));
                        (self.op_value(Op::Select(positive.clone(), up, down), &Ty::BOOL, line), Some(positive))
                    }
                };
                self.advance(more, done);
                // An increment past the int range ends the loop: park the counter at the far end.
                let next = self.op_value(Op::Binary(PureBinOp::AddWrap, i.clone(), step.clone()), &Ty::INT, line);
                let overflow = match const_step {
                    // `i + s` overflows exactly when `i` is past `MAX - s` (or `MIN - s`).
                    Some(s) if *s > 0 => self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Gt), i.clone(), int(i64::MAX - s)), &Ty::BOOL, line),
                    Some(s) => self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Lt), i.clone(), int(i64::MIN - s)), &Ty::BOOL, line),
                    None => self.op_value(Op::Binary(PureBinOp::AddOverflows, i.clone(), step.clone()), &Ty::BOOL, line),
                };
                let far = match (const_step, positive) {
                    (Some(s), _) => int(if *s > 0 { i64::MAX } else { i64::MIN }),
                    (None, Some(p)) => self.op_value(Op::Select(p, int(i64::MAX), int(i64::MIN)), &Ty::INT, line),
                    (None, None) => unreachable!(),
                };
                self.set(counter, Op::Select(overflow, far, next), line);
                vec![i]
            }
            IterState::Enumerate { inner, counter } => {
                let mut values = self.iter_next(inner, done, line);
                let n = self.var(counter.clone(), &Ty::INT, line);
                let Operand::Reg(c) = counter else { unreachable!() };
                self.emit_raising(Some(*c), Op::Checked(CheckedOp::Add, n.clone(), int(1)), line);
                values.insert(0, n);
                values
            }
            IterState::Zip(a, b) => {
                let mut values = self.iter_next(a, done, line);
                values.extend(self.iter_next(b, done, line));
                values
            }
            IterState::List { obj, pos, reversed, elem } => {
                let len = self.op_value(Op::ListLen(obj.clone()), &Ty::INT, line);
                let below = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Lt), pos.clone(), len), &Ty::BOOL, line);
                let more = if *reversed {
                    let nonneg = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ge), pos.clone(), int(0)), &Ty::BOOL, line);
                    self.op_value(Op::Binary(PureBinOp::And, nonneg, below), &Ty::BOOL, line)
                } else {
                    below
                };
                self.advance(more, done);
                let v = self.op_value(Op::ListLoad(obj.clone(), pos.clone()), elem, line);
                self.set(pos, Op::Binary(PureBinOp::AddWrap, pos.clone(), int(if *reversed { -1 } else { 1 })), line);
                vec![v]
            }
            IterState::Deque { obj, pos, state0, elem, reversed } => {
                let more = self.rt("mg_deque_iter_more", vec![obj.clone(), pos.clone(), state0.clone()], &Ty::BOOL, Own::Plain, true, line);
                self.advance(more, done);
                let v = self.rt("mg_deque_get", vec![obj.clone(), pos.clone()], elem, Own::Borrowed, false, line);
                self.set(pos, Op::Binary(PureBinOp::AddWrap, pos.clone(), int(if *reversed { -1 } else { 1 })), line);
                vec![v]
            }
            IterState::File { obj } => {
                // Every line but the last ends with "\n" and the last is not empty: "" is the end.
                let text = self.rt("mg_file_readline", vec![obj.clone()], &Ty::STR, Own::New, true, line);
                let len = self.rt("mg_str_len_bytes", vec![text.clone()], &Ty::INT, Own::Plain, false, line);
                let more = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Gt), len, int(0)), &Ty::BOOL, line);
                self.advance(more, done);
                vec![text]
            }
            IterState::Gen { obj, elem } => {
                let more = self.iter_advance(obj.clone(), line);
                self.advance(more, done);
                vec![self.iter_value(obj.clone(), elem, line)]
            }
            IterState::Str { obj, pos } => {
                let len = self.rt("mg_str_len_bytes", vec![obj.clone()], &Ty::INT, Own::Plain, false, line);
                let more = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Lt), pos.clone(), len), &Ty::BOOL, line);
                self.advance(more, done);
                let c = self.rt("mg_str_char_at", vec![obj.clone(), pos.clone()], &Ty::STR, Own::New, false, line);
                let next = self.rt("mg_str_char_end", vec![obj.clone(), pos.clone()], &Ty::INT, Own::Plain, false, line);
                self.set(pos, Op::Use(next), line);
                vec![c]
            }
            IterState::Split { obj, sep, sep_len, pos } => {
                let start = self.rt("mg_str_split_start", vec![obj.clone(), sep.clone(), pos.clone()], &Ty::INT, Own::Plain, false, line);
                let more = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ge), start.clone(), int(0)), &Ty::BOOL, line);
                self.advance(more, done);
                let piece = self.rt("mg_str_split_piece", vec![obj.clone(), sep.clone(), start.clone()], &Ty::STR, Own::New, false, line);
                let len = self.rt("mg_str_len_bytes", vec![piece.clone()], &Ty::INT, Own::Plain, false, line);
                // Past the piece, and past its separator when there is one.
                match sep_len {
                    Operand::Const(Const::Int(0)) => self.set(pos, Op::Binary(PureBinOp::AddWrap, start, len), line),
                    _ => {
                        let end = self.op_value(Op::Binary(PureBinOp::AddWrap, start, len), &Ty::INT, line);
                        self.set(pos, Op::Binary(PureBinOp::AddWrap, end, sep_len.clone()), line);
                    }
                }
                vec![piece]
            }
            IterState::Table { obj, pos, size0, is_set, fetch } => {
                let (len_fn, next_fn) = if *is_set { ("mg_set_len", "mg_set_next") } else { ("mg_dict_version", "mg_dict_next") };
                if !*is_set {
                    // An OrderedDict that found no successor for its last key is done.
                    let more = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ge), pos.clone(), int(0)), &Ty::BOOL, line);
                    self.advance(more, done);
                }
                let now = self.rt(len_fn, vec![obj.clone()], &Ty::INT, Own::Plain, false, line);
                let same = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Eq), now, size0.clone()), &Ty::BOOL, line);
                if *is_set {
                    self.raise_unless(same, ExcKind::Runtime, "Set changed size during iteration", line);
                } else {
                    // The message depends on the dict (an OrderedDict's is its own).
                    let cont = self.new_block();
                    let fail = self.new_block();
                    self.branch(same, cont, fail, Some(true));
                    self.switch_to(fail);
                    self.rt_void("mg_dict_changed_during_iteration", vec![obj.clone()], true, line);
                    let h = self.handler(line);
                    self.goto(h);
                    self.switch_to(cont);
                }
                let at = self.rt(next_fn, vec![obj.clone(), pos.clone()], &Ty::INT, Own::Plain, false, line);
                let more = self.op_value(Op::Binary(PureBinOp::Cmp(CmpOp::Ge), at.clone(), int(0)), &Ty::BOOL, line);
                self.advance(more, done);
                if *is_set {
                    self.set(pos, Op::Binary(PureBinOp::AddWrap, at.clone(), int(1)), line);
                } else {
                    let after = self.rt("mg_dict_after", vec![obj.clone(), at.clone()], &Ty::INT, Own::Plain, false, line);
                    self.set(pos, Op::Use(after), line);
                }
                fetch.iter().map(|(name, ty)| self.rt(name, vec![obj.clone(), at.clone()], ty, Own::Borrowed, false, line)).collect()
            }
        }
    }

    /// Continues in a fresh block when `more`, else goes to `done`.
    fn advance(&mut self, more: Operand, done: BlockId) {
        let next = self.new_block();
        self.branch(more, next, done, None);
        self.switch_to(next);
    }
}
