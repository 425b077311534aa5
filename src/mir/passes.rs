//! The MIR passes in the order they must run, for the driver.

use crate::mir::{cleanup, flags, may_raise, refcount, Body, Module, Op};

/// What the passes did, summed over the module.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassStats {
    /// Branches on bound flags whose value is known, folded into jumps.
    pub flag_branches_removed: usize,
    /// `CheckError` tests dropped after operations proven not to raise.
    pub error_tests_removed: usize,
    /// Blocks left unreachable by that (their handlers), removed.
    pub blocks_removed: usize,
    pub refcount: refcount::Stats,
}

/// Known flags folded per body, then `may_raise` (error edges become final), then per
/// body: jumps threaded, blocks merged, unreachable blocks removed, reference counting
/// (`count_references`).
pub fn run_passes(m: &mut Module) -> PassStats {
    run_passes_reporting(m).0
}

/// `run_passes`, also returning which functions free nothing (indexed by `FuncId`), which
/// the reference counting of their callers relies on.
pub(crate) fn run_passes_reporting(m: &mut Module) -> (PassStats, Vec<bool>) {
    let mut stats = PassStats::default();
    for body in &mut m.bodies {
        stats.flag_branches_removed += flags::run(body);
    }
    stats.error_tests_removed = may_raise::run(m);
    for body in &mut m.bodies {
        cleanup::thread_jumps(body);
        cleanup::merge_blocks(body);
        stats.blocks_removed += cleanup::remove_unreachable(body);
    }
    let (refcount, frees_nothing) = count_references(m);
    stats.refcount = refcount;
    (stats, frees_nothing)
}

/// Reference counting of every body, knowing which functions free nothing (so that a
/// caller keeps a field it reads borrowed across their calls: `refcount::insert_with`).
///
/// Whether a function frees anything depends on the `DecRef`s reference counting gives
/// it, which depend on what its callees free, so this is a greatest fixpoint: assume
/// every function that frees nothing before counting (no freeing operation, calls only of
/// such functions) frees nothing, count, then drop the functions whose counted body may
/// free after all (and, transitively, their callers), and count again the bodies that
/// call a function assumed, until the assumption holds of every body.  It only shrinks,
/// so this ends; when it holds, no call of an assumed function frees (by induction on the
/// calls it makes).
fn count_references(m: &mut Module) -> (refcount::Stats, Vec<bool>) {
    let n = m.bodies.len();
    let mut frees_nothing = vec![true; n];
    drop_freeing(m, &mut frees_nothing);
    let calls_assumed = |body: &Body, frees_nothing: &[bool]| {
        body.blocks.iter().flat_map(|b| &b.insts).any(|inst| match &inst.op {
            Op::Call(f, _) => frees_nothing[f.0 as usize],
            Op::CallVirtual { impls, .. } => impls.iter().any(|f| frees_nothing[f.0 as usize]),
            // A call through a function value counts as freeing (`refcount::may_free`).
            _ => false,
        })
    };
    let uncounted: Vec<Option<Body>> = m.bodies.iter().map(|b| calls_assumed(b, &frees_nothing).then(|| b.clone())).collect();
    let mut stats: Vec<refcount::Stats> = m.bodies.iter_mut().map(|b| refcount::insert_with(b, &frees_nothing)).collect();
    while drop_freeing(m, &mut frees_nothing) {
        for (idx, body) in uncounted.iter().enumerate() {
            if let Some(body) = body {
                m.bodies[idx] = body.clone();
                stats[idx] = refcount::insert_with(&mut m.bodies[idx], &frees_nothing);
            }
        }
    }
    let mut total = refcount::Stats::default();
    for s in stats {
        total.add(s);
    }
    (total, frees_nothing)
}

/// Clears `frees_nothing` for every body that may free given the others (to a fixpoint);
/// whether any changed.
fn drop_freeing(m: &Module, frees_nothing: &mut [bool]) -> bool {
    let mut changed_any = false;
    loop {
        let mut changed = false;
        for (idx, body) in m.bodies.iter().enumerate() {
            if frees_nothing[idx] && refcount::body_may_free(body, frees_nothing) {
                frees_nothing[idx] = false;
                changed = true;
            }
        }
        if !changed {
            return changed_any;
        }
        changed_any = true;
    }
}

#[cfg(test)]
mod tests {
    use crate::check::ir::FuncId;
    use crate::check::types::Ty;
    use crate::mir::passes::{run_passes, PassStats};
    use crate::mir::refcount::Stats;
    use crate::mir::{print, Block, BlockId, Body, Const, Inst, Module, Op, Operand, Own, Reg, RegInfo, RegTy, RtCall, Term};

    #[test]
    fn call_to_function_that_cannot_raise() {
        // def g() -> str: return "x"
        let g = Body {
            name: "g".into(),
            params: vec![],
            regs: vec![],
            blocks: vec![Block { insts: vec![], term: Term::Return(Some(Operand::Const(Const::Str("x".into())))) }],
            ret: Ty::STR,
            may_raise: true,
        recursive: false,
        };
        // def f() -> None: s = g(); print(s)
        let print = Op::Runtime(RtCall { name: "mg_print_str", args: vec![Operand::Reg(Reg(0)), Operand::Const(Const::Int(0))], raises: false, result: Own::Plain, steals: 0, pack_from: None, calls_back: false });
        let f = Body {
            name: "f".into(),
            params: vec![],
            regs: vec![RegInfo { ty: RegTy::Py(Ty::STR), name: Some("s".into()) }],
            blocks: vec![
                Block { insts: vec![Inst { dst: Some(Reg(0)), op: Op::Call(FuncId(1), vec![]), line: 1 }], term: Term::CheckError { ok: BlockId(2), err: BlockId(1) } },
                Block { insts: vec![Inst { dst: None, op: Op::TbAdd, line: 1 }], term: Term::Unwind },
                Block { insts: vec![Inst { dst: None, op: print, line: 1 }], term: Term::Return(None) },
            ],
            ret: Ty::NONE,
            may_raise: true,
        recursive: false,
        };
        let mut m = Module { bodies: vec![f, g], globals: vec![], module_init: FuncId(0) };
        let stats = run_passes(&mut m);
        let expect = PassStats { error_tests_removed: 1, blocks_removed: 2, refcount: Stats { decrefs_inserted: 1, ..Stats::default() }, ..PassStats::default() };
        assert_eq!(stats, expect);
        let text = print::module(&m);
        let expect = r#"def f() -> None:  # cannot raise
  # r0: str = s
  bb0:
    r0: str = call g()  # line 1
    mg_print_str(r0, 0)  # line 1
    dec_ref r0  # line 1
    return

def g() -> str:  # cannot raise
  bb0:
    return "x"

"#;
        assert_eq!(text, expect);
    }
}
