//! Reference counting: inserts `IncRef`/`DecRef` into a body that has none, so that
//! every reference is released exactly once on every path, error paths included.
//!
//! The approach is mypyc's (`mypyc/transform/refcount.py`): release a value right after
//! its last use, from liveness. What differs comes from the MIR contract (`mir` docs):
//!
//! - **Ownership state.** A heap register holds an owned reference (to release) or a
//!   borrowed one. Borrowed are parameters until they are assigned (a forward "must"
//!   analysis, as mypyc's borrowed arguments: at a join where some path still borrows
//!   and the target needs it owned, the edge takes an `IncRef`), and *kept* borrowed
//!   results (below). Every other heap register is owned or null: registers start null
//!   and `DecRef` is null-safe, so a maybe-undefined register is released as is.
//! - **Invariant.** At every point an owned register holds a reference exactly when it
//!   is live. So assigning a register never releases its old value: that was released
//!   at its last use already (a register read by the very operation that assigns it is
//!   first copied to a fresh temporary by `split_self_updates`).
//! - **Borrowed results** (`Own::Borrowed`: list items, slots, `Select`) are kept
//!   borrowed only when that is provably safe (`classify_borrows`): a register defined
//!   once, never live at entry nor on the error edge of its own definition, and in whose
//!   live range no instruction may free an object (a `Call`, `StoreGlobal`, `ListSet`,
//!   `StoreSlot` of a heap value, a runtime call that steals or is not known to free nothing,
//!   `rt_cannot_free`) or reassigns a register it was read out of. A `Call` may not even
//!   take it as an argument: the callee borrows its parameters and may free the item
//!   through an alias; except a call of a function known to free nothing
//!   (`insert_with`, from `passes::run_passes`), such as a recursive walk over a tree
//!   that only reads fields. A kept borrowed register's uses are also uses of its sources
//!   (liveness's implied uses), so they are released only after its last use. Every
//!   other borrowed result is made owned by an `IncRef` right after its definition.
//!   A copy `x = y` of a heap register is treated the same way: kept as a borrowed view
//!   of `y` when safe (no reference taken over), an ordinary stealing `Use` otherwise.
//!   An `Own::Plain` result in a heap register (a lowering mistake) is treated as
//!   borrowed: never released.
//! - **Steals.** Before an operation that steals an operand (`Op::steals`,
//!   `Term::Return`), the operand gets an `IncRef` when it is borrowed, stays live after
//!   the operation, or is stolen once already by the same operation. A stolen operand is
//!   consumed whether or not the operation raises (CPython's convention for stealing
//!   functions): codegen of a failing `ListSet` must release the value.
//! - **Error edges.** An operation that may raise is its block's last instruction, so
//!   what would follow it goes on the outgoing edges instead: on `ok`, the `IncRef` that
//!   makes a borrowed result owned and the releases of what died; on `err`, the releases
//!   of what is dead at the handler, never of the destination (not written when the
//!   operation fails). Edge operations go in landing blocks appended to the body,
//!   shared between edges with the same target and operations (mypyc's block cache).
//! - **Cleanup** (`peephole`): an `IncRef x` … `DecRef x` pair in one block cancels when
//!   nothing between them may free an object, release anything or reassign `x`.

use rustc_hash::FxHashMap;

use crate::mir::dataflow::{self, BitSet, Cfg, Liveness};
use crate::mir::{Block, BlockId, Body, Const, Inst, Op, Operand, Own, Reg, Term};

/// What `insert` did, for `--time-report`-style counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub increfs_inserted: usize,
    pub decrefs_inserted: usize,
    /// Removed again by the cleanup (counted in `*_inserted` too).
    pub increfs_removed: usize,
    pub decrefs_removed: usize,
}

impl Stats {
    pub fn add(&mut self, o: Stats) {
        self.increfs_inserted += o.increfs_inserted;
        self.decrefs_inserted += o.decrefs_inserted;
        self.increfs_removed += o.increfs_removed;
        self.decrefs_removed += o.decrefs_removed;
    }
}

/// Inserts the reference counting of `body` (which must have none yet). Run it after
/// every pass that changes error edges (`may_raise`).
pub fn insert(body: &mut Body) -> Stats {
    insert_with(body, &[])
}

/// `insert`, knowing that no call of a function `f` with `frees_nothing[f]` (indexed by
/// `FuncId`; missing: false) frees an object, so that a borrowed value stays borrowed
/// across it, as an argument too.  `frees_nothing` (see `passes::run_passes`) must hold
/// of the bodies this produces.
pub fn insert_with(body: &mut Body, frees_nothing: &[bool]) -> Stats {
    let mut stats = Stats::default();
    if body.blocks.is_empty() {
        return stats;
    }
    split_entry(body);
    split_self_updates(body);
    let cfg = dataflow::cfg(body);
    let plain = dataflow::liveness(body, &cfg, &[]);
    let borrows = classify_borrows(body, &plain, frees_nothing);
    let live = dataflow::liveness(body, &cfg, &borrows.implied);
    let params_in = borrowed_params(body, &cfg);
    let same = same_object(body, &borrows);
    transform(body, &live, &borrows, &params_in, &mut stats);
    peephole(body, &mut stats, frees_nothing, &same);
    stats
}

/// Whether running `body` may free an object, or make a caller's borrowed reference
/// invalid: an operation that may free (`may_free`: a `DecRef`, a store that replaces a
/// heap value, a runtime call not known not to free, a call of a function not in
/// `frees_nothing`).  Before reference counting, this misses the `DecRef`s to come.
pub fn body_may_free(body: &Body, frees_nothing: &[bool]) -> bool {
    body.blocks.iter().any(|block| block.insts.iter().any(|inst| may_free(body, &inst.op, None, frees_nothing)))
}

/// Whether the runtime function, called without stolen arguments, can never release a
/// reference it did not create (it does not mutate its arguments). Functions missing
/// here are assumed to free objects. FIXME: when comparisons can run user code (classes
/// with `__eq__`), the comparing functions leave this list.
pub fn rt_cannot_free(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "mg_print_str", "mg_print_int", "mg_print_bool", "mg_print_none", "mg_print_float", "mg_print_value",
        "mg_dict_print_view", "mg_slot_eq", "mg_slot_cmp", "mg_slot_truth", "mg_str_len", "mg_str_len_bytes",
        "mg_str_concat", "mg_str_repeat", "mg_str_getitem", "mg_str_slice", "mg_str_contains", "mg_str_find",
        "mg_str_count", "mg_str_startswith", "mg_str_endswith", "mg_str_replace", "mg_str_strip", "mg_str_lower",
        "mg_str_upper", "mg_str_is", "mg_str_split", "mg_str_split_start", "mg_str_split_piece", "mg_str_case",
        "mg_str_char_at", "mg_str_char_end", "mg_str_join", "mg_str_of", "mg_repr_of", "mg_int_from_str",
        "mg_float_from_str", "mg_str_ord", "mg_str_chr", "mg_list_new", "mg_list_contains", "mg_list_index",
        "mg_list_count", "mg_list_copy", "mg_list_sorted", "mg_list_concat", "mg_list_repeat", "mg_list_slice",
        "mg_list_sum_int", "mg_list_sum_float", "mg_list_minmax", "mg_list_any_all", "mg_list_from_str",
        "mg_list_range", "mg_dict_new", "mg_dict_get", "mg_dict_get_default", "mg_dict_contains", "mg_dict_len",
        "mg_dict_copy", "mg_dict_next", "mg_dict_entry_key", "mg_dict_entry_value", "mg_dict_to_list", "mg_set_new",
        "mg_set_contains", "mg_set_len", "mg_set_from_constants", "mg_set_frozen_constant", "mg_set_copy",
        "mg_set_from_list", "mg_set_union", "mg_set_intersection", "mg_set_difference",
        "mg_set_symmetric_difference", "mg_set_issubset", "mg_set_next", "mg_set_entry_key", "mg_set_to_list",
    ];
    NAMES.contains(&name)
}

/// Whether `op` may free an object (other than through the registers it reads), as
/// seen by a borrowed reference held across it; `r` (when given) is such a borrowed
/// register read by `op` itself.
fn may_free(body: &Body, op: &Op, r: Option<Reg>, frees_nothing: &[bool]) -> bool {
    let callee_may_free = |f: &crate::check::ir::FuncId| !frees_nothing.get(f.0 as usize).copied().unwrap_or(false);
    match op {
        Op::Call(f, _) => callee_may_free(f),
        Op::CallVirtual { impls, .. } => impls.iter().any(callee_may_free),
        Op::CallValue { .. } | Op::DecRef(_) => true,
        // These release the value they replace, which has the stored value's type.
        Op::StoreGlobal(_, v) | Op::ListSet(_, _, v) | Op::StoreSlot(_, _, v) | Op::FieldSet(_, _, v) => match v {
            Operand::Reg(v) => is_heap(body, *v),
            Operand::Const(c) => matches!(c, Const::Str(_)),
        },
        Op::Runtime(rt) => {
            if rt.steals != 0 || rt.calls_back {
                return true;
            }
            if rt_cannot_free(rt.name) {
                return false;
            }
            // A runtime function reaches objects only through its arguments: with no
            // heap argument but the borrowed one, it cannot free it nor its sources.
            dataflow::operand_regs(&rt.args).any(|a| Some(a) != r && is_heap(body, a))
        }
        _ => false,
    }
}

fn is_heap(body: &Body, r: Reg) -> bool {
    body.reg_ty(r).is_heap()
}

fn borrowed_result(body: &Body, inst: &Inst) -> bool {
    match inst.dst {
        Some(d) if is_heap(body, d) => matches!(inst.op.result_own(body.reg_ty(d)), Own::Borrowed | Own::Plain),
        _ => false,
    }
}

/// Gives the entry block no predecessors (moving its code to a new block when a loop
/// goes back to it), so that the caller's borrowed parameters enter through an edge of
/// their own, where the `IncRef`s they may need go.
fn split_entry(body: &mut Body) {
    let has_preds = body.blocks.iter().any(|b| b.term.successors().contains(&BlockId(0)));
    if !has_preds {
        return;
    }
    let moved = BlockId(body.blocks.len() as u32);
    for block in &mut body.blocks {
        for (i, s) in block.term.successors().into_iter().enumerate() {
            if s == BlockId(0) {
                dataflow::set_successor(&mut block.term, i, moved);
            }
        }
    }
    let entry = std::mem::replace(&mut body.blocks[0], Block { insts: Vec::new(), term: Term::Goto(moved) });
    body.blocks.push(entry);
}

/// `x = y` on heap registers: kept borrowed (a view of `y`, no reference taken over)
/// when that is safe, as a borrowed result is.
fn heap_copy(body: &Body, inst: &Inst) -> bool {
    matches!(inst.op, Op::Use(Operand::Reg(s)) if is_heap(body, s))
}

/// Rewrites `x = op(.., x, ..)` on a heap `x` to `t = x; x = op(.., t, ..)`, so that no
/// operation reads the register it assigns (the old value stays reachable until the
/// operation is done). `x = x` is dropped.
fn split_self_updates(body: &mut Body) {
    for b in 0..body.blocks.len() {
        let insts = std::mem::take(&mut body.blocks[b].insts);
        let mut out = Vec::with_capacity(insts.len());
        for mut inst in insts {
            let Some(d) = inst.dst else {
                out.push(inst);
                continue;
            };
            let reads_dst = dataflow::operand_regs(inst.op.operands()).any(|r| r == d);
            if !reads_dst || !is_heap(body, d) {
                out.push(inst);
                continue;
            }
            if matches!(&inst.op, Op::Use(Operand::Reg(s)) if *s == d) {
                continue;
            }
            let t = Reg(body.regs.len() as u32);
            let mut info = body.regs[d.0 as usize].clone();
            info.name = info.name.map(|n| format!("{n}.old"));
            body.regs.push(info);
            out.push(Inst { dst: Some(t), op: Op::Use(Operand::Reg(d)), line: inst.line });
            dataflow::for_each_operand_mut(&mut inst.op, &mut |o| {
                if matches!(o, Operand::Reg(r) if *r == d) {
                    *o = Operand::Reg(t);
                }
            });
            out.push(inst);
        }
        body.blocks[b].insts = out;
    }
}

struct Borrows {
    /// Registers kept borrowed wherever they are live.
    kept: Vec<bool>,
    /// For a kept register, the registers it was read out of (transitively through kept
    /// ones): its uses are theirs too.
    implied: Vec<Vec<Reg>>,
}

fn classify_borrows(body: &Body, plain: &Liveness, frees_nothing: &[bool]) -> Borrows {
    let nregs = body.regs.len();
    // Definition sites of every register.
    let mut defs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); nregs];
    for (b, block) in body.blocks.iter().enumerate() {
        for (i, inst) in block.insts.iter().enumerate() {
            if let Some(d) = inst.dst {
                defs[d.0 as usize].push((b, i));
            }
        }
    }
    let def_inst = |r: usize| -> Option<&Inst> {
        match defs[r].as_slice() {
            [(b, i)] => Some(&body.blocks[*b].insts[*i]),
            _ => None,
        }
    };
    let candidate: Vec<bool> = (0..nregs)
        .map(|r| !body.params.contains(&Reg(r as u32)) && def_inst(r).is_some_and(|inst| borrowed_result(body, inst) || heap_copy(body, inst)))
        .collect();
    let sources_of = |r: usize| -> Vec<Reg> {
        def_inst(r).map_or(Vec::new(), |inst| dataflow::operand_regs(inst.op.operands()).filter(|s| is_heap(body, *s)).collect())
    };
    // Everything a candidate may have been read out of, through any candidate.
    let trans_sources = |r: usize| -> BitSet {
        let mut seen = BitSet::new(nregs);
        let mut stack = sources_of(r);
        while let Some(s) = stack.pop() {
            if seen.insert(s.0 as usize) && candidate[s.0 as usize] {
                stack.extend(sources_of(s.0 as usize));
            }
        }
        seen
    };
    let per_inst: Vec<Vec<BitSet>> =
        (0..body.blocks.len()).map(|b| dataflow::block_live_before(body, BlockId(b as u32), &plain.live_out[b], &[])).collect();
    let mut kept = vec![false; nregs];
    for r in 0..nregs {
        if !candidate[r] || plain.live_in[0].contains(r) {
            continue;
        }
        let (db, di) = defs[r][0];
        let def_block = &body.blocks[db];
        if let Term::CheckError { err, .. } = def_block.term {
            if di + 1 == def_block.insts.len() && plain.live_in[err.0 as usize].contains(r) {
                continue;
            }
        }
        let sources = trans_sources(r);
        let safe = body.blocks.iter().enumerate().all(|(b, block)| {
            block.insts.iter().enumerate().all(|(i, inst)| {
                if !per_inst[b][i].contains(r) {
                    return true;
                }
                let reads_r = dataflow::operand_regs(inst.op.operands()).any(|o| o.0 as usize == r);
                let redefines_source = inst.dst.is_some_and(|d| sources.contains(d.0 as usize));
                !redefines_source && !may_free(body, &inst.op, reads_r.then_some(Reg(r as u32)), frees_nothing)
            })
        });
        kept[r] = safe;
    }
    let mut implied: Vec<Vec<Reg>> = vec![Vec::new(); nregs];
    for r in 0..nregs {
        if !kept[r] {
            continue;
        }
        let mut seen = BitSet::new(nregs);
        let mut stack = sources_of(r);
        while let Some(s) = stack.pop() {
            if s.0 as usize != r && seen.insert(s.0 as usize) && kept[s.0 as usize] {
                stack.extend(sources_of(s.0 as usize));
            }
        }
        implied[r] = seen.iter().map(|s| Reg(s as u32)).collect();
    }
    Borrows { kept, implied }
}

/// Heap parameters still holding the caller's borrowed reference at the start of each
/// block, on every path.
fn borrowed_params(body: &Body, cfg: &Cfg) -> Vec<BitSet> {
    let nregs = body.regs.len();
    let mut params = BitSet::new(nregs);
    for p in &body.params {
        if is_heap(body, *p) {
            params.insert(p.0 as usize);
        }
    }
    let kills: Vec<Vec<Reg>> = body.blocks.iter().map(|b| b.insts.iter().filter_map(|i| i.dst).collect()).collect();
    let out_of = |b: usize, ins: &BitSet| {
        let mut s = ins.clone();
        for k in &kills[b] {
            s.remove(k.0 as usize);
        }
        s
    };
    let mut ins: Vec<BitSet> = vec![params.clone(); body.blocks.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for b in 0..body.blocks.len() {
            let mut s = params.clone();
            for p in &cfg.preds[b] {
                s.intersect_with(&out_of(p.0 as usize, &ins[p.0 as usize]));
            }
            if s != ins[b] {
                ins[b] = s;
                changed = true;
            }
        }
    }
    ins
}

/// A reference-count operation for an edge's landing block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Rc {
    Inc(Reg),
    Dec(Reg),
}

fn rc_inst(rc: Rc, line: u32, stats: &mut Stats) -> Inst {
    let op = match rc {
        Rc::Inc(r) => {
            stats.increfs_inserted += 1;
            Op::IncRef(Operand::Reg(r))
        }
        Rc::Dec(r) => {
            stats.decrefs_inserted += 1;
            Op::DecRef(Operand::Reg(r))
        }
    };
    Inst { dst: None, op, line }
}

fn transform(body: &mut Body, live: &Liveness, borrows: &Borrows, params_in: &[BitSet], stats: &mut Stats) {
    let nblocks = body.blocks.len();
    let mut cache: FxHashMap<(BlockId, Vec<Rc>), BlockId> = FxHashMap::default();
    let mut landing: Vec<Block> = Vec::new();
    let heap: Vec<bool> = (0..body.regs.len()).map(|r| is_heap(body, Reg(r as u32))).collect();
    let owned = |r: Reg, pb: &BitSet| heap[r.0 as usize] && !borrows.kept[r.0 as usize] && !pb.contains(r.0 as usize);
    for b in 0..nblocks {
        let lb = dataflow::block_live_before(body, BlockId(b as u32), &live.live_out[b], &borrows.implied);
        let borrowed_dst: Vec<bool> = body.blocks[b].insts.iter().map(|i| borrowed_result(body, i)).collect();
        let block = std::mem::take(&mut body.blocks[b]);
        let n = block.insts.len();
        let mut term = block.term;
        let checked_last = n > 0 && matches!(term, Term::CheckError { .. });
        let mut pb = params_in[b].clone();
        let mut insts = Vec::with_capacity(n * 2);
        // Per successor: operations on the edge.
        let succs = term.successors();
        let mut edge_ops: Vec<Vec<Rc>> = vec![Vec::new(); succs.len()];
        let mut line = 0;
        for (i, inst) in block.insts.into_iter().enumerate() {
            line = inst.line;
            let after = &lb[i + 1];
            let mut stolen: Vec<Reg> = Vec::new();
            // A copy kept borrowed is a view of its source: it takes nothing over.
            let view = matches!(inst.op, Op::Use(_)) && inst.dst.is_some_and(|d| borrows.kept[d.0 as usize]);
            for (j, o) in inst.op.operands().into_iter().enumerate() {
                let Operand::Reg(s) = o else { continue };
                if !heap[s.0 as usize] || !inst.op.steals(j) || view {
                    continue;
                }
                if stolen.contains(s) || !owned(*s, &pb) || after.contains(s.0 as usize) {
                    insts.push(rc_inst(Rc::Inc(*s), line, stats));
                }
                stolen.push(*s);
            }
            let dst_reg = inst.dst;
            let dst = inst.dst.filter(|d| heap[d.0 as usize]);
            let held_after = |s: Reg| owned(s, &pb) && (!stolen.contains(&s) || after.contains(s.0 as usize));
            let convert = dst.is_some_and(|d| borrowed_dst[i] && !borrows.kept[d.0 as usize]);
            let dst_owned = dst.filter(|d| !borrows.kept[d.0 as usize]);
            // What follows the operation, given what is live at its continuation.
            let post = |cont: &BitSet, defined: bool| {
                let mut ops = Vec::new();
                if defined && convert {
                    ops.extend(dst.map(Rc::Inc));
                }
                for s in lb[i].iter().map(|s| Reg(s as u32)) {
                    if Some(s) != inst.dst && held_after(s) && !cont.contains(s.0 as usize) {
                        ops.push(Rc::Dec(s));
                    }
                }
                if let Some(d) = dst_owned.filter(|d| defined && !cont.contains(d.0 as usize)) {
                    ops.push(Rc::Dec(d));
                }
                ops
            };
            if checked_last && i + 1 == n {
                if let Term::CheckError { ok, err } = term {
                    edge_ops[0] = post(&live.live_in[ok.0 as usize], true);
                    edge_ops[1] = post(&live.live_in[err.0 as usize], false);
                }
                insts.push(inst);
            } else {
                let ops = post(after, true);
                insts.push(inst);
                insts.extend(ops.into_iter().map(|rc| rc_inst(rc, line, stats)));
            }
            // Only parameters are in `pb`: an assigned one owns its new value.
            if let Some(d) = dst_reg {
                pb.remove(d.0 as usize);
            }
        }
        let at_term = &lb[n];
        match &term {
            Term::Return(ret) => {
                let ret = match ret {
                    Some(Operand::Reg(r)) if heap[r.0 as usize] => Some(*r),
                    _ => None,
                };
                if let Some(r) = ret.filter(|r| !owned(*r, &pb)) {
                    insts.push(rc_inst(Rc::Inc(r), line, stats));
                }
                for r in at_term.iter().map(|r| Reg(r as u32)) {
                    if Some(r) != ret && owned(r, &pb) {
                        insts.push(rc_inst(Rc::Dec(r), line, stats));
                    }
                }
            }
            Term::Unwind | Term::Unreachable => {
                for r in at_term.iter().map(|r| Reg(r as u32)) {
                    if owned(r, &pb) {
                        insts.push(rc_inst(Rc::Dec(r), line, stats));
                    }
                }
            }
            _ if checked_last => {}
            _ => {
                for (k, s) in succs.iter().enumerate() {
                    for r in at_term.iter().map(|r| Reg(r as u32)) {
                        if owned(r, &pb) && !live.live_in[s.0 as usize].contains(r.0 as usize) {
                            edge_ops[k].push(Rc::Dec(r));
                        }
                    }
                }
            }
        }
        // Parameters borrowed here but owned at the target.
        for (k, s) in succs.iter().enumerate() {
            for p in pb.iter() {
                if !params_in[s.0 as usize].contains(p) && live.live_in[s.0 as usize].contains(p) {
                    edge_ops[k].push(Rc::Inc(Reg(p as u32)));
                }
            }
        }
        for (k, s) in succs.iter().enumerate() {
            let ops = std::mem::take(&mut edge_ops[k]);
            if ops.is_empty() {
                continue;
            }
            let key = (*s, ops);
            let target = match cache.get(&key) {
                Some(t) => *t,
                None => {
                    let id = BlockId((nblocks + landing.len()) as u32);
                    let insts = key.1.iter().map(|rc| rc_inst(*rc, line, stats)).collect();
                    landing.push(Block { insts, term: Term::Goto(*s) });
                    cache.insert(key, id);
                    id
                }
            };
            dataflow::set_successor(&mut term, k, target);
        }
        body.blocks[b] = Block { insts, term };
    }
    body.blocks.extend(landing);
}

/// Removes `IncRef x` … `DecRef x` pairs within a block when nothing in between may free
/// an object (`may_free`, any `DecRef`, a runtime call not known not to) or assigns `x`.
/// For each register, the register whose object it holds wherever it is live: a kept
/// borrowed copy `x = y` (`classify_borrows`: `y` is not reassigned while `x` is live)
/// holds `y`'s object, through chains of such copies; any other register its own.
fn same_object(body: &Body, borrows: &Borrows) -> Vec<Reg> {
    let nregs = body.regs.len();
    let mut copy_of: Vec<Option<Reg>> = vec![None; nregs];
    let mut defs = vec![0u32; nregs];
    for block in &body.blocks {
        for inst in &block.insts {
            if let Some(d) = inst.dst {
                defs[d.0 as usize] += 1;
                if let Op::Use(Operand::Reg(src)) = inst.op {
                    copy_of[d.0 as usize] = Some(src);
                }
            }
        }
    }
    (0..nregs)
        .map(|r| {
            let mut x = Reg(r as u32);
            for _ in 0..nregs {
                match copy_of[x.0 as usize] {
                    Some(src) if borrows.kept[x.0 as usize] && defs[x.0 as usize] == 1 && is_heap(body, src) => x = src,
                    _ => break,
                }
            }
            x
        })
        .collect()
}

/// Cancels `IncRef x` … `DecRef y` in one block when `x` and `y` hold the same object
/// (the same register, or a kept borrowed copy of it: `same`) and nothing between them
/// may free an object or reassign either: the count is the same after the pair, and
/// nothing between could see it one lower.
fn peephole(body: &mut Body, stats: &mut Stats, frees_nothing: &[bool], same: &[Reg]) {
    for b in 0..body.blocks.len() {
        let mut i = 0;
        while i < body.blocks[b].insts.len() {
            let insts = &body.blocks[b].insts;
            let Op::IncRef(Operand::Reg(x)) = insts[i].op else {
                i += 1;
                continue;
            };
            let root = |r: Reg| same.get(r.0 as usize).copied().unwrap_or(r);
            let mut pair = None;
            let mut reassigned = Vec::new();
            for (j, inst) in insts.iter().enumerate().skip(i + 1) {
                if let Op::DecRef(Operand::Reg(y)) = inst.op {
                    if y == x || (root(y) == root(x) && !reassigned.iter().any(|d| *d == y || root(*d) == root(x))) {
                        pair = Some(j);
                        break;
                    }
                }
                let frees = match &inst.op {
                    Op::Runtime(rt) => rt.steals != 0 || rt.calls_back || !rt_cannot_free(rt.name),
                    op => may_free(body, op, None, frees_nothing),
                };
                if frees || inst.dst == Some(x) {
                    break;
                }
                reassigned.extend(inst.dst);
            }
            match pair {
                Some(j) => {
                    let insts = &mut body.blocks[b].insts;
                    insts.remove(j);
                    insts.remove(i);
                    stats.increfs_removed += 1;
                    stats.decrefs_removed += 1;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests;
