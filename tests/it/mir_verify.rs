//! `mir::verify`: small hand-built bodies that satisfy each invariant, and bodies that
//! break each one.

use multigen::check::ir::{FuncId, GlobalId};
use multigen::check::types::Ty;
use multigen::codegen::runtime::ExcKind;
use multigen::mir::{self, Body, CheckedOp, CmpOp, Const, GlobalInfo, Op, Operand, PureBinOp, RegTy, Term};

use crate::mir_build::*;

fn module(bodies: Vec<Body>) -> mir::Module {
    mir::Module { bodies, globals: vec![GlobalInfo { name: "g".into(), ty: Ty::STR }], module_init: FuncId(0) }
}

#[track_caller]
fn passes(b: Body) {
    if let Err(e) = mir::verify::verify(&module(vec![b])) {
        panic!("should verify, got:\n{e}");
    }
}

#[track_caller]
fn fails(b: Body, needle: &str) {
    fails_in(module(vec![b]), needle);
}

#[track_caller]
fn fails_in(m: mir::Module, needle: &str) {
    match mir::verify::verify(&m) {
        Ok(()) => panic!("should fail with {needle:?}"),
        Err(e) => assert!(e.contains(needle), "want {needle:?} in:\n{e}"),
    }
}

/// `add(a, b) = a + b` with its overflow edge.
fn add() -> Body {
    body(
        "add",
        2,
        vec![py(Ty::INT), py(Ty::INT), py(Ty::INT)],
        Ty::INT,
        vec![block(vec![set(2, Op::Checked(CheckedOp::Add, r(0), r(1)), 2)], check(1, 2)), block(vec![], Term::Return(Some(r(2)))), handler(2)],
    )
}

/// `xs[i] = s` then `return xs[0]`, with reference counting.
fn list_ops() -> Body {
    body(
        "f",
        3,
        vec![py(Ty::list(Ty::STR)), py(Ty::INT), py(Ty::STR), py(Ty::STR), py(Ty::INT)],
        Ty::STR,
        vec![
            block(vec![run(Op::IncRef(r(2)), 2), run(Op::ListSet(r(0), r(1), r(2)), 2)], check(1, 3)),
            block(vec![set(4, Op::ListLen(r(0)), 3), set(3, Op::ListGet(r(0), int(0)), 3)], check(2, 4)),
            block(vec![run(Op::IncRef(r(3)), 3)], Term::Return(Some(r(3)))),
            block(vec![run(Op::DecRef(r(2)), 2), run(Op::TbAdd, 2)], Term::Unwind),
            handler(3),
        ],
    )
}

#[test]
fn well_formed_bodies_pass() {
    passes(add());
    passes(list_ops());
    // A block nothing reaches may stay unterminated.
    let mut b = add();
    b.blocks.push(block(vec![], Term::Unreachable));
    passes(b);
}

#[test]
fn every_reachable_block_is_terminated() {
    let mut b = add();
    b.blocks[1].term = Term::Unreachable;
    fails(b, "bb1: reachable block without a terminator");
    let mut b = add();
    b.blocks.clear();
    fails(b, "no blocks");
}

#[test]
fn successors_are_in_range() {
    let mut b = add();
    b.blocks[0].term = check(1, 7);
    fails(b, "successor bb7 out of range");
    let mut b = add();
    b.blocks[1].term = Term::Goto(bb(3));
    fails(b, "successor bb3 out of range");
}

#[test]
fn check_error_only_after_an_operation_that_may_raise() {
    let mut b = add();
    b.blocks[0].insts[0].op = Op::Binary(PureBinOp::Cmp(CmpOp::Lt), r(0), r(1));
    b.regs[2].ty = py(Ty::BOOL);
    b.ret = Ty::BOOL;
    fails(b, "CheckError after an operation that cannot raise");
    let mut b = add();
    b.blocks[1].term = check(1, 2);
    fails(b, "bb1: CheckError after an operation that cannot raise");
}

#[test]
fn an_operation_that_may_raise_ends_its_block_with_check_error() {
    let mut b = add();
    b.blocks[0].insts.push(set(2, Op::Use(r(0)), 2));
    fails(b, "bb0[0]: an operation that may raise must be the last of its block");
    let mut b = add();
    b.blocks[0].term = Term::Goto(bb(1));
    fails(b, "bb0[0]: an operation that may raise");
    // A runtime call that may raise, too.
    let mut b = add();
    b.blocks[0].insts[0] = set(2, rt("mg_int_floordiv", vec![r(0), r(1)], true), 2);
    b.blocks[0].term = Term::Goto(bb(1));
    fails(b, "an operation that may raise");
    // ... but not one that cannot.
    let mut b = add();
    b.blocks[0].insts[0] = set(2, rt("mg_int_abs", vec![r(0)], false), 2);
    b.blocks[0].term = Term::Goto(bb(1));
    passes(b);
}

#[test]
fn calls_raise_unless_the_callee_cannot() {
    let call = |f: u32, term: Term| body("caller", 0, vec![py(Ty::INT)], Ty::INT, vec![block(vec![set(0, Op::Call(FuncId(f), vec![int(1), int(2)]), 2)], term), block(vec![], Term::Return(Some(r(0)))), handler(2)]);
    let mut pure = add();
    pure.may_raise = false;
    let m = |caller: Body, callee: Body| module(vec![caller, callee]);
    assert!(mir::verify::verify(&m(call(1, check(1, 2)), add())).is_ok());
    assert!(mir::verify::verify(&m(call(1, Term::Goto(bb(1))), pure)).is_ok());
    let mut pure = add();
    pure.may_raise = false;
    fails_in(m(call(1, check(1, 2)), pure), "CheckError after an operation that cannot raise");
    fails_in(m(call(1, Term::Goto(bb(1))), add()), "an operation that may raise");
    fails_in(m(call(5, check(1, 2)), add()), "call of function 5 out of range");
}

#[test]
fn raising_blocks_go_to_their_handler() {
    let raise = |term: Term| body("f", 0, vec![], Ty::NONE, vec![block(vec![run(Op::Raise { kind: ExcKind::Value, msg: Some(Operand::Const(Const::CStr("bad".into()))) }, 2)], term), handler(2)]);
    passes(raise(Term::Goto(bb(1))));
    passes(raise(Term::Unwind));
    fails(raise(Term::Return(None)), "a block that raises must go on to its handler");
    let exit = body("f", 0, vec![], Ty::NONE, vec![block(vec![run(Op::RaiseSystemExit(int(3)), 2)], Term::Return(None))]);
    fails(exit, "a block that raises must go on to its handler");
    let bad_msg = body("f", 0, vec![], Ty::NONE, vec![block(vec![run(Op::Raise { kind: ExcKind::Value, msg: Some(int(1)) }, 2)], Term::Goto(bb(1))), handler(2)]);
    fails(bad_msg, "exception message is int, expected str");
}

#[test]
fn registers_are_in_range() {
    let mut b = add();
    b.blocks[0].insts[0].op = Op::Checked(CheckedOp::Add, r(0), r(9));
    fails(b, "register r9 out of range");
    let mut b = add();
    b.blocks[0].insts[0].dst = Some(multigen::mir::Reg(3));
    fails(b, "destination register r3 out of range");
    let mut b = add();
    b.params.push(multigen::mir::Reg(4));
    fails(b, "parameter register r4 out of range");
    let mut b = add();
    b.blocks[1].term = Term::Return(Some(r(8)));
    fails(b, "register r8 out of range");
}

#[test]
fn result_types_are_consistent() {
    let mut b = add();
    b.regs[2].ty = py(Ty::FLOAT);
    fails(b, "destination is float, expected int");
    let cmp = body("f", 1, vec![py(Ty::INT), py(Ty::INT)], Ty::INT, vec![block(vec![set(1, Op::Binary(PureBinOp::Cmp(CmpOp::Eq), r(0), int(1)), 2)], Term::Return(Some(r(1))))]);
    fails(cmp, "destination is int, expected bool");
    let len = body("f", 1, vec![py(Ty::list(Ty::INT)), py(Ty::BOOL)], Ty::BOOL, vec![block(vec![set(1, Op::ListLen(r(0)), 2)], Term::Return(Some(r(1))))]);
    fails(len, "destination is bool, expected int");
    let load = body("f", 0, vec![py(Ty::INT)], Ty::INT, vec![block(vec![set(0, Op::LoadGlobal(GlobalId(0)), 2)], Term::Return(Some(r(0))))]);
    fails(load, "destination is int, expected str");
    let no_result = body("f", 1, vec![py(Ty::STR)], Ty::NONE, vec![block(vec![set(0, Op::IncRef(r(0)), 2)], Term::Return(None))]);
    fails(no_result, "operation without a result has a destination");
    let mut b = add();
    b.ret = Ty::FLOAT;
    fails(b, "returned value is int, expected float");
    let mut b = add();
    b.blocks[1].term = Term::Return(None);
    fails(b, "return without a value");
    let branch = body("f", 1, vec![py(Ty::INT)], Ty::NONE, vec![block(vec![], Term::Branch { cond: r(0), then: bb(1), else_: bb(1), likely: None }), block(vec![], Term::Return(None))]);
    fails(branch, "branch condition is int, expected bool");
}

#[test]
fn reference_counting_and_heap_operations_take_heap_registers() {
    let incref = |reg_ty: RegTy, operand: Operand| body("f", 1, vec![reg_ty], Ty::NONE, vec![block(vec![run(Op::DecRef(operand), 2)], Term::Return(None))]);
    passes(incref(py(Ty::STR), r(0)));
    fails(incref(py(Ty::INT), r(0)), "reference-counted operand is int");
    fails(incref(py(Ty::STR), Operand::Const(Const::Str("s".into()))), "reference-counted operand must be a register");
    let get = |list_ty: RegTy| body("f", 1, vec![list_ty, py(Ty::INT)], Ty::INT, vec![block(vec![set(1, Op::ListGet(r(0), int(0)), 2)], check(1, 2)), block(vec![], Term::Return(Some(r(1)))), handler(2)]);
    passes(get(py(Ty::list(Ty::INT))));
    fails(get(py(Ty::STR)), "indexed list is str");
    let len = body("f", 0, vec![py(Ty::INT)], Ty::INT, vec![block(vec![set(0, Op::ListLen(int(3)), 2)], Term::Return(Some(r(0))))]);
    fails(len, "ListLen operand must be a register");
    let slot = |ptr_ty: RegTy| {
        body(
            "f",
            2,
            vec![py(Ty::dict(Ty::INT, Ty::INT)), ptr_ty, py(Ty::INT)],
            Ty::INT,
            vec![block(vec![set(2, Op::LoadSlot(r(0), r(1)), 2)], Term::Return(Some(r(2))))],
        )
    };
    passes(slot(RegTy::SlotPtr));
    fails(slot(py(Ty::INT)), "slot pointer is int");
    let mut b = list_ops();
    b.blocks[1].insts[1].op = Op::ListGet(r(0), Operand::Const(Const::Float(0.5)));
    fails(b, "list index is float, expected int");
}
