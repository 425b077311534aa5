//! Control-flow graph and dataflow facts over MIR bodies, for the passes.
//!
//! Modelled on mypyc's `mypyc/analysis/dataflow.py`, but only what the passes need:
//! successors and predecessors, reachability, and liveness of registers before every
//! instruction. Liveness takes *implied uses*: a use of a register that holds a
//! borrowed reference also uses the registers it was read out of, so that `refcount`
//! keeps those alive (and releases them) only after the borrowed value's last use.

use crate::mir::{Block, BlockId, Body, Op, Operand, Reg, Term};

/// A set of small integers (registers or blocks) as a bit vector with a fixed universe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
}

/// Successors and predecessors of every block, in block order.
#[derive(Debug)]
pub struct Cfg {
    pub succs: Vec<Vec<BlockId>>,
    pub preds: Vec<Vec<BlockId>>,
}

/// Registers live at the start and at the end of each block (the end: after the
/// terminator's own uses, i.e. the union of the successors' `live_in`).
#[derive(Debug)]
pub struct Liveness {
    pub live_in: Vec<BitSet>,
    pub live_out: Vec<BitSet>,
}

impl BitSet {
    pub fn new(len: usize) -> BitSet {
        BitSet { words: vec![0; len.div_ceil(64)] }
    }

    pub fn full(len: usize) -> BitSet {
        let mut s = BitSet::new(len);
        for i in 0..len {
            s.insert(i);
        }
        s
    }

    pub fn insert(&mut self, i: usize) -> bool {
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let new = self.words[w] & b == 0;
        self.words[w] |= b;
        new
    }

    pub fn remove(&mut self, i: usize) {
        self.words[i / 64] &= !(1u64 << (i % 64));
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words.get(i / 64).is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// Adds `other`; returns whether anything changed.
    pub fn union_with(&mut self, other: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            let n = *a | b;
            changed |= n != *a;
            *a = n;
        }
        changed
    }

    pub fn subtract(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
    }

    pub fn intersect_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, &bits)| (0..64).filter(move |b| bits & (1u64 << b) != 0).map(move |b| w * 64 + b))
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }
}

pub fn cfg(body: &Body) -> Cfg {
    let n = body.blocks.len();
    let mut succs = Vec::with_capacity(n);
    let mut preds = vec![Vec::new(); n];
    for (idx, block) in body.blocks.iter().enumerate() {
        let s = block.term.successors();
        for t in &s {
            if !preds[t.0 as usize].contains(&BlockId(idx as u32)) {
                preds[t.0 as usize].push(BlockId(idx as u32));
            }
        }
        succs.push(s);
    }
    Cfg { succs, preds }
}

/// The blocks reachable from the entry, following the edges `follow` accepts
/// (`follow(block, successor index)`).
pub fn reachable(body: &Body, follow: &dyn Fn(&Block, usize) -> bool) -> BitSet {
    let mut seen = BitSet::new(body.blocks.len());
    if body.blocks.is_empty() {
        return seen;
    }
    let mut stack = vec![0usize];
    seen.insert(0);
    while let Some(b) = stack.pop() {
        let block = &body.blocks[b];
        for (i, s) in block.term.successors().into_iter().enumerate() {
            if follow(block, i) && seen.insert(s.0 as usize) {
                stack.push(s.0 as usize);
            }
        }
    }
    seen
}

/// Replaces successor `i` of `term` (in `Term::successors` order).
pub fn set_successor(term: &mut Term, i: usize, to: BlockId) {
    match (term, i) {
        (Term::Goto(b), 0) => *b = to,
        (Term::Branch { then, .. }, 0) => *then = to,
        (Term::Branch { else_, .. }, 1) => *else_ = to,
        (Term::CheckError { ok, .. }, 0) => *ok = to,
        (Term::CheckError { err, .. }, 1) => *err = to,
        (t, i) => debug_assert!(false, "no successor {i} in {t:?}"),
    }
}

/// The registers an operand list reads, in order, with repetitions.
pub fn operand_regs<'a, I: IntoIterator<Item = &'a Operand>>(ops: I) -> impl Iterator<Item = Reg> + use<'a, I> {
    ops.into_iter().filter_map(|o| match o {
        Operand::Reg(r) => Some(*r),
        Operand::Const(_) => None,
    })
}

/// Calls `f` on every operand of `op`, in `Op::operands` order.
pub fn for_each_operand_mut(op: &mut Op, f: &mut dyn FnMut(&mut Operand)) {
    match op {
        Op::Use(a) | Op::Unary(_, a) | Op::StoreGlobal(_, a) | Op::ListLen(a) | Op::RaiseSystemExit(a) | Op::IncRef(a) | Op::DecRef(a) | Op::TupleGet(a, _) | Op::BoxTuple(a) | Op::UnboxTuple(a) | Op::FieldGet(a, _) | Op::InstanceOf(a, _) => f(a),
        Op::FieldSet(a, _, b) | Op::Same(a, b) => {
            f(a);
            f(b);
        }
        Op::Binary(_, a, b) | Op::Checked(_, a, b) | Op::ListGet(a, b) | Op::ListLoad(a, b) | Op::DictValuePtr(a, b) | Op::LoadSlot(a, b) => {
            f(a);
            f(b);
        }
        Op::Select(a, b, c) | Op::ListSet(a, b, c) | Op::StoreSlot(a, b, c) => {
            f(a);
            f(b);
            f(c);
        }
        Op::Call(_, args) | Op::MakeTuple(args) | Op::CallVirtual { args, .. } | Op::CallValue { args, .. } => args.iter_mut().for_each(f),
        Op::Runtime(rt) => rt.args.iter_mut().for_each(f),
        Op::Raise { msg, .. } => msg.iter_mut().for_each(f),
        Op::LoadGlobal(_) | Op::GlobalBound(_) | Op::TbAdd | Op::TbAddAs(_) => {}
    }
}

/// The registers a terminator reads.
pub fn term_uses(term: &Term) -> Vec<Reg> {
    match term {
        Term::Branch { cond: Operand::Reg(r), .. } | Term::Return(Some(Operand::Reg(r))) => vec![*r],
        _ => Vec::new(),
    }
}

/// Liveness of every register, where a use of `r` also uses `implied[r]` (empty, or
/// indexed by register).
pub fn liveness(body: &Body, cfg: &Cfg, implied: &[Vec<Reg>]) -> Liveness {
    let nregs = body.regs.len();
    let nblocks = body.blocks.len();
    // Per block: the registers read before any write (`gen`) and those written (`kill`).
    let empty = BitSet::new(nregs);
    let mut gens = Vec::with_capacity(nblocks);
    let mut kills = Vec::with_capacity(nblocks);
    for (b, block) in body.blocks.iter().enumerate() {
        let mut kill = BitSet::new(nregs);
        for d in block.insts.iter().filter_map(|i| i.dst) {
            kill.insert(d.0 as usize);
        }
        let before = block_live_before(body, BlockId(b as u32), &empty, implied);
        gens.push(before.into_iter().next().unwrap_or_else(|| BitSet::new(nregs)));
        kills.push(kill);
    }
    let mut live_in = gens.clone();
    let mut live_out = vec![BitSet::new(nregs); nblocks];
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..nblocks).rev() {
            let mut out = BitSet::new(nregs);
            for s in &cfg.succs[b] {
                out.union_with(&live_in[s.0 as usize]);
            }
            let mut inn = out.clone();
            inn.subtract(&kills[b]);
            inn.union_with(&gens[b]);
            live_out[b] = out;
            if inn != live_in[b] {
                live_in[b] = inn;
                changed = true;
            }
        }
    }
    Liveness { live_in, live_out }
}

/// Registers live before each instruction of `block` and, last, before its terminator,
/// given those live at its end (`live_out`). The result has `insts.len() + 1` sets.
pub fn block_live_before(body: &Body, block: BlockId, live_out: &BitSet, implied: &[Vec<Reg>]) -> Vec<BitSet> {
    let blk = body.block(block);
    let mut sets = Vec::with_capacity(blk.insts.len() + 1);
    let mut live = live_out.clone();
    for r in term_uses(&blk.term) {
        add_use(&mut live, r, implied);
    }
    sets.push(live.clone());
    for inst in blk.insts.iter().rev() {
        if let Some(d) = inst.dst {
            live.remove(d.0 as usize);
        }
        for r in operand_regs(inst.op.operands()) {
            add_use(&mut live, r, implied);
        }
        sets.push(live.clone());
    }
    sets.reverse();
    sets
}

fn add_use(live: &mut BitSet, r: Reg, implied: &[Vec<Reg>]) {
    live.insert(r.0 as usize);
    if let Some(more) = implied.get(r.0 as usize) {
        for s in more {
            live.insert(s.0 as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::types::Ty;
    use crate::mir::dataflow::{block_live_before, cfg, liveness, BitSet};
    use crate::mir::{Block, BlockId, Body, CmpOp, Const, Inst, Op, Operand, PureBinOp, Reg, RegInfo, RegTy, Term};

    fn reg(r: u32) -> Operand {
        Operand::Reg(Reg(r))
    }

    fn set(s: &BitSet) -> Vec<usize> {
        s.iter().collect()
    }

    /// `def f(n: int) -> int: i = 0; while i < n: i = i + 1; return i`, non-checked adds.
    fn counting_loop() -> Body {
        let int = || RegInfo { ty: RegTy::Py(Ty::INT), name: None };
        let inst = |dst: u32, op: Op| Inst { dst: Some(Reg(dst)), op, line: 1 };
        Body {
            name: "f".into(),
            params: vec![Reg(0)],
            regs: vec![int(), int(), RegInfo { ty: RegTy::Py(Ty::BOOL), name: None }],
            blocks: vec![
                Block { insts: vec![inst(1, Op::Use(Operand::Const(Const::Int(0))))], term: Term::Goto(BlockId(1)) },
                Block {
                    insts: vec![inst(2, Op::Binary(PureBinOp::Cmp(CmpOp::Lt), reg(1), reg(0)))],
                    term: Term::Branch { cond: reg(2), then: BlockId(2), else_: BlockId(3), likely: None },
                },
                Block { insts: vec![inst(1, Op::Binary(PureBinOp::Xor, reg(1), Operand::Const(Const::Int(1))))], term: Term::Goto(BlockId(1)) },
                Block { insts: vec![], term: Term::Return(Some(reg(1))) },
            ],
            ret: Ty::INT,
            may_raise: true,
        recursive: false,
        }
    }

    #[test]
    fn cfg_edges() {
        let b = counting_loop();
        let g = cfg(&b);
        assert_eq!(g.succs[1], vec![BlockId(2), BlockId(3)]);
        assert_eq!(g.preds[1], vec![BlockId(0), BlockId(2)]);
        assert_eq!(g.preds[3], vec![BlockId(1)]);
    }

    #[test]
    fn loop_liveness() {
        let b = counting_loop();
        let g = cfg(&b);
        let live = liveness(&b, &g, &[]);
        assert_eq!(set(&live.live_in[0]), vec![0]);
        assert_eq!(set(&live.live_in[1]), vec![0, 1]);
        assert_eq!(set(&live.live_out[2]), vec![0, 1]);
        assert_eq!(set(&live.live_in[3]), vec![1]);
        let per_inst = block_live_before(&b, BlockId(1), &live.live_out[1], &[]);
        assert_eq!(per_inst.iter().map(set).collect::<Vec<_>>(), vec![vec![0, 1], vec![0, 1, 2]]);
    }

    #[test]
    fn implied_uses_extend_liveness() {
        let b = counting_loop();
        let g = cfg(&b);
        // Pretend r1 was read out of r0... and r2 out of nothing: r0 stays live where r1 is used.
        let implied = vec![vec![], vec![Reg(0)], vec![]];
        let live = liveness(&b, &g, &implied);
        assert_eq!(set(&live.live_in[3]), vec![0, 1]);
    }
}
