"""The LLVM backend: its JIT executor, under the names of the tool multigen replaces."""

from multigen.backends.llvm.jit_executor import LLVMJITExecutor, jit_compile_and_run

__all__ = ["LLVMJITExecutor", "jit_compile_and_run"]
