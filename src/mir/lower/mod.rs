//! Lowering: the checker's typed tree (`check::ir`) to MIR, one function at a time.
//!
//! Lowering decides evaluation order, control flow and where errors go; it emits no
//! reference counting (the `refcount` pass does, from each operation's ownership
//! contract). `mod.rs` holds the builder and statements, `expr.rs` expressions,
//! `containers.rs` container operations, methods and builtins, `iter.rs` loops.

mod containers;
mod exceptions;
mod expr;
mod generators;
mod iter;

use rustc_hash::FxHashMap;

use crate::check::ir::{self, FuncId, Line, Place, Stmt};
use crate::check::types::Ty;
use crate::mir::{Block, BlockId, Body, Const, ExcKind, GlobalInfo, Inst, Module, Op, Operand, Reg, RegInfo, RegTy, RtCall, Own, Term};
use crate::syntax::SourceFile;

/// Lowers every function of `program`.
pub fn lower(program: &ir::Program, file: &SourceFile) -> Module {
    let frozen = frozenset_constants(program);
    let bodies = program.functions.iter().enumerate().map(|(idx, f)| lower_function(program, file, &frozen, f, FuncId(idx as u32))).collect();
    let globals = program.globals.iter().map(|g| GlobalInfo { name: g.name.clone(), ty: g.ty }).collect();
    Module { bodies, globals, module_init: program.module_init }
}

/// CPython's compiler keeps one frozenset constant per distinct set of constants in a
/// module, the first it compiles (in source order): for each such set, the items of that
/// first display, in its order (see `ir::Program::set_constants`).
fn frozenset_constants(program: &ir::Program) -> FxHashMap<Vec<ir::ConstItem>, Vec<ir::ConstItem>> {
    let mut displays: Vec<&ir::SetConstant> = program.set_constants.iter().collect();
    displays.sort_by_key(|d| d.offset);
    let mut first = FxHashMap::default();
    for d in displays {
        first.entry(ir::ConstItem::key(&d.items)).or_insert_with(|| d.items.clone());
    }
    first
}

fn lower_function(program: &ir::Program, file: &SourceFile, frozen: &FxHashMap<Vec<ir::ConstItem>, Vec<ir::ConstItem>>, f: &ir::Function, id: FuncId) -> Body {
    let name = if id == program.module_init { "<module>".to_string() } else { f.name.clone() };
    let body = Body { name, params: Vec::new(), regs: Vec::new(), blocks: vec![Block::default()], ret: f.ret, may_raise: true, recursive: false };
    let mut l = Lower { program, file, frozen, f, body, cur: BlockId(0), open: true, locals: Vec::new(), bound: Vec::new(), loops: Vec::new(), handlers: FxHashMap::default(), item_value: None, last_line: 1, unboxed: FxHashMap::default(), try_stack: Vec::new(), cleanups: Vec::new(), loop_cleanups: Vec::new(), unwind_block: None, try_handlers: FxHashMap::default(), frames: Vec::new() };
    for local in &f.locals {
        // A cell local's register holds its cell (`ir::Local::cell`).
        let ty = local.cell.unwrap_or(local.ty);
        let r = l.new_reg(RegTy::Py(ty), Some(local.name.clone()));
        l.locals.push(r);
    }
    // A parameter that is a cell arrives as a value: its cell is made on entry.
    let cell_params: Vec<(ir::LocalId, Reg)> = f.params.iter().filter(|p| f.locals[p.0 as usize].cell.is_some()).map(|p| (*p, l.new_reg(RegTy::Py(f.locals[p.0 as usize].ty), Some(f.locals[p.0 as usize].name.clone())))).collect();
    l.body.params = f.params.iter().map(|p| cell_params.iter().find(|(c, _)| c == p).map_or(l.locals[p.0 as usize], |(_, r)| *r)).collect();
    // Reading a local no assignment reached raises UnboundLocalError: one flag per local
    // (parameters are always bound). LLVM deletes the flags where assignment dominates.
    // A cell keeps its own flag.
    for (idx, local) in f.locals.iter().enumerate() {
        let is_param = f.params.iter().any(|p| p.0 as usize == idx);
        let flag = if is_param || local.cell.is_some() {
            None
        } else {
            let r = l.new_reg(RegTy::Py(Ty::BOOL), Some(format!("{}.bound", local.name)));
            l.emit(Some(r), Op::Use(Operand::Const(Const::Bool(false))), 0);
            Some(r)
        };
        l.bound.push(flag);
    }
    // Cells: a closure's free variables come from its function object (fields after the
    // code pointer); the function's own captured variables get new cells.
    let free: &[ir::LocalId] = f.closure.as_ref().map_or(&[], |c| &c.free);
    for (i, local) in free.iter().enumerate() {
        let env = Operand::Reg(l.locals[f.params[0].0 as usize]);
        let r = l.local_reg(*local);
        l.emit(Some(r), Op::FieldGet(env, 1 + i as u32), 0);
    }
    for (idx, local) in f.locals.iter().enumerate() {
        if local.cell.is_some() && !free.iter().any(|l| l.0 as usize == idx) {
            l.new_cell(ir::LocalId(idx as u32), 0);
        }
    }
    for (p, r) in cell_params {
        l.assign(Place::Local(p), Operand::Reg(r), 0);
    }
    l.block(&f.body);
    if l.open {
        match f.ret {
            Ty::NONE => {
                l.keep_iterators_alive(l.last_line);
                l.terminate(Term::Return(None))
            }
            // The checker proves every path returns; falling off the end is a compiler bug,
            // reported as a Python-level error rather than undefined behaviour.
            _ => {
                let msg = Const::CStr("function ended without returning a value (multigen internal error)".into());
                l.emit(None, Op::Raise { kind: ExcKind::Runtime, msg: Some(Operand::Const(msg)) }, l.last_line);
                let unwind = l.new_block();
                l.terminate(Term::Goto(unwind));
                l.body.blocks[unwind.0 as usize].term = Term::Unwind;
            }
        }
    }
    l.body
}

/// A variable of the program holding a generator (not a cell, nor a temporary of the
/// checker's, `<arg0>`..., which CPython would release as soon as its use is over).
fn is_kept_iterator(local: &ir::Local) -> bool {
    local.cell.is_none() && local.ty.iter_elem().is_some() && !local.name.starts_with('<')
}

pub(super) struct Lower<'a> {
    program: &'a ir::Program,
    file: &'a SourceFile,
    /// The frozenset constants of the module (`frozenset_constants`).
    frozen: &'a FxHashMap<Vec<ir::ConstItem>, Vec<ir::ConstItem>>,
    f: &'a ir::Function,
    body: Body,
    /// The block being filled; `open` is false once it has its terminator (code after
    /// `return`/`break` then goes to a fresh block nothing jumps to).
    cur: BlockId,
    open: bool,
    locals: Vec<Reg>,
    /// Per local: its bound flag (`None` for parameters).
    bound: Vec<Option<Reg>>,
    /// (continue target, break target) of the enclosing loops.
    loops: Vec<(BlockId, BlockId)>,
    /// One error handler per source line: a traceback frame, then unwinding.
    handlers: FxHashMap<Line, BlockId>,
    /// What `ExprKind::ItemValue` stands for while a `Stmt::UpdateItem` is lowered.
    item_value: Option<Operand>,
    last_line: Line,
    /// Temporaries holding a tuple unpacked from a box (assigned once): the box.
    unboxed: FxHashMap<Reg, Reg>,
    /// Where errors go inside the `try` constructs being lowered, innermost last.
    try_stack: Vec<BlockId>,
    /// What leaving those constructs early must run (`exceptions::Cleanup`), innermost last.
    cleanups: Vec<exceptions::Cleanup<'a>>,
    /// Per loop: how many cleanups were active when it started.
    loop_cleanups: Vec<usize>,
    /// The block that unwinds out of the function (its frame already recorded).
    unwind_block: Option<BlockId>,
    /// The error blocks of `try` bodies, per (line, error target).
    try_handlers: FxHashMap<(Line, BlockId), BlockId>,
    /// Inline frames being lowered (`ExprKind::InFrame`), innermost last: (name, the
    /// enclosing frame's line).
    frames: Vec<(String, Line)>,
}

impl<'a> Lower<'a> {
    pub(super) fn new_reg(&mut self, ty: RegTy, name: Option<String>) -> Reg {
        let r = Reg(self.body.regs.len() as u32);
        self.body.regs.push(RegInfo { ty, name });
        r
    }

    pub(super) fn temp(&mut self, ty: &Ty) -> Reg {
        self.new_reg(RegTy::Py(*ty), None)
    }

    pub(super) fn new_block(&mut self) -> BlockId {
        self.body.blocks.push(Block::default());
        BlockId(self.body.blocks.len() as u32 - 1)
    }

    /// Continues in `b`, which must not have a terminator yet.
    pub(super) fn switch_to(&mut self, b: BlockId) {
        self.cur = b;
        self.open = true;
    }

    pub(super) fn ensure_open(&mut self) {
        if !self.open {
            let dead = self.new_block();
            self.switch_to(dead);
        }
    }

    pub(super) fn emit(&mut self, dst: Option<Reg>, op: Op, line: Line) {
        if line > 0 {
            self.last_line = line;
        }
        // A container slot holds a tuple as one boxed object.
        let op = match op {
            Op::ListSet(l, i, v) => Op::ListSet(l, i, self.boxed(v, line)),
            Op::StoreSlot(c, p, v) => Op::StoreSlot(c, p, self.boxed(v, line)),
            Op::DictValuePtr(d, k) => Op::DictValuePtr(d, self.boxed(k, line)),
            Op::FieldSet(o, i, v) => Op::FieldSet(o, i, self.boxed(v, line)),
            op => op,
        };
        self.body.blocks[self.cur.0 as usize].insts.push(Inst { dst, op, line });
    }

    /// `v` as one object: a box of it when it is a tuple (a runtime argument, a slot's value).
    pub(super) fn boxed(&mut self, v: Operand, line: Line) -> Operand {
        let Operand::Reg(r) = v else { return v };
        let RegTy::Py(ty) = *self.body.reg_ty(r) else { return v };
        if ty.tuple_fields().is_none() {
            return v;
        }
        // A tuple just unpacked from a box (an item read to be printed or stored again):
        // that box, rather than a copy.
        if let Some(b) = self.unboxed.get(&r) {
            return Operand::Reg(*b);
        }
        let b = self.new_reg(RegTy::Boxed(ty), None);
        self.body.blocks[self.cur.0 as usize].insts.push(Inst { dst: Some(b), op: Op::BoxTuple(v), line });
        Operand::Reg(b)
    }

    /// Emits `op`, whose result is a container slot or a runtime result, of type `ty`: a
    /// tuple comes as a box, which is unpacked (its fields borrowed from the box).
    pub(super) fn emit_unboxing(&mut self, op: Op, ty: &Ty, line: Line) -> Option<Operand> {
        ty.tuple_fields()?;
        let b = self.new_reg(RegTy::Boxed(*ty), None);
        self.emit_maybe_raising(Some(b), op, line);
        let t = self.temp(ty);
        self.emit(Some(t), Op::UnboxTuple(Operand::Reg(b)), line);
        self.unboxed.insert(t, b);
        Some(Operand::Reg(t))
    }

    pub(super) fn terminate(&mut self, term: Term) {
        if self.open {
            self.body.blocks[self.cur.0 as usize].term = term;
            self.open = false;
        }
    }

    pub(super) fn goto(&mut self, target: BlockId) {
        self.terminate(Term::Goto(target));
    }

    pub(super) fn branch(&mut self, cond: Operand, then: BlockId, else_: BlockId, likely: Option<bool>) {
        self.terminate(Term::Branch { cond, then, else_, likely });
    }

    /// Emits an operation that may raise, with its error edge to `line`'s handler, and
    /// continues after it.
    pub(super) fn emit_raising(&mut self, dst: Option<Reg>, op: Op, line: Line) {
        self.emit(dst, op, line);
        let ok = self.new_block();
        let err = self.handler(line);
        self.terminate(Term::CheckError { ok, err });
        self.switch_to(ok);
    }

    /// An operation with a result of type `ty`, raising or not.
    pub(super) fn op_value(&mut self, op: Op, ty: &Ty, line: Line) -> Operand {
        if matches!(op, Op::ListGet(..) | Op::ListLoad(..) | Op::LoadSlot(..) | Op::FieldGet(..)) {
            if let Some(v) = self.emit_unboxing(op.clone(), ty, line) {
                return v;
            }
        }
        if *ty == Ty::NONE {
            self.emit_maybe_raising(None, op, line);
            return Operand::Const(Const::None);
        }
        let r = self.temp(ty);
        self.emit_maybe_raising(Some(r), op, line);
        Operand::Reg(r)
    }

    fn emit_maybe_raising(&mut self, dst: Option<Reg>, op: Op, line: Line) {
        if op.may_raise(&|_| true) {
            self.emit_raising(dst, op, line);
        } else {
            self.emit(dst, op, line);
        }
    }

    /// A runtime call whose result (of type `ty`, or none for `Ty::NONE`) is `own`.
    pub(super) fn rt(&mut self, name: &'static str, args: Vec<Operand>, ty: &Ty, own: Own, raises: bool, line: Line) -> Operand {
        self.rt_steal(name, args, ty, own, raises, 0, line)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn rt_steal(&mut self, name: &'static str, args: Vec<Operand>, ty: &Ty, own: Own, raises: bool, steals: u32, line: Line) -> Operand {
        let args: Vec<Operand> = args.into_iter().map(|a| self.boxed(a, line)).collect();
        // Instances reach their dunder methods from inside the runtime.
        // (The exception machinery only reads class descriptors.)
        let calls_back = !matches!(name, "mg_instance_new" | "mg_exc_matches" | "mg_exc_value") && args.iter().any(|a| self.operand_mentions_class(a));
        let raises = raises || calls_back;
        if ty.tuple_fields().is_some() {
            let call = Op::Runtime(RtCall { name, args, raises, result: own, steals, pack_from: None, calls_back });
            return self.emit_unboxing(call, ty, line).expect("a tuple type");
        }
        let result = if ty.is_heap() { own } else { Own::Plain };
        self.op_value(Op::Runtime(RtCall { name, args, raises, result, steals, pack_from: None, calls_back }), ty, line)
    }

    /// Whether an operand is or holds instances (or is the type descriptor of such a type).
    fn operand_mentions_class(&self, o: &Operand) -> bool {
        match o {
            Operand::Reg(r) => match self.body.reg_ty(*r) {
                RegTy::Py(t) | RegTy::Boxed(t) => t.mentions_class(),
                RegTy::SlotPtr => false,
            },
            Operand::Const(Const::TypeDesc(t)) => t.mentions_class(),
            Operand::Const(_) => false,
        }
    }

    /// A runtime call whose arguments after the first are passed as one array (`*others`).
    pub(super) fn rt_packed(&mut self, name: &'static str, args: Vec<Operand>, ty: &Ty, own: Own, line: Line) -> Operand {
        let result = if ty.is_heap() { own } else { Own::Plain };
        let calls_back = args.iter().any(|a| self.operand_mentions_class(a));
        self.op_value(Op::Runtime(RtCall { name, args, raises: calls_back, result, steals: 0, pack_from: Some(1), calls_back }), ty, line)
    }

    /// A runtime call for its effect only.
    pub(super) fn rt_void(&mut self, name: &'static str, args: Vec<Operand>, raises: bool, line: Line) {
        self.rt(name, args, &Ty::NONE, Own::Plain, raises, line);
    }

    /// The error handler for `line`: records the traceback frame, then unwinds.
    pub(super) fn handler(&mut self, line: Line) -> BlockId {
        // Inside an inline frame: its traceback entry, then the enclosing frame's handler
        // at the line of the call.
        if let Some((name, outer)) = self.frames.last().cloned() {
            self.frames.pop();
            let next = self.handler(outer);
            self.frames.push((name.clone(), outer));
            let b = self.new_block();
            self.body.blocks[b.0 as usize] = Block { insts: vec![Inst { dst: None, op: Op::TbAddAs(name), line }], term: Term::Goto(next) };
            return b;
        }
        // A generator's start function and a builtin iterator's body have no frame of
        // their own: errors pass through.
        let frameless = matches!(self.f.role, ir::FnRole::GenStart | ir::FnRole::GenBodyFrameless | ir::FnRole::Frameless);
        // Inside a `try`: the frame, then the `try`'s dispatch (or its `finally`).
        if let Some(&target) = self.try_stack.last() {
            if let Some(b) = self.try_handlers.get(&(line, target)) {
                return *b;
            }
            let b = self.new_block();
            let insts = if frameless { Vec::new() } else { vec![Inst { dst: None, op: Op::TbAdd, line }] };
            self.body.blocks[b.0 as usize] = Block { insts, term: Term::Goto(target) };
            self.try_handlers.insert((line, target), b);
            return b;
        }
        if frameless {
            if let Some(b) = self.unwind_block {
                return b;
            }
            let b = self.new_block();
            self.body.blocks[b.0 as usize].term = Term::Unwind;
            self.unwind_block = Some(b);
            return b;
        }
        if let Some(b) = self.handlers.get(&line) {
            return *b;
        }
        let b = self.new_block();
        self.body.blocks[b.0 as usize] = Block { insts: vec![Inst { dst: None, op: Op::TbAdd, line }], term: Term::Unwind };
        self.handlers.insert(line, b);
        b
    }

    /// Raises `kind(msg)` at `line` unless `ok` holds.
    pub(super) fn raise_unless(&mut self, ok: Operand, kind: ExcKind, msg: &str, line: Line) {
        let cont = self.new_block();
        let fail = self.new_block();
        self.branch(ok, cont, fail, Some(true));
        self.switch_to(fail);
        self.raise(kind, Some(Operand::Const(Const::CStr(msg.to_string()))), line);
        self.switch_to(cont);
    }

    /// Sets a pending exception and goes to `line`'s handler.
    pub(super) fn raise(&mut self, kind: ExcKind, msg: Option<Operand>, line: Line) {
        self.emit(None, Op::Raise { kind, msg }, line);
        let h = self.handler(line);
        self.goto(h);
    }

    pub(super) fn local_reg(&self, l: ir::LocalId) -> Reg {
        self.locals[l.0 as usize]
    }

    /// A new, unbound cell for the cell local `l`.
    pub(super) fn new_cell(&mut self, l: ir::LocalId, line: Line) {
        let Some(cell) = self.f.locals[l.0 as usize].cell else { return };
        let c = self.rt("mg_instance_new", vec![Operand::Const(Const::TypeDesc(cell))], &cell, Own::New, false, line);
        let r = self.local_reg(l);
        self.emit(Some(r), Op::Use(c), line);
    }

    /// Whether `l` is a parameter (always bound) or a free variable (a NameError message).
    fn local_kind(&self, l: ir::LocalId) -> (bool, bool) {
        let is_param = self.f.params.contains(&l);
        let is_free = self.f.closure.as_ref().is_some_and(|c| c.free.contains(&l));
        (is_param, is_free)
    }

    pub(super) fn place_ty(&self, place: Place) -> Ty {
        match place {
            Place::Local(l) => self.f.locals[l.0 as usize].ty,
            Place::Global(g) => self.program.globals[g.0 as usize].ty,
        }
    }

    /// Reads every variable holding a generator, so that reference counting keeps it until
    /// here (a rebinding, the function's return) rather than releasing it after its last
    /// use: closing a generator runs its `finally` clauses, which CPython runs when the
    /// variable's reference goes.
    pub(super) fn keep_iterators_alive(&mut self, line: Line) {
        for (idx, local) in self.f.locals.iter().enumerate() {
            if is_kept_iterator(local) {
                let r = Operand::Reg(self.locals[idx]);
                self.emit(None, Op::Same(r.clone(), r), line);
            }
        }
    }

    /// Stores a value into a variable (which takes it over; see `Op::Use`).
    pub(super) fn assign(&mut self, place: Place, value: Operand, line: Line) {
        if let Place::Local(l) = place {
            if is_kept_iterator(&self.f.locals[l.0 as usize]) {
                let r = Operand::Reg(self.locals[l.0 as usize]);
                self.emit(None, Op::Same(r.clone(), r), line);
            }
        }
        match place {
            Place::Local(l) if self.f.locals[l.0 as usize].cell.is_some() => {
                let cell = Operand::Reg(self.local_reg(l));
                self.emit(None, Op::FieldSet(cell.clone(), 0, value), line);
                self.emit(None, Op::FieldSet(cell, 1, Operand::Const(Const::Bool(true))), line);
            }
            Place::Local(l) => {
                let r = self.local_reg(l);
                self.emit(Some(r), Op::Use(value), line);
                if let Some(flag) = self.bound[l.0 as usize] {
                    self.emit(Some(flag), Op::Use(Operand::Const(Const::Bool(true))), line);
                }
            }
            Place::Global(g) => self.emit(None, Op::StoreGlobal(g, value), line),
        }
    }

    /// Raises UnboundLocalError/NameError when no assignment to `place` has run yet.
    pub(super) fn check_bound(&mut self, place: Place, line: Line) {
        match place {
            Place::Local(l) if self.f.locals[l.0 as usize].cell.is_some() => {
                let (is_param, is_free) = self.local_kind(l);
                if is_param {
                    return;
                }
                let cell = Operand::Reg(self.local_reg(l));
                let flag = self.op_value(Op::FieldGet(cell, 1), &Ty::BOOL, line);
                let name = &self.f.locals[l.0 as usize].name;
                let (kind, msg) = if is_free {
                    (ExcKind::Name, format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"))
                } else {
                    (ExcKind::UnboundLocal, format!("cannot access local variable '{name}' where it is not associated with a value"))
                };
                self.raise_unless(flag, kind, &msg, line);
            }
            Place::Local(l) => {
                let Some(flag) = self.bound[l.0 as usize] else { return };
                let name = &self.f.locals[l.0 as usize].name;
                let msg = format!("cannot access local variable '{name}' where it is not associated with a value");
                self.raise_unless(Operand::Reg(flag), ExcKind::UnboundLocal, &msg, line);
            }
            Place::Global(g) => {
                let flag = self.temp(&Ty::BOOL);
                self.emit(Some(flag), Op::GlobalBound(g), line);
                let msg = format!("name '{}' is not defined", self.program.globals[g.0 as usize].name);
                self.raise_unless(Operand::Reg(flag), ExcKind::Name, &msg, line);
            }
        }
    }

    /// The rest of a loop whose head is `head`: the body (back to `head`; `continue` goes to
    /// `head`, `break` to `end`), then the `else` block the head's exit goes to, then `end`.
    pub(super) fn loop_body_and_else(&mut self, head: BlockId, else_bb: BlockId, end: BlockId, body: &'a [Stmt], orelse: &'a [Stmt]) {
        self.loops.push((head, end));
        self.loop_cleanups.push(self.cleanups.len());
        self.block(body);
        self.loop_cleanups.pop();
        self.loops.pop();
        self.goto(head);
        self.switch_to(else_bb);
        self.block(orelse);
        self.goto(end);
        self.switch_to(end);
    }

    pub(super) fn block(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            self.ensure_open();
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Expr(e) => {
                self.value(e);
            }
            Stmt::Yield { value, line } => self.yield_stmt(value, *line),
            Stmt::FreshCells(locals) => {
                for l in locals {
                    self.new_cell(*l, self.last_line);
                }
            }
            Stmt::Assign { place, value } => {
                let v = self.value(value);
                self.assign(*place, v, value.line);
            }
            Stmt::SetItem { container, index, value, line } => self.set_item(container, index, value, *line),
            Stmt::DelItem { container, index, line } => self.del_item(container, index, *line),
            Stmt::SetField { obj, field, value, line } => {
                // Python evaluates the value first, then the object.
                let v = self.value(value);
                let o = self.value(obj);
                self.emit(None, Op::FieldSet(o, *field, v), *line);
            }
            Stmt::UpdateItem { container, index, value, line } => self.update_item(container, index, value, *line),
            Stmt::ForIter { targets, iter, body, orelse, line } => self.for_iter(targets, iter, body, orelse, *line),
            Stmt::ForRange { var, start, stop, step, body, orelse, line } => self.for_range(*var, start, stop, step, body, orelse, *line),
            Stmt::If { cond, then, orelse } => {
                let c = self.value(cond);
                let (then_bb, else_bb, end) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(c, then_bb, else_bb, None);
                self.switch_to(then_bb);
                self.block(then);
                self.goto(end);
                self.switch_to(else_bb);
                self.block(orelse);
                self.goto(end);
                self.switch_to(end);
            }
            Stmt::While { cond, body, orelse } => {
                let (head, body_bb, else_bb, end) = (self.new_block(), self.new_block(), self.new_block(), self.new_block());
                self.goto(head);
                self.switch_to(head);
                let c = self.value(cond);
                self.branch(c, body_bb, else_bb, None);
                self.switch_to(body_bb);
                self.loop_body_and_else(head, else_bb, end, body, orelse);
            }
            Stmt::Break => {
                if let Some(&(_, brk)) = self.loops.last() {
                    let depth = self.loop_cleanups.last().copied().unwrap_or(0);
                    self.run_cleanups(depth, self.last_line);
                    self.goto(brk);
                }
            }
            Stmt::Continue => {
                if let Some(&(cont, _)) = self.loops.last() {
                    let depth = self.loop_cleanups.last().copied().unwrap_or(0);
                    self.run_cleanups(depth, self.last_line);
                    self.goto(cont);
                }
            }
            Stmt::Return(value) => {
                let v = value.as_ref().map(|e| self.value(e));
                let v = if self.f.ret == Ty::NONE { None } else { v };
                // The value first, then every `finally` and except clause being left.
                if !self.cleanups.is_empty() {
                    let v = v.map(|v| match v {
                        Operand::Reg(_) if self.cleanups.iter().any(|c| matches!(c, exceptions::Cleanup::Finally { .. })) => {
                            let ty = self.f.ret;
                            let r = self.temp(&ty);
                            self.emit(Some(r), Op::Use(v), self.last_line);
                            Operand::Reg(r)
                        }
                        v => v,
                    });
                    self.run_cleanups(0, self.last_line);
                    self.keep_iterators_alive(self.last_line);
                    self.terminate(Term::Return(v));
                    return;
                }
                self.keep_iterators_alive(self.last_line);
                self.terminate(Term::Return(v));
            }
            Stmt::Raise { value, cause, line } => self.lower_raise(value.as_ref(), cause.as_ref(), *line),
            Stmt::Try { body, handlers, orelse, finalbody, line } => self.lower_try(body, handlers, orelse, finalbody, *line),
            Stmt::Assert { cond, msg, line } => {
                let c = self.value(cond);
                let (ok, fail) = (self.new_block(), self.new_block());
                self.branch(c, ok, fail, Some(true));
                self.switch_to(fail);
                let m = msg.as_ref().map(|m| self.value(m));
                self.raise(ExcKind::Assertion, m, *line);
                self.switch_to(ok);
            }
            Stmt::Print { args, sep, end, line } => self.print(args, sep.as_ref(), end.as_ref(), *line),
            Stmt::Exit { code, line } => {
                let code = match code {
                    Some(c) => self.value(c),
                    None => Operand::Const(Const::Int(0)),
                };
                self.emit(None, Op::RaiseSystemExit(code), *line);
                let h = self.handler(*line);
                self.goto(h);
            }
        }
    }
}
