//! Small constructors for hand-built MIR, shared by `mir_verify` and `mir_codegen`.

use multigen::check::ir::{FuncId, Program};
use multigen::check::types::Ty;
use multigen::mir::{Block, BlockId, Body, Const, Inst, Op, Operand, Reg, RegInfo, RegTy, RtCall, Term};

/// Register `n`.
pub fn r(n: u32) -> Operand {
    Operand::Reg(Reg(n))
}

pub fn int(v: i64) -> Operand {
    Operand::Const(Const::Int(v))
}

pub fn bb(n: u32) -> BlockId {
    BlockId(n)
}

/// An instruction at `line` with destination register `dst`.
pub fn set(dst: u32, op: Op, line: u32) -> Inst {
    Inst { dst: Some(Reg(dst)), op, line }
}

/// An instruction at `line` without a destination.
pub fn run(op: Op, line: u32) -> Inst {
    Inst { dst: None, op, line }
}

pub fn block(insts: Vec<Inst>, term: Term) -> Block {
    Block { insts, term }
}

pub fn check(ok: u32, err: u32) -> Term {
    Term::CheckError { ok: BlockId(ok), err: BlockId(err) }
}

/// The usual handler: records the traceback frame at `line` and unwinds.
pub fn handler(line: u32) -> Block {
    block(vec![run(Op::TbAdd, line)], Term::Unwind)
}

pub fn py(ty: Ty) -> RegTy {
    RegTy::Py(ty)
}

/// A body whose first `n_params` registers are its parameters.
pub fn body(name: &str, n_params: u32, regs: Vec<RegTy>, ret: Ty, blocks: Vec<Block>) -> Body {
    Body {
        name: name.to_string(),
        params: (0..n_params).map(Reg).collect(),
        regs: regs.into_iter().map(|ty| RegInfo { ty, name: None }).collect(),
        blocks,
        ret,
        may_raise: true,
    }
}

pub fn rt(name: &'static str, args: Vec<Operand>, raises: bool) -> Op {
    Op::Runtime(RtCall { name, args, raises, result: multigen::mir::Own::New, steals: 0, pack_from: None, calls_back: false })
}

pub fn func_id(program: &Program, name: &str) -> FuncId {
    FuncId(program.functions.iter().position(|f| f.name == name).unwrap_or_else(|| panic!("no function {name}")) as u32)
}
