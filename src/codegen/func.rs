//! Lowering of one function body from the typed IR to LLVM: statements,
//! control flow, exceptions and reference counting.  `expr.rs` lowers
//! expressions, `containers.rs` the str/list/dict/set operations and loops.
//!
//! Variables live in entry-block allocas (mem2reg promotes them).  After each
//! operation that may raise, `check_exc` tests `mg_current_exc` and branches to
//! the function's unwind block for that source line, which records a traceback
//! frame and jumps to the cleanup block: it releases every heap variable and
//! temporary of the function and returns a zero value; the caller's own check
//! continues the unwinding.
//!
//! Ownership: a heap value is either borrowed (a variable's, a container's
//! element) or owned.  Owned values are registered in a temporary slot so that
//! the cleanup block can release them if an exception passes; `release` drops
//! them after use and `into_owned` moves them into a variable or container.
//! Functions borrow their arguments and return an owned value.

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::values::{BasicValueEnum, FunctionValue, GlobalValue, IntValue, PointerValue};
use inkwell::{AddressSpace, IntPredicate};
use rustc_hash::FxHashMap;

use crate::check::ir::{self, Builtin, Expr, ExprKind, Line, Place, Stmt};
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
    /// Type descriptors (`MgType` constants) emitted so far.
    pub type_descs: std::cell::RefCell<FxHashMap<Ty, GlobalValue<'ctx>>>,
    /// Immortal str objects for string literals.
    pub str_objs: std::cell::RefCell<FxHashMap<String, GlobalValue<'ctx>>>,
}

pub(super) struct FnGen<'s, 'a, 'ctx> {
    pub(super) s: &'s Shared<'a, 'ctx>,
    pub(super) ir: &'a ir::Function,
    pub(super) func: FunctionValue<'ctx>,
    pub(super) builder: Builder<'ctx>,
    pub(super) locals: Vec<PointerValue<'ctx>>,
    /// Slots of owned temporaries; null when empty.  The cleanup block releases them all.
    pub(super) temps: Vec<PointerValue<'ctx>>,
    /// Releases every heap variable and temporary, then returns; filled in when the body is done.
    pub(super) cleanup: Option<BasicBlock<'ctx>>,
    /// Per local: a flag set by every assignment, tested by reads, so that reading a variable no
    /// assignment reached raises UnboundLocalError as in CPython.  `None` for parameters.
    /// mem2reg and instcombine delete the flags wherever the assignment provably dominates.
    pub(super) local_flags: Vec<Option<PointerValue<'ctx>>>,
    /// (continue target, break target) of the enclosing loops.
    pub(super) loops: Vec<(BasicBlock<'ctx>, BasicBlock<'ctx>)>,
    pub(super) unwind_blocks: FxHashMap<Line, BasicBlock<'ctx>>,
    pub(super) overflow_blocks: FxHashMap<Line, BasicBlock<'ctx>>,
    pub(super) strings: FxHashMap<String, PointerValue<'ctx>>,
    /// The value `ExprKind::ItemValue` stands for while a `Stmt::UpdateItem` is lowered.
    pub(super) item_value: Option<BasicValueEnum<'ctx>>,
}

/// A value an expression produced.  `temp` is set when the value is an owned heap
/// reference registered for cleanup (see the module docs).
#[derive(Clone, Copy)]
pub(super) struct Val<'ctx> {
    pub(super) v: BasicValueEnum<'ctx>,
    pub(super) temp: Option<PointerValue<'ctx>>,
}

impl<'ctx> Val<'ctx> {
    pub(super) fn plain(v: impl Into<BasicValueEnum<'ctx>>) -> Val<'ctx> {
        Val { v: v.into(), temp: None }
    }
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
    let incref = runtime_fn(ctx, s.module, "mg_incref")?;
    for (idx, param) in ir_fn.params.iter().enumerate() {
        let value = func.get_nth_param(idx as u32).ok_or_else(|| CodegenError::Internal("missing parameter".into()))?;
        builder.build_store(locals[param.0 as usize], value)?;
        // The caller lends its arguments; the function's variables own their values.
        if ir_fn.locals[param.0 as usize].ty.is_heap() {
            builder.build_call(incref, &[value.into()], "")?;
        }
    }
    let mut g = FnGen {
        s,
        ir: ir_fn,
        func,
        builder,
        locals,
        temps: Vec::new(),
        cleanup: None,
        local_flags,
        loops: Vec::new(),
        unwind_blocks: FxHashMap::default(),
        overflow_blocks: FxHashMap::default(),
        strings: FxHashMap::default(),
        item_value: None,
    };
    g.block(&ir_fn.body)?;
    if g.is_open() {
        match ir_fn.ret {
            Ty::None => {
                g.release_locals()?;
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
    g.finish_cleanup()?;
    Ok(())
}

impl<'s, 'a, 'ctx> FnGen<'s, 'a, 'ctx> {
    pub(super) fn ctx(&self) -> &'ctx Context {
        self.s.ctx
    }

    pub(super) fn is_open(&self) -> bool {
        self.builder.get_insert_block().is_some_and(|bb| bb.get_terminator().is_none())
    }

    pub(super) fn new_block(&self, name: &str) -> BasicBlock<'ctx> {
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

    pub(super) fn block(&mut self, stmts: &[Stmt]) -> Result<()> {
        for stmt in stmts {
            self.ensure_open();
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Result<()> {
        match stmt {
            Stmt::Expr(e) => {
                let v = self.expr(e)?;
                self.release(v)?;
            }
            Stmt::Assign { place, value } => {
                let v = self.expr(value)?;
                self.assign(*place, v, &value.ty)?;
            }
            Stmt::SetItem { container, index, value, line } => self.set_item(container, index, value, *line)?,
            Stmt::DelItem { container, index, line } => self.del_item(container, index, *line)?,
            Stmt::UpdateItem { container, index, value, line } => self.update_item(container, index, value, *line)?,
            Stmt::ForIter { targets, iter, body, orelse, line } => self.for_iter(targets, iter, body, orelse, *line)?,
            Stmt::If { cond, then, orelse } => {
                let c = self.expr(cond)?.v.into_int_value();
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
                let c = self.expr(cond)?.v.into_int_value();
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
                Some(e) => {
                    let v = self.expr(e)?;
                    let v = self.into_owned(v, &e.ty)?;
                    self.release_locals()?;
                    self.builder.build_return(Some(&v))?;
                }
                None => {
                    self.release_locals()?;
                    self.builder.build_return(None)?;
                }
            },
            Stmt::Assert { cond, msg, line } => {
                let c = self.expr(cond)?.v.into_int_value();
                let fail = self.new_block("assert.fail");
                let ok = self.new_block("assert.ok");
                self.builder.build_conditional_branch(c, ok, fail)?;
                self.builder.position_at_end(fail);
                let kind = self.ctx().i32_type().const_int(ExcKind::Assertion as u64, false);
                match msg {
                    Some(m) => {
                        let text = self.expr(m)?;
                        self.call_void("mg_raise_str", &[kind.into(), text.v.into()])?;
                        self.release(text)?;
                    }
                    None => {
                        let null = self.ctx().ptr_type(AddressSpace::default()).const_null();
                        self.call_void("mg_raise", &[kind.into(), null.into()])?;
                    }
                }
                let unwind = self.unwind_block(*line)?;
                self.builder.build_unconditional_branch(unwind)?;
                self.builder.position_at_end(ok);
            }
            Stmt::Print { args, sep, end, line } => self.print(args, sep.as_ref(), end.as_ref(), *line)?,
            Stmt::Exit { code, line } => {
                let code = match code {
                    Some(c) => self.expr(c)?.v,
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
        let start_v = self.expr(start)?.v.into_int_value();
        let stop_v = self.expr(stop)?.v.into_int_value();
        let step_v = self.expr(step)?.v.into_int_value();
        let constant_step = match step.kind {
            ExprKind::Int(v) => Some(v),
            _ => None,
        };
        if constant_step.is_none_or(|v| v == 0) {
            self.check_range_step(step_v, line)?;
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
        self.assign(var, Val::plain(i), &Ty::Int)?;
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

    fn print(&mut self, args: &[Expr], sep: Option<&Expr>, end: Option<&Expr>, line: Line) -> Result<()> {
        // Evaluate every argument first: an argument that raises prints nothing, as in CPython.
        // Dict views and `d.get(k)` keep their operands (the dict, the key) for printing.
        let mut values = Vec::with_capacity(args.len());
        let mut keys = Vec::new();
        for arg in args {
            match &arg.kind {
                ExprKind::Builtin(Builtin::DictKeysView | Builtin::DictValuesView, inner) => values.push(self.expr(&inner[0])?),
                ExprKind::Builtin(Builtin::DictGetOrNone, inner) => {
                    values.push(self.expr(&inner[0])?);
                    keys.push(self.expr(&inner[1])?);
                }
                _ => values.push(self.expr(arg)?),
            }
        }
        let mut key_iter = keys.clone().into_iter();
        let sep_v = match sep {
            Some(e) if !matches!(e.kind, ExprKind::Str(_)) => Some(self.expr(e)?),
            _ => None,
        };
        let end_v = match end {
            Some(e) if !matches!(e.kind, ExprKind::Str(_)) => Some(self.expr(e)?),
            _ => None,
        };
        let literal = |e: Option<&Expr>, default: &str| match e.map(|e| &e.kind) {
            Some(ExprKind::Str(s)) => s.clone(),
            _ => default.to_string(),
        };
        let (sep_text, end_text) = (literal(sep, " "), literal(end, "\n"));
        for (idx, (arg, value)) in args.iter().zip(&values).enumerate() {
            if idx > 0 {
                match sep_v {
                    Some(v) => self.print_value(v.v, &Ty::Str, line)?,
                    None => self.print_literal(&sep_text)?,
                }
            }
            match (&arg.ty, &arg.kind) {
                (Ty::Str, ExprKind::Str(s)) => self.print_literal(s)?,
                (_, ExprKind::Builtin(b @ (Builtin::DictKeysView | Builtin::DictValuesView), _)) => {
                    let d = values[idx].v;
                    let which = self.ctx().i32_type().const_int((*b == Builtin::DictValuesView) as u64, false);
                    self.call_void("mg_dict_print_view", &[d.into(), which.into()])?;
                }
                (ty, ExprKind::Builtin(Builtin::DictGetOrNone, inner)) => {
                    let d = values[idx].v;
                    let key = key_iter.next().ok_or_else(|| CodegenError::Internal("missing key".into()))?;
                    let Ty::Dict(kt, _) = &inner[0].ty else { return Err(CodegenError::Internal("get on non-dict".into())) };
                    let ks = self.to_slot(key.v, kt)?;
                    let found = self.call("mg_dict_contains", &[d, ks.into()])?.into_int_value();
                    let found = self.builder.build_int_compare(IntPredicate::NE, found, self.ctx().i32_type().const_zero(), "found")?;
                    let yes = self.new_block("get.found");
                    let no = self.new_block("get.missing");
                    let done = self.new_block("get.done");
                    self.builder.build_conditional_branch(found, yes, no)?;
                    self.builder.position_at_end(yes);
                    let slot = self.call("mg_dict_get_default", &[d, ks.into(), ks.into()])?.into_int_value();
                    let v = self.from_slot(slot, ty)?;
                    self.print_value(v, ty, line)?;
                    self.builder.build_unconditional_branch(done)?;
                    self.builder.position_at_end(no);
                    self.call_void("mg_print_none", &[])?;
                    self.builder.build_unconditional_branch(done)?;
                    self.builder.position_at_end(done);
                }
                (ty, _) => self.print_value(value.v, ty, line)?,
            }
        }
        match end_v {
            Some(v) => self.print_value(v.v, &Ty::Str, line)?,
            None => self.print_literal(&end_text)?,
        }
        for v in values.into_iter().chain(keys).chain(sep_v).chain(end_v) {
            self.release(v)?;
        }
        Ok(())
    }

    /// Prints one value; a str may raise (UnicodeEncodeError, at `line`).
    fn print_value(&mut self, v: BasicValueEnum<'ctx>, ty: &Ty, line: Line) -> Result<()> {
        match ty {
            Ty::Str => {
                self.call_void("mg_print_str_value", &[v.into()])?;
                self.check_exc(line)
            }
            Ty::Int => self.call_void("mg_print_int", &[v.into()]),
            Ty::Float => self.call_void("mg_print_float", &[v.into()]),
            Ty::Bool => {
                let byte = self.builder.build_int_z_extend(v.into_int_value(), self.ctx().i8_type(), "b")?;
                self.call_void("mg_print_bool", &[byte.into()])
            }
            Ty::None => self.call_void("mg_print_none", &[]),
            _ => {
                let desc = self.type_desc(ty)?;
                let slot = self.to_slot(v, ty)?;
                self.call_void("mg_print_value", &[desc.into(), slot.into()])
            }
        }
    }

    fn print_literal(&mut self, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let ptr = self.cstr(text)?;
        let len = self.ctx().i64_type().const_int(text.len() as u64, false);
        self.call_void("mg_print_str", &[ptr.into(), len.into()])
    }

    // ---- helpers ----------------------------------------------------------

    pub(super) fn place_ptr(&self, place: Place) -> (PointerValue<'ctx>, Ty) {
        match place {
            Place::Local(l) => (self.locals[l.0 as usize], self.ir.locals[l.0 as usize].ty.clone()),
            Place::Global(g) => (self.s.globals[g.0 as usize].as_pointer_value(), self.s.program.globals[g.0 as usize].ty.clone()),
        }
    }

    /// Stores `val` into a variable, which takes ownership; the old value is released.
    pub(super) fn assign(&mut self, place: Place, val: Val<'ctx>, ty: &Ty) -> Result<()> {
        let (ptr, _) = self.place_ptr(place);
        let value = self.into_owned(val, ty)?;
        if ty.is_heap() {
            let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
            let old = self.builder.build_load(ptr_ty, ptr, "old")?;
            self.builder.build_store(ptr, value)?;
            self.call_void("mg_decref", &[old.into()])?;
        } else {
            self.builder.build_store(ptr, value)?;
        }
        if let Some(flag) = self.bound_flag(place) {
            self.builder.build_store(flag, self.ctx().bool_type().const_all_ones())?;
        }
        Ok(())
    }

    /// Registers an owned heap reference for cleanup.
    pub(super) fn new_temp(&mut self, v: BasicValueEnum<'ctx>) -> Result<Val<'ctx>> {
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        let slot = self.entry_alloca_init(ptr_ty.into(), ptr_ty.const_null().into(), "tmp")?;
        self.builder.build_store(slot, v)?;
        self.temps.push(slot);
        Ok(Val { v, temp: Some(slot) })
    }

    /// Drops a value after use: owned temporaries are released.
    pub(super) fn release(&mut self, val: Val<'ctx>) -> Result<()> {
        if let Some(slot) = val.temp {
            self.call_void("mg_decref", &[val.v.into()])?;
            let null = self.ctx().ptr_type(AddressSpace::default()).const_null();
            self.builder.build_store(slot, null)?;
        }
        Ok(())
    }

    /// An owned reference to `val`'s value: a temporary gives up its slot, a borrowed heap value is incref'd.
    pub(super) fn into_owned(&mut self, val: Val<'ctx>, ty: &Ty) -> Result<BasicValueEnum<'ctx>> {
        if !ty.is_heap() {
            return Ok(val.v);
        }
        match val.temp {
            Some(slot) => {
                let null = self.ctx().ptr_type(AddressSpace::default()).const_null();
                self.builder.build_store(slot, null)?;
            }
            None => self.call_void("mg_incref", &[val.v.into()])?,
        }
        Ok(val.v)
    }

    /// A value read out of `container`: when the container is a temporary about to be
    /// released, a heap element must be owned to outlive it.
    pub(super) fn borrowed_from(&mut self, container: Val<'ctx>, v: BasicValueEnum<'ctx>, ty: &Ty) -> Result<Val<'ctx>> {
        if ty.is_heap() && container.temp.is_some() {
            self.call_void("mg_incref", &[v.into()])?;
            return self.new_temp(v);
        }
        Ok(Val::plain(v))
    }

    /// Releases the function's heap variables (before a return).
    pub(super) fn release_locals(&mut self) -> Result<()> {
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        for (idx, local) in self.ir.locals.iter().enumerate() {
            if local.ty.is_heap() {
                let v = self.builder.build_load(ptr_ty, self.locals[idx], "local")?;
                self.call_void("mg_decref", &[v.into()])?;
            }
        }
        Ok(())
    }

    fn cleanup_block(&mut self) -> BasicBlock<'ctx> {
        if let Some(bb) = self.cleanup {
            return bb;
        }
        let bb = self.new_block("cleanup");
        self.cleanup = Some(bb);
        bb
    }

    /// Fills the cleanup block now that every temporary slot is known.
    fn finish_cleanup(&mut self) -> Result<()> {
        let Some(bb) = self.cleanup else { return Ok(()) };
        self.builder.position_at_end(bb);
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        for slot in self.temps.clone() {
            let v = self.builder.build_load(ptr_ty, slot, "tmp")?;
            self.call_void("mg_decref_cold", &[v.into()])?;
        }
        for (idx, local) in self.ir.locals.iter().enumerate() {
            if local.ty.is_heap() {
                let v = self.builder.build_load(ptr_ty, self.locals[idx], "local")?;
                self.call_void("mg_decref_cold", &[v.into()])?;
            }
        }
        self.build_return_zero()
    }

    fn bound_flag(&self, place: Place) -> Option<PointerValue<'ctx>> {
        match place {
            Place::Local(l) => self.local_flags[l.0 as usize],
            Place::Global(g) => Some(self.s.global_flags[g.0 as usize].as_pointer_value()),
        }
    }

    /// Raises UnboundLocalError/NameError when no assignment to `place` has run yet.
    pub(super) fn check_bound(&mut self, place: Place, line: Line) -> Result<()> {
        let Some(flag) = self.bound_flag(place) else { return Ok(()) };
        let bound = self.builder.build_load(self.ctx().bool_type(), flag, "bound")?.into_int_value();
        let (kind, msg) = match place {
            Place::Local(l) => {
                let name = &self.ir.locals[l.0 as usize].name;
                (ExcKind::UnboundLocal, format!("cannot access local variable '{name}' where it is not associated with a value"))
            }
            Place::Global(g) => (ExcKind::Name, format!("name '{}' is not defined", self.s.program.globals[g.0 as usize].name)),
        };
        self.raise_unless(bound, kind, &msg, line)
    }

    /// Continues when `ok` holds; otherwise raises `kind(msg)` at `line` and unwinds.
    pub(super) fn raise_unless(&mut self, ok: IntValue<'ctx>, kind: ExcKind, msg: &str, line: Line) -> Result<()> {
        let ok = self.expect(ok, true)?;
        let cont = self.new_block("ok");
        let fail = self.new_block("raise");
        self.builder.build_conditional_branch(ok, cont, fail)?;
        self.builder.position_at_end(fail);
        let text = self.cstr(msg)?;
        let kind = self.ctx().i32_type().const_int(kind as u64, false);
        self.call_void("mg_raise", &[kind.into(), text.into()])?;
        let unwind = self.unwind_block(line)?;
        self.builder.build_unconditional_branch(unwind)?;
        self.builder.position_at_end(cont);
        Ok(())
    }

    /// `range()` with a zero step raises ValueError, as in CPython.
    pub(super) fn check_range_step(&mut self, step: IntValue<'ctx>, line: Line) -> Result<()> {
        let nonzero = self.builder.build_int_compare(IntPredicate::NE, step, self.ctx().i64_type().const_zero(), "step")?;
        self.raise_unless(nonzero, ExcKind::Value, "range() arg 3 must not be zero", line)
    }

    pub(super) fn branch_if_open(&self, target: BasicBlock<'ctx>) -> Result<()> {
        if self.is_open() {
            self.builder.build_unconditional_branch(target)?;
        }
        Ok(())
    }

    /// An entry-block slot initialised (in the entry block) to `init`.
    pub(super) fn entry_alloca_init(&self, ty: inkwell::types::BasicTypeEnum<'ctx>, init: BasicValueEnum<'ctx>, name: &str) -> Result<PointerValue<'ctx>> {
        let entry = self.func.get_first_basic_block().ok_or_else(|| CodegenError::Internal("function without entry".into()))?;
        let tmp = self.ctx().create_builder();
        match entry.get_first_instruction() {
            Some(first) => tmp.position_before(&first),
            None => tmp.position_at_end(entry),
        }
        let slot = tmp.build_alloca(ty, name)?;
        tmp.build_store(slot, init)?;
        Ok(slot)
    }

    pub(super) fn entry_alloca(&self, ty: inkwell::types::BasicTypeEnum<'ctx>, name: &str) -> Result<PointerValue<'ctx>> {
        let entry = self.func.get_first_basic_block().ok_or_else(|| CodegenError::Internal("function without entry".into()))?;
        let tmp = self.ctx().create_builder();
        match entry.get_first_instruction() {
            Some(first) => tmp.position_before(&first),
            None => tmp.position_at_end(entry),
        }
        Ok(tmp.build_alloca(ty, name)?)
    }

    /// A NUL-terminated global string constant.
    pub(super) fn cstr(&mut self, text: &str) -> Result<PointerValue<'ctx>> {
        if let Some(p) = self.strings.get(text) {
            return Ok(*p);
        }
        let ptr = self.builder.build_global_string_ptr(text, "str")?.as_pointer_value();
        self.strings.insert(text.to_string(), ptr);
        Ok(ptr)
    }

    pub(super) fn call(&mut self, name: &str, args: &[BasicValueEnum<'ctx>]) -> Result<BasicValueEnum<'ctx>> {
        let f = runtime_fn(self.ctx(), self.s.module, name)?;
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        match self.builder.build_call(f, &args, name)?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Ok(v),
            inkwell::values::ValueKind::Instruction(_) => Err(CodegenError::Internal(format!("{name} returns void"))),
        }
    }

    pub(super) fn call_void(&mut self, name: &str, args: &[inkwell::values::BasicMetadataValueEnum<'ctx>]) -> Result<()> {
        let f = runtime_fn(self.ctx(), self.s.module, name)?;
        self.builder.build_call(f, args, "")?;
        Ok(())
    }

    /// Calls a runtime function that may raise, then checks for an exception.
    pub(super) fn call_checked(&mut self, name: &str, args: &[BasicValueEnum<'ctx>], line: Line) -> Result<BasicValueEnum<'ctx>> {
        let v = self.call(name, args)?;
        self.check_exc(line)?;
        Ok(v)
    }

    /// `{result, overflow} = intrinsic(a, b)`; on overflow raises OverflowError.
    pub(super) fn checked_int_op(&mut self, intrinsic: &str, a: IntValue<'ctx>, b: IntValue<'ctx>, line: Line) -> Result<BasicValueEnum<'ctx>> {
        let (value, overflow) = self.overflow_op(intrinsic, a, b)?;
        let cont = self.new_block("nooverflow");
        let raise = self.overflow_block(line)?;
        let overflow = self.expect(overflow, false)?;
        self.builder.build_conditional_branch(overflow, raise, cont)?;
        self.builder.position_at_end(cont);
        Ok(value.into())
    }

    pub(super) fn overflow_op(&mut self, intrinsic: &str, a: IntValue<'ctx>, b: IntValue<'ctx>) -> Result<(IntValue<'ctx>, IntValue<'ctx>)> {
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
    pub(super) fn expect(&mut self, cond: IntValue<'ctx>, likely: bool) -> Result<IntValue<'ctx>> {
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
    pub(super) fn check_exc(&mut self, line: Line) -> Result<()> {
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
    pub(super) fn unwind_block(&mut self, line: Line) -> Result<BasicBlock<'ctx>> {
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
        let cleanup = self.cleanup_block();
        self.builder.build_unconditional_branch(cleanup)?;
        if let Some(saved) = saved {
            self.builder.position_at_end(saved);
        }
        self.unwind_blocks.insert(line, bb);
        Ok(bb)
    }

    pub(super) fn build_return_zero(&mut self) -> Result<()> {
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
