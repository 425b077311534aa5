//! Tests of `refcount::insert` on hand-built bodies modelling what lowering produces.
//! Each test checks the exact output and runs `Sim`, an interpreter that follows every
//! path of the body (loops up to twice around), counting references per object, and
//! fails on a use or release of a freed object, on a borrowed argument a call could
//! free, and on any object not released exactly once by the end of a path.

use rustc_hash::FxHashMap;

use crate::check::ir::{FuncId, GlobalId};
use crate::check::types::{Ty, TyKind};
use crate::mir::refcount::{insert, Stats};
use crate::mir::{print, Block, BlockId, Body, CheckedOp, CmpOp, Const, Inst, Module, Op, Operand, Own, PureBinOp, Reg, RegInfo, RegTy, RtCall, Term};

// ---- building bodies ----

struct Fb {
    body: Body,
}

impl Fb {
    /// Parameters are `r0..`.
    fn new(params: &[Ty], ret: Ty) -> Fb {
        let mut fb = Fb { body: Body { name: "f".into(), params: vec![], regs: vec![], blocks: vec![], ret, may_raise: true, recursive: false } };
        for t in params {
            let r = fb.reg(*t);
            fb.body.params.push(r);
        }
        fb
    }

    fn reg(&mut self, ty: Ty) -> Reg {
        self.body.regs.push(RegInfo { ty: RegTy::Py(ty), name: None });
        Reg(self.body.regs.len() as u32 - 1)
    }

    fn block(&mut self) -> BlockId {
        self.body.blocks.push(Block::default());
        BlockId(self.body.blocks.len() as u32 - 1)
    }

    fn op(&mut self, b: BlockId, dst: Option<Reg>, op: Op) {
        self.body.blocks[b.0 as usize].insts.push(Inst { dst, op, line: 1 });
    }

    fn term(&mut self, b: BlockId, t: Term) {
        self.body.blocks[b.0 as usize].term = t;
    }

    /// A handler block: traceback frame, unwind.
    fn handler(&mut self) -> BlockId {
        let h = self.block();
        self.op(h, None, Op::TbAdd);
        self.term(h, Term::Unwind);
        h
    }
}

fn r(x: Reg) -> Operand {
    Operand::Reg(x)
}

fn int(v: i64) -> Operand {
    Operand::Const(Const::Int(v))
}

fn lit(s: &str) -> Operand {
    Operand::Const(Const::Str(s.into()))
}

fn rt(name: &'static str, args: Vec<Operand>, raises: bool, result: Own, steals: u32) -> Op {
    Op::Runtime(RtCall { name, args, raises, result, steals, pack_from: None, calls_back: false })
}

fn print_str(x: Reg) -> Op {
    rt("mg_print_str", vec![r(x), int(0)], false, Own::Plain, 0)
}

fn check_err(ok: BlockId, err: BlockId) -> Term {
    Term::CheckError { ok, err }
}

fn strs() -> Ty {
    Ty::list(Ty::STR)
}

fn show(body: &Body) -> String {
    // The functions the bodies call, by `FuncId` (printing shows their names).
    let callee = |name: &str| Body { name: name.into(), params: vec![], regs: vec![], blocks: vec![], ret: Ty::NONE, may_raise: true, recursive: false };
    let m = Module { bodies: vec![callee("<module>"), callee("g"), callee("make")], globals: vec![], module_init: FuncId(0) };
    print::body(body, &m)
}

/// Runs the pass, simulates every path, and compares the printed body.
#[track_caller]
fn check(fb: Fb, expect: &str) -> Stats {
    let mut body = fb.body;
    let stats = insert(&mut body);
    let got = show(&body);
    for select_second in [false, true] {
        let errors = simulate(&body, select_second);
        assert!(errors.is_empty(), "{}\n{got}", errors.join("\n"));
    }
    assert_eq!(got.trim(), expect.trim(), "\n{got}");
    stats
}

// ---- the interpreter ----

#[derive(Debug, Clone, Copy, PartialEq)]
enum V {
    Null,
    Scalar,
    Immortal,
    Obj(usize),
}

#[derive(Debug, Clone)]
struct Obj {
    rc: i64,
    items: Vec<V>,
    freed: bool,
}

#[derive(Debug, Clone)]
struct St {
    regs: Vec<V>,
    heap: Vec<Obj>,
    globals: FxHashMap<u32, V>,
    params: Vec<V>,
    block: usize,
    visits: Vec<u32>,
    trace: Vec<usize>,
}

struct Sim<'a> {
    body: &'a Body,
    select_second: bool,
    errors: Vec<String>,
    paths: usize,
    /// Blocks left to execute over all paths (large bodies are explored partly).
    budget: usize,
    /// The functions known to free nothing (`passes::run_passes_reporting`).
    frees_nothing: &'a [bool],
}

fn simulate(body: &Body, select_second: bool) -> Vec<String> {
    simulate_within(body, select_second, usize::MAX, &[])
}

/// Simulates `body`'s paths; a call of a function `f` with `frees_nothing[f]` may take an
/// argument the caller only borrows.
fn simulate_within(body: &Body, select_second: bool, budget: usize, frees_nothing: &[bool]) -> Vec<String> {
    let mut st = St {
        regs: vec![V::Null; body.regs.len()],
        heap: Vec::new(),
        globals: FxHashMap::default(),
        params: Vec::new(),
        block: 0,
        visits: vec![0; body.blocks.len()],
        trace: Vec::new(),
    };
    for p in &body.params {
        let v = new_value(&mut st, body.reg_ty(*p));
        st.regs[p.0 as usize] = v;
        st.params.push(v);
    }
    let mut sim = Sim { body, select_second, errors: Vec::new(), paths: 0, budget, frees_nothing };
    sim.run(st);
    assert!(sim.paths > 0, "no complete path");
    sim.errors
}

fn new_value(st: &mut St, ty: &RegTy) -> V {
    match ty {
        RegTy::Py(t) if t.is_heap() => {
            // A tuple is modelled as an object holding its fields: taking or releasing a
            // reference to it stands for doing so on each field.
            let items = match t.kind() {
                TyKind::List(e) if e.is_heap() => vec![new_value(st, &RegTy::Py(*e))],
                TyKind::Tuple(fields) => fields.iter().map(|f| new_value(st, &RegTy::Py(*f))).collect(),
                _ => Vec::new(),
            };
            st.heap.push(Obj { rc: 1, items, freed: false });
            V::Obj(st.heap.len() - 1)
        }
        _ => V::Scalar,
    }
}

impl Sim<'_> {
    fn err(&mut self, st: &St, msg: String) {
        self.errors.push(format!("path {:?}: {msg}", st.trace));
    }

    fn read(&mut self, st: &St, o: &Operand) -> V {
        match o {
            Operand::Reg(x) => {
                let v = st.regs[x.0 as usize];
                if let V::Obj(id) = v {
                    if st.heap[id].freed {
                        self.err(st, format!("{x} used after its object was freed"));
                    }
                }
                v
            }
            Operand::Const(Const::Str(_)) => V::Immortal,
            Operand::Const(Const::Null) => V::Null,
            Operand::Const(_) => V::Scalar,
        }
    }

    fn inc(&mut self, st: &mut St, v: V) {
        if let V::Obj(id) = v {
            st.heap[id].rc += 1;
        }
    }

    fn dec(&mut self, st: &mut St, v: V) {
        let V::Obj(id) = v else { return };
        if st.heap[id].freed {
            self.err(st, format!("object {id} released after it was freed"));
            return;
        }
        st.heap[id].rc -= 1;
        if st.heap[id].rc == 0 {
            st.heap[id].freed = true;
            for item in st.heap[id].items.clone() {
                self.dec(st, item);
            }
        }
    }

    /// References to `id` held by containers and globals.
    fn held_by_heap(st: &St, id: usize) -> usize {
        let in_objs = st.heap.iter().filter(|o| !o.freed).flat_map(|o| &o.items).filter(|v| **v == V::Obj(id)).count();
        in_objs + st.globals.values().filter(|v| **v == V::Obj(id)).count()
    }

    fn consume_stolen(&mut self, st: &mut St, op: &Op) {
        for (j, o) in op.operands().into_iter().enumerate() {
            let v = self.read(st, o);
            if op.steals(j) {
                self.dec(st, v);
            }
        }
    }

    fn exec(&mut self, st: &mut St, inst: &Inst) {
        let body = self.body;
        let dst_ty = inst.dst.map(|d| body.reg_ty(d).clone());
        let vals: Vec<V> = inst.op.operands().into_iter().map(|o| self.read(st, o)).collect();
        let item0 = |st: &St, v: V| match v {
            V::Obj(id) => st.heap[id].items.first().copied().unwrap_or(V::Scalar),
            _ => V::Scalar,
        };
        let result = match &inst.op {
            Op::Use(_) => vals[0],
            Op::Select(..) => vals[if self.select_second { 2 } else { 1 }],
            Op::Call(f, _) => {
                let borrows_ok = self.frees_nothing.get(f.0 as usize).copied().unwrap_or(false);
                for v in vals.iter().filter(|_| !borrows_ok) {
                    if let V::Obj(id) = *v {
                        if st.heap[id].rc as usize <= Self::held_by_heap(st, id) {
                            self.err(st, format!("object {id} passed to a call without a reference of the caller's own"));
                        }
                    }
                }
                dst_ty.as_ref().map_or(V::Scalar, |t| new_value(st, t))
            }
            Op::Runtime(call) => {
                for (j, v) in vals.iter().enumerate() {
                    if call.steals & (1 << j) != 0 {
                        self.dec(st, *v);
                    }
                }
                match call.result {
                    Own::New => dst_ty.as_ref().map_or(V::Scalar, |t| new_value(st, t)),
                    Own::Borrowed => vals.iter().find(|v| matches!(v, V::Obj(_))).map_or(V::Scalar, |v| item0(st, *v)),
                    Own::Plain => V::Scalar,
                }
            }
            Op::LoadGlobal(g) => {
                let v = match st.globals.get(&g.0) {
                    Some(v) => *v,
                    None => {
                        let v = dst_ty.as_ref().map_or(V::Scalar, |t| new_value(st, t));
                        st.globals.insert(g.0, v);
                        v
                    }
                };
                self.inc(st, v);
                v
            }
            Op::StoreGlobal(g, _) => {
                if let Some(old) = st.globals.insert(g.0, vals[0]) {
                    self.dec(st, old);
                }
                V::Scalar
            }
            Op::ListGet(..) | Op::ListLoad(..) | Op::LoadSlot(..) => item0(st, vals[0]),
            Op::ListSet(..) | Op::StoreSlot(..) => {
                if let V::Obj(id) = vals[0] {
                    let old = st.heap[id].items.first().copied();
                    match old {
                        Some(_) => st.heap[id].items[0] = vals[2],
                        None => st.heap[id].items.push(vals[2]),
                    }
                    if let Some(old) = old {
                        self.dec(st, old);
                    }
                } else {
                    // No list (an undefined register in a random body): the value is
                    // still consumed.
                    self.dec(st, vals[2]);
                }
                V::Scalar
            }
            Op::MakeTuple(_) if dst_ty.as_ref().is_some_and(|t| t.is_heap()) => {
                // The fields were stolen: the new tuple holds their references.
                st.heap.push(Obj { rc: 1, items: vals.clone(), freed: false });
                V::Obj(st.heap.len() - 1)
            }
            Op::FieldGet(_, i) => match vals[0] {
                V::Obj(id) => st.heap[id].items.get(*i as usize).copied().unwrap_or(V::Scalar),
                _ => V::Scalar,
            },
            Op::FieldSet(_, i, _) => {
                // The field takes over the value and releases the old one.
                if let V::Obj(id) = vals[0] {
                    let i = *i as usize;
                    if st.heap[id].items.len() <= i {
                        st.heap[id].items.resize(i + 1, V::Scalar);
                    }
                    let old = std::mem::replace(&mut st.heap[id].items[i], vals[1]);
                    self.dec(st, old);
                } else {
                    self.dec(st, vals[1]);
                }
                V::Scalar
            }
            Op::CallVirtual { .. } => dst_ty.as_ref().map_or(V::Scalar, |t| new_value(st, t)),
            Op::TupleGet(_, i) => match vals[0] {
                V::Obj(id) => st.heap[id].items.get(*i as usize).copied().unwrap_or(V::Scalar),
                _ => V::Scalar,
            },
            Op::BoxTuple(_) => {
                self.inc(st, vals[0]);
                st.heap.push(Obj { rc: 1, items: vec![vals[0]], freed: false });
                V::Obj(st.heap.len() - 1)
            }
            Op::UnboxTuple(_) => item0(st, vals[0]),
            Op::IncRef(_) => {
                self.inc(st, vals[0]);
                V::Scalar
            }
            Op::DecRef(_) => {
                self.dec(st, vals[0]);
                V::Scalar
            }
            _ => V::Scalar,
        };
        if let Some(d) = inst.dst {
            st.regs[d.0 as usize] = result;
        }
    }

    fn run(&mut self, mut st: St) {
        let body = self.body;
        loop {
            let b = st.block;
            st.visits[b] += 1;
            if st.visits[b] > 2 || self.budget == 0 {
                return;
            }
            self.budget -= 1;
            st.trace.push(b);
            let block = &body.blocks[b];
            let n = block.insts.len();
            for (i, inst) in block.insts.iter().enumerate() {
                if let (true, Term::CheckError { err, .. }) = (i + 1 == n && inst.op.may_raise(&|_| true), &block.term) {
                    let mut failed = st.clone();
                    self.consume_stolen(&mut failed, &inst.op);
                    failed.block = err.0 as usize;
                    self.run(failed);
                }
                self.exec(&mut st, inst);
            }
            match &block.term {
                Term::Goto(t) | Term::CheckError { ok: t, .. } => st.block = t.0 as usize,
                Term::Branch { then, else_, .. } => {
                    let mut other = st.clone();
                    other.block = then.0 as usize;
                    self.run(other);
                    st.block = else_.0 as usize;
                }
                Term::Return(v) => {
                    let v = v.as_ref().map_or(V::Scalar, |o| self.read(&st, o));
                    return self.finish(st, v);
                }
                Term::Unwind => return self.finish(st, V::Scalar),
                Term::Unreachable => return self.err(&st, "reached unreachable".into()),
            }
        }
    }

    /// The caller releases the result, its arguments, and the globals: nothing may remain.
    fn finish(&mut self, mut st: St, ret: V) {
        self.paths += 1;
        self.dec(&mut st, ret);
        for p in st.params.clone() {
            self.dec(&mut st, p);
        }
        let mut globals: Vec<(u32, V)> = st.globals.iter().map(|(k, v)| (*k, *v)).collect();
        globals.sort_by_key(|(k, _)| *k);
        for (_, v) in globals {
            self.dec(&mut st, v);
        }
        // What is left is a leak, unless it is a garbage cycle, which the cycle collector
        // frees (runtime/mg_gc.c): objects whose every count comes from other objects
        // left, none of them reachable from an object counted from outside.
        let left: Vec<usize> = (0..st.heap.len()).filter(|&id| !st.heap[id].freed).collect();
        let mut outside: Vec<i64> = st.heap.iter().map(|o| o.rc).collect();
        for &id in &left {
            for item in &st.heap[id].items {
                if let V::Obj(c) = *item {
                    outside[c] -= 1;
                }
            }
        }
        let mut reached = vec![false; st.heap.len()];
        let mut stack: Vec<usize> = left.iter().copied().filter(|&id| outside[id] != 0).collect();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut reached[id], true) {
                continue;
            }
            stack.extend(st.heap[id].items.iter().filter_map(|v| match *v {
                V::Obj(c) if !st.heap[c].freed => Some(c),
                _ => None,
            }));
        }
        for id in left {
            if reached[id] {
                self.err(&st, format!("object {id} ends with count {}", st.heap[id].rc));
            }
        }
    }
}

// ---- the cases ----

/// `s = ""; while c: s = s + "x"; print(s)`: the old value is released at its last use,
/// before the reassignment.
#[test]
fn local_str_reassigned_in_loop() {
    let mut fb = Fb::new(&[Ty::BOOL], Ty::NONE);
    let s = fb.reg(Ty::STR);
    let t = fb.reg(Ty::STR);
    let (b0, head, body, exit) = (fb.block(), fb.block(), fb.block(), fb.block());
    fb.op(b0, Some(s), Op::Use(lit("")));
    fb.term(b0, Term::Goto(head));
    fb.term(head, Term::Branch { cond: r(Reg(0)), then: body, else_: exit, likely: None });
    fb.op(body, Some(t), rt("mg_str_concat", vec![r(s), lit("x")], false, Own::New, 0));
    fb.op(body, Some(s), Op::Use(r(t)));
    fb.term(body, Term::Goto(head));
    fb.op(exit, None, print_str(s));
    fb.term(exit, Term::Return(None));
    let stats = check(
        fb,
        r#"
def f(r0: bool) -> None:
  bb0:
    r1: str = ""  # line 1
    goto bb1
  bb1:
    branch r0 ? bb2 : bb3
  bb2:
    r2: str = mg_str_concat(r1, "x")  # line 1
    dec_ref r1  # line 1
    r1: str = r2  # line 1
    goto bb1
  bb3:
    mg_print_str(r1, 0)  # line 1
    dec_ref r1  # line 1
    return
"#,
    );
    assert_eq!(stats, Stats { increfs_inserted: 0, decrefs_inserted: 2, increfs_removed: 0, decrefs_removed: 0 });
}

/// `s += "x"` in place: the operation reads and assigns `s`, and steals it.
#[test]
fn in_place_append_reads_its_destination() {
    let mut fb = Fb::new(&[Ty::STR], Ty::NONE);
    let b0 = fb.block();
    fb.op(b0, Some(Reg(0)), rt("mg_str_iadd", vec![r(Reg(0)), lit("x")], false, Own::New, 1));
    fb.op(b0, None, print_str(Reg(0)));
    fb.term(b0, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: str) -> None:
  bb0:
    inc_ref r0  # line 1
    r1: str = r0  # line 1
    r0: str = mg_str_iadd(r1, "x") steals=0b1  # line 1
    mg_print_str(r0, 0)  # line 1
    dec_ref r0  # line 1
    return
"#,
    );
}

/// `g(xs[0])`: the callee borrows its argument and could free the item through an
/// alias of the list, so the item is made owned.
#[test]
fn borrowed_item_passed_to_call() {
    let mut fb = Fb::new(&[strs()], Ty::NONE);
    let e = fb.reg(Ty::STR);
    let (b0, b1, b2) = (fb.block(), fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(e), Op::ListGet(r(Reg(0)), int(0)));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, None, Op::Call(FuncId(1), vec![r(e)]));
    fb.term(b1, check_err(b2, h));
    fb.term(b2, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: list[str]) -> None:
  bb0:
    r1: str = r0[0]  # line 1
    if error goto bb3 else bb4
  bb1:
    call g(r1)  # line 1
    if error goto bb6 else bb5
  bb2:
    return
  bb3:
    traceback frame  # line 1
    unwind
  bb4:
    inc_ref r1  # line 1
    goto bb1
  bb5:
    dec_ref r1  # line 1
    goto bb2
  bb6:
    dec_ref r1  # line 1
    goto bb3
"#,
    );
}

/// `print(make()[0])`: the item stays borrowed, and the temporary list is released only
/// after the item's last use (and on the error edge of the indexing).
#[test]
fn item_of_temporary_used_after_list() {
    let mut fb = Fb::new(&[], Ty::NONE);
    let l = fb.reg(strs());
    let e = fb.reg(Ty::STR);
    let (b0, b1, b2) = (fb.block(), fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(l), Op::Call(FuncId(2), vec![]));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, Some(e), Op::ListGet(r(l), int(0)));
    fb.term(b1, check_err(b2, h));
    fb.op(b2, None, print_str(e));
    fb.term(b2, Term::Return(None));
    check(
        fb,
        r#"
def f() -> None:
  bb0:
    r0: list[str] = call make()  # line 1
    if error goto bb3 else bb1
  bb1:
    r1: str = r0[0]  # line 1
    if error goto bb4 else bb2
  bb2:
    mg_print_str(r1, 0)  # line 1
    dec_ref r0  # line 1
    return
  bb3:
    traceback frame  # line 1
    unwind
  bb4:
    dec_ref r0  # line 1
    goto bb3
"#,
    );
}

/// `e = xs[0]; xs[0] = "a"; print(e)`: the store would free the item, so it is owned.
#[test]
fn item_used_after_store_into_its_list() {
    let mut fb = Fb::new(&[strs()], Ty::NONE);
    let e = fb.reg(Ty::STR);
    let (b0, b1) = (fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(e), Op::ListLoad(r(Reg(0)), int(0)));
    fb.op(b0, None, Op::ListSet(r(Reg(0)), int(0), lit("a")));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, None, print_str(e));
    fb.term(b1, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: list[str]) -> None:
  bb0:
    r1: str = r0[0] unchecked  # line 1
    inc_ref r1  # line 1
    r0[0] = "a"  # line 1
    if error goto bb3 else bb1
  bb1:
    mg_print_str(r1, 0)  # line 1
    dec_ref r1  # line 1
    return
  bb2:
    traceback frame  # line 1
    unwind
  bb3:
    dec_ref r1  # line 1
    goto bb2
"#,
    );
}

/// `s = str(n); k = n + 1; print(k); return s`: `s` is live across the overflow test,
/// so its error edge releases it.
#[test]
fn owned_value_live_across_error_edge() {
    let mut fb = Fb::new(&[Ty::INT], Ty::STR);
    let s = fb.reg(Ty::STR);
    let k = fb.reg(Ty::INT);
    let (b0, b1, b2) = (fb.block(), fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(s), Op::Call(FuncId(1), vec![r(Reg(0))]));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, Some(k), Op::Checked(CheckedOp::Add, r(Reg(0)), int(1)));
    fb.term(b1, check_err(b2, h));
    fb.op(b2, None, rt("mg_print_int", vec![r(k)], false, Own::Plain, 0));
    fb.term(b2, Term::Return(Some(r(s))));
    check(
        fb,
        r#"
def f(r0: int) -> str:
  bb0:
    r1: str = call g(r0)  # line 1
    if error goto bb3 else bb1
  bb1:
    r2: int = checked Add(r0, 1)  # line 1
    if error goto bb4 else bb2
  bb2:
    mg_print_int(r2)  # line 1
    return r1
  bb3:
    traceback frame  # line 1
    unwind
  bb4:
    dec_ref r1  # line 1
    goto bb3
"#,
    );
}

/// `if c: s = s + "x"` then `print(s)`: at the join `s` is owned, so the path that kept
/// the caller's reference takes one of its own.
#[test]
fn parameter_reassigned_on_one_path() {
    let mut fb = Fb::new(&[Ty::STR, Ty::BOOL], Ty::NONE);
    let t = fb.reg(Ty::STR);
    let (b0, b1, b2) = (fb.block(), fb.block(), fb.block());
    fb.term(b0, Term::Branch { cond: r(Reg(1)), then: b1, else_: b2, likely: None });
    fb.op(b1, Some(t), rt("mg_str_concat", vec![r(Reg(0)), lit("x")], false, Own::New, 0));
    fb.op(b1, Some(Reg(0)), Op::Use(r(t)));
    fb.term(b1, Term::Goto(b2));
    fb.op(b2, None, print_str(Reg(0)));
    fb.term(b2, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: str, r1: bool) -> None:
  bb0:
    branch r1 ? bb1 : bb3
  bb1:
    r2: str = mg_str_concat(r0, "x")  # line 1
    r0: str = r2  # line 1
    goto bb2
  bb2:
    mg_print_str(r0, 0)  # line 1
    dec_ref r0  # line 1
    return
  bb3:
    inc_ref r0  # line 0
    goto bb2
"#,
    );
}

/// `return s` of a parameter: the caller receives a reference of its own.
#[test]
fn return_parameter() {
    let mut fb = Fb::new(&[Ty::STR], Ty::STR);
    let b0 = fb.block();
    fb.term(b0, Term::Return(Some(r(Reg(0)))));
    check(
        fb,
        r#"
def f(r0: str) -> str:
  bb0:
    inc_ref r0  # line 0
    return r0
"#,
    );
}

/// `x = a if c else b; g(x)`: the select is borrowed, its copy into `x` owned.
#[test]
fn select_of_heap_values() {
    let mut fb = Fb::new(&[Ty::BOOL, Ty::STR, Ty::STR], Ty::NONE);
    let sel = fb.reg(Ty::STR);
    let x = fb.reg(Ty::STR);
    let (b0, b1) = (fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(sel), Op::Select(r(Reg(0)), r(Reg(1)), r(Reg(2))));
    fb.op(b0, Some(x), Op::Use(r(sel)));
    fb.op(b0, None, Op::Call(FuncId(1), vec![r(x)]));
    fb.term(b0, check_err(b1, h));
    fb.term(b1, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: bool, r1: str, r2: str) -> None:
  bb0:
    r3: str = select r0 ? r1 : r2  # line 1
    inc_ref r3  # line 1
    r4: str = r3  # line 1
    call g(r4)  # line 1
    if error goto bb4 else bb3
  bb1:
    return
  bb2:
    traceback frame  # line 1
    unwind
  bb3:
    dec_ref r4  # line 1
    goto bb1
  bb4:
    dec_ref r4  # line 1
    goto bb2
"#,
    );
}

/// `x = make() if c else make()`-like: a select of two owned temporaries keeps both alive
/// until the selected value's last use.
#[test]
fn select_of_owned_temporaries() {
    let mut fb = Fb::new(&[Ty::BOOL], Ty::NONE);
    let a = fb.reg(Ty::STR);
    let b = fb.reg(Ty::STR);
    let sel = fb.reg(Ty::STR);
    let b0 = fb.block();
    fb.op(b0, Some(a), rt("mg_str_concat", vec![lit("a"), lit("b")], false, Own::New, 0));
    fb.op(b0, Some(b), rt("mg_str_concat", vec![lit("c"), lit("d")], false, Own::New, 0));
    fb.op(b0, Some(sel), Op::Select(r(Reg(0)), r(a), r(b)));
    fb.op(b0, None, print_str(sel));
    fb.term(b0, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: bool) -> None:
  bb0:
    r1: str = mg_str_concat("a", "b")  # line 1
    r2: str = mg_str_concat("c", "d")  # line 1
    r3: str = select r0 ? r1 : r2  # line 1
    mg_print_str(r3, 0)  # line 1
    dec_ref r1  # line 1
    dec_ref r2  # line 1
    return
"#,
    );
}

/// `G = xs[0]`: the global takes over a reference of its own.
#[test]
fn store_global_of_borrowed_item() {
    let mut fb = Fb::new(&[strs()], Ty::NONE);
    let e = fb.reg(Ty::STR);
    let (b0, b1) = (fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(e), Op::ListGet(r(Reg(0)), int(0)));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, None, Op::StoreGlobal(GlobalId(0), r(e)));
    fb.term(b1, Term::Return(None));
    check(
        fb,
        r#"
def f(r0: list[str]) -> None:
  bb0:
    r1: str = r0[0]  # line 1
    if error goto bb2 else bb3
  bb1:
    store g0 = r1  # line 1
    return
  bb2:
    traceback frame  # line 1
    unwind
  bb3:
    inc_ref r1  # line 1
    goto bb1
"#,
    );
}

/// `for x in xs: print(x)` over an index: the item stays borrowed in the loop.
#[test]
fn loop_over_list_items() {
    let mut fb = Fb::new(&[strs()], Ty::NONE);
    let i = fb.reg(Ty::INT);
    let n = fb.reg(Ty::INT);
    let c = fb.reg(Ty::BOOL);
    let x = fb.reg(Ty::STR);
    let (b0, head, body, exit) = (fb.block(), fb.block(), fb.block(), fb.block());
    fb.op(b0, Some(i), Op::Use(int(0)));
    fb.term(b0, Term::Goto(head));
    fb.op(head, Some(n), Op::ListLen(r(Reg(0))));
    fb.op(head, Some(c), Op::Binary(PureBinOp::Cmp(CmpOp::Lt), r(i), r(n)));
    fb.term(head, Term::Branch { cond: r(c), then: body, else_: exit, likely: None });
    fb.op(body, Some(x), Op::ListLoad(r(Reg(0)), r(i)));
    fb.op(body, None, print_str(x));
    fb.op(body, Some(i), Op::Binary(PureBinOp::Xor, r(i), int(1)));
    fb.term(body, Term::Goto(head));
    fb.term(exit, Term::Return(None));
    let stats = check(
        fb,
        r#"
def f(r0: list[str]) -> None:
  bb0:
    r1: int = 0  # line 1
    goto bb1
  bb1:
    r2: int = len r0  # line 1
    r3: bool = Cmp(Lt)(r1, r2)  # line 1
    branch r3 ? bb2 : bb3
  bb2:
    r4: str = r0[r1] unchecked  # line 1
    mg_print_str(r4, 0)  # line 1
    r1: int = Xor(r1, 1)  # line 1
    goto bb1
  bb3:
    return
"#,
    );
    assert_eq!(stats, Stats::default());
}

/// `G = y = s; print(s)` on an owned `s`: `y` cannot be a mere view of `s` (the store
/// takes a reference over), and the copy's `IncRef` and the release of `s` after its
/// last use cancel.
#[test]
fn cleanup_cancels_pair() {
    let mut fb = Fb::new(&[], Ty::NONE);
    let s = fb.reg(Ty::STR);
    let y = fb.reg(Ty::STR);
    let b0 = fb.block();
    fb.op(b0, Some(s), rt("mg_str_concat", vec![lit("a"), lit("b")], false, Own::New, 0));
    fb.op(b0, Some(y), Op::Use(r(s)));
    fb.op(b0, None, print_str(s));
    fb.op(b0, None, Op::StoreGlobal(GlobalId(0), r(y)));
    fb.term(b0, Term::Return(None));
    let stats = check(
        fb,
        r#"
def f() -> None:
  bb0:
    r0: str = mg_str_concat("a", "b")  # line 1
    r1: str = r0  # line 1
    mg_print_str(r0, 0)  # line 1
    store g0 = r1  # line 1
    return
"#,
    );
    assert_eq!(stats, Stats { increfs_inserted: 1, decrefs_inserted: 1, increfs_removed: 1, decrefs_removed: 1 });
}

/// `y = s; print(s); print(y)`: the copy is a view of `s`, which is released after the
/// copy's last use.
#[test]
fn copy_is_a_view() {
    let mut fb = Fb::new(&[], Ty::NONE);
    let s = fb.reg(Ty::STR);
    let y = fb.reg(Ty::STR);
    let b0 = fb.block();
    fb.op(b0, Some(s), rt("mg_str_concat", vec![lit("a"), lit("b")], false, Own::New, 0));
    fb.op(b0, Some(y), Op::Use(r(s)));
    fb.op(b0, None, print_str(s));
    fb.op(b0, None, print_str(y));
    fb.term(b0, Term::Return(None));
    check(
        fb,
        r#"
def f() -> None:
  bb0:
    r0: str = mg_str_concat("a", "b")  # line 1
    r1: str = r0  # line 1
    mg_print_str(r0, 0)  # line 1
    mg_print_str(r1, 0)  # line 1
    dec_ref r0  # line 1
    return
"#,
    );
}

/// An owned result never used is released right away; a temporary list's borrowed
/// item copied into a local is a view too, so the list lives until the local's last use.
#[test]
fn unused_result_and_copied_item() {
    let mut fb = Fb::new(&[], Ty::NONE);
    let unused = fb.reg(Ty::STR);
    let l = fb.reg(strs());
    let e = fb.reg(Ty::STR);
    let x = fb.reg(Ty::STR);
    let (b0, b1, b2, b3) = (fb.block(), fb.block(), fb.block(), fb.block());
    let h = fb.handler();
    fb.op(b0, Some(unused), Op::Call(FuncId(1), vec![]));
    fb.term(b0, check_err(b1, h));
    fb.op(b1, Some(l), Op::Call(FuncId(2), vec![]));
    fb.term(b1, check_err(b2, h));
    fb.op(b2, Some(e), Op::ListGet(r(l), int(-1)));
    fb.term(b2, check_err(b3, h));
    fb.op(b3, Some(x), Op::Use(r(e)));
    fb.op(b3, None, print_str(x));
    fb.term(b3, Term::Return(None));
    check(
        fb,
        r#"
def f() -> None:
  bb0:
    r0: str = call g()  # line 1
    if error goto bb4 else bb5
  bb1:
    r1: list[str] = call make()  # line 1
    if error goto bb4 else bb2
  bb2:
    r2: str = r1[-1]  # line 1
    if error goto bb6 else bb3
  bb3:
    r3: str = r2  # line 1
    mg_print_str(r3, 0)  # line 1
    dec_ref r1  # line 1
    return
  bb4:
    traceback frame  # line 1
    unwind
  bb5:
    dec_ref r0  # line 1
    goto bb1
  bb6:
    dec_ref r1  # line 1
    goto bb4
"#,
    );
}

// ---- the interpreter itself, and random bodies ----

#[test]
fn simulator_catches_leaks_and_early_releases() {
    let mut fb = Fb::new(&[], Ty::NONE);
    let l = fb.reg(strs());
    let e = fb.reg(Ty::STR);
    let (b0, b1) = (fb.block(), fb.block());
    fb.op(b0, Some(l), Op::Call(FuncId(2), vec![]));
    fb.op(b0, Some(e), Op::ListLoad(r(l), int(0)));
    fb.term(b0, Term::Goto(b1));
    fb.op(b1, None, print_str(e));
    fb.term(b1, Term::Return(None));
    let leak = simulate(&fb.body, false);
    assert!(leak.iter().any(|m| m.contains("ends with count 1")), "{leak:?}");
    fb.body.blocks[0].insts.push(Inst { dst: None, op: Op::DecRef(r(l)), line: 1 });
    let early = simulate(&fb.body, false);
    assert!(early.iter().any(|m| m.contains("r1 used after its object was freed")), "{early:?}");
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random body over str and list[str] registers: forward edges only, plus one back
/// edge at times; every raising operation ends its block.
fn random_body(rng: &mut Rng) -> Body {
    let returns_str = rng.below(2) == 0;
    let mut fb = Fb::new(&[Ty::STR, strs(), Ty::BOOL], if returns_str { Ty::STR } else { Ty::NONE });
    let mut strs_ = vec![Reg(0)];
    for _ in 0..3 {
        strs_.push(fb.reg(Ty::STR));
    }
    let lists = vec![Reg(1), fb.reg(strs())];
    let nblocks = 3 + rng.below(5);
    let blocks: Vec<BlockId> = (0..nblocks).map(|_| fb.block()).collect();
    let h = fb.handler();
    for (bi, &b) in blocks.iter().enumerate() {
        let last = bi + 1 == nblocks;
        let mut raised = false;
        for _ in 0..1 + rng.below(4) {
            let pick = |rng: &mut Rng, pool: &[Reg]| pool[rng.below(pool.len())];
            let a = pick(rng, &strs_);
            let s2 = pick(rng, &strs_);
            let l = pick(rng, &lists);
            // A destination: an existing variable or a fresh temporary.
            let dst_str = if rng.below(2) == 0 { pick(rng, &strs_) } else { fb.reg(Ty::STR) };
            match rng.below(12) {
                0 => fb.op(b, Some(dst_str), Op::Use(r(a))),
                1 => fb.op(b, Some(dst_str), rt("mg_str_concat", vec![r(a), r(s2)], false, Own::New, 0)),
                2 => fb.op(b, None, print_str(a)),
                3 => fb.op(b, Some(dst_str), Op::ListLoad(r(l), int(0))),
                4 => fb.op(b, Some(dst_str), Op::Select(r(Reg(2)), r(a), r(s2))),
                5 => fb.op(b, None, Op::StoreGlobal(GlobalId(0), r(a))),
                6 => fb.op(b, Some(pick(rng, &lists)), Op::LoadGlobal(GlobalId(1))),
                7 => fb.op(b, Some(a), rt("mg_str_iadd", vec![r(a), r(s2)], false, Own::New, 1)),
                8 if !last => {
                    fb.op(b, Some(dst_str), Op::Call(FuncId(1), vec![r(a), r(l)]));
                    raised = true;
                }
                9 if !last => {
                    fb.op(b, Some(dst_str), Op::ListGet(r(l), int(0)));
                    raised = true;
                }
                10 if !last => {
                    fb.op(b, None, Op::ListSet(r(l), int(0), r(a)));
                    raised = true;
                }
                11 => {
                    // A fresh temporary used right away, as expressions do.
                    fb.op(b, Some(dst_str), Op::ListLoad(r(l), int(0)));
                    fb.op(b, None, print_str(dst_str));
                }
                _ => fb.op(b, None, print_str(s2)),
            }
            if !strs_.contains(&dst_str) && rng.below(2) == 0 {
                strs_.push(dst_str);
            }
            if raised {
                break;
            }
        }
        let later = |rng: &mut Rng| blocks[bi + 1 + rng.below(nblocks - bi - 1)];
        let term = if raised {
            check_err(later(rng), h)
        } else if last {
            Term::Return(returns_str.then(|| r(strs_[rng.below(strs_.len())])))
        } else if rng.below(6) == 0 && bi > 0 {
            // A loop back to an earlier block, leaving through the other side.
            Term::Branch { cond: r(Reg(2)), then: blocks[rng.below(bi)], else_: later(rng), likely: None }
        } else if rng.below(2) == 0 {
            Term::Branch { cond: r(Reg(2)), then: later(rng), else_: later(rng), likely: None }
        } else {
            Term::Goto(later(rng))
        };
        fb.term(b, term);
    }
    fb.body
}

#[test]
fn random_bodies_release_everything_once() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut totals = Stats::default();
    for case in 0..3000 {
        let mut body = random_body(&mut rng);
        let before = show(&body);
        totals.add(insert(&mut body));
        for select_second in [false, true] {
            let errors = simulate(&body, select_second);
            assert!(errors.is_empty(), "case {case}:\n{}\nbefore:\n{before}\nafter:\n{}", errors.join("\n"), show(&body));
        }
    }
    assert!(totals.increfs_inserted > 0 && totals.decrefs_inserted > 0 && totals.increfs_removed > 0, "{totals:?}");
}

/// Every corpus program: lowered, through the passes, verified, and simulated (large
/// bodies partly).
#[test]
fn corpus_programs() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/run");
    let mut paths: Vec<std::path::PathBuf> =
        std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "py")).collect();
    paths.sort();
    let mut totals = crate::mir::passes::PassStats::default();
    let mut programs = 0;
    for path in paths {
        let name = path.display().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let file = crate::syntax::SourceFile::new(name.clone(), text);
        let Ok(program) = crate::driver::check(&file, &mut crate::driver::Timings::default()) else { continue };
        let mut m = crate::mir::lower::lower(&program, &file);
        if let Err(e) = crate::mir::verify::verify(&m) {
            panic!("{name}: MIR verification failed after lowering:\n{e}\n{}", print::module(&m));
        }
        programs += 1;
        let (stats, frees_nothing) = crate::mir::passes::run_passes_reporting(&mut m);
        totals.flag_branches_removed += stats.flag_branches_removed;
        totals.error_tests_removed += stats.error_tests_removed;
        totals.blocks_removed += stats.blocks_removed;
        totals.refcount.add(stats.refcount);
        if let Err(e) = crate::mir::verify::verify(&m) {
            panic!("{name}: MIR verification failed after the passes:\n{e}\n{}", print::module(&m));
        }
        for body in &m.bodies {
            let errors = simulate_within(body, false, 20_000, &frees_nothing);
            assert!(errors.is_empty(), "{name}, {}:\n{}\n{}", body.name, errors.iter().take(5).cloned().collect::<Vec<_>>().join("\n"), show(body));
        }
    }
    assert!(programs > 0);
    eprintln!("{programs} programs: {totals:?}");
}
