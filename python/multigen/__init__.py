"""multigen: compile type-annotated Python to native code through LLVM 19.

- ``@multigen.jit`` compiles a function at its first call; later calls run machine code.
- ``multigen.backends.llvm.jit_executor``: ``LLVMJITExecutor`` and ``jit_compile_and_run``.
- The ``multigen`` command (``multigen run/build/check/convert``) comes with the package.
"""

from multigen.errors import CompileError, IRError
from multigen._jit import JitFunction, jit

__all__ = ["jit", "JitFunction", "CompileError", "IRError"]
__version__ = "0.1.0"
