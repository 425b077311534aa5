"""The `multigen` command the wheel installs."""

import subprocess


def test_run(multigen_cmd, tmp_path):
    prog = tmp_path / "fib.py"
    prog.write_text("def fib(n: int) -> int:\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\nprint(fib(20))\n")
    out = subprocess.run([multigen_cmd, "run", str(prog)], capture_output=True, text=True)
    assert (out.returncode, out.stdout) == (0, "6765\n")


def test_check_refuses(multigen_cmd, tmp_path):
    prog = tmp_path / "bad.py"
    prog.write_text("x = 1\nx = 'a'\n")
    out = subprocess.run([multigen_cmd, "check", str(prog)], capture_output=True, text=True)
    assert out.returncode == 1 and "bad.py:2:" in out.stderr


def test_uncaught_exception_status(multigen_cmd, tmp_path):
    prog = tmp_path / "boom.py"
    prog.write_text("print(1 // 0)\n")
    out = subprocess.run([multigen_cmd, "run", str(prog)], capture_output=True, text=True)
    assert out.returncode == 1 and out.stderr.endswith("ZeroDivisionError: integer division or modulo by zero\n")


def test_help(multigen_cmd):
    out = subprocess.run([multigen_cmd, "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Compile type-annotated Python to native code" in out.stdout
