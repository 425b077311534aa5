//! Translation of one MIR body (`mir::Body`) to the body of an LLVM function: registers,
//! blocks, terminators and error edges.  `ops.rs` translates the instructions.
//!
//! The translation decides nothing: the MIR already says where references are taken and
//! released (`IncRef`/`DecRef`) and where control goes on an exception (`CheckError`).
//!
//! - A register that is an SSA value (`mir::ssa`: assigned once, where that dominates every
//!   read) is an LLVM value; every other one is an entry-block alloca (mem2reg promotes
//!   them), initialised to null for heap registers and `SlotPtr`s.  Parameters are their
//!   registers' values on entry, without a reference: they are borrowed (see `mir` module
//!   docs).
//! - The LLVM entry block only sets registers up and branches to MIR `bb0`, so `bb0` may be
//!   a loop header.
//! - The last instruction of a block ending in `CheckError { ok, err }` emits its own error
//!   test (`ops.rs`) and branches to `err` on failure, through a small block that raises
//!   when the test is one the runtime did not raise for (overflow, list index); the
//!   terminator is then a plain branch to `ok`.
//! - `Unwind` returns a zero value of the function's return type, with the exception pending.

use inkwell::types::BasicType as _;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValueEnum, FunctionValue, IntValue, PhiValue, PointerValue};
use inkwell::AddressSpace;

use crate::check::types::Ty;
use crate::codegen::{llvm_type, runtime_fn, zero, CodegenError, Shared};
use crate::mir;

type Result<T> = std::result::Result<T, CodegenError>;

/// How many frames of recursive functions may be active: CPython's default limit (1000)
/// less the frames of `<module>` and `main` that hold most programs' recursions.
const RECURSION_LIMIT: u64 = 998;

/// Code that sets the pending exception on an error path (see `BodyGen::branch_on_error`).
pub(super) type RaiseFn<'f, G> = &'f dyn Fn(&mut G) -> Result<()>;

pub(super) struct BodyGen<'s, 'a, 'ctx> {
    pub(super) s: &'s Shared<'a, 'ctx>,
    pub(super) mir: &'a mir::Module,
    pub(super) body: &'a mir::Body,
    pub(super) func: FunctionValue<'ctx>,
    pub(super) builder: Builder<'ctx>,
    /// One entry-block slot per register that is not an SSA value (`mir::ssa`).
    pub(super) regs: Vec<Option<PointerValue<'ctx>>>,
    /// The LLVM value of each SSA register, once its definition is translated.
    pub(super) values: Vec<Option<BasicValueEnum<'ctx>>>,
    /// The LLVM block of each MIR block.
    pub(super) blocks: Vec<BasicBlock<'ctx>>,
    /// Whether the block being translated is on an exception path (every path from it
    /// unwinds): its releases call `mg_decref_cold` instead of inlining `mg_decref`.
    pub(super) cold: bool,
    /// Blocks that raise a given error and go to a given handler (`branch_on_error`).
    pub(super) raise_blocks: rustc_hash::FxHashMap<(&'static str, BasicBlock<'ctx>), BasicBlock<'ctx>>,
    /// This frame's recursion depth, in a function on a cycle of the call graph.
    pub(super) depth: Option<IntValue<'ctx>>,
    /// The function's one block that records its traceback frame and unwinds, with the
    /// phis of the line and its text (`unwind_with_frame`).
    pub(super) unwind: Option<(BasicBlock<'ctx>, PhiValue<'ctx>, PhiValue<'ctx>)>,
    /// With `-g`: the function's scope and its exception paths.
    pub(super) debug: Option<BodyDebug<'ctx>>,
}

/// What `-g` adds to a body's translation (`codegen::debug`).
pub(super) struct BodyDebug<'ctx> {
    scope: inkwell::debug_info::DIScope<'ctx>,
    /// The blocks only exception paths reach (`unwinding_blocks`, raising blocks and what
    /// is made while translating those), which `lower_body` moves to the end of the function.
    cold_blocks: Vec<BasicBlock<'ctx>>,
}

/// Fills `func` (declared with the function's signature) with the translation of `body`;
/// with debug info, `name` is the name debuggers show.
pub(crate) fn lower_body<'a, 'ctx>(s: &Shared<'a, 'ctx>, mir: &'a mir::Module, body: &'a mir::Body, func: FunctionValue<'ctx>, name: Option<&str>) -> Result<()> {
    let ctx = s.ctx;
    let builder = ctx.create_builder();
    let entry = ctx.append_basic_block(func, "entry");
    builder.position_at_end(entry);
    // The function's first line stands for its `def` (the MIR does not keep that line).
    let first_line = body.blocks.iter().flat_map(|b| &b.insts).map(|i| i.line).filter(|&l| l > 0).min().unwrap_or(1);
    let scope = s.debug.map(|d| {
        use inkwell::debug_info::AsDIScope as _;
        let scope = d.subprogram(s.file, func, name.unwrap_or(&body.name), first_line).as_debug_info_scope();
        // The entry block's set-up (slots, parameters stored in them) is the prologue: no
        // line, so that the prologue ends after it and a breakpoint on the function or its
        // first line sees the parameters in their slots.
        builder.set_current_debug_location(d.location(ctx, s.file, scope, 0));
        scope
    });
    // Registers assigned once where that dominates every read are LLVM values; the others
    // are entry-block slots (mem2reg promotes them); registers nothing mentions get nothing.
    // One CFG and one block order serve the SSA analysis and the translation order below.
    let cfg = crate::mir::dataflow::cfg(body);
    let rpo = crate::mir::ssa::reverse_postorder(body, &cfg);
    let ssa = crate::mir::ssa::ssa_registers(body, &cfg, &rpo);
    let mut regs = Vec::with_capacity(body.regs.len());
    let used = crate::mir::ssa::used_registers(body);
    // With `-g`, the program's variables that gdb can show (`codegen::debug`), each with a
    // slot of its own, even an SSA one, as clang gives every C local: declared on its slot,
    // a variable is there at every point of an unoptimised function, and where mem2reg
    // promotes the slot it turns the declaration into values.
    let described = |idx: usize, info: &mir::RegInfo| match (s.debug, &info.name) {
        (Some(d), Some(name)) if used[idx] && super::debug::is_variable(name) => d.var_type(&info.ty),
        _ => None,
    };
    for (idx, info) in body.regs.iter().enumerate() {
        if (ssa[idx] && described(idx, info).is_none()) || !used[idx] {
            regs.push(None);
            continue;
        }
        let ty = reg_llvm_type(ctx, &info.ty);
        let name = info.name.clone().unwrap_or_else(|| format!("r{idx}"));
        let slot = builder.build_alloca(ty, &name)?;
        // Lowering never reads a scalar register before assigning it (bound flags guard
        // locals), but a heap register may be released before any assignment reached it.
        if info.ty.is_heap() || info.ty == crate::mir::RegTy::SlotPtr {
            builder.build_store(slot, zero(ty))?;
        }
        if let (Some(d), Some(scope), Some(var_ty), Some(var_name)) = (s.debug, scope, described(idx, info), &info.name) {
            let arg = body.params.iter().position(|p| p.0 as usize == idx).map(|n| n as u32 + 1);
            let var = d.variable(s.file, scope, var_name, arg, first_line, var_ty);
            d.declare(slot, var, var_ty, d.location(ctx, s.file, scope, first_line), entry);
        }
        regs.push(Some(slot));
    }
    let mut values = vec![None; body.regs.len()];
    if body.params.len() != func.count_params() as usize {
        return Err(CodegenError::Internal(format!("MIR body {} has {} parameters, its LLVM function {}", body.name, body.params.len(), func.count_params())));
    }
    for (idx, param) in body.params.iter().enumerate() {
        let value = func.get_nth_param(idx as u32).ok_or_else(|| CodegenError::Internal("missing parameter".into()))?;
        match regs.get(param.0 as usize) {
            Some(Some(slot)) => {
                builder.build_store(*slot, value)?;
            }
            Some(None) => values[param.0 as usize] = Some(value),
            None => return Err(CodegenError::Internal(format!("parameter register {param} out of range"))),
        }
    }
    let blocks: Vec<BasicBlock<'ctx>> = (0..body.blocks.len()).map(|idx| ctx.append_basic_block(func, &format!("bb{idx}"))).collect();
    let Some(first) = blocks.first() else {
        return Err(CodegenError::Internal(format!("MIR body {} has no blocks", body.name)));
    };
    let first = *first;
    let debug = scope.map(|scope| BodyDebug { scope, cold_blocks: Vec::new() });
    let mut g = BodyGen { s, mir, body, func, builder, regs, values, blocks, cold: false, raise_blocks: Default::default(), depth: None, unwind: None, debug };
    if body.recursive {
        g.enter_recursion()?;
    }
    g.builder.build_unconditional_branch(first)?;
    let cold = unwinding_blocks(body, &cfg);
    // Dominators first, so that an SSA register's value exists before its reads; blocks
    // nothing reaches get `unreachable`.
    let mut translated = vec![false; body.blocks.len()];
    for idx in rpo {
        translated[idx] = true;
        g.cold = cold[idx];
        g.builder.position_at_end(g.blocks[idx]);
        g.block(&body.blocks[idx])?;
    }
    for (idx, done) in translated.iter().enumerate() {
        if !done {
            g.builder.position_at_end(g.blocks[idx]);
            g.builder.build_unreachable()?;
        }
    }
    // With `-g`, exception paths go after the normal ones, as block placement puts them
    // when optimising: gdb breaks at a line's first address in a function, which must be
    // on the path that runs, not in a handler that records the line for a traceback.
    if let Some(bd) = &g.debug {
        let cold_mir = g.blocks.iter().zip(&cold).filter(|(_, c)| **c).map(|(b, _)| *b);
        for bb in cold_mir.chain(bd.cold_blocks.iter().copied()).collect::<Vec<_>>() {
            // Empty continuations were taken out of the function (`term`).
            if bb.get_parent().is_none() {
                continue;
            }
            if let Some(last) = func.get_last_basic_block() {
                if last != bb {
                    bb.move_after(last).map_err(|_| CodegenError::Internal("cannot move a block".into()))?;
                }
            }
        }
    }
    Ok(())
}

/// The line of instruction `idx` of `block` for debug info: its own, or for code the
/// passes added (line 0: reference counting, flags), the line before it in the block, else
/// the one after, else none (0).  A line-0 location between two of a line's instructions
/// would make gdb's line table restart the line without a statement mark.
fn line_at(block: &mir::Block, idx: usize) -> crate::check::ir::Line {
    let insts = &block.insts;
    insts[..=idx].iter().rev().chain(&insts[idx + 1..]).map(|i| i.line).find(|&l| l > 0).unwrap_or(0)
}

/// Blocks from which no path returns normally: every path ends in `Unwind`.
fn unwinding_blocks(body: &mir::Body, cfg: &crate::mir::dataflow::Cfg) -> Vec<bool> {
    let n = body.blocks.len();
    let mut returns = vec![false; n];
    let mut work: Vec<usize> = (0..n).filter(|b| matches!(body.blocks[*b].term, mir::Term::Return(_))).collect();
    for b in &work {
        returns[*b] = true;
    }
    while let Some(b) = work.pop() {
        for p in &cfg.preds[b] {
            let p = p.0 as usize;
            if !returns[p] {
                returns[p] = true;
                work.push(p);
            }
        }
    }
    returns.iter().map(|r| !r).collect()
}

/// The LLVM type of a register.
pub(super) fn reg_llvm_type<'ctx>(ctx: &'ctx Context, ty: &mir::RegTy) -> BasicTypeEnum<'ctx> {
    match ty {
        mir::RegTy::Py(t) => llvm_type(ctx, t),
        mir::RegTy::SlotPtr | mir::RegTy::Boxed(_) => ctx.ptr_type(AddressSpace::default()).into(),
    }
}

impl<'s, 'a, 'ctx> BodyGen<'s, 'a, 'ctx> {
    pub(super) fn ctx(&self) -> &'ctx Context {
        self.s.ctx
    }

    pub(super) fn new_block(&mut self, name: &str) -> BasicBlock<'ctx> {
        let bb = self.ctx().append_basic_block(self.func, name);
        if self.cold {
            self.mark_cold(bb);
        }
        bb
    }

    /// Notes a block that only exception paths reach (with `-g`, see `lower_body`).
    fn mark_cold(&mut self, bb: BasicBlock<'ctx>) {
        if let Some(bd) = &mut self.debug {
            bd.cold_blocks.push(bb);
        }
    }

    fn target(&self, b: mir::BlockId) -> Result<BasicBlock<'ctx>> {
        self.blocks.get(b.0 as usize).copied().ok_or_else(|| CodegenError::Internal(format!("{}: successor {b} out of range", self.body.name)))
    }

    fn block(&mut self, block: &mir::Block) -> Result<()> {
        let err = match block.term {
            mir::Term::CheckError { err, .. } => Some(self.target(err)?),
            _ => None,
        };
        // A handler that records the frame and unwinds joins the function's one such block.
        if let (Some(last), mir::Term::Unwind) = (block.insts.last(), &block.term) {
            if matches!(last.op, mir::Op::TbAdd) {
                for (idx, inst) in block.insts[..block.insts.len() - 1].iter().enumerate() {
                    self.set_line(line_at(block, idx));
                    self.inst(inst, None)?;
                }
                self.set_line(last.line);
                return self.unwind_with_frame(last.line);
            }
        }
        let n_insts = block.insts.len();
        for (idx, inst) in block.insts.iter().enumerate() {
            let err_edge = if idx + 1 == n_insts { err } else { None };
            self.set_line(line_at(block, idx));
            self.inst(inst, err_edge)?;
        }
        self.term(&block.term)
    }

    /// With `-g`, the debug location of what follows: `line` (of the whole text).
    fn set_line(&self, line: crate::check::ir::Line) {
        if line == 0 {
            return;
        }
        if let (Some(d), Some(bd)) = (self.s.debug, &self.debug) {
            self.builder.set_current_debug_location(d.location(self.ctx(), self.s.file, bd.scope, line));
        }
    }

    /// Records this function's traceback frame for `line` and unwinds, through one block
    /// per function shared by every handler (the line and its text are phis): one call of
    /// `mg_tb_add` instead of one per line keeps a function small enough to inline where
    /// it is called (`divstep` of benches/tuple_return.py).
    fn unwind_with_frame(&mut self, line: crate::check::ir::Line) -> Result<()> {
        let ctx = self.ctx();
        let (bb, line_phi, src_phi) = match self.unwind {
            Some(u) => u,
            None => {
                let saved = self.builder.get_insert_block();
                let bb = self.new_block("unwind");
                self.mark_cold(bb);
                self.builder.position_at_end(bb);
                let line_phi = self.builder.build_phi(ctx.i32_type(), "line")?;
                let src_phi = self.builder.build_phi(ctx.ptr_type(AddressSpace::default()), "text")?;
                // A function is in one module, so its file is that of any of its lines.
                let (file_name, _) = self.s.file.traceback_location(line);
                let file = self.s.consts.cstr(file_name);
                let func_name = self.s.consts.cstr(&self.body.name);
                let args = [file.into(), line_phi.as_basic_value(), func_name.into(), src_phi.as_basic_value()];
                self.call_rt("mg_tb_add", &args)?;
                self.return_zero()?;
                if let Some(saved) = saved {
                    self.builder.position_at_end(saved);
                }
                self.unwind = Some((bb, line_phi, src_phi));
                (bb, line_phi, src_phi)
            }
        };
        let here = self.builder.get_insert_block().ok_or_else(|| CodegenError::Internal("no insertion block".into()))?;
        let line_value = ctx.i32_type().const_int(self.s.file.traceback_location(line).1 as u64, false);
        let src = self.s.consts.cstr(self.s.file.line_text(line));
        line_phi.add_incoming(&[(&line_value, here)]);
        src_phi.add_incoming(&[(&src, here)]);
        self.builder.build_unconditional_branch(bb)?;
        Ok(())
    }

    fn term(&mut self, term: &mir::Term) -> Result<()> {
        match term {
            mir::Term::Goto(b) => {
                let target = self.target(*b)?;
                self.builder.build_unconditional_branch(target)?;
            }
            mir::Term::Branch { cond, then, else_, likely } => {
                let c = self.operand(cond)?.into_int_value();
                let (then, else_) = (self.target(*then)?, self.target(*else_)?);
                self.cond_br(c, then, else_, *likely)?;
            }
            // The block's last instruction emitted the test and the branch to `err`.
            mir::Term::CheckError { ok, .. } => {
                let ok = self.target(*ok)?;
                // When the operation emitted nothing after its test, its "ok" block is empty:
                // branch straight to `ok` instead of through it.
                match self.builder.get_insert_block() {
                    Some(cont) if cont.get_first_instruction().is_none() && cont.get_first_use().is_some() => {
                        cont.replace_all_uses_with(&ok);
                        cont.remove_from_function().map_err(|_| CodegenError::Internal("cannot remove an empty block".into()))?;
                    }
                    _ => {
                        self.builder.build_unconditional_branch(ok)?;
                    }
                }
            }
            mir::Term::Return(value) => match (value, self.body.ret) {
                (_, Ty::NONE) => {
                    self.builder.build_return(None)?;
                }
                (Some(v), _) => {
                    let v = self.operand(v)?;
                    self.builder.build_return(Some(&v))?;
                }
                (None, ty) => return Err(CodegenError::Internal(format!("{}: `return` without a value in a function returning {ty}", self.body.name))),
            },
            mir::Term::Unwind => self.return_zero()?,
            mir::Term::Unreachable => {
                self.builder.build_unreachable()?;
            }
        }
        Ok(())
    }

    /// On entry to a function on a cycle of the call graph: its recursion depth is what its
    /// caller stored (see `depth_for_call`). Nothing is restored on the way out: every call
    /// of such a function stores the callee's depth first, so a stale value is never read.
    /// The load sinks to the calls that use it, so a recursion's base case costs nothing.
    pub(super) fn enter_recursion(&mut self) -> Result<()> {
        let d = self.builder.build_load(self.ctx().i32_type(), self.recursion_depth(), "depth")?;
        self.depth = Some(d.into_int_value());
        Ok(())
    }

    /// Before a call of a function on a cycle of the call graph: the callee's depth, one
    /// more than this function's own if it recurses too; past CPython's limit,
    /// RecursionError as the call's error (CPython raises at the call: the callee's frame
    /// is not in the traceback). A function off every cycle does not know its depth, so
    /// the recursions it starts count from 1: nested recursions through such a function
    /// are each bounded, not bounded together.
    pub(super) fn depth_for_call(&mut self, callee_recursive: bool, err: Option<BasicBlock<'ctx>>) -> Result<()> {
        if !callee_recursive {
            return Ok(());
        }
        let i32_ty = self.ctx().i32_type();
        let one = i32_ty.const_int(1, false);
        let callee_depth = match self.depth {
            Some(d) => {
                let Some(err) = err else {
                    return Err(CodegenError::Internal(format!("{}: a call of a recursive function without an error edge", self.body.name)));
                };
                let d1 = self.builder.build_int_add(d, one, "depth1")?;
                let over = self.builder.build_int_compare(inkwell::IntPredicate::SGT, d1, i32_ty.const_int(RECURSION_LIMIT, false), "toodeep")?;
                self.branch_on_error(over, err, Some(("recursion", &|g: &mut Self| g.call_rt("mg_raise_recursion", &[]).map(|_| ()))))?;
                d1
            }
            None => one,
        };
        self.builder.build_store(self.recursion_depth(), callee_depth)?;
        Ok(())
    }

    fn recursion_depth(&self) -> PointerValue<'ctx> {
        crate::codegen::recursion_depth(self.ctx(), self.s.module)
    }

    /// Returns a zero value of the function's return type (the exception stays pending).
    fn return_zero(&mut self) -> Result<()> {
        match self.body.ret {
            Ty::NONE => self.builder.build_return(None)?,
            ref ty => {
                let z = zero(llvm_type(self.ctx(), ty));
                self.builder.build_return(Some(&z))?
            }
        };
        Ok(())
    }

    /// Branches to `err` when `failed` holds (marked unlikely), through a block that first
    /// runs `raise` when the runtime has not raised already; continues in a fresh block.
    pub(super) fn branch_on_error(&mut self, failed: IntValue<'ctx>, err: BasicBlock<'ctx>, raise: Option<(&'static str, RaiseFn<'_, Self>)>) -> Result<()> {
        let cont = self.new_block("ok");
        let target = match raise {
            // One raising block per (kind of error, handler), shared by every check that needs it.
            Some((key, raise)) => match self.raise_blocks.get(&(key, err)) {
                Some(bb) => *bb,
                None => {
                    let bb = self.new_block("raise");
                    self.mark_cold(bb);
                    let saved = self.builder.get_insert_block();
                    self.builder.position_at_end(bb);
                    raise(self)?;
                    self.builder.build_unconditional_branch(err)?;
                    if let Some(saved) = saved {
                        self.builder.position_at_end(saved);
                    }
                    self.raise_blocks.insert((key, err), bb);
                    bb
                }
            },
            None => err,
        };
        self.cond_br(failed, target, cont, Some(false))?;
        self.builder.position_at_end(cont);
        Ok(())
    }

    /// A conditional branch; `likely` says which way it usually goes (branch weights, as
    /// clang gives `__builtin_expect`), when known.
    pub(super) fn cond_br(&mut self, cond: IntValue<'ctx>, then: BasicBlock<'ctx>, else_: BasicBlock<'ctx>, likely: Option<bool>) -> Result<()> {
        let br = self.builder.build_conditional_branch(cond, then, else_)?;
        if let Some(likely) = likely {
            let ctx = self.ctx();
            let (hot, cold) = (ctx.i32_type().const_int(2000, false), ctx.i32_type().const_int(1, false));
            let (w_then, w_else) = if likely { (hot, cold) } else { (cold, hot) };
            let weights = ctx.metadata_node(&[ctx.metadata_string("branch_weights").into(), w_then.into(), w_else.into()]);
            br.set_metadata(weights, ctx.get_kind_id("prof")).map_err(|e| CodegenError::Internal(format!("branch weights: {e:?}")))?;
        }
        Ok(())
    }

    /// Branches to `err` when an exception is pending in `mg_current_exc`.
    pub(super) fn check_pending(&mut self, err: BasicBlock<'ctx>) -> Result<()> {
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        let exc = self.builder.build_load(ptr_ty, self.s.exc.as_pointer_value(), "exc")?.into_pointer_value();
        let pending = self.builder.build_is_not_null(exc, "pending")?;
        self.branch_on_error(pending, err, None)
    }

    /// Calls a runtime function by name; `None` for a void result.
    pub(super) fn call_rt(&mut self, name: &str, args: &[BasicValueEnum<'ctx>]) -> Result<Option<BasicValueEnum<'ctx>>> {
        let f = runtime_fn(self.ctx(), self.s.module, name)?;
        let args: Vec<_> = args.iter().map(|a| (*a).into()).collect();
        Ok(match self.builder.build_call(f, &args, "")?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Some(v),
            inkwell::values::ValueKind::Instruction(_) => None,
        })
    }

    /// The code pointer of a function value of `func`: the function itself when it takes
    /// its function object, else a trampoline (`py.NAME.value`, one per module) that drops
    /// the object and calls it. The trampoline does nothing else, so a recursive callee
    /// still reads the depth the caller stored (`depth_for_call`).
    pub(super) fn func_entry(&mut self, func: crate::check::ir::FuncId, env: bool) -> Result<inkwell::values::FunctionValue<'ctx>> {
        let ctx = self.ctx();
        let target = *self.s.functions.get(func.0 as usize).ok_or_else(|| CodegenError::Internal(format!("address of unknown function {}", func.0)))?;
        if env {
            return Ok(target);
        }
        let name = format!("{}.value", target.get_name().to_string_lossy());
        if let Some(f) = self.s.module.get_function(&name) {
            return Ok(f);
        }
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let fn_ty = target.get_type();
        let mut params: Vec<inkwell::types::BasicMetadataTypeEnum<'ctx>> = vec![ptr_ty.into()];
        params.extend(fn_ty.get_param_types().into_iter().map(|t| inkwell::types::BasicMetadataTypeEnum::from(t)));
        let tramp_ty = match fn_ty.get_return_type() {
            Some(r) => r.fn_type(&params, false),
            None => ctx.void_type().fn_type(&params, false),
        };
        let f = self.s.module.add_function(&name, tramp_ty, Some(inkwell::module::Linkage::Internal));
        let b = ctx.create_builder();
        b.position_at_end(ctx.append_basic_block(f, "entry"));
        let args: Vec<inkwell::values::BasicMetadataValueEnum<'ctx>> = f.get_param_iter().skip(1).map(|p| p.into()).collect();
        let call = b.build_call(target, &args, "r")?;
        call.set_tail_call(true);
        match call.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => b.build_return(Some(&v))?,
            inkwell::values::ValueKind::Instruction(_) => b.build_return(None)?,
        };
        Ok(f)
    }

    /// The value of an operand.
    pub(super) fn operand(&mut self, op: &mir::Operand) -> Result<BasicValueEnum<'ctx>> {
        let ctx = self.ctx();
        Ok(match op {
            mir::Operand::Reg(r) => match self.regs.get(r.0 as usize) {
                Some(Some(slot)) => {
                    let ty = reg_llvm_type(ctx, self.body.reg_ty(*r));
                    self.builder.build_load(ty, *slot, &format!("{r}"))?
                }
                Some(None) => self.values[r.0 as usize].ok_or_else(|| CodegenError::Internal(format!("{}: {r} read before its definition", self.body.name)))?,
                None => return Err(CodegenError::Internal(format!("{}: register {r} out of range", self.body.name))),
            },
            mir::Operand::Const(c) => match c {
                mir::Const::Int(v) => ctx.i64_type().const_int(*v as u64, true).into(),
                mir::Const::Float(v) => ctx.f64_type().const_float(*v).into(),
                mir::Const::Bool(v) => ctx.bool_type().const_int(*v as u64, false).into(),
                mir::Const::None => ctx.bool_type().const_zero().into(),
                mir::Const::Str(s) => self.s.consts.str_literal(s).into(),
                mir::Const::TypeDesc(t) => self.s.consts.type_desc(t).into(),
                mir::Const::CStr(s) => self.s.consts.cstr(s).into(),
                mir::Const::Null => ctx.ptr_type(AddressSpace::default()).const_null().into(),
                mir::Const::Slots(items) => self.s.consts.slots(items)?.into(),
                mir::Const::FuncAddr { func, env } => {
                    let f = self.func_entry(*func, *env)?;
                    self.builder.build_ptr_to_int(f.as_global_value().as_pointer_value(), ctx.i64_type(), "code")?.into()
                }
            },
        })
    }

    /// The type of an operand (constants: the type they stand for; C strings, type
    /// descriptors and null are raw pointers).
    pub(super) fn operand_ty(&self, op: &mir::Operand) -> mir::RegTy {
        match op {
            mir::Operand::Reg(r) => self.body.reg_ty(*r).clone(),
            mir::Operand::Const(c) => match c {
                mir::Const::Int(_) => mir::RegTy::Py(Ty::INT),
                mir::Const::Float(_) => mir::RegTy::Py(Ty::FLOAT),
                mir::Const::Bool(_) => mir::RegTy::Py(Ty::BOOL),
                mir::Const::None => mir::RegTy::Py(Ty::NONE),
                mir::Const::Str(_) => mir::RegTy::Py(Ty::STR),
                mir::Const::FuncAddr { .. } => mir::RegTy::Py(Ty::INT),
                mir::Const::TypeDesc(_) | mir::Const::CStr(_) | mir::Const::Null | mir::Const::Slots(_) => mir::RegTy::SlotPtr,
            },
        }
    }

    /// Stores `value` into register `dst`.
    pub(super) fn set(&mut self, dst: Option<mir::Reg>, value: BasicValueEnum<'ctx>) -> Result<()> {
        let Some(dst) = dst else { return Ok(()) };
        match self.regs.get(dst.0 as usize) {
            Some(Some(slot)) => {
                self.builder.build_store(*slot, value)?;
            }
            Some(None) => self.values[dst.0 as usize] = Some(value),
            None => return Err(CodegenError::Internal(format!("{}: register {dst} out of range", self.body.name))),
        }
        Ok(())
    }

    /// The Python type of register `dst`, when it has one.
    pub(super) fn dst_ty(&self, dst: Option<mir::Reg>) -> Option<mir::RegTy> {
        dst.map(|d| self.body.reg_ty(d).clone())
    }
}
