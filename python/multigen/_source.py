"""What ``@multigen.jit`` compiles: the decorated function and the module-level functions,
constants and imports it uses, cut out of its module's source with every kept line at its
original line number, so that diagnostics and tracebacks name the lines of the file."""

import ast
import inspect
import sys
import textwrap

# Modules the subset imports (SUBSET.md); other imports (multigen itself, numpy...) are
# left out, and a function that uses them is refused for the undefined name.
SUBSET_MODULES = {"math", "sys", "typing", "dataclasses", "__future__"}


def _bound_names(stmt):
    """Names a top-level statement binds."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    targets = []
    if isinstance(stmt, ast.Assign):
        targets = stmt.targets
    elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
        targets = [stmt.target]
    names = set()
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                names.add(node.id)
    return names


def _used_names(node):
    names = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            names.add(sub.id)
        elif isinstance(sub, (ast.Global, ast.Nonlocal)):
            names.update(sub.names)
    return names


def _is_jit_decorator(dec):
    if isinstance(dec, ast.Call):
        dec = dec.func
    return (isinstance(dec, ast.Name) and dec.id == "jit") or (isinstance(dec, ast.Attribute) and dec.attr == "jit")


def _first_line(stmt):
    decorators = getattr(stmt, "decorator_list", [])
    return min([stmt.lineno] + [d.lineno for d in decorators])


def _imports_subset(stmt):
    if isinstance(stmt, ast.Import):
        return all(alias.name.split(".")[0] in SUBSET_MODULES for alias in stmt.names)
    if isinstance(stmt, ast.ImportFrom):
        return stmt.level == 0 and (stmt.module or "").split(".")[0] in SUBSET_MODULES
    return False


def extract(func):
    """``(file name, source)`` to compile for ``func``: raises OSError when the source cannot
    be found (a function typed at the interactive prompt)."""
    module = sys.modules.get(func.__module__)
    filename = inspect.getsourcefile(func) or func.__code__.co_filename
    module_source = inspect.getsource(module) if module is not None else ""
    lines = module_source.splitlines()
    tree = ast.parse(module_source, filename)
    out = [""] * len(lines)

    def keep(stmt):
        for n in range(_first_line(stmt), stmt.end_lineno + 1):
            out[n - 1] = lines[n - 1]
        for dec in getattr(stmt, "decorator_list", []):
            if _is_jit_decorator(dec):
                for n in range(dec.lineno, dec.end_lineno + 1):
                    out[n - 1] = ""

    top = [s for s in tree.body]
    # The function itself: a top-level def at its line, or (a nested def) its own text.
    first = func.__code__.co_firstlineno
    target = next((s for s in top if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == func.__name__ and _first_line(s) == first), None)
    if target is not None:
        keep(target)
        wanted = _used_names(target)
    else:
        own_lines, start = inspect.getsourcelines(func)
        own = textwrap.dedent("".join(own_lines))
        own_tree = ast.parse(own)
        # Whatever encloses it is not compiled: clear it, then put the def at its lines.
        for s in top:
            if _first_line(s) <= start <= s.end_lineno:
                for n in range(_first_line(s), s.end_lineno + 1):
                    out[n - 1] = ""
        while len(out) < start - 1 + len(own.splitlines()):
            out.append("")
        for i, text in enumerate(own.splitlines()):
            out[start - 1 + i] = text
        for dec in own_tree.body[0].decorator_list if own_tree.body else []:
            if _is_jit_decorator(dec):
                for n in range(dec.lineno, dec.end_lineno + 1):
                    out[start - 2 + n] = ""
        wanted = _used_names(own_tree)
        target = None
    # Module-level statements binding the names it uses, transitively.
    binders = {}
    for s in top:
        if s is target:
            continue
        for name in _bound_names(s):
            binders.setdefault(name, []).append(s)
    done = set()
    queue = list(wanted)
    while queue:
        name = queue.pop()
        if name in done:
            continue
        done.add(name)
        for s in binders.get(name, []):
            if target is None and _first_line(s) <= func.__code__.co_firstlineno <= s.end_lineno:
                continue
            keep(s)
            queue.extend(_used_names(s) - done)
    for s in top:
        if _imports_subset(s):
            keep(s)
    return filename, "\n".join(out) + "\n"
