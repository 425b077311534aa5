"""@multigen.jit: compilation, conversions, errors, reflection of mutated arguments, print."""

import contextlib
import io
import math
import sys
import threading
from typing import List

import pytest

import multigen
from multigen import jit

SCALE: int = 3
NAMES = ["a", "b"]


def helper(x: int) -> int:
    return x * SCALE


@jit
def add(a: int, b: int) -> int:
    return a + b


@jit
def uses_helper(x: int) -> int:
    return helper(x) + len(NAMES)


@jit(eager=True)
def hyp(x: float, y: float) -> float:
    return math.sqrt(x * x + y * y)


@jit
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@jit(opt=3)
def fib3(n: int) -> int:
    return n if n < 2 else fib3(n - 1) + fib3(n - 2)


@jit
def scaled(x: int, *, factor: int = 10) -> int:
    return x * factor


@jit
def calls_jitted(n: int) -> int:
    return fib(n) + add(n, 1)


@jit
def negate(b: bool) -> bool:
    return not b


@jit
def shout(s: str, times: int = 2) -> str:
    return (s.upper() + "!") * times


@jit
def histogram(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


@jit
def nested(xs: list[list[int]]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for row in xs:
        out[sum(row)] = {str(v) for v in row}
    return out


@jit
def typing_list(xs: List[float]) -> float:
    return sum(xs, 0.0)


@jit
def divide(a: int, b: int) -> int:
    return a // b


@jit
def lookup(d: dict[str, int], k: str) -> int:
    return d[k]


@jit
def first(xs: list[int]) -> int:
    return xs[0]


@jit
def check_positive(n: int) -> int:
    if n < 0:
        raise ValueError(f"negative: {n}")
    return n


class TooBig(Exception):
    pass


@jit
def limited(n: int) -> int:
    if n > 10:
        raise TooBig(f"{n} > 10")
    return n


@jit
def square(n: int) -> int:
    return n * n


@jit
def append_one(xs: list[int]) -> None:
    xs.append(1)


@jit
def append_then_fail(xs: list[int]) -> int:
    xs.append(7)
    return xs[100]


@jit
def grow_dict(d: dict[str, float]) -> int:
    d["new"] = 1.5
    del d["old"]
    return len(d)


@jit
def add_to_set(s: set[int]) -> None:
    s.add(99)
    s.discard(1)


@jit
def same_list(xs: list[int]) -> list[int]:
    xs.append(5)
    return xs


@jit
def mutate_inner(xs: list[list[int]]) -> None:
    xs[0].append(1)


@jit
def read_inner(xs: list[list[int]]) -> int:
    return len(xs[0])


@jit
def two_lists(a: list[int], b: list[int]) -> int:
    return len(a) + len(b)


@jit
def talk(n: int) -> int:
    for i in range(n):
        print("line", i)
    return n


@jit
def talk_then_fail(n: int) -> int:
    print("before")
    return n // 0


# ---- calls and conversions ----

def test_scalars():
    assert add(2, 40) == 42
    assert hyp(3.0, 4.0) == 5.0
    assert negate(True) is False
    assert fib(20) == 6765
    assert fib3(20) == 6765
    assert shout("hi") == "HI!HI!"
    assert shout("a", times=3) == "A!A!A!"
    assert shout(s="é", times=1) == "É!"
    assert scaled(2) == 20 and scaled(2, factor=3) == 6


def test_jitted_calling_jitted():
    assert calls_jitted(10) == 55 + 11


def test_containers():
    assert histogram(["a", "b", "a"]) == {"a": 2, "b": 1}
    assert list(histogram(["z", "y", "z"])) == ["z", "y"]
    assert nested([[1, 2], [3], [4, 5]]) == nested.py_func([[1, 2], [3], [4, 5]]) == {3: {"3"}, 9: {"4", "5"}}
    assert typing_list([0.5, 0.25]) == 0.75
    assert histogram([]) == {}


def test_module_functions_and_constants():
    assert uses_helper(5) == 17


def test_bad_opt_level():
    with pytest.raises(ValueError, match="opt must be"):
        jit(opt=7)(add.py_func).compile()


def test_docstrings():
    assert "type-annotated function" in multigen.jit.__doc__
    assert "mutates" in multigen.JitFunction.__doc__
    from multigen.backends.llvm import LLVMJITExecutor

    assert "IRError" in LLVMJITExecutor.__doc__


def test_metadata_and_py_func():
    assert add.__name__ == "add"
    assert add.py_func(1, 2) == 3
    assert "multigen.jit" in repr(add)


# ---- argument errors ----

def test_wrong_type_names_parameter_and_types():
    with pytest.raises(TypeError, match=r"add\(\) argument 'b' must be int, not str"):
        add(1, "x")
    with pytest.raises(TypeError, match=r"argument 'a' must be int, not bool"):
        add(True, 1)
    with pytest.raises(TypeError, match=r"argument 'x' must be float, not int"):
        hyp(3, 4.0)
    with pytest.raises(TypeError, match=r"argument 'words' must be list\[str\], not list\[str \| int\]"):
        histogram(["a", 1])
    with pytest.raises(TypeError, match=r"argument 'words' must be list\[str\], not tuple"):
        histogram(("a",))


def test_arity_errors_are_pythons():
    with pytest.raises(TypeError, match="missing a required argument"):
        add(1)
    with pytest.raises(TypeError, match="unexpected keyword"):
        add(1, 2, c=3)


def test_int_outside_64_bits():
    with pytest.raises(OverflowError, match=r"argument 'a'"):
        add(2**63, 0)
    with pytest.raises(OverflowError, match=r"argument 'b'"):
        add(0, -(2**63) - 1)
    assert add(2**63 - 1, 0) == 2**63 - 1


def test_overflow_inside_compiled_code():
    with pytest.raises(OverflowError):
        square(2**40)


# ---- exceptions from compiled code ----

def python_error(f, *args):
    try:
        f(*args)
    except Exception as e:
        return type(e), str(e)
    raise AssertionError("no exception")


@pytest.mark.parametrize(
    "jitted,args",
    [(divide, (1, 0)), (lookup, ({"a": 1}, "b")), (first, ([],)), (check_positive, (-4,))],
)
def test_same_exception_as_python(jitted, args):
    expected = python_error(jitted.py_func, *args)
    with pytest.raises(expected[0]) as info:
        jitted(*args)
    assert (type(info.value), str(info.value)) == expected


def test_program_exception_class_is_the_modules():
    with pytest.raises(TooBig) as info:
        limited(11)
    assert type(info.value) is TooBig and str(info.value) == "11 > 10"
    assert limited(3) == 3


def test_traceback_of_compiled_frames():
    with pytest.raises(ZeroDivisionError) as info:
        divide(1, 0)
    text = info.value.__multigen_traceback__
    assert "in divide" in text and "return a // b" in text
    assert text.endswith("ZeroDivisionError: integer division or modulo by zero")
    if sys.version_info >= (3, 11):
        assert any("in divide" in note for note in info.value.__notes__)


def test_executor_survives_exceptions():
    with pytest.raises(ZeroDivisionError):
        divide(1, 0)
    assert divide(7, 2) == 3


# ---- compile errors ----

def test_compile_error_has_file_and_line():
    @jit
    def bad(x: int) -> int:
        y = 1
        y = "seven"
        return x

    with pytest.raises(multigen.CompileError) as info:
        bad(1)
    message = str(info.value)
    line = bad.py_func.__code__.co_firstlineno + 3  # the decorator's line, then def, y = 1
    assert "[type-mismatch]" in message
    assert f"test_jit.py:{line}:" in message


def test_compile_error_eager():
    with pytest.raises(multigen.CompileError, match="test_jit.py"):

        @jit(eager=True)
        def uses_eval(s: str) -> int:
            return eval(s)


def test_nested_function_compiles():
    @jit
    def local(x: int) -> int:
        return helper(x) + 1

    assert local(2) == 7


# ---- mutated arguments ----

def test_list_mutation_written_back():
    xs = [5]
    alias = xs
    assert append_one(xs) is None
    assert xs == [5, 1] and alias is xs


def test_mutation_written_back_when_raising():
    xs = [1]
    with pytest.raises(IndexError):
        append_then_fail(xs)
    assert xs == [1, 7]


def test_dict_and_set_mutation():
    d = {"old": 1.0, "keep": 2.0}
    assert grow_dict(d) == 2
    assert d == {"keep": 2.0, "new": 1.5} and list(d) == ["keep", "new"]
    s = {1, 2, 3}
    add_to_set(s)
    assert s == {2, 3, 99}


def test_returned_argument_is_the_same_object():
    xs = [1]
    ys = same_list(xs)
    assert ys is xs and xs == [1, 5]


def test_nested_mutation_refused_not_divergent():
    inner = [0]
    xs = [inner]
    with pytest.raises(TypeError, match="cannot write that back"):
        mutate_inner(xs)
    assert xs == [[0]] and xs[0] is inner
    assert read_inner(xs) == 1


def test_same_object_twice_refused():
    xs = [1, 2]
    with pytest.raises(TypeError, match="more than once"):
        two_lists(xs, xs)
    assert two_lists(xs, list(xs)) == 4
    inner = [1]
    with pytest.raises(TypeError, match="more than once"):
        read_inner([inner, inner])


# ---- print goes through sys.stdout ----

def test_print_captured_by_capsys(capsys):
    print("python first")
    assert talk(2) == 2
    print("python last")
    assert capsys.readouterr().out == "python first\nline 0\nline 1\npython last\n"


def test_print_redirect_stdout():
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        talk(1)
    assert buf.getvalue() == "line 0\n"


def test_print_before_exception(capsys):
    with pytest.raises(ZeroDivisionError):
        talk_then_fail(1)
    assert capsys.readouterr().out == "before\n"


# ---- threads ----

def test_threads():
    results = []

    def work():
        for i in range(200):
            results.append(add(i, 1) == i + 1 and fib(10) == 55)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 800 and all(results)


# ---- containers compiled code keeps: refused rather than copied apart ----

KEPT: list[list[int]] = []
TABLE: list[int] = [1, 2]


@jit
def keep(xs: list[int]) -> int:
    KEPT.append(xs)
    return len(KEPT)


@jit
def get_table() -> list[int]:
    return TABLE


@jit
def inner_of(xs: list[list[int]]) -> list[int]:
    return xs[0]


@jit
def fresh_rows(n: int) -> list[list[int]]:
    return [[i] * 2 for i in range(n)]


def test_argument_kept_in_global_refused():
    with pytest.raises(TypeError, match="kept a reference to argument 'xs'"):
        keep([1])


def test_result_shared_with_global_or_argument_refused():
    with pytest.raises(TypeError, match="also holds"):
        get_table()
    with pytest.raises(TypeError, match="also holds"):
        inner_of([[1], [2]])
    assert fresh_rows(2) == [[0, 0], [1, 1]]


# ---- cache=True ----

CACHED_PROGRAM = '''
import multigen

@multigen.jit(cache=True)
def stats(xs: list[float], label: str) -> dict[str, float]:
    print(label)
    return {"sum": sum(xs, 0.0), "n": float(len(xs))}

print(stats([1.0, 2.5], "go"), stats.from_cache)
'''


def test_cache_across_processes(tmp_path):
    import os
    import subprocess

    prog = tmp_path / "cached_prog.py"
    prog.write_text(CACHED_PROGRAM)
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, str(prog)], capture_output=True, text=True, env=env) for _ in range(2)]
    expected = "go\n{'sum': 3.5, 'n': 2.0} "
    assert [r.stdout for r in runs] == [expected + "False\n", expected + "True\n"], runs
    # One entry (the cache also keeps its `size` counter there).
    assert len([f for f in os.listdir(tmp_path / "cache" / "multigen") if f.endswith(".bc")]) == 1
