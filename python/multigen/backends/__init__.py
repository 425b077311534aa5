"""Backends of multigen; ``multigen.backends.llvm`` is the one there is."""
