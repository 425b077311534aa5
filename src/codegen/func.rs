//! Lowering of one function body from the typed IR to LLVM.
//!
//! Variables live in entry-block allocas (mem2reg promotes them).  After each
//! operation that may raise, `check_exc` tests `mg_current_exc` and branches to
//! the function's unwind block for that source line, which records a traceback
//! frame and returns a zero value; the caller's own check continues the unwinding.

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::values::{BasicValueEnum, FloatValue, FunctionValue, GlobalValue, IntValue, PointerValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};
use rustc_hash::FxHashMap;

use crate::check::ir::{self, BinOp, Builtin, CmpOp, Conversion, Expr, ExprKind, Line, Place, Stmt, UnOp};
use crate::check::types::Ty;
use crate::codegen::runtime::ExcKind;
use crate::codegen::{llvm_type, runtime_fn, zero, CodegenError};
use crate::syntax::SourceFile;

type Result<T> = std::result::Result<T, CodegenError>;

/// What every function's lowering shares.
pub(crate) struct Shared<'a, 'ctx> {
    pub ctx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    pub program: &'a ir::Program,
    pub file: &'a SourceFile,
    pub functions: &'a [FunctionValue<'ctx>],
    pub globals: &'a [GlobalValue<'ctx>],
    /// Per global: whether it has been assigned yet.
    pub global_flags: &'a [GlobalValue<'ctx>],
    pub exc: GlobalValue<'ctx>,
}

struct FnGen<'s, 'a, 'ctx> {
    s: &'s Shared<'a, 'ctx>,
    ir: &'a ir::Function,
    func: FunctionValue<'ctx>,
    builder: Builder<'ctx>,
    locals: Vec<PointerValue<'ctx>>,
    /// Per local: a flag set by every assignment, tested by reads, so that reading a variable no
    /// assignment reached raises UnboundLocalError as in CPython.  `None` for parameters.
    /// mem2reg and instcombine delete the flags wherever the assignment provably dominates.
    local_flags: Vec<Option<PointerValue<'ctx>>>,
    /// (continue target, break target) of the enclosing loops.
    loops: Vec<(BasicBlock<'ctx>, BasicBlock<'ctx>)>,
    unwind_blocks: FxHashMap<Line, BasicBlock<'ctx>>,
    overflow_blocks: FxHashMap<Line, BasicBlock<'ctx>>,
    strings: FxHashMap<String, PointerValue<'ctx>>,
}

pub(crate) fn lower_function<'a, 'ctx>(s: &Shared<'a, 'ctx>, ir_fn: &'a ir::Function, func: FunctionValue<'ctx>) -> Result<()> {
    let ctx = s.ctx;
    let builder = ctx.create_builder();
    let entry = ctx.append_basic_block(func, "entry");
    builder.position_at_end(entry);
    let mut locals = Vec::with_capacity(ir_fn.locals.len());
    for local in &ir_fn.locals {
        let ty = llvm_type(ctx, &local.ty);
        let slot = builder.build_alloca(ty, &local.name)?;
        builder.build_store(slot, zero(ty))?;
        locals.push(slot);
    }
    let mut local_flags = Vec::with_capacity(ir_fn.locals.len());
    for (idx, local) in ir_fn.locals.iter().enumerate() {
        if ir_fn.params.iter().any(|p| p.0 as usize == idx) {
            local_flags.push(None);
            continue;
        }
        let flag = builder.build_alloca(ctx.bool_type(), &format!("{}.bound", local.name))?;
        builder.build_store(flag, ctx.bool_type().const_zero())?;
        local_flags.push(Some(flag));
    }
    for (idx, param) in ir_fn.params.iter().enumerate() {
        let value = func.get_nth_param(idx as u32).ok_or_else(|| CodegenError::Internal("missing parameter".into()))?;
        builder.build_store(locals[param.0 as usize], value)?;
    }
    let mut g = FnGen {
        s,
        ir: ir_fn,
        func,
        builder,
        locals,
        local_flags,
        loops: Vec::new(),
        unwind_blocks: FxHashMap::default(),
        overflow_blocks: FxHashMap::default(),
        strings: FxHashMap::default(),
    };
    g.block(&ir_fn.body)?;
    if g.is_open() {
        match ir_fn.ret {
            Ty::None => {
                g.builder.build_return(None)?;
            }
            // The checker proves every path returns; a fall-through here would be a compiler bug,
            // so report it as a Python-level error instead of running into undefined behaviour.
            _ => {
                let msg = g.cstr("function ended without returning a value (multigen internal error)")?;
                let kind = ctx.i32_type().const_int(ExcKind::Runtime as u64, false);
                g.call_void("mg_raise", &[kind.into(), msg.into()])?;
                g.build_return_zero()?;
            }
        }
    }
    Ok(())
}

/// The operator with its operands exchanged: `a < b` is `b > a`.
fn swap(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

impl<'s, 'a, 'ctx> FnGen<'s, 'a, 'ctx> {
    fn ctx(&self) -> &'ctx Context {
        self.s.ctx
    }

    fn is_open(&self) -> bool {
        self.builder.get_insert_block().is_some_and(|bb| bb.get_terminator().is_none())
    }

    fn new_block(&self, name: &str) -> BasicBlock<'ctx> {
        self.ctx().append_basic_block(self.func, name)
    }

    /// Continues code generation in a fresh block when the current one is terminated (code after
    /// `return`/`break`), so later statements still lower without extra checks.
    fn ensure_open(&self) {
        if !self.is_open() {
            let dead = self.new_block("dead");
            self.builder.position_at_end(dead);
        }
    }

    fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        for stmt in stmts {
            self.ensure_open();
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<()> {
        match stmt {
            Stmt::Expr(e) => {
                self.expr(e)?;
            }
            Stmt::Assign { place, value } => {
                let v = self.expr(value)?;
                self.store(*place, v)?;
            }
            Stmt::If { cond, then, orelse } => {
                let c = self.expr(cond)?.into_int_value();
                let then_bb = self.new_block("then");
                let else_bb = self.new_block("else");
                let end_bb = self.new_block("endif");
                self.builder.build_conditional_branch(c, then_bb, else_bb)?;
                self.builder.position_at_end(then_bb);
                self.block(then)?;
                self.branch_if_open(end_bb)?;
                self.builder.position_at_end(else_bb);
                self.block(orelse)?;
                self.branch_if_open(end_bb)?;
                self.builder.position_at_end(end_bb);
            }
            Stmt::While { cond, body, orelse } => {
                let head = self.new_block("while.head");
                let body_bb = self.new_block("while.body");
                let else_bb = self.new_block("while.else");
                let end = self.new_block("while.end");
                self.builder.build_unconditional_branch(head)?;
                self.builder.position_at_end(head);
                let c = self.expr(cond)?.into_int_value();
                self.builder.build_conditional_branch(c, body_bb, else_bb)?;
                self.builder.position_at_end(body_bb);
                self.loops.push((head, end));
                self.block(body)?;
                self.loops.pop();
                self.branch_if_open(head)?;
                self.builder.position_at_end(else_bb);
                self.block(orelse)?;
                self.branch_if_open(end)?;
                self.builder.position_at_end(end);
            }
            Stmt::ForRange { var, start, stop, step, body, orelse, line } => self.for_range(*var, start, stop, step, body, orelse, *line)?,
            Stmt::Break => {
                if let Some(&(_, brk)) = self.loops.last() {
                    self.builder.build_unconditional_branch(brk)?;
                }
            }
            Stmt::Continue => {
                if let Some(&(cont, _)) = self.loops.last() {
                    self.builder.build_unconditional_branch(cont)?;
                }
            }
            Stmt::Return(value) => match value {
                Some(v) => {
                    let v = self.expr(v)?;
                    self.builder.build_return(Some(&v))?;
                }
                None => {
                    self.builder.build_return(None)?;
                }
            },
            Stmt::Assert { cond, msg, line } => {
                let c = self.expr(cond)?.into_int_value();
                let fail = self.new_block("assert.fail");
                let ok = self.new_block("assert.ok");
                self.builder.build_conditional_branch(c, ok, fail)?;
                self.builder.position_at_end(fail);
                let msg_ptr = match msg.as_ref().map(|m| &m.kind) {
                    Some(ExprKind::Str(text)) => self.cstr(text)?,
                    _ => self.ctx().ptr_type(AddressSpace::default()).const_null(),
                };
                let kind = self.ctx().i32_type().const_int(ExcKind::Assertion as u64, false);
                self.call_void("mg_raise", &[kind.into(), msg_ptr.into()])?;
                let unwind = self.unwind_block(*line)?;
                self.builder.build_unconditional_branch(unwind)?;
                self.builder.position_at_end(ok);
            }
            Stmt::Print { args, sep, end } => self.print(args, sep.as_ref(), end.as_ref())?,
            Stmt::Exit { code, line } => {
                let code = match code {
                    Some(c) => self.expr(c)?,
                    None => self.ctx().i64_type().const_zero().into(),
                };
                self.call_void("mg_raise_system_exit", &[code.into()])?;
                let unwind = self.unwind_block(*line)?;
                self.builder.build_unconditional_branch(unwind)?;
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn for_range(&mut self, var: Place, start: &Expr, stop: &Expr, step: &Expr, body: &[Stmt], orelse: &[Stmt], line: Line) -> Result<()> {
        let i64_ty = self.ctx().i64_type();
        let start_v = self.expr(start)?.into_int_value();
        let stop_v = self.expr(stop)?.into_int_value();
        let step_v = self.expr(step)?.into_int_value();
        let constant_step = match step.kind {
            ExprKind::Int(v) => Some(v),
            _ => None,
        };
        if constant_step.is_none_or(|v| v == 0) {
            let zero_bb = self.new_block("range.zero_step");
            let ok_bb = self.new_block("range.ok");
            let is_zero = self.builder.build_int_compare(IntPredicate::EQ, step_v, i64_ty.const_zero(), "step0")?;
            self.builder.build_conditional_branch(is_zero, zero_bb, ok_bb)?;
            self.builder.position_at_end(zero_bb);
            let msg = self.cstr("range() arg 3 must not be zero")?;
            let kind = self.ctx().i32_type().const_int(ExcKind::Value as u64, false);
            self.call_void("mg_raise", &[kind.into(), msg.into()])?;
            let unwind = self.unwind_block(line)?;
            self.builder.build_unconditional_branch(unwind)?;
            self.builder.position_at_end(ok_bb);
        }
        let counter = self.entry_alloca(i64_ty.into(), "range.i")?;
        self.builder.build_store(counter, start_v)?;
        let head = self.new_block("for.head");
        let body_bb = self.new_block("for.body");
        let latch = self.new_block("for.latch");
        let else_bb = self.new_block("for.else");
        let end = self.new_block("for.end");
        self.builder.build_unconditional_branch(head)?;

        self.builder.position_at_end(head);
        let i = self.builder.build_load(i64_ty, counter, "i")?.into_int_value();
        let up = self.builder.build_int_compare(IntPredicate::SLT, i, stop_v, "up")?;
        let down = self.builder.build_int_compare(IntPredicate::SGT, i, stop_v, "down")?;
        let more = match constant_step {
            Some(v) if v > 0 => up,
            Some(_) => down,
            None => {
                let positive = self.builder.build_int_compare(IntPredicate::SGT, step_v, i64_ty.const_zero(), "pos")?;
                self.builder.build_select(positive, up, down, "more")?.into_int_value()
            }
        };
        self.builder.build_conditional_branch(more, body_bb, else_bb)?;

        self.builder.position_at_end(body_bb);
        self.store(var, i.into())?;
        self.loops.push((latch, end));
        self.block(body)?;
        self.loops.pop();
        self.branch_if_open(latch)?;

        // An increment that overflows has passed `stop`: the loop is exhausted.
        self.builder.position_at_end(latch);
        let i = self.builder.build_load(i64_ty, counter, "i")?.into_int_value();
        let (next, overflow) = self.overflow_op("llvm.sadd.with.overflow", i, step_v)?;
        self.builder.build_store(counter, next)?;
        self.builder.build_conditional_branch(overflow, else_bb, head)?;

        self.builder.position_at_end(else_bb);
        self.block(orelse)?;
        self.branch_if_open(end)?;
        self.builder.position_at_end(end);
        Ok(())
    }

    fn print(&mut self, args: &[Expr], sep: Option<&Expr>, end: Option<&Expr>) -> Result<()> {
        let text = |e: Option<&Expr>, default: &str| match e.map(|e| &e.kind) {
            Some(ExprKind::Str(s)) => s.clone(),
            _ => default.to_string(),
        };
        let (sep, end) = (text(sep, " "), text(end, "\n"));
        // Evaluate every argument first: an argument that raises prints nothing, as in CPython.
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.expr(arg)?);
        }
        for (idx, (arg, value)) in args.iter().zip(values).enumerate() {
            if idx > 0 {
                self.print_literal(&sep)?;
            }
            match (&arg.ty, &arg.kind) {
                (Ty::Str, ExprKind::Str(s)) => self.print_literal(s)?,
                (Ty::Int, _) => self.call_void("mg_print_int", &[value.into()])?,
                (Ty::Float, _) => self.call_void("mg_print_float", &[value.into()])?,
                (Ty::Bool, _) => {
                    let byte = self.builder.build_int_z_extend(value.into_int_value(), self.ctx().i8_type(), "b")?;
                    self.call_void("mg_print_bool", &[byte.into()])?
                }
                (Ty::None, _) => self.call_void("mg_print_none", &[])?,
                (Ty::Str, _) => return Err(CodegenError::Internal("non-literal str reached print".into())),
            }
        }
        self.print_literal(&end)
    }

    fn print_literal(&mut self, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let ptr = self.cstr(text)?;
        let len = self.ctx().i64_type().const_int(text.len() as u64, false);
        self.call_void("mg_print_str", &[ptr.into(), len.into()])
    }

    // ---- expressions ----------------------------------------------------

    fn expr(&mut self, e: &Expr) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        Ok(match &e.kind {
            ExprKind::Int(v) => ctx.i64_type().const_int(*v as u64, true).into(),
            ExprKind::Float(v) => ctx.f64_type().const_float(*v).into(),
            ExprKind::Bool(b) => ctx.bool_type().const_int(*b as u64, false).into(),
            ExprKind::None => ctx.bool_type().const_zero().into(),
            ExprKind::Str(s) => self.cstr(s)?.into(),
            ExprKind::Load(place) => {
                self.check_bound(*place, e.line)?;
                let (ptr, ty) = self.place_ptr(*place);
                self.builder.build_load(llvm_type(ctx, &ty), ptr, "load")?
            }
            ExprKind::Convert(conv, inner) => {
                let v = self.expr(inner)?;
                match conv {
                    Conversion::IntToFloat => self.builder.build_signed_int_to_float(v.into_int_value(), ctx.f64_type(), "itof")?.into(),
                    Conversion::BoolToInt => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "btoi")?.into(),
                    Conversion::FloatToInt => self.call_checked("mg_float_to_int", &[v], e.line)?,
                }
            }
            ExprKind::Binary(op, l, r) => {
                let lv = self.expr(l)?;
                let rv = self.expr(r)?;
                self.binary(*op, lv, rv, e.line)?
            }
            ExprKind::Unary(op, inner) => {
                let v = self.expr(inner)?;
                match op {
                    UnOp::Not => self.builder.build_not(v.into_int_value(), "not")?.into(),
                    UnOp::IntInvert => self.builder.build_not(v.into_int_value(), "inv")?.into(),
                    UnOp::FloatNeg => self.builder.build_float_neg(v.into_float_value(), "fneg")?.into(),
                    UnOp::IntNeg => {
                        let zero = ctx.i64_type().const_zero();
                        self.checked_int_op("llvm.ssub.with.overflow", zero, v.into_int_value(), e.line)?
                    }
                }
            }
            ExprKind::CompareChain { operands, links } => self.compare_chain(operands, links)?,
            ExprKind::BoolOp(op, values) => self.bool_op(*op, values, &e.ty)?,
            ExprKind::IfExp(cond, body, orelse) => {
                let slot = self.entry_alloca(llvm_type(ctx, &e.ty), "ifexp")?;
                let c = self.expr(cond)?.into_int_value();
                let then_bb = self.new_block("ifexp.then");
                let else_bb = self.new_block("ifexp.else");
                let end = self.new_block("ifexp.end");
                self.builder.build_conditional_branch(c, then_bb, else_bb)?;
                for (bb, value) in [(then_bb, body), (else_bb, orelse)] {
                    self.builder.position_at_end(bb);
                    let v = self.expr(value)?;
                    self.builder.build_store(slot, v)?;
                    self.builder.build_unconditional_branch(end)?;
                }
                self.builder.position_at_end(end);
                self.builder.build_load(llvm_type(ctx, &e.ty), slot, "ifexp.v")?
            }
            ExprKind::Call(func, args) => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.expr(arg)?.into());
                }
                let callee = self.s.functions[func.0 as usize];
                let call = self.builder.build_call(callee, &values, "call")?;
                let result = match call.try_as_basic_value() {
                    inkwell::values::ValueKind::Basic(v) => v,
                    inkwell::values::ValueKind::Instruction(_) => ctx.bool_type().const_zero().into(),
                };
                self.check_exc(e.line)?;
                result
            }
            ExprKind::Builtin(builtin, args) => self.builtin(*builtin, args, e.line)?,
            ExprKind::Truth(inner) => {
                let v = self.expr(inner)?;
                self.truth(v, &inner.ty)?.into()
            }
        })
    }

    fn truth(&mut self, v: BasicValueEnum<'ctx>, ty: &Ty) -> Result<IntValue<'ctx>> {
        let ctx = self.ctx();
        Ok(match ty {
            Ty::Int => self.builder.build_int_compare(IntPredicate::NE, v.into_int_value(), ctx.i64_type().const_zero(), "truth")?,
            // NaN is true in Python: unordered-or-not-equal.
            Ty::Float => self.builder.build_float_compare(FloatPredicate::UNE, v.into_float_value(), ctx.f64_type().const_zero(), "truth")?,
            Ty::Bool => v.into_int_value(),
            Ty::None | Ty::Str => ctx.bool_type().const_zero(),
        })
    }

    fn bool_op(&mut self, op: ir::BoolOp, values: &[Expr], ty: &Ty) -> Result<BasicValueEnum<'ctx>> {
        let llty = llvm_type(self.ctx(), ty);
        let slot = self.entry_alloca(llty, "boolop")?;
        let end = self.new_block("boolop.end");
        for (idx, value) in values.iter().enumerate() {
            let v = self.expr(value)?;
            self.builder.build_store(slot, v)?;
            if idx + 1 == values.len() {
                self.builder.build_unconditional_branch(end)?;
                break;
            }
            let t = self.truth(v, &value.ty)?;
            let next = self.new_block("boolop.next");
            match op {
                ir::BoolOp::And => self.builder.build_conditional_branch(t, next, end)?,
                ir::BoolOp::Or => self.builder.build_conditional_branch(t, end, next)?,
            };
            self.builder.position_at_end(next);
        }
        self.builder.position_at_end(end);
        Ok(self.builder.build_load(llty, slot, "boolop.v")?)
    }

    fn compare_chain(&mut self, operands: &[Expr], links: &[(CmpOp, Ty)]) -> Result<BasicValueEnum<'ctx>> {
        let bool_ty = self.ctx().bool_type();
        let slot = self.entry_alloca(bool_ty.into(), "cmp")?;
        let end = self.new_block("cmp.end");
        let mut left = self.expr(&operands[0])?;
        for (idx, (op, ty)) in links.iter().enumerate() {
            let right = self.expr(&operands[idx + 1])?;
            let (lty, rty) = (&operands[idx].ty, &operands[idx + 1].ty);
            let result = match (lty, rty) {
                // int vs float compares exactly, never through a rounding conversion.
                (Ty::Int, Ty::Float) => self.compare_int_float(*op, left, right)?,
                (Ty::Float, Ty::Int) => self.compare_int_float(swap(*op), right, left)?,
                _ => {
                    let a = self.convert_for_compare(left, lty, ty)?;
                    let b = self.convert_for_compare(right, rty, ty)?;
                    self.compare(*op, a, b, ty)?
                }
            };
            self.builder.build_store(slot, result)?;
            if idx + 1 == links.len() {
                self.builder.build_unconditional_branch(end)?;
            } else {
                let next = self.new_block("cmp.next");
                self.builder.build_conditional_branch(result, next, end)?;
                self.builder.position_at_end(next);
            }
            left = right;
        }
        self.builder.position_at_end(end);
        Ok(self.builder.build_load(bool_ty, slot, "cmp.v")?)
    }

    /// `int OP float` through `mg_cmp_int_float` (-1, 0, 1, or 2 for NaN).
    fn compare_int_float(&mut self, op: CmpOp, int: BasicValueEnum<'ctx>, float: BasicValueEnum<'ctx>) -> Result<IntValue<'ctx>> {
        let r = self.call("mg_cmp_int_float", &[int, float])?.into_int_value();
        let i32_ty = self.ctx().i32_type();
        let c = |v: i64| i32_ty.const_int(v as u64, true);
        let b = &self.builder;
        Ok(match op {
            CmpOp::Eq => b.build_int_compare(IntPredicate::EQ, r, c(0), "eq")?,
            CmpOp::Ne => b.build_int_compare(IntPredicate::NE, r, c(0), "ne")?,
            CmpOp::Lt => b.build_int_compare(IntPredicate::EQ, r, c(-1), "lt")?,
            CmpOp::Le => b.build_int_compare(IntPredicate::SLE, r, c(0), "le")?,
            CmpOp::Gt => b.build_int_compare(IntPredicate::EQ, r, c(1), "gt")?,
            // 0 or 1, not 2 (NaN): unsigned r <= 1.
            CmpOp::Ge => b.build_int_compare(IntPredicate::ULE, r, c(1), "ge")?,
        })
    }

    fn convert_for_compare(&mut self, v: BasicValueEnum<'ctx>, from: &Ty, to: &Ty) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        Ok(match (from, to) {
            (Ty::Bool, Ty::Int) => self.builder.build_int_z_extend(v.into_int_value(), ctx.i64_type(), "btoi")?.into(),
            (Ty::Bool, Ty::Float) => self.builder.build_unsigned_int_to_float(v.into_int_value(), ctx.f64_type(), "btof")?.into(),
            (Ty::Int, Ty::Float) => self.builder.build_signed_int_to_float(v.into_int_value(), ctx.f64_type(), "itof")?.into(),
            _ => v,
        })
    }

    fn compare(&mut self, op: CmpOp, a: BasicValueEnum<'ctx>, b: BasicValueEnum<'ctx>, ty: &Ty) -> Result<IntValue<'ctx>> {
        let ctx = self.ctx();
        Ok(match ty {
            Ty::Float => {
                let pred = match op {
                    CmpOp::Eq => FloatPredicate::OEQ,
                    CmpOp::Ne => FloatPredicate::UNE,
                    CmpOp::Lt => FloatPredicate::OLT,
                    CmpOp::Le => FloatPredicate::OLE,
                    CmpOp::Gt => FloatPredicate::OGT,
                    CmpOp::Ge => FloatPredicate::OGE,
                };
                self.builder.build_float_compare(pred, a.into_float_value(), b.into_float_value(), "fcmp")?
            }
            Ty::Int | Ty::Bool => {
                let signed = *ty == Ty::Int;
                let pred = match (op, signed) {
                    (CmpOp::Eq, _) => IntPredicate::EQ,
                    (CmpOp::Ne, _) => IntPredicate::NE,
                    (CmpOp::Lt, true) => IntPredicate::SLT,
                    (CmpOp::Le, true) => IntPredicate::SLE,
                    (CmpOp::Gt, true) => IntPredicate::SGT,
                    (CmpOp::Ge, true) => IntPredicate::SGE,
                    (CmpOp::Lt, false) => IntPredicate::ULT,
                    (CmpOp::Le, false) => IntPredicate::ULE,
                    (CmpOp::Gt, false) => IntPredicate::UGT,
                    (CmpOp::Ge, false) => IntPredicate::UGE,
                };
                self.builder.build_int_compare(pred, a.into_int_value(), b.into_int_value(), "icmp")?
            }
            Ty::None => ctx.bool_type().const_int((op == CmpOp::Eq) as u64, false),
            Ty::Str => return Err(CodegenError::Internal("str comparison reached codegen".into())),
        })
    }

    fn binary(&mut self, op: BinOp, l: BasicValueEnum<'ctx>, r: BasicValueEnum<'ctx>, line: Line) -> Result<BasicValueEnum<'ctx>> {
        let b = &self.builder;
        let (li, ri) = (|| l.into_int_value(), || r.into_int_value());
        let (lf, rf): (fn(BasicValueEnum<'ctx>) -> FloatValue<'ctx>, _) = (|v: BasicValueEnum<'ctx>| v.into_float_value(), |v: BasicValueEnum<'ctx>| v.into_float_value());
        Ok(match op {
            BinOp::IntAdd => self.checked_int_op("llvm.sadd.with.overflow", li(), ri(), line)?,
            BinOp::IntSub => self.checked_int_op("llvm.ssub.with.overflow", li(), ri(), line)?,
            BinOp::IntMul => self.checked_int_op("llvm.smul.with.overflow", li(), ri(), line)?,
            BinOp::IntFloorDiv => self.call_checked("mg_int_floordiv", &[l, r], line)?,
            BinOp::IntMod => self.call_checked("mg_int_mod", &[l, r], line)?,
            BinOp::IntPow => self.call_checked("mg_int_pow", &[l, r], line)?,
            BinOp::IntTrueDiv => self.call_checked("mg_int_truediv", &[l, r], line)?,
            BinOp::IntLShift => self.call_checked("mg_int_lshift", &[l, r], line)?,
            BinOp::IntRShift => self.call_checked("mg_int_rshift", &[l, r], line)?,
            BinOp::IntAnd | BinOp::BoolAnd => b.build_and(li(), ri(), "and")?.into(),
            BinOp::IntOr | BinOp::BoolOr => b.build_or(li(), ri(), "or")?.into(),
            BinOp::IntXor | BinOp::BoolXor => b.build_xor(li(), ri(), "xor")?.into(),
            BinOp::FloatAdd => b.build_float_add(lf(l), rf(r), "fadd")?.into(),
            BinOp::FloatSub => b.build_float_sub(lf(l), rf(r), "fsub")?.into(),
            BinOp::FloatMul => b.build_float_mul(lf(l), rf(r), "fmul")?.into(),
            BinOp::FloatDiv => self.call_checked("mg_float_div", &[l, r], line)?,
            BinOp::FloatFloorDiv => self.call_checked("mg_float_floordiv", &[l, r], line)?,
            BinOp::FloatMod => self.call_checked("mg_float_mod", &[l, r], line)?,
            BinOp::FloatPow => self.call_checked("mg_float_pow", &[l, r], line)?,
        })
    }

    fn builtin(&mut self, builtin: Builtin, args: &[Expr], line: Line) -> Result<BasicValueEnum<'ctx>> {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.expr(arg)?);
        }
        let runtime = match builtin {
            Builtin::IntAbs => "mg_int_abs",
            Builtin::FloatAbs | Builtin::MathFabs => "mg_math_fabs",
            Builtin::MathSqrt => "mg_math_sqrt",
            Builtin::MathFloor => "mg_math_floor",
            Builtin::MathCeil => "mg_math_ceil",
            Builtin::MathSin => "mg_math_sin",
            Builtin::MathCos => "mg_math_cos",
            Builtin::MathTan => "mg_math_tan",
            Builtin::MathAtan2 => "mg_math_atan2",
            Builtin::MathExp => "mg_math_exp",
            Builtin::MathLog => "mg_math_log",
            Builtin::MathIsqrt => "mg_math_isqrt",
            Builtin::MathGcd => "mg_math_gcd",
            Builtin::IntMin | Builtin::IntMax | Builtin::FloatMin | Builtin::FloatMax => {
                // Python keeps the current best unless a later item is strictly better.
                let mut best = values[0];
                for &item in &values[1..] {
                    let better = match builtin {
                        Builtin::IntMax => self.builder.build_int_compare(IntPredicate::SGT, item.into_int_value(), best.into_int_value(), "gt")?,
                        Builtin::IntMin => self.builder.build_int_compare(IntPredicate::SLT, item.into_int_value(), best.into_int_value(), "lt")?,
                        Builtin::FloatMax => self.builder.build_float_compare(FloatPredicate::OGT, item.into_float_value(), best.into_float_value(), "gt")?,
                        _ => self.builder.build_float_compare(FloatPredicate::OLT, item.into_float_value(), best.into_float_value(), "lt")?,
                    };
                    best = self.builder.build_select(better, item, best, "best")?;
                }
                return Ok(best);
            }
        };
        let may_raise = !matches!(builtin, Builtin::FloatAbs | Builtin::MathFabs | Builtin::MathAtan2);
        if may_raise {
            self.call_checked(runtime, &values, line)
        } else {
            self.call(runtime, &values)
        }
    }

    // ---- helpers ----------------------------------------------------------

    fn place_ptr(&self, place: Place) -> (PointerValue<'ctx>, Ty) {
        match place {
            Place::Local(l) => (self.locals[l.0 as usize], self.ir.locals[l.0 as usize].ty.clone()),
            Place::Global(g) => (self.s.globals[g.0 as usize].as_pointer_value(), self.s.program.globals[g.0 as usize].ty.clone()),
        }
    }

    fn store(&mut self, place: Place, value: BasicValueEnum<'ctx>) -> Result<()> {
        let (ptr, _) = self.place_ptr(place);
        self.builder.build_store(ptr, value)?;
        if let Some(flag) = self.bound_flag(place) {
            self.builder.build_store(flag, self.ctx().bool_type().const_all_ones())?;
        }
        Ok(())
    }

    fn bound_flag(&self, place: Place) -> Option<PointerValue<'ctx>> {
        match place {
            Place::Local(l) => self.local_flags[l.0 as usize],
            Place::Global(g) => Some(self.s.global_flags[g.0 as usize].as_pointer_value()),
        }
    }

    /// Raises UnboundLocalError/NameError when no assignment to `place` has run yet.
    fn check_bound(&mut self, place: Place, line: Line) -> Result<()> {
        let Some(flag) = self.bound_flag(place) else { return Ok(()) };
        let bound = self.builder.build_load(self.ctx().bool_type(), flag, "bound")?.into_int_value();
        let bound = self.expect(bound, true)?;
        let ok = self.new_block("bound");
        let fail = self.new_block("unbound");
        self.builder.build_conditional_branch(bound, ok, fail)?;
        self.builder.position_at_end(fail);
        let (kind, msg) = match place {
            Place::Local(l) => {
                let name = &self.ir.locals[l.0 as usize].name;
                (ExcKind::UnboundLocal, format!("cannot access local variable '{name}' where it is not associated with a value"))
            }
            Place::Global(g) => (ExcKind::Name, format!("name '{}' is not defined", self.s.program.globals[g.0 as usize].name)),
        };
        let msg = self.cstr(&msg)?;
        let kind = self.ctx().i32_type().const_int(kind as u64, false);
        self.call_void("mg_raise", &[kind.into(), msg.into()])?;
        let unwind = self.unwind_block(line)?;
        self.builder.build_unconditional_branch(unwind)?;
        self.builder.position_at_end(ok);
        Ok(())
    }

    fn branch_if_open(&self, target: BasicBlock<'ctx>) -> Result<()> {
        if self.is_open() {
            self.builder.build_unconditional_branch(target)?;
        }
        Ok(())
    }

    fn entry_alloca(&self, ty: inkwell::types::BasicTypeEnum<'ctx>, name: &str) -> Result<PointerValue<'ctx>> {
        let entry = self.func.get_first_basic_block().ok_or_else(|| CodegenError::Internal("function without entry".into()))?;
        let tmp = self.ctx().create_builder();
        match entry.get_first_instruction() {
            Some(first) => tmp.position_before(&first),
            None => tmp.position_at_end(entry),
        }
        Ok(tmp.build_alloca(ty, name)?)
    }

    /// A NUL-terminated global string constant.
    fn cstr(&mut self, text: &str) -> Result<PointerValue<'ctx>> {
        if let Some(p) = self.strings.get(text) {
            return Ok(*p);
        }
        let ptr = self.builder.build_global_string_ptr(text, "str")?.as_pointer_value();
        self.strings.insert(text.to_string(), ptr);
        Ok(ptr)
    }

    fn call(&mut self, name: &str, args: &[BasicValueEnum<'ctx>]) -> Result<BasicValueEnum<'ctx>> {
        let f = runtime_fn(self.ctx(), self.s.module, name)?;
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        match self.builder.build_call(f, &args, name)?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Ok(v),
            inkwell::values::ValueKind::Instruction(_) => Err(CodegenError::Internal(format!("{name} returns void"))),
        }
    }

    fn call_void(&mut self, name: &str, args: &[inkwell::values::BasicMetadataValueEnum<'ctx>]) -> Result<()> {
        let f = runtime_fn(self.ctx(), self.s.module, name)?;
        self.builder.build_call(f, args, "")?;
        Ok(())
    }

    /// Calls a runtime function that may raise, then checks for an exception.
    fn call_checked(&mut self, name: &str, args: &[BasicValueEnum<'ctx>], line: Line) -> Result<BasicValueEnum<'ctx>> {
        let v = self.call(name, args)?;
        self.check_exc(line)?;
        Ok(v)
    }

    /// `{result, overflow} = intrinsic(a, b)`; on overflow raises OverflowError.
    fn checked_int_op(&mut self, intrinsic: &str, a: IntValue<'ctx>, b: IntValue<'ctx>, line: Line) -> Result<BasicValueEnum<'ctx>> {
        let (value, overflow) = self.overflow_op(intrinsic, a, b)?;
        let cont = self.new_block("nooverflow");
        let raise = self.overflow_block(line)?;
        let overflow = self.expect(overflow, false)?;
        self.builder.build_conditional_branch(overflow, raise, cont)?;
        self.builder.position_at_end(cont);
        Ok(value.into())
    }

    fn overflow_op(&mut self, intrinsic: &str, a: IntValue<'ctx>, b: IntValue<'ctx>) -> Result<(IntValue<'ctx>, IntValue<'ctx>)> {
        let i64_ty = self.ctx().i64_type();
        let decl = inkwell::intrinsics::Intrinsic::find(intrinsic)
            .and_then(|i| i.get_declaration(self.s.module, &[i64_ty.into()]))
            .ok_or_else(|| CodegenError::Internal(format!("no intrinsic {intrinsic}")))?;
        let pair = match self.builder.build_call(decl, &[a.into(), b.into()], "ovf")?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => v.into_struct_value(),
            inkwell::values::ValueKind::Instruction(_) => return Err(CodegenError::Internal("overflow intrinsic returned void".into())),
        };
        let value = self.builder.build_extract_value(pair, 0, "v")?.into_int_value();
        let overflow = self.builder.build_extract_value(pair, 1, "o")?.into_int_value();
        Ok((value, overflow))
    }

    /// `llvm.expect.i1`: tells the optimiser which way error checks go.
    fn expect(&mut self, cond: IntValue<'ctx>, likely: bool) -> Result<IntValue<'ctx>> {
        let bool_ty = self.ctx().bool_type();
        let decl = inkwell::intrinsics::Intrinsic::find("llvm.expect")
            .and_then(|i| i.get_declaration(self.s.module, &[bool_ty.into()]))
            .ok_or_else(|| CodegenError::Internal("no intrinsic llvm.expect".into()))?;
        let expected = bool_ty.const_int(likely as u64, false);
        match self.builder.build_call(decl, &[cond.into(), expected.into()], "expect")?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Ok(v.into_int_value()),
            inkwell::values::ValueKind::Instruction(_) => Err(CodegenError::Internal("llvm.expect returned void".into())),
        }
    }

    /// Branches to the unwind block for `line` when an exception is pending.
    fn check_exc(&mut self, line: Line) -> Result<()> {
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        let exc = self.builder.build_load(ptr_ty, self.s.exc.as_pointer_value(), "exc")?.into_pointer_value();
        let pending = self.builder.build_is_not_null(exc, "pending")?;
        let pending = self.expect(pending, false)?;
        let cont = self.new_block("ok");
        let unwind = self.unwind_block(line)?;
        self.builder.build_conditional_branch(pending, unwind, cont)?;
        self.builder.position_at_end(cont);
        Ok(())
    }

    /// The block that raises OverflowError at `line`.
    fn overflow_block(&mut self, line: Line) -> Result<BasicBlock<'ctx>> {
        if let Some(bb) = self.overflow_blocks.get(&line) {
            return Ok(*bb);
        }
        let saved = self.builder.get_insert_block();
        let bb = self.new_block("overflow");
        self.builder.position_at_end(bb);
        self.call_void("mg_raise_overflow", &[])?;
        let unwind = self.unwind_block(line)?;
        self.builder.position_at_end(bb);
        self.builder.build_unconditional_branch(unwind)?;
        if let Some(saved) = saved {
            self.builder.position_at_end(saved);
        }
        self.overflow_blocks.insert(line, bb);
        Ok(bb)
    }

    /// The block that records this function's traceback frame at `line` and returns.
    fn unwind_block(&mut self, line: Line) -> Result<BasicBlock<'ctx>> {
        if let Some(bb) = self.unwind_blocks.get(&line) {
            return Ok(*bb);
        }
        let saved = self.builder.get_insert_block();
        let bb = self.new_block("unwind");
        self.builder.position_at_end(bb);
        let file = self.cstr(&self.s.file.name.clone())?;
        let func_name = self.cstr(&self.ir.name.clone())?;
        let src = self.cstr(&self.s.file.line_text(line).to_string())?;
        let line_v = self.ctx().i32_type().const_int(line as u64, false);
        self.call_void("mg_tb_add", &[file.into(), line_v.into(), func_name.into(), src.into()])?;
        self.build_return_zero()?;
        if let Some(saved) = saved {
            self.builder.position_at_end(saved);
        }
        self.unwind_blocks.insert(line, bb);
        Ok(bb)
    }

    fn build_return_zero(&mut self) -> Result<()> {
        match self.ir.ret {
            Ty::None => self.builder.build_return(None)?,
            ref ty => {
                let z = zero(llvm_type(self.ctx(), ty));
                self.builder.build_return(Some(&z))?
            }
        };
        Ok(())
    }
}
