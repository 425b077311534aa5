"""``@multigen.jit``."""

import functools
import inspect
import os
import sys

from multigen import _multigen
from multigen._source import extract
from multigen.errors import CompileError


class JitFunction(_multigen.Dispatcher):
    """A function compiled by multigen at its first call (or at decoration with
    ``eager=True``); calling it runs machine code.  ``py_func`` is the original function.

    Arguments must have exactly the annotated types (a bool is not an int, an int is not a
    float); a container argument the compiled code mutates is written back into the caller's
    object after the call."""

    def __init__(self, func, eager=False, opt=None, cache=False):
        functools.update_wrapper(self, func)
        self.py_func = func
        self._engine = None
        self._opt = opt
        self._cache = cache
        #: With ``cache=True``: whether the compiled code came from the compile cache.
        self.from_cache = False
        self._name = func.__name__
        self._signature = inspect.signature(func)
        self._names = list(self._signature.parameters)
        simple = all(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in self._signature.parameters.values())
        # Calls with exactly the positional arguments skip binding (-1: always bind).
        self._nargs = len(self._names) if simple else -1
        if eager:
            self.compile()

    def compile(self):
        """Compiles now (the first call does it otherwise); raises CompileError."""
        if self._engine is None:
            try:
                filename, source = extract(self.py_func)
            except (OSError, TypeError) as err:
                raise CompileError(f"cannot read the source of {self.py_func.__qualname__}: {err}") from None
            engine = _multigen.Engine(self._opt)
            engine.set_namespace(self.py_func.__globals__)
            if self._cache:
                printed, self.from_cache = engine.add_source_cached(filename, source, _build_salt())
            else:
                printed = engine.add_source(filename, source)
            if printed:
                sys.stdout.write(printed)
            if not any(name == self._name for name, _, _ in engine.functions()):
                raise TypeError(f"{self._name}() cannot be called from Python: its parameters or result have a type the package cannot pass yet (classes, tuples, files, functions)")
            self._engine = engine
            self._bind_engine(engine, self._name, self._nargs, self._names)
        return self

    # Calls run in Dispatcher.__call__ (native), which comes here for the first call and for
    # calls that need binding: the positional arguments of the compiled function.
    def _prepare(self, args, kwargs):
        self.compile()
        if kwargs or len(args) != self._nargs:
            bound = self._signature.bind(*args, **(kwargs or {}))
            bound.apply_defaults()
            arguments = bound.arguments
            args = tuple(arguments[name] for name in self._names)
        return args

    def __get__(self, obj, objtype=None):
        return self if obj is None else functools.partial(self, obj)

    def __repr__(self):
        return f"<multigen.jit {self.py_func.__module__}.{self.py_func.__qualname__}>"


def _build_salt():
    """What identifies this build of the package in cache keys: its extension module."""
    st = os.stat(_multigen.__file__)
    return f"{_multigen.__file__} {st.st_size} {st.st_mtime_ns}"


def jit(func=None, *, eager=False, opt=None, cache=False):
    """Compiles a type-annotated function to machine code with multigen.

    ``@jit``, ``@jit(eager=True)``, ``@jit(opt=3)``: ``opt`` is None for the quick pipeline
    of ``multigen run`` (the default), or 0 to 3 for LLVM's ``-O0`` to ``-O3`` (slower to
    compile, faster code).  ``cache=True`` keeps the compiled code in the compile cache of
    ``multigen run`` (``$XDG_CACHE_HOME/multigen``, else ``~/.cache/multigen``; ``multigen
    clean`` empties it), keyed by the source cut out for the function, its file name, ``opt``
    and this build of the package, so that another process's first call loads it instead of
    compiling (``from_cache`` says which happened).  The function is compiled at its first call (at
    decoration with ``eager=True``) together with the module-level functions, constants and
    imports it uses, read from the module's source file: module globals are what the source
    assigns them, evaluated when the function is compiled, not their current Python values.
    Code outside multigen's subset raises ``multigen.CompileError`` with the diagnostic;
    exceptions raised in compiled code reach Python as the same built-in class and message;
    ``print`` in compiled code goes to ``sys.stdout`` when the call returns."""
    if func is None:
        return lambda f: JitFunction(f, eager=eager, opt=opt, cache=cache)
    return JitFunction(func, eager=eager, opt=opt, cache=cache)
