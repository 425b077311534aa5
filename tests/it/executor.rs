//! The JIT library API (`multigen::executor`).

use multigen::check::types::Ty;
use multigen::executor::{ExecError, Executor, Value};

const LIB: &str = r#"
import math

calls: int = 0
print("module loaded")


def add(a: int, b: int) -> int:
    global calls
    calls += 1
    return a + b


def hyp(x: float, y: float) -> float:
    return math.sqrt(x * x + y * y)


def shout(s: str, n: int) -> str:
    return s.upper() * n


def stats(xs: list[int]) -> dict[str, int]:
    return {"min": min(xs), "max": max(xs), "sum": sum(xs)}


def evens(xs: list[int]) -> set[int]:
    return {x for x in xs if x % 2 == 0}


def nested(d: dict[str, list[float]]) -> list[float]:
    out: list[float] = []
    for k, v in d.items():
        out.append(sum(v, 0.0))
    return out


def pick(xs: list[str], i: int) -> str:
    return xs[i]


def divide(a: int, b: int) -> int:
    return inner(a, b)


def inner(a: int, b: int) -> int:
    return a // b


def is_odd(n: int) -> bool:
    return n % 2 == 1


def greet(name: str) -> None:
    print("hello,", name)


def count() -> int:
    return calls


if __name__ == "__main__":
    print("this must not run when loaded as a library")
"#;

fn loaded() -> Executor {
    let mut ex = Executor::new();
    ex.capture_output(true);
    ex.add_source("lib.py", LIB).expect("lib.py compiles");
    ex
}

fn ints(v: &[i64]) -> Value {
    Value::List(v.iter().map(|&i| Value::Int(i)).collect())
}

#[test]
fn calls_with_every_tier1_type() {
    let mut ex = loaded();
    assert_eq!(ex.take_output(), "module loaded\n");
    assert_eq!(ex.call("add", &[Value::Int(2), Value::Int(40)]).unwrap(), Value::Int(42));
    assert_eq!(ex.call("hyp", &[Value::Float(3.0), Value::Float(4.0)]).unwrap(), Value::Float(5.0));
    assert_eq!(ex.call("shout", &[Value::Str("hé".into()), Value::Int(2)]).unwrap(), Value::Str("HÉHÉ".into()));
    assert_eq!(
        ex.call("stats", &[ints(&[3, 1, 2])]).unwrap(),
        Value::Dict(vec![(Value::Str("min".into()), Value::Int(1)), (Value::Str("max".into()), Value::Int(3)), (Value::Str("sum".into()), Value::Int(6))])
    );
    assert_eq!(ex.call("evens", &[ints(&[4, 1, 2, 4, 0])]).unwrap(), Value::Set(vec![Value::Int(0), Value::Int(2), Value::Int(4)]));
    let d = Value::Dict(vec![(Value::Str("a".into()), Value::List(vec![Value::Float(0.5), Value::Float(0.25)])), (Value::Str("b".into()), Value::List(vec![]))]);
    assert_eq!(ex.call("nested", &[d]).unwrap(), Value::List(vec![Value::Float(0.75), Value::Float(0.0)]));
    assert_eq!(ex.call("is_odd", &[Value::Int(7)]).unwrap(), Value::Bool(true));
    assert_eq!(ex.call("greet", &[Value::Str("host".into())]).unwrap(), Value::None);
    assert_eq!(ex.take_output(), "hello, host\n");
    // Globals persist between calls, as in a Python module.
    assert_eq!(ex.call("count", &[]).unwrap(), Value::Int(1));
}

#[test]
fn exceptions_come_back_as_values_and_the_executor_stays_usable() {
    let mut ex = loaded();
    let err = ex.call("divide", &[Value::Int(1), Value::Int(0)]).unwrap_err();
    let ExecError::Exception(exc) = &err else { panic!("want an exception, got {err}") };
    assert_eq!(exc.type_name, "ZeroDivisionError");
    assert_eq!(exc.message, "integer division or modulo by zero");
    let frames: Vec<&str> = exc.traceback.iter().map(|f| f.function.as_str()).collect();
    assert_eq!(frames, ["divide", "inner"]);
    assert_eq!(exc.traceback[1].source, "return a // b");
    assert!(err.to_string().starts_with("Traceback (most recent call last):\n  File \"lib.py\", line"), "{err}");
    assert_eq!(ex.call("divide", &[Value::Int(7), Value::Int(2)]).unwrap(), Value::Int(3));

    let err = ex.call("pick", &[Value::List(vec![Value::Str("a".into())]), Value::Int(5)]).unwrap_err();
    assert!(err.to_string().ends_with("IndexError: list index out of range"), "{err}");
    let err = ex.call("add", &[Value::Int(i64::MAX), Value::Int(1)]).unwrap_err();
    assert!(err.to_string().ends_with("OverflowError: integer overflow"), "{err}");
    assert_eq!(ex.call("add", &[Value::Int(1), Value::Int(1)]).unwrap(), Value::Int(2));
}

#[test]
fn bad_calls_are_errors_naming_the_types() {
    let mut ex = loaded();
    let err = ex.call("add", &[Value::Int(1)]).unwrap_err();
    assert_eq!(err.to_string(), "add() takes 2 argument(s) but 1 were given");
    let err = ex.call("add", &[Value::Int(1), Value::Str("x".into())]).unwrap_err();
    assert_eq!(err.to_string(), "argument 1 of add() must be int, not str");
    let err = ex.call("stats", &[Value::List(vec![Value::Float(1.0)])]).unwrap_err();
    assert_eq!(err.to_string(), "argument 0 of stats() must be list[int], not list[float]");
    let err = ex.call("nope", &[]).unwrap_err();
    let ExecError::NoSuchFunction { available, .. } = &err else { panic!("{err}") };
    assert!(available.contains(&"add".to_string()) && available.contains(&"stats".to_string()));
    assert!(err.to_string().starts_with("no function `nope`; defined: add, hyp"), "{err}");
    assert_eq!(ex.signature("shout").unwrap().params, vec![Ty::STR, Ty::INT]);
}

#[test]
fn source_errors_are_diagnostics() {
    let mut ex = Executor::new();
    let err = ex.add_source("bad.py", "def f(x) -> int:\n    return x\n").unwrap_err();
    assert!(matches!(err, ExecError::Compile(_)));
    assert!(err.to_string().contains("bad.py:1:"), "{err}");
}

#[test]
fn ir_modules_verify_and_call() {
    let mut ex = Executor::new();
    ex.add_ir("define i64 @mul(i64 %a, i64 %b) {\n  %r = mul i64 %a, %b\n  ret i64 %r\n}\ndefine double @half(double %x) {\n  %r = fdiv double %x, 2.0\n  ret double %r\n}\n").unwrap();
    assert_eq!(ex.call("mul", &[Value::Int(6), Value::Int(7)]).unwrap(), Value::Int(42));
    assert_eq!(ex.call("half", &[Value::Float(3.0)]).unwrap(), Value::Float(1.5));
    // Several modules in one executor.
    ex.add_source("more.py", "def inc(n: int) -> int:\n    return n + 1\n").unwrap();
    assert_eq!(ex.call("inc", &[Value::Int(1)]).unwrap(), Value::Int(2));
    assert_eq!(ex.call("mul", &[Value::Int(2), Value::Int(2)]).unwrap(), Value::Int(4));

    let err = ex.add_ir("define i64 @f() {\n  ret i32 0\n}\n").unwrap_err();
    let ExecError::InvalidIr { line, column, message } = &err else { panic!("{err}") };
    assert_eq!((*line, *column), (2, 7), "{message}");
    let err = ex.add_ir("define i64 @g() {\nentry:\n  br label %next\nnext:\n}\n").unwrap_err();
    assert!(matches!(err, ExecError::InvalidIr { .. }), "{err}");
}

#[test]
fn many_executors_can_be_created_and_dropped() {
    for i in 0..20 {
        let mut ex = Executor::new();
        ex.add_source("m.py", "def sq(n: int) -> list[int]:\n    return [n * n]\n").unwrap();
        assert_eq!(ex.call("sq", &[Value::Int(i)]).unwrap(), Value::List(vec![Value::Int(i * i)]));
    }
}

/// Issue 11: a user-defined exception (with inheritance, fields and a cause) comes back to
/// the host as a value with its class's name, its message and its traceback.
#[test]
fn user_defined_exceptions_come_back_as_values() {
    let src = r#"
class AppError(Exception):
    pass


class ParseError(AppError):
    def __init__(self, text: str) -> None:
        super().__init__("cannot parse " + repr(text))
        self.text = text


def parse(text: str) -> int:
    try:
        return int(text)
    except ValueError as e:
        raise ParseError(text) from e


def checked(text: str) -> int:
    try:
        return parse(text)
    except AppError as e:
        print("caught", type(e).__name__, e.__cause__)
        return -1
"#;
    let mut ex = Executor::new();
    ex.capture_output(true);
    ex.add_source("errs.py", src).expect("errs.py compiles");
    let err = ex.call("parse", &[Value::Str("x1".into())]).unwrap_err();
    let ExecError::Exception(exc) = &err else { panic!("want an exception, got {err}") };
    assert_eq!((exc.type_name.as_str(), exc.message.as_str()), ("ParseError", "cannot parse 'x1'"));
    assert_eq!(exc.traceback.iter().map(|f| f.function.as_str()).collect::<Vec<_>>(), ["parse"]);
    assert_eq!(ex.call("parse", &[Value::Str("42".into())]).unwrap(), Value::Int(42));
    assert_eq!(ex.call("checked", &[Value::Str("4x".into())]).unwrap(), Value::Int(-1));
    assert_eq!(ex.take_output(), "caught ParseError invalid literal for int() with base 10: '4x'\n");
}
