//! Which functions can raise: a fixpoint over the call graph, then the error test after
//! every operation that cannot raise is dropped (`Term::CheckError` becomes `Term::Goto`).
//!
//! A body may raise when a `Term::Unwind` (the only way out with an exception pending)
//! is reachable from its entry, following the error edge of a `CheckError` only when the
//! block's last operation may raise given the facts so far (`Op::may_raise`). A `Raise`
//! reaches its handler through a plain `Goto`, so it counts; a handler that does not
//! unwind (Tier 2 `except`) does not. The fixpoint starts from "no body raises" and only
//! ever adds, so mutually recursive functions that raise nothing else are proven not to.

use crate::check::ir::FuncId;
use crate::mir::dataflow;
use crate::mir::{Block, Body, Module, Term};

/// Sets every `Body::may_raise` and drops the error tests that cannot fire; returns how
/// many were dropped. Run it before `refcount` (which puts releases on error edges).
pub fn run(m: &mut Module) -> usize {
    // A function that can recurse may raise RecursionError.
    let recursive = on_call_cycles(m);
    let mut may = recursive.clone();
    loop {
        let mut changed = false;
        for (f, body) in m.bodies.iter().enumerate() {
            if may[f] {
                continue;
            }
            let callee = |g: FuncId| may.get(g.0 as usize).copied().unwrap_or(true);
            if body_may_raise(body, &callee) {
                may[f] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let callee = |g: FuncId| may.get(g.0 as usize).copied().unwrap_or(true);
    let mut removed = 0;
    for (f, body) in m.bodies.iter_mut().enumerate() {
        body.may_raise = may[f];
        body.recursive = recursive[f];
        for block in &mut body.blocks {
            if let Term::CheckError { ok, .. } = block.term {
                if !last_may_raise(block, &callee) {
                    block.term = Term::Goto(ok);
                    removed += 1;
                }
            }
        }
    }
    removed
}

/// The functions whose address is taken (`Const::FuncAddr`): what a call through a
/// function value may call.
pub fn address_taken(m: &Module) -> Vec<usize> {
    let mut out = Vec::new();
    for b in &m.bodies {
        for block in &b.blocks {
            for inst in &block.insts {
                for o in inst.op.operands() {
                    if let crate::mir::Operand::Const(crate::mir::Const::FuncAddr { func, .. }) = o {
                        out.push(func.0 as usize);
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The functions on a cycle of the call graph (direct, virtual and indirect calls: a call
/// through a function value may call any function whose address is taken).
fn on_call_cycles(m: &Module) -> Vec<bool> {
    let n = m.bodies.len();
    let taken = address_taken(m);
    let callees: Vec<Vec<usize>> = m
        .bodies
        .iter()
        .map(|b| {
            let mut out = Vec::new();
            for block in &b.blocks {
                for inst in &block.insts {
                    match &inst.op {
                        crate::mir::Op::Call(f, _) => out.push(f.0 as usize),
                        crate::mir::Op::CallVirtual { impls, .. } => out.extend(impls.iter().map(|f| f.0 as usize)),
                        crate::mir::Op::CallValue { .. } => out.extend(taken.iter().copied()),
                        _ => {}
                    }
                }
            }
            out.retain(|c| *c < n);
            out
        })
        .collect();
    // f is on a cycle when f reaches itself.
    (0..n)
        .map(|f| {
            let mut seen = vec![false; n];
            let mut stack: Vec<usize> = callees[f].clone();
            while let Some(g) = stack.pop() {
                if g == f {
                    return true;
                }
                if !std::mem::replace(&mut seen[g], true) {
                    stack.extend(callees[g].iter().copied());
                }
            }
            false
        })
        .collect()
}

/// Whether the operation a `CheckError` tests may raise (an empty block: assume so).
fn last_may_raise(block: &Block, callee: &dyn Fn(FuncId) -> bool) -> bool {
    block.insts.last().is_none_or(|i| i.op.may_raise(callee))
}

fn body_may_raise(body: &Body, callee: &dyn Fn(FuncId) -> bool) -> bool {
    let follow = |block: &Block, i: usize| i == 0 || !matches!(block.term, Term::CheckError { .. }) || last_may_raise(block, callee);
    let reach = dataflow::reachable(body, &follow);
    let unwinds = reach.iter().any(|b| matches!(body.blocks[b].term, Term::Unwind));
    unwinds
}

#[cfg(test)]
mod tests {
    use crate::check::ir::FuncId;
    use crate::check::types::Ty;
    use crate::mir::may_raise::run;
    use crate::mir::{Block, BlockId, Body, CheckedOp, Const, ExcKind, Inst, Module, Op, Operand, Reg, RegInfo, RegTy, Term};

    fn inst(dst: Option<u32>, op: Op) -> Inst {
        Inst { dst: dst.map(Reg), op, line: 1 }
    }

    /// `bb0: <op>; if error goto bb2 else bb1`, `bb1: return`, `bb2: traceback; unwind`.
    fn checked(name: &str, op: Op) -> Body {
        Body {
            name: name.into(),
            params: vec![],
            regs: vec![RegInfo { ty: RegTy::Py(Ty::INT), name: None }],
            blocks: vec![
                Block { insts: vec![inst(Some(0), op)], term: Term::CheckError { ok: BlockId(1), err: BlockId(2) } },
                Block { insts: vec![], term: Term::Return(None) },
                Block { insts: vec![inst(None, Op::TbAdd)], term: Term::Unwind },
            ],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        }
    }

    fn call(f: u32) -> Op {
        Op::Call(FuncId(f), vec![])
    }

    #[test]
    fn call_graph_fixpoint() {
        let raising = Body {
            name: "raises".into(),
            params: vec![],
            regs: vec![],
            blocks: vec![
                Block { insts: vec![inst(None, Op::Raise { kind: ExcKind::Value, msg: None })], term: Term::Goto(BlockId(1)) },
                Block { insts: vec![inst(None, Op::TbAdd)], term: Term::Unwind },
            ],
            ret: Ty::NONE,
            may_raise: true,
            recursive: false,
        };
        let overflow = Op::Checked(CheckedOp::Add, Operand::Const(Const::Int(1)), Operand::Const(Const::Int(2)));
        let mut m = Module {
            bodies: vec![
                checked("calls_pure", call(1)),
                checked("pure", Op::Use(Operand::Const(Const::Int(1)))),
                checked("self_recursive", call(2)),
                checked("mutual_a", call(4)),
                checked("mutual_b", call(3)),
                raising,
                checked("calls_raising", call(5)),
                checked("overflows", overflow),
            ],
            globals: vec![],
            module_init: FuncId(0),
        };
        // The error tests after the call to `pure` and the (misplaced) one after `pure`'s own
        // `Use`: functions on a call cycle may raise RecursionError.
        assert_eq!(run(&mut m), 2);
        let flags: Vec<(String, bool)> = m.bodies.iter().map(|b| (b.name.clone(), b.may_raise)).collect();
        let expect = [
            ("calls_pure", false),
            ("pure", false),
            ("self_recursive", true),
            ("mutual_a", true),
            ("mutual_b", true),
            ("raises", true),
            ("calls_raising", true),
            ("overflows", true),
        ];
        assert_eq!(flags, expect.iter().map(|(n, f)| (n.to_string(), *f)).collect::<Vec<_>>());
        assert!(matches!(m.bodies[0].blocks[0].term, Term::Goto(BlockId(1))));
        assert!(matches!(m.bodies[6].blocks[0].term, Term::CheckError { .. }));
    }

    #[test]
    fn handler_that_does_not_unwind() {
        // An error edge whose handler returns normally (a Tier 2 `except`): cannot raise.
        let mut body = checked("catches", call(1));
        body.blocks[2].term = Term::Return(None);
        let overflow = Op::Checked(CheckedOp::Add, Operand::Const(Const::Int(1)), Operand::Const(Const::Int(2)));
        let mut m = Module { bodies: vec![body, checked("overflows", overflow)], globals: vec![], module_init: FuncId(0) };
        assert_eq!(run(&mut m), 0);
        assert!(!m.bodies[0].may_raise);
        assert!(m.bodies[1].may_raise);
    }
}
