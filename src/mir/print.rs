//! MIR as text, for `multigen convert -t mir` and snapshot tests.
//!
//! ```text
//! def fib(r0: int) -> int:
//!   bb0:
//!     r1: bool = Binary(Cmp(Lt), r0, 2)    # line 2
//!     branch r1 ? bb1 : bb2
//! ```

use std::fmt::Write;

use crate::mir::{Body, Const, Module, Op, Operand, Term};

pub fn module(m: &Module) -> String {
    let mut out = String::new();
    for (idx, g) in m.globals.iter().enumerate() {
        let _ = writeln!(out, "global g{idx} {}: {}", g.name, g.ty);
    }
    if !m.globals.is_empty() {
        out.push('\n');
    }
    for body in &m.bodies {
        out.push_str(&self::body(body, m));
        out.push('\n');
    }
    out
}

pub fn body(b: &Body, m: &Module) -> String {
    let mut out = String::new();
    let params: Vec<String> = b.params.iter().map(|p| format!("{p}: {}", b.reg_ty(*p))).collect();
    let _ = writeln!(out, "def {}({}) -> {}:{}", b.name, params.join(", "), b.ret, if b.may_raise { "" } else { "  # cannot raise" });
    for (idx, info) in b.regs.iter().enumerate() {
        if let Some(name) = &info.name {
            let _ = writeln!(out, "  # r{idx}: {} = {name}", info.ty);
        }
    }
    for (idx, block) in b.blocks.iter().enumerate() {
        let _ = writeln!(out, "  bb{idx}:");
        for inst in &block.insts {
            let rhs = op(&inst.op, m);
            match inst.dst {
                Some(d) => {
                    let _ = writeln!(out, "    {d}: {} = {rhs}  # line {}", b.reg_ty(d), inst.line);
                }
                None => {
                    let _ = writeln!(out, "    {rhs}  # line {}", inst.line);
                }
            }
        }
        let _ = writeln!(out, "    {}", term(&block.term));
    }
    out
}


fn operand(o: &Operand) -> String {
    match o {
        Operand::Reg(r) => r.to_string(),
        Operand::Const(c) => match c {
            Const::Int(v) => v.to_string(),
            Const::Float(v) => format!("{v:?}"),
            Const::Bool(v) => if *v { "True" } else { "False" }.to_string(),
            Const::None => "None".to_string(),
            Const::Str(s) => format!("{s:?}"),
            Const::TypeDesc(t) => format!("type<{t}>"),
            Const::CStr(s) => format!("c{s:?}"),
            Const::Null => "null".to_string(),
            Const::FuncAddr { func, .. } => format!("&f{}", func.0),
            Const::Slots(items) => {
                let shown: Vec<String> = items.iter().take(4).map(|c| operand(&Operand::Const(c.clone()))).collect();
                let more = if items.len() > 4 { format!(", ... {} in all", items.len()) } else { String::new() };
                format!("slots[{}{more}]", shown.join(", "))
            }
        },
    }
}

fn operands<'a>(ops: impl IntoIterator<Item = &'a Operand>) -> String {
    ops.into_iter().map(operand).collect::<Vec<_>>().join(", ")
}

fn op(o: &Op, m: &Module) -> String {
    match o {
        Op::Use(a) => operand(a),
        Op::Unary(u, a) => format!("{u:?}({})", operand(a)),
        Op::Binary(b, x, y) => format!("{b:?}({}, {})", operand(x), operand(y)),
        Op::Checked(c, x, y) => format!("checked {c:?}({}, {})", operand(x), operand(y)),
        Op::Select(c, x, y) => format!("select {} ? {} : {}", operand(c), operand(x), operand(y)),
        Op::Call(f, args) => {
            let name = m.bodies.get(f.0 as usize).map_or("?", |b| b.name.as_str());
            format!("call {name}({})", operands(args))
        }
        Op::Runtime(rt) => {
            let mut flags = String::new();
            if rt.raises {
                flags.push_str(" raises");
            }
            if rt.steals != 0 {
                let _ = write!(flags, " steals={:#b}", rt.steals);
            }
            format!("{}({}){flags}", rt.name, operands(&rt.args))
        }
        Op::LoadGlobal(g) => format!("load g{}", g.0),
        Op::StoreGlobal(g, a) => format!("store g{} = {}", g.0, operand(a)),
        Op::GlobalBound(g) => format!("bound g{}", g.0),
        Op::ListLen(a) => format!("len {}", operand(a)),
        Op::ListGet(l, i) => format!("{}[{}]", operand(l), operand(i)),
        Op::ListLoad(l, i) => format!("{}[{}] unchecked", operand(l), operand(i)),
        Op::ListSet(l, i, v) => format!("{}[{}] = {}", operand(l), operand(i), operand(v)),
        Op::DictValuePtr(d, k) => format!("&{}[{}]", operand(d), operand(k)),
        Op::LoadSlot(_, p) => format!("*{}", operand(p)),
        Op::StoreSlot(_, p, v) => format!("*{} = {}", operand(p), operand(v)),
        Op::Raise { kind, msg } => format!("raise {kind:?}({})", msg.as_ref().map(operand).unwrap_or_default()),
        Op::RaiseSystemExit(a) => format!("raise SystemExit({})", operand(a)),
        Op::TbAdd => "traceback frame".to_string(),
        Op::TbAddAs(name) => format!("traceback frame {name}"),
        Op::MakeTuple(args) => format!("tuple({})", operands(args)),
        Op::FieldGet(o, i) => format!("{}.field{i}", operand(o)),
        Op::FieldSet(o, i, v) => format!("{}.field{i} = {}", operand(o), operand(v)),
        Op::CallVirtual { slot, args, .. } => format!("call_virtual slot{slot}({})", operands(args)),
        Op::CallValue { args, .. } => format!("call_value({})", operands(args)),
        Op::InstanceOf(o, tys) => format!("isinstance({}, {})", operand(o), tys.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(" | ")),
        Op::Same(a, b) => format!("{} is {}", operand(a), operand(b)),
        Op::TupleGet(t, i) => format!("{}.{i}", operand(t)),
        Op::BoxTuple(t) => format!("box {}", operand(t)),
        Op::UnboxTuple(b) => format!("unbox {}", operand(b)),
        Op::IncRef(a) => format!("inc_ref {}", operand(a)),
        Op::DecRef(a) => format!("dec_ref {}", operand(a)),
    }
}

fn term(t: &Term) -> String {
    match t {
        Term::Goto(b) => format!("goto {b}"),
        Term::Branch { cond, then, else_, likely } => {
            let hint = match likely {
                Some(true) => " (likely)",
                Some(false) => " (unlikely)",
                None => "",
            };
            format!("branch {} ? {then} : {else_}{hint}", operand(cond))
        }
        Term::CheckError { ok, err } => format!("if error goto {err} else {ok}"),
        Term::Return(Some(v)) => format!("return {}", operand(v)),
        Term::Return(None) => "return".to_string(),
        Term::Unwind => "unwind".to_string(),
        Term::Unreachable => "unreachable".to_string(),
    }
}
