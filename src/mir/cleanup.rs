//! Small CFG cleanups shared by the passes.

use crate::mir::dataflow;
use crate::mir::{BlockId, Body};

/// Removes the blocks unreachable from the entry (e.g. error handlers left by
/// `may_raise`) and renumbers the others in order; returns how many were removed.
pub fn remove_unreachable(body: &mut Body) -> usize {
    let reach = dataflow::reachable(body, &|_, _| true);
    let n = body.blocks.len();
    let mut new_id = vec![None; n];
    let mut next = 0u32;
    for (b, id) in new_id.iter_mut().enumerate() {
        if reach.contains(b) {
            *id = Some(BlockId(next));
            next += 1;
        }
    }
    let removed = n - next as usize;
    if removed == 0 {
        return 0;
    }
    let blocks = std::mem::take(&mut body.blocks);
    for (b, mut block) in blocks.into_iter().enumerate() {
        if new_id[b].is_none() {
            continue;
        }
        for (i, s) in block.term.successors().into_iter().enumerate() {
            // A successor of a reachable block is reachable.
            if let Some(to) = new_id[s.0 as usize] {
                dataflow::set_successor(&mut block.term, i, to);
            }
        }
        body.blocks.push(block);
    }
    removed
}

/// Retargets every edge that goes to an empty block ending in `Goto` to that jump's final
/// target (the empty blocks become unreachable; `remove_unreachable` then drops them).
/// Returns how many edges were retargeted.
pub fn thread_jumps(body: &mut Body) -> usize {
    let n = body.blocks.len();
    // The final target of a chain of empty `Goto` blocks (a cycle of them stays put).
    let forward = |start: BlockId, blocks: &[crate::mir::Block]| -> BlockId {
        let mut b = start;
        for _ in 0..n {
            match &blocks[b.0 as usize] {
                blk if blk.insts.is_empty() => match blk.term {
                    crate::mir::Term::Goto(next) if next != b => b = next,
                    _ => break,
                },
                _ => break,
            }
        }
        b
    };
    let mut changed = 0;
    for idx in 0..n {
        let succs = body.blocks[idx].term.successors();
        for (i, s) in succs.into_iter().enumerate() {
            let to = forward(s, &body.blocks);
            if to != s {
                dataflow::set_successor(&mut body.blocks[idx].term, i, to);
                changed += 1;
            }
        }
    }
    changed
}

/// Merges each block ending in `Goto(b)` with `b` when it is `b`'s only predecessor (the
/// merged-away blocks are left unreachable). Returns how many were merged.
pub fn merge_blocks(body: &mut Body) -> usize {
    let cfg = dataflow::cfg(body);
    // Merging `b` into `a` leaves every other block's number of predecessors unchanged.
    let n_preds: Vec<usize> = cfg.preds.iter().map(|p| p.len()).collect();
    let mut merged = 0;
    for a in 0..body.blocks.len() {
        while let crate::mir::Term::Goto(b) = body.blocks[a].term {
            let b = b.0 as usize;
            if b == a || b == 0 || n_preds[b] != 1 {
                break;
            }
            let moved = std::mem::take(&mut body.blocks[b]);
            body.blocks[a].insts.extend(moved.insts);
            body.blocks[a].term = moved.term;
            merged += 1;
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use crate::check::types::Ty;
    use crate::mir::cleanup::{remove_unreachable, thread_jumps};
    use crate::mir::{Block, BlockId, Body, Operand, Reg, RegInfo, RegTy, Term};

    #[test]
    fn renumbers_reachable_blocks() {
        let goto = |b: u32| Block { insts: vec![], term: Term::Goto(BlockId(b)) };
        let mut body = Body {
            name: "f".into(),
            params: vec![Reg(0)],
            regs: vec![RegInfo { ty: RegTy::Py(Ty::BOOL), name: None }],
            blocks: vec![
                goto(2),
                goto(3), // unreachable
                Block { insts: vec![], term: Term::Branch { cond: Operand::Reg(Reg(0)), then: BlockId(4), else_: BlockId(2), likely: None } },
                goto(4), // unreachable
                Block { insts: vec![], term: Term::Return(None) },
            ],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        };
        assert_eq!(remove_unreachable(&mut body), 2);
        assert_eq!(body.blocks.len(), 3);
        assert!(matches!(body.blocks[0].term, Term::Goto(BlockId(1))));
        assert!(matches!(body.blocks[1].term, Term::Branch { then: BlockId(2), else_: BlockId(1), .. }));
        assert!(matches!(body.blocks[2].term, Term::Return(None)));
    }

    #[test]
    fn jumps_through_empty_blocks_are_threaded() {
        let goto = |b: u32| Block { insts: vec![], term: Term::Goto(BlockId(b)) };
        let mut body = Body {
            name: "f".into(),
            params: vec![],
            regs: vec![],
            blocks: vec![goto(1), goto(2), goto(3), Block { insts: vec![], term: Term::Return(None) }, goto(4)],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        };
        assert_eq!(thread_jumps(&mut body), 2);
        assert!(matches!(body.blocks[0].term, Term::Goto(BlockId(3))));
        assert!(matches!(body.blocks[4].term, Term::Goto(BlockId(4))), "a self-loop stays");
        assert_eq!(remove_unreachable(&mut body), 3);
    }

    #[test]
    fn a_jump_to_a_block_with_one_predecessor_is_merged() {
        use crate::mir::{Const, Inst, Op};
        let inst = |v: i64| Inst { dst: None, op: Op::Use(Operand::Const(Const::Int(v))), line: 1 };
        let mut body = Body {
            name: "f".into(),
            params: vec![Reg(0)],
            regs: vec![RegInfo { ty: RegTy::Py(Ty::BOOL), name: None }],
            blocks: vec![
                Block { insts: vec![inst(0)], term: Term::Goto(BlockId(1)) },
                Block { insts: vec![inst(1)], term: Term::Goto(BlockId(2)) },
                Block { insts: vec![inst(2)], term: Term::Branch { cond: Operand::Reg(Reg(0)), then: BlockId(3), else_: BlockId(2), likely: None } },
                Block { insts: vec![], term: Term::Return(None) },
            ],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        };
        // bb1 merges into bb0; bb2 has two predecessors (bb1 and itself), so it stays.
        assert_eq!(super::merge_blocks(&mut body), 1);
        assert_eq!(body.blocks[0].insts.len(), 2);
        assert!(matches!(body.blocks[0].term, Term::Goto(BlockId(2))));
        assert_eq!(remove_unreachable(&mut body), 1);
    }
}
