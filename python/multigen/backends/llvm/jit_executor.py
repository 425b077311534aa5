"""The JIT executor with the interface of the tool multigen replaces::

    from multigen.backends.llvm import LLVMJITExecutor, jit_compile_and_run

    with LLVMJITExecutor() as ex:
        ex.compile_source("def add(a: int, b: int) -> int:\\n    return a + b\\n")
        assert ex.execute_function("add", 2, 40) == 42
"""

import ctypes
import os
import sys

from multigen import _multigen

__all__ = ["LLVMJITExecutor", "jit_compile_and_run"]


class LLVMJITExecutor:
    """Compiles LLVM IR or Python source in memory and calls its functions.

    Functions of Python source take and return int, float, bool, str, None and lists, dicts
    and sets of those (nested); functions of IR, ``i64``, ``double`` and ``i1``.  Errors are
    Python exceptions: ``multigen.IRError`` (with ``line`` and ``column``) for bad IR,
    ``multigen.CompileError`` for source outside the subset, ``RuntimeError`` for a missing
    function, ``FileNotFoundError`` for a missing file, and an exception raised by compiled
    code as the same built-in class with the same message."""

    def __init__(self):
        self._engine = _multigen.Engine()

    def _live(self):
        if self._engine is None:
            raise RuntimeError("the executor was cleaned up")
        return self._engine

    def compile_ir(self, ir_text):
        """Adds an LLVM IR module (text); returns True."""
        self._live().add_ir(ir_text)
        return True

    def compile_ir_file(self, path):
        """Adds the LLVM IR module in file ``path``; returns True."""
        with open(path, encoding="utf-8") as f:
            return self.compile_ir(f.read())

    def compile_source(self, text, name="<source>"):
        """Compiles Python source of multigen's subset and runs its top level (as an import
        would: ``__name__`` is not ``"__main__"``); returns True."""
        printed = self._live().add_source(name, text)
        if printed:
            sys.stdout.write(printed)
        return True

    def functions(self):
        """``[(name, [parameter types], result type)]`` of the callable functions."""
        return self._live().functions()

    def get_function_address(self, name):
        """The address of function ``name``'s machine code (for ctypes); RuntimeError if
        there is none."""
        addr = self._live().function_address(name)
        if addr is None:
            raise RuntimeError(f"Function '{name}' not found")
        return addr

    def execute_function(self, name, *args):
        """Calls function ``name`` with ``args`` and returns its result."""
        engine = self._live()
        if not any(f == name for f, _, _ in engine.functions()):
            raise RuntimeError(f"Function '{name}' not found")
        ok, value, printed = engine.call(name, args, None)
        if printed:
            sys.stdout.write(printed)
        if ok:
            return value
        raise value

    def execute_main(self):
        """Runs ``main``: a Python ``main()`` (its int result, or 0), else an IR
        ``main`` without parameters returning ``i32`` or ``i64``; returns the status."""
        engine = self._live()
        if any(f == "main" for f, _, _ in engine.functions()):
            result = self.execute_function("main")
            return 0 if result is None else int(result)
        addr = self.get_function_address("main")
        sys.stdout.flush()
        return ctypes.CFUNCTYPE(ctypes.c_int)(addr)()

    def cleanup(self):
        """Frees the compiled code; the executor cannot be used afterwards."""
        self._engine = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.cleanup()
        return False


def jit_compile_and_run(path, verbose=False):
    """Compiles the program in ``path`` (Python, or LLVM IR when it ends in ``.ll``) and runs
    it as ``multigen run`` would, in this process; returns its exit status.  Its output goes
    to the process's standard output and error (file descriptors 1 and 2), not through
    ``sys.stdout``."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"No such file: '{path}'")
    sys.stdout.flush()
    sys.stderr.flush()
    args = ["multigen", "run"] + (["--time-report"] if verbose else []) + [path]
    return _multigen.cli_main(args)
