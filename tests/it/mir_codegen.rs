//! The MIR → LLVM translator (`codegen::body`), on hand-built MIR bodies: each test
//! compiles a Python module through the driver's lowering and passes, replaces the MIR of
//! chosen functions by MIR written here (with its reference counting explicit, as the
//! passes leave it; the other functions keep their lowered bodies, so calls cross both
//! ways), runs them through the executor and checks results and raised exceptions.

use multigen::check::ir::{GlobalId, Program};
use multigen::check::types::Ty;
use multigen::codegen::runtime::ExcKind;
use multigen::executor::{ExecError, Executor, PyException, Value};
use multigen::mir::{self, CheckedOp, CmpOp, Const, Op, Operand, PureBinOp, Term};

use crate::mir_build::*;

/// Loads `source`, with the bodies `bodies` builds (by function name) in place of the
/// lowered ones.
#[track_caller]
fn load(source: &str, bodies: fn(&Program) -> Vec<(&'static str, mir::Body)>) -> Executor {
    let mut ex = Executor::new();
    ex.capture_output(true);
    let edit = move |program: &Program, m: &mut mir::Module| {
        for (name, body) in bodies(program) {
            m.bodies[func_id(program, name).0 as usize] = body;
        }
        // The hand-built bodies are built as if they may raise: recompute that (and drop
        // the error tests it makes dead), as the callers' tests were decided with the
        // lowered bodies.
        mir::may_raise::run(m);
        if let Err(e) = mir::verify::verify(m) {
            panic!("hand-built MIR does not verify:\n{e}");
        }
    };
    if let Err(e) = ex.add_source_with_mir("lib.py", source, &edit) {
        panic!("cannot load: {e}");
    }
    ex
}

#[track_caller]
fn exception(res: Result<Value, ExecError>) -> PyException {
    match res {
        Err(ExecError::Exception(exc)) => exc,
        other => panic!("want an exception, got {other:?}"),
    }
}

fn frames(exc: &PyException) -> Vec<(String, u32, String)> {
    exc.traceback.iter().map(|f| (f.function.clone(), f.line, f.source.clone())).collect()
}

fn s(text: &str) -> Value {
    Value::Str(text.into())
}

const ARITH: &str = r#"
def add(a: int, b: int) -> int:
    return a + b


def total(n: int) -> int:
    i = 0
    s = 0
    while i < n:
        s += i
        i += 1
    return s


def plus_one(n: int) -> int:
    return total(n) + 1


def divide(a: int, b: int) -> int:
    return a // b


def caller(a: int, b: int) -> int:
    return divide(a, b)
"#;

fn arith_bodies(p: &Program) -> Vec<(&'static str, mir::Body)> {
    let int_ty = || py(Ty::INT);
    let add = body(
        "add",
        2,
        vec![int_ty(), int_ty(), int_ty()],
        Ty::INT,
        vec![
            block(vec![set(2, Op::Checked(CheckedOp::Add, r(0), r(1)), 3)], check(1, 2)),
            block(vec![], Term::Return(Some(r(2)))),
            handler(3),
        ],
    );
    // r0 n, r1 i, r2 s, r3 i < n
    let total = body(
        "total",
        1,
        vec![int_ty(), int_ty(), int_ty(), py(Ty::BOOL)],
        Ty::INT,
        vec![
            block(vec![set(1, Op::Use(int(0)), 7), set(2, Op::Use(int(0)), 8)], Term::Goto(bb(1))),
            block(vec![set(3, Op::Binary(PureBinOp::Cmp(CmpOp::Lt), r(1), r(0)), 9)], Term::Branch { cond: r(3), then: bb(2), else_: bb(4), likely: None }),
            block(vec![set(2, Op::Checked(CheckedOp::Add, r(2), r(1)), 10)], check(3, 5)),
            block(vec![set(1, Op::Checked(CheckedOp::Add, r(1), int(1)), 11)], check(1, 6)),
            block(vec![], Term::Return(Some(r(2)))),
            handler(10),
            handler(11),
        ],
    );
    // A hand-built body calling a lowered one.
    let caller = body(
        "caller",
        2,
        vec![int_ty(), int_ty(), int_ty()],
        Ty::INT,
        vec![block(vec![set(2, Op::Call(func_id(p, "divide"), vec![r(0), r(1)]), 24)], check(1, 2)), block(vec![], Term::Return(Some(r(2)))), handler(24)],
    );
    vec![("add", add), ("total", total), ("caller", caller)]
}

#[test]
fn checked_arithmetic_and_its_overflow_edge() {
    let mut ex = load(ARITH, arith_bodies);
    assert_eq!(ex.call("add", &[Value::Int(2), Value::Int(40)]).unwrap(), Value::Int(42));
    assert_eq!(ex.call("add", &[Value::Int(-5), Value::Int(2)]).unwrap(), Value::Int(-3));
    let exc = exception(ex.call("add", &[Value::Int(i64::MAX), Value::Int(1)]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("OverflowError", "integer overflow"));
    assert_eq!(frames(&exc), [("add".to_string(), 3, "return a + b".to_string())]);
    // The executor stays usable after an exception.
    assert_eq!(ex.call("add", &[Value::Int(1), Value::Int(1)]).unwrap(), Value::Int(2));
}

#[test]
fn loops_and_calls_between_hand_built_and_lowered_bodies() {
    let mut ex = load(ARITH, arith_bodies);
    assert_eq!(ex.call("total", &[Value::Int(10)]).unwrap(), Value::Int(45));
    assert_eq!(ex.call("total", &[Value::Int(0)]).unwrap(), Value::Int(0));
    // A lowered body calling the hand-built one.
    assert_eq!(ex.call("plus_one", &[Value::Int(4)]).unwrap(), Value::Int(7));
    // The hand-built body calling a lowered one, which raises: both frames are recorded.
    assert_eq!(ex.call("caller", &[Value::Int(7), Value::Int(2)]).unwrap(), Value::Int(3));
    let exc = exception(ex.call("caller", &[Value::Int(1), Value::Int(0)]));
    assert_eq!(exc.type_name, "ZeroDivisionError");
    assert_eq!(frames(&exc), [("caller".to_string(), 24, "return divide(a, b)".to_string()), ("divide".to_string(), 20, "return a // b".to_string())]);
}

const STRS: &str = r#"
import math


def shout(s: str) -> str:
    return s.upper()


def rep(s: str, n: int) -> str:
    return s * n


def starts(s: str, p: str) -> bool:
    return s.startswith(p)


def root(x: float) -> float:
    return math.sqrt(x)


def fail(msg: str) -> None:
    assert False, msg


def leave(code: int) -> None:
    raise SystemExit(code)
"#;

fn str_bodies(_: &Program) -> Vec<(&'static str, mir::Body)> {
    let str_ty = || py(Ty::STR);
    let shout = body("shout", 1, vec![str_ty(), str_ty()], Ty::STR, vec![block(vec![set(1, rt("mg_str_case", vec![r(0), int(1)], false), 6)], Term::Return(Some(r(1))))]);
    let rep = body(
        "rep",
        2,
        vec![str_ty(), py(Ty::INT), str_ty()],
        Ty::STR,
        vec![block(vec![set(2, rt("mg_str_repeat", vec![r(0), r(1)], true), 10)], check(1, 2)), block(vec![], Term::Return(Some(r(2)))), handler(10)],
    );
    // An `i32` result into a bool register.
    let starts = body("starts", 2, vec![str_ty(), str_ty(), py(Ty::BOOL)], Ty::BOOL, vec![block(vec![set(2, rt("mg_str_startswith", vec![r(0), r(1)], false), 14)], Term::Return(Some(r(2))))]);
    // A float argument and result.
    let root = body(
        "root",
        1,
        vec![py(Ty::FLOAT), py(Ty::FLOAT)],
        Ty::FLOAT,
        vec![block(vec![set(1, rt("mg_math_sqrt", vec![r(0)], true), 18)], check(1, 2)), block(vec![], Term::Return(Some(r(1)))), handler(18)],
    );
    // `raise` with a str message operand, then the handler.
    let fail = body(
        "fail",
        1,
        vec![str_ty()],
        Ty::NONE,
        vec![block(vec![run(Op::Raise { kind: ExcKind::Assertion, msg: Some(r(0)) }, 22)], Term::Goto(bb(1))), handler(22)],
    );
    let leave = body("leave", 1, vec![py(Ty::INT)], Ty::NONE, vec![block(vec![run(Op::RaiseSystemExit(r(0)), 26)], Term::Goto(bb(1))), handler(26)]);
    vec![("shout", shout), ("rep", rep), ("starts", starts), ("root", root), ("fail", fail), ("leave", leave)]
}

#[test]
fn runtime_calls_convert_operands_and_results() {
    let mut ex = load(STRS, str_bodies);
    assert_eq!(ex.call("shout", &[s("héllo")]).unwrap(), s("HÉLLO"));
    assert_eq!(ex.call("rep", &[s("ab"), Value::Int(3)]).unwrap(), s("ababab"));
    assert_eq!(ex.call("rep", &[s("ab"), Value::Int(-1)]).unwrap(), s(""));
    assert_eq!(ex.call("starts", &[s("python"), s("py")]).unwrap(), Value::Bool(true));
    assert_eq!(ex.call("starts", &[s("python"), s("ty")]).unwrap(), Value::Bool(false));
    assert_eq!(ex.call("root", &[Value::Float(2.25)]).unwrap(), Value::Float(1.5));
    let exc = exception(ex.call("root", &[Value::Float(-1.0)]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("ValueError", "math domain error"));
    assert_eq!(frames(&exc), [("root".to_string(), 18, "return math.sqrt(x)".to_string())]);
}

#[test]
fn raise_and_system_exit() {
    let mut ex = load(STRS, str_bodies);
    let exc = exception(ex.call("fail", &[s("boom")]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("AssertionError", "boom"));
    assert_eq!(frames(&exc), [("fail".to_string(), 22, "assert False, msg".to_string())]);
    let exc = exception(ex.call("leave", &[Value::Int(3)]));
    assert_eq!((exc.type_name.as_str(), exc.exit_code), ("SystemExit", Some(3)));
}

const LISTS: &str = r#"
def swap_first(xs: list[str], i: int) -> str:
    old = xs[i]
    xs[i] = xs[0]
    return old


def put(xs: list[int], i: int, v: int) -> None:
    xs[i] = v


def demo() -> list[str]:
    xs = ["a", "b", "c"]
    first = swap_first(xs, -1)
    xs.append(first)
    return xs


def sum_all(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t += x
    return t
"#;

fn list_bodies(_: &Program) -> Vec<(&'static str, mir::Body)> {
    let str_ty = || py(Ty::STR);
    let int_ty = || py(Ty::INT);
    // r0 xs, r1 i, r2 old, r3 xs[0]
    let swap_first = body(
        "swap_first",
        2,
        vec![py(Ty::list(Ty::STR)), int_ty(), str_ty(), str_ty()],
        Ty::STR,
        vec![
            block(vec![set(2, Op::ListGet(r(0), r(1)), 3)], check(1, 4)),
            // `old` owns its value (ListGet's result is borrowed).
            block(vec![run(Op::IncRef(r(2)), 3), set(3, Op::ListGet(r(0), int(0)), 4)], check(2, 5)),
            // ListSet steals the value: take a reference for the list.
            block(vec![run(Op::IncRef(r(3)), 4), run(Op::ListSet(r(0), r(1), r(3)), 4)], check(3, 6)),
            block(vec![], Term::Return(Some(r(2)))),
            handler(3),
            block(vec![run(Op::DecRef(r(2)), 4), run(Op::TbAdd, 4)], Term::Unwind),
            block(vec![run(Op::DecRef(r(3)), 4), run(Op::DecRef(r(2)), 4), run(Op::TbAdd, 4)], Term::Unwind),
        ],
    );
    let put = body(
        "put",
        3,
        vec![py(Ty::list(Ty::INT)), int_ty(), int_ty()],
        Ty::NONE,
        vec![block(vec![run(Op::ListSet(r(0), r(1), r(2)), 9)], check(1, 2)), block(vec![], Term::Return(None)), handler(9)],
    );
    // r0 xs, r1 t, r2 pos, r3 len, r4 more, r5 x
    let sum_all = body(
        "sum_all",
        1,
        vec![py(Ty::list(Ty::INT)), int_ty(), int_ty(), int_ty(), py(Ty::BOOL), int_ty()],
        Ty::INT,
        vec![
            block(vec![set(1, Op::Use(int(0)), 20), set(2, Op::Use(int(0)), 21)], Term::Goto(bb(1))),
            block(
                vec![set(3, Op::ListLen(r(0)), 21), set(4, Op::Binary(PureBinOp::Cmp(CmpOp::Lt), r(2), r(3)), 21)],
                Term::Branch { cond: r(4), then: bb(2), else_: bb(4), likely: Some(true) },
            ),
            block(vec![set(5, Op::ListLoad(r(0), r(2)), 21), set(1, Op::Checked(CheckedOp::Add, r(1), r(5)), 22)], check(3, 5)),
            block(vec![set(2, Op::Checked(CheckedOp::Add, r(2), int(1)), 21)], check(1, 6)),
            block(vec![], Term::Return(Some(r(1)))),
            handler(22),
            handler(21),
        ],
    );
    vec![("swap_first", swap_first), ("put", put), ("sum_all", sum_all)]
}

#[test]
fn list_get_set_with_refcounts() {
    let mut ex = load(LISTS, list_bodies);
    let abc = || Value::List(vec![s("a"), s("b"), s("c")]);
    assert_eq!(ex.call("swap_first", &[abc(), Value::Int(2)]).unwrap(), s("c"));
    assert_eq!(ex.call("swap_first", &[abc(), Value::Int(-3)]).unwrap(), s("a"));
    // A lowered body calling the hand-built one sees the list changed in place.
    assert_eq!(ex.call("demo", &[]).unwrap(), Value::List(vec![s("a"), s("b"), s("a"), s("c")]));
    let exc = exception(ex.call("swap_first", &[abc(), Value::Int(3)]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("IndexError", "list index out of range"));
    assert_eq!(frames(&exc), [("swap_first".to_string(), 3, "old = xs[i]".to_string())]);
    let exc = exception(ex.call("put", &[Value::List(vec![Value::Int(1)]), Value::Int(-2), Value::Int(0)]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("IndexError", "list assignment index out of range"));
    assert_eq!(ex.call("put", &[Value::List(vec![Value::Int(1)]), Value::Int(-1), Value::Int(0)]).unwrap(), Value::None);
    assert_eq!(ex.call("sum_all", &[Value::List((1..=100).map(Value::Int).collect())]).unwrap(), Value::Int(5050));
    assert_eq!(ex.call("sum_all", &[Value::List(vec![])]).unwrap(), Value::Int(0));
    let exc = exception(ex.call("sum_all", &[Value::List(vec![Value::Int(i64::MAX), Value::Int(1)])]));
    assert_eq!(frames(&exc), [("sum_all".to_string(), 22, "t += x".to_string())]);
}

const GLOBALS: &str = r#"
counter: int = 0
greeting: str = "hi"


def bump() -> int:
    global counter
    counter += 1
    return counter


def get() -> str:
    return greeting


def set_greeting(s: str) -> None:
    global greeting
    greeting = s


def incr(d: dict[str, int], k: str) -> None:
    d[k] += 1


def demo() -> dict[str, int]:
    d = {"a": 1, "b": 5}
    incr(d, "b")
    incr(d, "b")
    return d
"#;

fn global_bodies(p: &Program) -> Vec<(&'static str, mir::Body)> {
    let _ = p;
    let (counter, greeting) = (GlobalId(0), GlobalId(1));
    let bump = body(
        "bump",
        0,
        vec![py(Ty::BOOL), py(Ty::INT), py(Ty::INT)],
        Ty::INT,
        vec![
            block(vec![set(0, Op::GlobalBound(counter), 8)], Term::Branch { cond: r(0), then: bb(1), else_: bb(3), likely: Some(true) }),
            block(vec![set(1, Op::LoadGlobal(counter), 8), set(2, Op::Checked(CheckedOp::Add, r(1), int(1)), 8)], check(2, 4)),
            block(vec![run(Op::StoreGlobal(counter, r(2)), 8)], Term::Return(Some(r(2)))),
            block(vec![run(Op::Raise { kind: ExcKind::Name, msg: Some(Operand::Const(Const::CStr("name 'counter' is not defined".into()))) }, 8)], Term::Goto(bb(4))),
            handler(8),
        ],
    );
    // LoadGlobal is New: the returned reference is the reader's own.
    let get = body("get", 0, vec![py(Ty::STR)], Ty::STR, vec![block(vec![set(0, Op::LoadGlobal(greeting), 13)], Term::Return(Some(r(0))))]);
    // The parameter is borrowed; StoreGlobal steals.
    let set_greeting = body(
        "set_greeting",
        1,
        vec![py(Ty::STR)],
        Ty::NONE,
        vec![block(vec![run(Op::IncRef(r(0)), 18), run(Op::StoreGlobal(greeting, r(0)), 18)], Term::Return(None))],
    );
    // r0 d, r1 k, r2 slot, r3 value, r4 value + 1
    let incr = body(
        "incr",
        2,
        vec![py(Ty::dict(Ty::STR, Ty::INT)), py(Ty::STR), mir::RegTy::SlotPtr, py(Ty::INT), py(Ty::INT)],
        Ty::NONE,
        vec![
            block(vec![set(2, Op::DictValuePtr(r(0), r(1)), 22)], check(1, 3)),
            block(vec![set(3, Op::LoadSlot(r(0), r(2)), 22), set(4, Op::Checked(CheckedOp::Add, r(3), int(1)), 22)], check(2, 3)),
            block(vec![run(Op::StoreSlot(r(0), r(2), r(4)), 22)], Term::Return(None)),
            handler(22),
        ],
    );
    vec![("bump", bump), ("get", get), ("set_greeting", set_greeting), ("incr", incr)]
}

#[test]
fn globals_and_dict_slots() {
    let mut ex = load(GLOBALS, global_bodies);
    assert_eq!(ex.call("bump", &[]).unwrap(), Value::Int(1));
    assert_eq!(ex.call("bump", &[]).unwrap(), Value::Int(2));
    assert_eq!(ex.call("get", &[]).unwrap(), s("hi"));
    assert_eq!(ex.call("set_greeting", &[s("hello")]).unwrap(), Value::None);
    assert_eq!(ex.call("get", &[]).unwrap(), s("hello"));
    assert_eq!(ex.call("set_greeting", &[s("bye")]).unwrap(), Value::None);
    assert_eq!(ex.call("get", &[]).unwrap(), s("bye"));
    assert_eq!(ex.call("demo", &[]).unwrap(), Value::Dict(vec![(s("a"), Value::Int(1)), (s("b"), Value::Int(7))]));
    let exc = exception(ex.call("incr", &[Value::Dict(vec![(s("a"), Value::Int(1))]), s("zz")]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("KeyError", "'zz'"));
    assert_eq!(frames(&exc), [("incr".to_string(), 22, "d[k] += 1".to_string())]);
}

#[test]
fn unbound_global_raises_name_error() {
    // The module's top level never runs its assignment (not `__main__`), so the flag stays clear.
    const SRC: &str = r#"
if __name__ == "__main__":
    counter: int = 0


def bump() -> int:
    global counter
    counter += 1
    return counter
"#;
    let mut ex = load(SRC, |p| global_bodies(p).into_iter().filter(|(n, _)| *n == "bump").collect());
    let exc = exception(ex.call("bump", &[]));
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("NameError", "name 'counter' is not defined"));
}

#[test]
fn the_hand_built_body_replaces_the_lowered_one() {
    // The MIR says 42 where the source says 1: the hand-built body, not the lowered one, ran.
    const SRC: &str = "def answer() -> int:\n    return 1\n\n\ndef twice() -> int:\n    return answer() * 2\n";
    let mut ex = load(SRC, |_| vec![("answer", body("answer", 0, vec![], Ty::INT, vec![block(vec![], Term::Return(Some(int(42))))]))]);
    assert_eq!(ex.call("answer", &[]).unwrap(), Value::Int(42));
    assert_eq!(ex.call("twice", &[]).unwrap(), Value::Int(84));
}
