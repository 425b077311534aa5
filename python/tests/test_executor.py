"""multigen.backends.llvm.jit_executor: the executor with the old tool's names."""

import ctypes
import subprocess
import sys
import textwrap

import pytest

import multigen
from multigen.backends.llvm import LLVMJITExecutor, jit_compile_and_run
from multigen.backends.llvm.jit_executor import LLVMJITExecutor as Same

IR = """
define i64 @add(i64 %a, i64 %b) {
  %r = add i64 %a, %b
  ret i64 %r
}
define double @half(double %x) {
  %r = fmul double %x, 0.5
  ret double %r
}
define i32 @main() {
  ret i32 7
}
"""


def test_names():
    assert Same is LLVMJITExecutor


def test_ir_functions():
    ex = LLVMJITExecutor()
    assert ex.compile_ir(IR) is True
    assert ex.execute_function("add", 40, 2) == 42
    assert ex.execute_function("half", 3.0) == 1.5
    assert ex.execute_main() == 7
    addr = ex.get_function_address("add")
    assert ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64, ctypes.c_int64)(addr)(1, 2) == 3
    ex.cleanup()
    with pytest.raises(RuntimeError):
        ex.execute_function("add", 1, 2)


def test_ir_file(tmp_path):
    path = tmp_path / "m.ll"
    path.write_text(IR)
    with LLVMJITExecutor() as ex:
        ex.compile_ir_file(str(path))
        assert ex.execute_function("add", 1, 2) == 3


def test_missing_file_and_function(tmp_path):
    with LLVMJITExecutor() as ex:
        with pytest.raises(FileNotFoundError):
            ex.compile_ir_file(str(tmp_path / "nope.ll"))
        ex.compile_ir(IR)
        with pytest.raises(RuntimeError, match="nope"):
            ex.get_function_address("nope")
        with pytest.raises(RuntimeError, match="nope"):
            ex.execute_function("nope")


def test_bad_ir_has_line_and_column():
    with LLVMJITExecutor() as ex:
        with pytest.raises(multigen.IRError) as info:
            ex.compile_ir("define i64 @f() {\n  ret i64 %nope\n}\n")
        assert info.value.line == 2 and info.value.column > 0


def test_compile_source_any_signature(capsys):
    src = textwrap.dedent(
        """
        def stats(xs: list[float]) -> dict[str, float]:
            print("n =", len(xs))
            return {"min": min(xs), "max": max(xs)}

        def div(a: int, b: int) -> int:
            return a // b
        """
    )
    with LLVMJITExecutor() as ex:
        ex.compile_source(src, "stats.py")
        assert ex.execute_function("stats", [2.0, 1.0]) == {"min": 1.0, "max": 2.0}
        assert capsys.readouterr().out == "n = 2\n"
        with pytest.raises(ZeroDivisionError, match="integer division or modulo by zero"):
            ex.execute_function("div", 1, 0)
        names = [name for name, _, _ in ex.functions()]
        assert names == ["stats", "div"]


def test_compile_source_refused():
    with LLVMJITExecutor() as ex:
        with pytest.raises(multigen.CompileError, match=r"bad.py:2:"):
            ex.compile_source("def f(x: int) -> int:\n    return x.nope\n", "bad.py")


def run_child(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_jit_compile_and_run(tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text("import sys\nprint('hello')\nsys.exit(3)\n")
    child = run_child(f"from multigen.backends.llvm import jit_compile_and_run as r\nimport sys\nprint('status', r({str(prog)!r}))")
    assert child.stdout == "hello\nstatus 3\n", child
    ll = tmp_path / "prog.ll"
    ll.write_text(IR)
    child = run_child(f"from multigen.backends.llvm import jit_compile_and_run as r\nprint('status', r({str(ll)!r}))")
    assert child.stdout == "status 7\n", child
    with pytest.raises(FileNotFoundError):
        jit_compile_and_run(tmp_path / "missing.py")
