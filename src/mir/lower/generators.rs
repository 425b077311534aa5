//! Generators (`check::generators`, `runtime/mg_gen.c`): making a generator object,
//! `yield`, and resuming a generator for its next item (`for`, `next()`).
//!
//! Resuming runs the generator's body, which may do anything a call may (free objects,
//! raise), so those runtime calls are marked `calls_back`; so is `yield`, across which
//! the consumer runs.

use crate::check::ir::{Expr, FuncId, Line};
use crate::check::types::Ty;
use crate::mir::lower::Lower;
use crate::mir::{Const, Op, Operand, Own, RtCall};

impl<'a> Lower<'a> {
    /// A runtime call that runs generated code (a generator's body, or its consumer).
    fn rt_resuming(&mut self, name: &'static str, args: Vec<Operand>, ty: &Ty, own: Own, steals: u32, line: Line) -> Operand {
        let result = if ty.is_heap() || ty.tuple_fields().is_some() { own } else { Own::Plain };
        let call = Op::Runtime(RtCall { name, args, raises: true, result, steals, pack_from: None, calls_back: true });
        if ty.tuple_fields().is_some() {
            return self.emit_unboxing(call, ty, line).expect("a tuple type");
        }
        self.op_value(call, ty, line)
    }

    /// A new generator object holding the arguments of its generator function.
    pub(super) fn gen_new(&mut self, start: FuncId, name: &str, args: &'a [Expr], ty: &Ty, line: Line) -> Operand {
        let vals: Vec<Operand> = args.iter().map(|a| self.value(a)).collect();
        // Which arguments the generator holds a reference to: objects and boxed tuples.
        let mask = args.iter().enumerate().filter(|(_, a)| a.ty.is_heap() || a.ty.tuple_fields().is_some()).fold(0i64, |m, (i, _)| m | (1 << i));
        let code = Operand::Const(Const::FuncAddr { func: start, env: true });
        let g = self.rt("mg_gen_new", vec![code, Operand::Const(Const::CStr(name.to_string())), Operand::Const(Const::Int(args.len() as i64)), Operand::Const(Const::Int(mask))], ty, Own::New, false, line);
        for (i, v) in vals.into_iter().enumerate() {
            self.rt_void("mg_gen_set_arg", vec![g.clone(), Operand::Const(Const::Int(i as i64)), v], false, line);
        }
        g
    }

    /// `yield value`: the item goes to the resumer (stolen); GeneratorExit may come back.
    pub(super) fn yield_stmt(&mut self, value: &'a Expr, line: Line) {
        let v = self.value(value);
        let v = self.boxed(v, line);
        self.rt_resuming("mg_gen_yield", vec![v], &Ty::NONE, Own::Plain, 0b1, line);
    }

    /// Resumes a generator: whether it produced an item (else it ended, or raised).
    pub(super) fn iter_advance(&mut self, g: Operand, line: Line) -> Operand {
        self.rt_resuming("mg_iter_advance", vec![g], &Ty::BOOL, Own::Plain, 0, line)
    }

    /// The item the last advance produced (a new reference).
    pub(super) fn iter_value(&mut self, g: Operand, elem: &Ty, line: Line) -> Operand {
        self.rt("mg_iter_value", vec![g], elem, Own::New, false, line)
    }

    /// `next(it)` (StopIteration at the end) or `next(it, default)`; the arguments are
    /// evaluated first, in order.
    pub(super) fn next(&mut self, it: &'a Expr, default: Option<&'a Expr>, ty: &Ty, line: Line) -> Operand {
        let g = self.value(it);
        let Some(default) = default else {
            return self.rt_resuming("mg_iter_next", vec![g], ty, Own::New, 0, line);
        };
        let d = self.value(default);
        let result = self.temp(ty);
        let more = self.iter_advance(g.clone(), line);
        let (item_bb, default_bb, end) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(more, item_bb, default_bb, None);
        self.switch_to(item_bb);
        let v = self.iter_value(g, ty, line);
        self.emit(Some(result), Op::Use(v), line);
        self.goto(end);
        self.switch_to(default_bb);
        self.emit(Some(result), Op::Use(d), line);
        self.goto(end);
        self.switch_to(end);
        Operand::Reg(result)
    }
}
