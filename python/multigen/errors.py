"""The exceptions of the multigen package, and how exceptions raised in compiled code reach
Python."""

import ast
import builtins

__all__ = ["CompileError", "IRError", "from_compiled"]


class CompileError(Exception):
    """The code is outside the subset multigen compiles: the message is the rendered
    diagnostic, with the file and line of the original source."""


class IRError(Exception):
    """LLVM IR that does not parse or verify; ``line`` and ``column`` locate it (0 when
    LLVM's verifier, which gives no position, refused it)."""

    def __init__(self, message, line=0, column=0):
        super().__init__(f"invalid LLVM IR at {line}:{column}: {message}" if line else f"invalid LLVM IR: {message}")
        self.message = message
        self.line = line
        self.column = column


_classes = {}


def _class_named(name):
    """The built-in exception class ``name``, or (for a class of the compiled program) a
    subclass of Exception of that name, one per name."""
    cls = getattr(builtins, name, None)
    if isinstance(cls, type) and issubclass(cls, BaseException):
        return cls
    if name not in _classes:
        _classes[name] = type(name, (Exception,), {"__module__": "multigen.compiled"})
    return _classes[name]


def from_compiled(type_name, message, traceback_text, exit_code=None, namespace=None):
    """The Python exception for one that compiled code raised: the same class (built-in
    classes are Python's own; a class of the program is the one of that name in
    ``namespace``, the jitted function's module globals) and message, with the compiled
    frames' traceback in ``__multigen_traceback__`` (and, on Python 3.11+, as a note that
    tracebacks print)."""
    cls = _class_named(type_name)
    own = namespace.get(type_name) if namespace is not None and not hasattr(builtins, type_name) else None
    exc = None
    if isinstance(own, type) and issubclass(own, BaseException):
        try:
            exc = own(message) if message else own()
        except Exception:
            exc = None
    if exc is not None:
        pass
    elif cls is SystemExit:
        exc = SystemExit(exit_code if exit_code is not None else message)
    elif cls is KeyError and message:
        # The runtime's message is the key's repr, as CPython prints it: give back the key.
        try:
            exc = KeyError(ast.literal_eval(message))
        except (ValueError, SyntaxError):
            exc = KeyError(message)
    elif message:
        exc = cls(message)
    else:
        exc = cls()
    exc.__multigen_traceback__ = traceback_text
    if hasattr(exc, "add_note"):
        frames = traceback_text.splitlines()[1:-1]
        if frames:
            exc.add_note("In compiled code (multigen), most recent call last:\n" + "\n".join(frames))
    return exc
