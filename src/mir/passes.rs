//! The MIR passes in the order they must run, for the driver.

use crate::mir::{cleanup, flags, may_raise, refcount, Module};

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
/// body: jumps threaded, blocks merged, unreachable blocks removed, reference counting.
pub fn run_passes(m: &mut Module) -> PassStats {
    let mut stats = PassStats::default();
    for body in &mut m.bodies {
        stats.flag_branches_removed += flags::run(body);
    }
    stats.error_tests_removed = may_raise::run(m);
    for body in &mut m.bodies {
        cleanup::thread_jumps(body);
        cleanup::merge_blocks(body);
        stats.blocks_removed += cleanup::remove_unreachable(body);
        stats.refcount.add(refcount::insert(body));
    }
    stats
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
