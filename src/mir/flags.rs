//! Branches on flags whose value is known.
//!
//! Lowering gives every local a `bool` flag, set by each assignment and tested by each read,
//! so that reading a variable no assignment reached raises UnboundLocalError as CPython
//! does. Almost every read is dominated by an assignment, and then the test is dead weight.
//! This pass finds the `bool` registers that are only ever assigned constants, computes
//! where their value is known (a forward dataflow over the CFG), turns branches on a known
//! flag into jumps, and deletes the assignments to flags that nothing reads any more.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::types::Ty;
use crate::mir::{Body, Const, Op, Operand, Reg, RegTy, Term};

/// What is known about a flag at a program point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    True,
    False,
    Unknown,
}

type State = FxHashMap<Reg, Known>;

/// Returns the number of branches removed.
pub fn run(body: &mut Body) -> usize {
    let flags = constant_flags(body);
    if flags.is_empty() {
        return 0;
    }
    let exits = solve(body, &flags);
    let mut removed = 0;
    for (idx, block) in body.blocks.iter_mut().enumerate() {
        let Some(state) = &exits[idx] else { continue };
        if let Term::Branch { cond: Operand::Reg(r), then, else_, .. } = block.term {
            match state.get(&r) {
                Some(Known::True) => block.term = Term::Goto(then),
                Some(Known::False) => block.term = Term::Goto(else_),
                _ => continue,
            }
            removed += 1;
        }
    }
    delete_unread(body, &flags);
    removed
}

/// `bool` registers every assignment of which is a constant.
fn constant_flags(body: &Body) -> FxHashSet<Reg> {
    let mut flags: FxHashSet<Reg> = (0..body.regs.len() as u32).map(Reg).filter(|r| *body.reg_ty(*r) == RegTy::Py(Ty::BOOL)).collect();
    for p in &body.params {
        flags.remove(p);
    }
    for inst in body.blocks.iter().flat_map(|b| &b.insts) {
        if let Some(d) = inst.dst {
            if !matches!(inst.op, Op::Use(Operand::Const(Const::Bool(_)))) {
                flags.remove(&d);
            }
        }
    }
    flags
}

/// The state at the end of each block (`None`: unreachable).
fn solve(body: &Body, flags: &FxHashSet<Reg>) -> Vec<Option<State>> {
    let n = body.blocks.len();
    let mut entry: Vec<Option<State>> = vec![None; n];
    let mut exit: Vec<Option<State>> = vec![None; n];
    entry[0] = Some(flags.iter().map(|r| (*r, Known::Unknown)).collect());
    let mut work = vec![0usize];
    while let Some(b) = work.pop() {
        let Some(mut state) = entry[b].clone() else { continue };
        for inst in &body.blocks[b].insts {
            if let (Some(d), Op::Use(Operand::Const(Const::Bool(v)))) = (inst.dst, &inst.op) {
                if flags.contains(&d) {
                    state.insert(d, if *v { Known::True } else { Known::False });
                }
            }
        }
        if exit[b].as_ref() == Some(&state) {
            continue;
        }
        for succ in body.blocks[b].term.successors() {
            let s = succ.0 as usize;
            let merged = match &entry[s] {
                None => state.clone(),
                Some(old) => old.iter().map(|(r, k)| (*r, if state.get(r) == Some(k) { *k } else { Known::Unknown })).collect(),
            };
            if entry[s].as_ref() != Some(&merged) {
                entry[s] = Some(merged);
                work.push(s);
            }
        }
        exit[b] = Some(state);
    }
    exit
}

/// Deletes assignments to flags that no operand or branch reads.
fn delete_unread(body: &mut Body, flags: &FxHashSet<Reg>) {
    let mut read: FxHashSet<Reg> = FxHashSet::default();
    for block in &body.blocks {
        for inst in &block.insts {
            for o in inst.op.operands() {
                if let Operand::Reg(r) = o {
                    read.insert(*r);
                }
            }
        }
        if let Term::Branch { cond: Operand::Reg(r), .. } | Term::Return(Some(Operand::Reg(r))) = &block.term {
            read.insert(*r);
        }
    }
    for block in &mut body.blocks {
        block.insts.retain(|inst| !matches!(inst.dst, Some(d) if flags.contains(&d) && !read.contains(&d)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mir::{Block, BlockId, Inst, RegInfo};

    fn flag_body(assign_in_both_arms: bool) -> Body {
        // bb0: f = False; branch p ? bb1 : bb2
        // bb1: f = True; goto bb3
        // bb2: [f = True]; goto bb3
        // bb3: branch f ? bb4 : bb5
        let set = |v: bool| Inst { dst: Some(Reg(1)), op: Op::Use(Operand::Const(Const::Bool(v))), line: 1 };
        let block = |insts: Vec<Inst>, term: Term| Block { insts, term };
        Body {
            name: "f".into(),
            params: vec![Reg(0)],
            regs: vec![RegInfo { ty: RegTy::Py(Ty::BOOL), name: Some("p".into()) }, RegInfo { ty: RegTy::Py(Ty::BOOL), name: Some("x.bound".into()) }],
            blocks: vec![
                block(vec![set(false)], Term::Branch { cond: Operand::Reg(Reg(0)), then: BlockId(1), else_: BlockId(2), likely: None }),
                block(vec![set(true)], Term::Goto(BlockId(3))),
                block(if assign_in_both_arms { vec![set(true)] } else { vec![] }, Term::Goto(BlockId(3))),
                block(vec![], Term::Branch { cond: Operand::Reg(Reg(1)), then: BlockId(4), else_: BlockId(5), likely: Some(true) }),
                block(vec![], Term::Return(None)),
                block(vec![], Term::Unwind),
            ],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        }
    }

    #[test]
    fn a_flag_set_on_every_path_is_folded_and_its_assignments_deleted() {
        let mut body = flag_body(true);
        assert_eq!(run(&mut body), 1);
        assert!(matches!(body.blocks[3].term, Term::Goto(BlockId(4))));
        assert!(body.blocks.iter().all(|b| b.insts.is_empty()));
    }

    #[test]
    fn a_flag_set_on_one_path_only_is_kept() {
        let mut body = flag_body(false);
        assert_eq!(run(&mut body), 0);
        assert!(matches!(body.blocks[3].term, Term::Branch { .. }));
        assert_eq!(body.blocks[0].insts.len(), 1);
    }

    #[test]
    fn parameters_are_never_flags() {
        let mut body = flag_body(true);
        body.blocks[0].term = Term::Branch { cond: Operand::Reg(Reg(0)), then: BlockId(1), else_: BlockId(2), likely: None };
        run(&mut body);
        assert!(matches!(body.blocks[0].term, Term::Branch { .. }));
    }
}
