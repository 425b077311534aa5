#!/usr/bin/env python3
"""Differential testing of multigen against CPython, and fuzzing of its front end.

usage: tools/difftest.py [--bin PATH] [--seeds A-B] [--fuzz N] [--keep DIR] [--jobs N]

Programs: for each seed, generates a random, well-typed program of the subset (nested
control flow, ints near the 64-bit limits, awkward floats, Unicode text with its case
mappings, character classes and whitespace, lists,
dicts, sets, comprehensions, slicing, calls (keywords in any order, defaults evaluated once
at `def` time, list defaults shared by calls, keyword-only parameters) and bounded
recursion, classes, dataclasses (ordered, frozen, default factories), `key=lambda` for sorted, min, max and list.sort, `tuple[int, ...]`, narrowed attribute paths, imports in their
several spellings: `import math as m`, `from math import sqrt as root`, typing's `List`,
`Dict`, `Set` or `typing.List`, `Final` constants, `cast`, `sys.argv` and `exit`, locals
that shadow an imported name, f-strings with conversions, `=` and random format specs,
`format()`, `str.format`, `%`-formatting, `round()`, `hex`/`oct`/`bin`, `pow(a, b, m)`, `int(s, base)`, `d | e`, `popitem()`, `list.index(x, i, j)`, `enumerate(start=)`, `list`/`sorted`/`dict` of `enumerate` and `zip`, `dict.fromkeys`, `xs *= n` in place, `isinstance` with builtin types, variables named like builtins, `sys.stdout`/`sys.stderr` writes, `input()` and `sys.stdin` (a fixed text on standard input), writing files (`w`, `a`, `print(file=f)`, `writelines`), exception args, generator expressions consumed by sum, min, max, any, all, sorted, list, set, tuple and str.join, functions without a return annotation, `print(flush=)`, `str.translate`, `str.maketrans` and `str.format_map`, more of `math` (cbrt, log2, atanh, expm1, comb, trunc, fsum, isclose), the start and end of `find`/`rfind`/`count`/`startswith`/`endswith` (and their tuples of affixes), `replace` with a count, range values, live dict views, `list.clear`/`dict.clear`, functions ending in `while True:`, loops nested up to CPython's limit and past it, generator functions (`yield`, `yield from`, `return`, infinite loops, `finally`) consumed whole, partly, by `next(g[, default])` and through generator expressions held in variables; `iter`, `map`, `filter`, `zip`, `enumerate`, `reversed` as values, `itertools`, and seeded `random` calls) that prints much of its state.  The expectation is CPython's output for the same program with every int
operation checked against the 64-bit range (an AST transform makes such an operation
raise `OverflowError: integer overflow`, as multigen does).  The program then runs under
`multigen run` and as an AOT executable; stdout, exit status and the exception line must
match.  A mismatch is shrunk (statements removed while it persists) and saved under
--keep (default tests/difftest/) as a reproducer.

Fuzzing (--fuzz N): N inputs to `multigen check`: random bytes, and generated programs
with random mutations (deleted, duplicated or swapped lines, flipped characters, deep
nesting).  Any exit status other than 0 or 1, a signal, or a hang is a failure.

Prints `N passed, N failed` at the end.
"""
import argparse, ast, concurrent.futures as cf, os, pathlib, random, re, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
INT_MAX = 2**63 - 1
INT_MIN = -(2**63)

# ---- the generator --------------------------------------------------------------

STR_LITERALS = ['""', '"a"', '"hello"', '"é"', '"日本"', '"a b  c"', '"x,y,,z"', '"Ünï"', '"  pad  "', '"it\'s"', '"tab\\there"']
FLOAT_LITERALS = ["0.1", "0.2", "1.5", "-0.0", "1e16", "1e-05", "2.5e+300", "5e-324", "123456789.125", "-7.25", "1e22", "3.0"]
# Set keys: strides that collide in the low bits of the hash, and ints whose hashes
# coincide (-1 and -2 both hash to -2; hashes are taken modulo 2**61 - 1).
SET_STRIDES = [8, 16, 32, 64, 128, 1024, 2**32, 2**61 - 1]
SET_SIZES = [0, 1, 3, 4, 5, 6, 17, 18, 19, 20, 75, 76, 77, 78]
SET_ODD_KEYS = ["-1", "-2", "2305843009213693951", "2305843009213693952", "-2305843009213693951", "4611686018427387904", "-4611686018427387904", "9223372036854775807", "-9223372036854775807"]
INT_LITERALS = ["0", "1", "-1", "7", "-13", "255", "1000", "2**31", "2**62", "-(2**62)", "9223372036854775807", "-9223372036854775807", "3037000499"]
# Imports: the math names a program may import with `from math import ...`, and the names
# some of them get with `as`; floor and ceil return ints (checked against 64 bits).
MATH_FROM = ["sqrt", "floor", "ceil", "fabs", "pi", "e", "tau", "inf", "log2", "atanh", "cbrt", "expm1", "comb", "trunc"]
MATH_ALIASES = {"sqrt": "root", "floor": "flr", "ceil": "cl", "fabs": "absf", "pi": "PI", "e": "E", "tau": "TAU", "inf": "INF",
                "log2": "lg", "atanh": "ath", "cbrt": "cube_root", "expm1": "em1", "comb": "choose", "trunc": "trn"}
MATH_INT_CALLS = {"floor", "ceil", "flr", "cl"}



# ---- Unicode text (self-contained: Gen.expr hands a share of str, bool, int and list[str]
# expressions to these functions) ------------------------------------------------------------

# Scripts and the cases Unicode's case rules single out: Greek with final sigma, Cyrillic, CJK,
# emoji, combining marks, one-to-many mappings (ß, ﬁ, İ, ŉ, ǰ, ΐ, ᾳ), titlecase digraphs
# (ǅ), Cherokee, number forms, and whitespace beyond ASCII (U+2003, U+3000, U+0085, U+00A0).
UNICODE_LITERALS = [
    '"ΣΟΦΟΣ"', '"Σ"', '"ΑΣ."', '"ὈΔΥΣΣΕΎΣ"', '"σοφὸς ΣΑΣ Σ"', '"Ελλάδα"', '"ΣΑΣ\'Σ"',
    '"добрый День"', '"ЖЁЛТЫЙ ёж"', '"日本語テキスト"', '"中文 一二三"', '"😀ok 👍🏽"', '"e\\u0301te\\u0301"',
    '"straße STRASSE"', '"ﬁnance ﬂow ﬀ"', '"İstanbul ı"', '"ǅemal ǈ ǌ Ǆ"', '"ŉ ǰ ΐ ᾳ ᾼ"', '"Ꭰꭰ Ᏸ"',
    '"a\\u2003b\\u3000c"', '"\\u3000 pad \\u2003"', '"\\x85x\\xa0y\\u2028"', '"x\\u200by\\ufeff"',
    '"٣٤ ١٢"', '"Ⅻ ½ ² ①"', '"ÀÉÎ õü ÿ"', '"o\'neil mc-donald"', '"ǆungla 1st 2nd"', '"Ｆｕｌｌ ｗｉｄｔｈ"',
]
UNICODE_CASES = ["upper", "lower", "casefold", "title", "capitalize", "swapcase"]
UNICODE_CLASSES = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isspace", "isalnum", "isupper", "islower", "istitle", "isprintable"]
# int() and float() of text with digits and whitespace of other scripts (all valid).
UNICODE_NUMBERS = ['"٣"', '"\\u2003 7 "', '"\\xa0-12\\u3000"', '"1_٣"', '"١٢٣"', '"߀߁"', '"𝟗"']
UNICODE_FLOATS = ['"١e٣"', '"٣.٥"', '"\\u2003 1.5\\u3000"', '"1_0.5"', '"-Infinity"', '"\\x85 .5e-3 "']
UNICODE_SHARE = 0.2


def unicode_text(gen, env, depth) -> str:
    """A str that is usually non-ASCII: a literal, or a generated str mixed with one."""
    r = gen.r
    if depth >= 3 or r.random() < 0.6:
        return r.choice(UNICODE_LITERALS)
    return f"({r.choice(UNICODE_LITERALS)} + {gen.expr('str', env, depth + 1)})"


def unicode_str(gen, env, depth) -> str:
    r = gen.r
    a = unicode_text(gen, env, depth + 1)
    c = r.randint(0, 6)
    if c <= 2:
        return f"{a}.{r.choice(UNICODE_CASES)}()"
    if c == 3:
        chars = r.choice(["", '"Σ. "', '"\\u3000 a"', '"ΑΣ"'])
        return f"{a}.{r.choice(['strip', 'lstrip', 'rstrip'])}({chars})"
    if c == 4:
        sep = r.choice(['" "', '"|"'])
        return f"{sep}.join({a}.split())"
    if c == 5:
        return f"repr({a}.{r.choice(UNICODE_CASES)}())"
    return f"{a}.{r.choice(UNICODE_CASES)}().{r.choice(UNICODE_CASES)}()"


def unicode_bool(gen, env, depth) -> str:
    r = gen.r
    a = unicode_text(gen, env, depth + 1)
    c = r.randint(0, 3)
    if c <= 1:
        return f"{a}.{r.choice(UNICODE_CLASSES)}()"
    if c == 2:
        return f"({a}.{r.choice(UNICODE_CASES)}() == {unicode_text(gen, env, depth + 1)}.{r.choice(UNICODE_CASES)}())"
    return f"({a}.casefold() {r.choice(['<', '==', '>='])} {unicode_text(gen, env, depth + 1)}.casefold())"


def unicode_int(gen, env, depth) -> str:
    r = gen.r
    c = r.randint(0, 3)
    if c == 0:
        return f"int({r.choice(UNICODE_NUMBERS)})"
    if c == 1:
        return f"int(float({r.choice(UNICODE_FLOATS)}) * 4 if float({r.choice(UNICODE_FLOATS)}) < 1e6 else 5.0)"
    a = unicode_text(gen, env, depth + 1)
    if c == 2:
        return f"len({a}.{r.choice(UNICODE_CASES)}())"
    return f"len({a}.split())"


def unicode_list_str(gen, env, depth) -> str:
    r = gen.r
    a = unicode_text(gen, env, depth + 1)
    if r.random() < 0.5:
        return f"{a}.{r.choice(UNICODE_CASES)}().split()"
    return f"[{a}.{r.choice(UNICODE_CASES)}(), {unicode_text(gen, env, depth + 1)}.{r.choice(['strip', 'casefold'])}()]"


UNICODE_EXPRS = {"str": unicode_str, "bool": unicode_bool, "int": unicode_int, "list[str]": unicode_list_str}


# ---- f-strings, format() and round() (self-contained, like the Unicode text above) ----------

# Each part of the format-spec mini-language is drawn on its own; a constant spec is kept only
# when CPython accepts it for the value's type (multigen refuses the others at compile time),
# while a spec computed at run time may be anything, which both report as ValueError.
FSTRING_SHARE = 0.25

# Generator expressions consumed by sum/min/max/any/all/sorted/list/set/tuple/str.join.
GENEXP_TYPES = ("int", "float", "bool", "str", "list[int]", "set[int]", "tuple[int, ...]")
GENEXP_SHARE = 0.03
FSTRING_TEXT = ["", " ", "x=", "[", "]", "|", " and ", "é", "日本", "{{", "}}", "%", ":", "->", "😀", "a b"]
SPEC_TYPES = {"int": "dbcoxXneEfFgG%", "bool": "dxXfe%", "float": "eEfFgGn%", "str": "s"}
SPEC_SAMPLES = {"int": 65, "bool": True, "float": 2.5, "str": "ab"}


def spec_part(r, kind) -> str:
    s = ""
    if r.random() < 0.35:
        if r.random() < 0.5:
            s += r.choice("*0x-é= _#.")
        s += r.choice("<>=^")
    if r.random() < 0.25:
        s += r.choice("+- ")
    if r.random() < 0.1:
        s += "z"
    if r.random() < 0.15:
        s += "#"
    if r.random() < 0.15:
        s += "0"
    if r.random() < 0.45:
        s += str(r.choice([0, 1, 2, 3, 5, 8, 10, 12, 16, 25]))
    if r.random() < 0.2:
        s += r.choice(",_")
    if r.random() < 0.35:
        s += "." + str(r.choice([0, 1, 2, 3, 4, 6, 10, 15, 17, 20]))
    if r.random() < 0.7:
        s += r.choice(SPEC_TYPES[kind])
    return s


def valid_spec(spec: str, kind: str) -> bool:
    try:
        format(SPEC_SAMPLES[kind], spec)
    except OverflowError:
        return True  # `c` of a value out of range: decided at run time
    except ValueError:
        return False
    return "{" not in spec and "}" not in spec and "'" not in spec and "\\" not in spec


def constant_spec(r, kind) -> str:
    for _ in range(30):
        spec = spec_part(r, kind)
        if valid_spec(spec, kind):
            return spec
    return ""


def quote_free(text: str, quotes: str) -> bool:
    """Whether an expression can stand inside an f-string delimited by `quotes` (Python 3.11:
    no reuse of an enclosing quote, no backslash)."""
    return not any(q in text for q in quotes) and "\\" not in text and "\n" not in text


def field_value(gen, env, depth, kind, quotes) -> str:
    """An expression of type `kind` that fits inside the f-string (else a variable or a literal)."""
    r = gen.r
    if r.random() < 0.8:
        e = gen.expr(kind, env, depth + 1)
        if quote_free(e, quotes):
            return e
    names = [n for n, t in env.items() if t == kind]
    if names:
        return r.choice(names)
    return {"int": str(r.randint(-99999, 99999)), "float": r.choice(["0.1", "-2.5", "1e16", "123456.789", "-0.0"]),
            "bool": r.choice(["True", "False"]), "str": f"chr({r.randint(65, 90)})",
            "list[int]": "[1, -2]", "tuple[int, str]": f"(7, chr({r.randint(97, 122)}))",
            "Kls0": f"Kls0({r.randint(-9, 9)}, chr(98))", "list[Kls0]": "[Kls0(1, chr(97))]"}[kind]


def fstring_expr(gen, env, depth, quotes="") -> str:
    """An f-string of literal text and replacement fields: conversions `!r` `!s` `!a`, `=`, a
    constant spec, or a spec with fields computed at run time (`{x:>{w}.{p}f}`)."""
    r = gen.r
    q = "'" if "'" not in quotes else '"'
    inner = quotes + q
    parts = [r.choice(FSTRING_TEXT)]
    for _ in range(r.randint(1, 3)):
        kinds = ["int", "int", "float", "float", "str", "bool", "list[int]", "tuple[int, str]"]
        kind = r.choice(kinds + ["Kls0", "list[Kls0]"] if gen.classes else kinds)
        value = field_value(gen, env, depth, kind, inner)
        conv = r.choice(["", "", "", "!r", "!s", "!a"])
        debug = "=" if r.random() < 0.1 else ""
        spec = ""
        c = r.random()
        if kind in SPEC_TYPES and c < 0.6:
            spec = ":" + constant_spec(r, "str" if conv else kind)
        elif kind in SPEC_TYPES and c < 0.75 and not conv:
            w = field_value(gen, env, depth, "int", inner)
            width = f"{{abs({w}) % 30}}"
            if kind == "float":
                p = field_value(gen, env, depth, "int", inner)
                spec = f":{r.choice(['', '>', '<', '^', '0', '+'])}{width}.{{abs({p}) % 12}}{r.choice(['f', 'e', 'g', '%', ''])}"
            else:
                spec = f":{r.choice(['', '>', '<', '^', '*^', '_>'])}{width}"
        elif kind in SPEC_TYPES and c < 0.76:
            spec = ":{" + field_value(gen, env, depth, "str", inner) + "}"
        if r.random() < 0.05 and depth < 2 and not quotes:
            parts.append("{" + fstring_expr(gen, env, depth + 1, inner) + "}")
        parts.append("{(" + value + ")" + debug + conv + spec + "}")
        parts.append(r.choice(FSTRING_TEXT))
    return "f" + q + "".join(parts) + q


def format_call(gen, env, depth) -> str:
    """format(value, spec): a constant spec valid for the type, or a str computed at run time."""
    r = gen.r
    kind = r.choice(["int", "float", "str", "bool"])
    value = gen.expr(kind, env, depth + 1)
    if r.random() < 0.95:
        return f"format({value}, {constant_spec(r, kind)!r})" if r.random() < 0.8 else f"format({value})"
    # `+ ""` keeps a literal from being a constant spec, which multigen checks when compiling.
    return f"format({value}, {gen.expr('str', env, depth + 1)} + \"\")"


def str_format_expr(gen, env, depth) -> str:
    """`template.format(...)`: automatic, manual or keyword fields, conversions, constant
    specs and specs with nested fields; now and then a template computed at run time or a
    field that makes CPython raise (the program prints the exception)."""
    r = gen.r
    kinds = ["int", "float", "str", "bool", "list[int]", "tuple[int, str]"]
    args = [r.choice(kinds) for _ in range(r.randint(0, 3))]
    kw = {f"k{i}": r.choice(kinds) for i in range(r.randint(0, 2))}
    manual = r.random() < 0.3
    fields = []
    for _ in range(r.randint(0, 4)):
        names = ([str(i) if manual else "" for i in range(len(args))] if args else []) + list(kw)
        if not names:
            break
        name = r.choice(names)
        kind = kw[name] if name in kw else args[int(name)] if manual else None
        if kind is None:
            # Automatic numbering takes the arguments in order.
            auto = sum(1 for f in fields if f[0] == "")
            if auto >= len(args):
                continue
            kind = args[auto]
        conv = r.choice(["", "", "!r", "!s", "!a"])
        spec = ""
        if kind in SPEC_TYPES and r.random() < 0.5:
            spec = ":" + constant_spec(r, "str" if conv else kind)
        fields.append((name, conv, spec))
    text = lambda: r.choice(["", " ", "=", "{{", "}}", "é", "|", ": "])
    template = text() + "".join("{" + n + c + sp + "}" + text() for n, c, sp in fields)
    if r.random() < 0.05:
        template = r.choice(["{", "}", "{0!}", "{:{:{}}}", "{9}", "{nope}", "{0}{}"])
    values = [gen.expr(k, env, depth + 1) for k in args]
    keywords = [f"{n}={gen.expr(k, env, depth + 1)}" for n, k in kw.items()]
    receiver = repr(template) if r.random() < 0.85 else f"({repr(template)} + \"\")"
    return f"{receiver}.format({', '.join(values + keywords)})"


PERCENT_TYPES = {"int": "diouxXeEfFgGcrsa", "bool": "dxrs", "float": "eEfFgGrsa", "str": "sra", "list[int]": "sr", "tuple[int, str]": "sr"}


def percent_expr(gen, env, depth) -> str:
    """`fmt % values`: flags, widths, precisions (also `*`), every conversion, with a tuple,
    one value or a dict display and `%(key)s`; now and then a spec that makes CPython raise
    (the program prints the exception)."""
    r = gen.r
    kinds = ["int", "int", "float", "str", "bool", "list[int]", "tuple[int, str]"]

    def spec(kind):
        flags = "".join(r.sample("-+ #0", r.randint(0, 2))) if r.random() < 0.5 else ""
        width = r.choice(["", "", "3", "8", "*"]) if kind != "tuple[int, str]" else ""
        prec = r.choice(["", "", ".0", ".2", ".5", ".*"]) if kind != "tuple[int, str]" else ""
        conv = r.choice(PERCENT_TYPES[kind])
        if conv == "c" and kind == "int":
            return flags + width + prec + conv, f"abs({gen.expr('int', env, depth + 1)}) % 1000"
        if conv == "c":
            conv = "s"
        return flags + width + prec + conv, None

    text = lambda: r.choice(["", " ", "%%", "|", "é", ": "])
    mapping = r.random() < 0.2
    parts, values, keys = [text()], [], []
    for i in range(r.randint(1, 3)):
        kind = r.choice(kinds)
        sp, forced = spec(kind)
        for star in range(sp.count("*")):
            values.append(str(r.randint(-12, 12)))
        key = f"k{i}"
        parts.append("%" + (f"({key})" if mapping else "") + sp + text())
        value = forced or gen.expr(kind, env, depth + 1)
        if kind == "tuple[int, str]" and not mapping:
            value = f"({value},)"  # a tuple argument goes inside the argument tuple
        if mapping:
            if "*" in sp:
                return f"{repr(''.join(parts[:-1]))} % ()"
            keys.append((key, value))
        else:
            values.append(value)
    fmt = "".join(parts)
    if r.random() < 0.05:
        fmt = r.choice(["%", "%q", "%(x)s", "%s %s %s %s %s", "abc", "%5"])
    if mapping:
        return f"{fmt!r} % {{{', '.join(f'{k!r}: {v}' for k, v in keys)}}}"
    if len(values) == 1 and r.random() < 0.5 and not values[0].startswith("(") and "list" not in values[0]:
        return f"{fmt!r} % {values[0]}"
    return f"{fmt!r} % ({', '.join(values)},)"


def round_expr(gen, env, depth, ty) -> str:
    r = gen.r
    if ty == "int":
        if r.random() < 0.5:
            return f"round({gen.expr('float', env, depth + 1)})"
        return f"round({gen.expr('int', env, depth + 1)}, {r.choice(['-1', '-2', '-5', '-18', '-19', '0', '3', 'None'])})"
    return f"round({gen.expr('float', env, depth + 1)}, {r.choice(['0', '1', '2', '3', '6', '-1', '-3', '17', '-310', '330', 'None'])})".replace(", None)", ", None) * 1.0")


# ---- text files: the harness writes these into the directory programs run in, so a
# generated program reads them by relative path (and writes only files of its own) ----------------------

DATA_FILES = {
    "mg_data.txt": b"alpha beta\r\ngamma\rdelta  epsilon\n\nzeta \xc3\xa9t\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\r\n42 17 -3\n\ttabbed\rlast line without newline",
    "mg_empty.txt": b"",
    "mg_lines.txt": b"".join(b"line %d \xce\xa3\xcf\x83\r\n" % i for i in range(12)) + b"end\n",
    # A character and a CRLF split across the 8192-byte chunks CPython decodes in.
    "mg_big.txt": b"x" * 8191 + b"\xc3\xa9\n" + b"y" * 8188 + b"\r\nz\r" + b"\n" * 3,
    # Invalid UTF-8: an invalid start byte, and after the first chunk a bad continuation.
    "mg_bad.txt": b"good line\nsecond \xff line\nthird\n",
    "mg_bad_big.txt": b"ok\n" * 3000 + b"bad \xe2\x28\xa1 here\n" + b"tail\n",
}
READ_FILES = ["mg_data.txt", "mg_empty.txt", "mg_lines.txt", "mg_big.txt"]
BAD_FILES = ["mg_bad.txt", "mg_bad_big.txt"]
MISSING_FILES = ['"mg_missing.txt"', '"."', '"mg_data.txt/x"', '"no_dir/mg.txt"', '""']


def write_data_files(directory: pathlib.Path):
    for name, data in DATA_FILES.items():
        (directory / name).write_bytes(data)


class Gen:
    def __init__(self, rng: random.Random):
        self.r = rng
        # File statements draw from a generator of their own, so that they do not reshuffle
        # the rest of the programs of the other seeds.
        self.fr = random.Random(rng.random())
        # collections.deque, heapq and bisect statements too, seeded from the state without
        # drawing from it (programs without them stay what they were).
        self.cr = random.Random(rng.getstate()[1][7] ^ 0xC011)
        self.colls: dict = {}
        # The small standard-library modules (time, string, the rest of math, ...), seeded
        # from the state without drawing from it; `stdlib` is whether the program uses them.
        self.sr = random.Random(rng.getstate()[1][11] ^ 0x57D1)
        self.stdlib = self.sr.random() < 0.5
        self.abc = False
        # Generators too, seeded from the main generator's state without drawing from it.
        self.gr = random.Random(rng.getstate()[1][0] ^ 0x5DEECE66D)
        # Functions that end in `while True:` and loops nested to CPython's limit, likewise.
        self.wr = random.Random(rng.getstate()[1][3] ^ 0x1F2E)
        # The `random` module's statements, likewise; `rand` spells its names once a
        # statement uses them (`random_spelling`), and `main` seeds it first thing.
        self.rr = random.Random(rng.getstate()[1][11] ^ 0x7A2D)
        self.rand: dict = {}
        # functools (reduce, partial, lru_cache), likewise.
        self.ftr = random.Random(rng.getstate()[1][11] ^ 0xF7C)
        self.ft: dict = {}
        self.memos: list[tuple[str, list[str]]] = []
        # (name, item type, parameter types) of the generator functions generated.
        self.gens: list[tuple[str, str, list[str]]] = []
        self.lines: list[str] = []
        # (name, parameter types, return type, call spec: parameter names, which have
        # defaults, where keyword-only parameters start)
        self.funcs: list[tuple[str, list[str], str, dict]] = []
        self.set_funcs: list[str] = []
        self.n_tmp = 0
        # The constant set displays generated so far (`set_value`).
        self.const_sets: list[list[str]] = []
        self.classes = False
        # How the program spells what it imports (`imports`): math names, typing, sys.
        self.math: dict = {n: f"math.{n}" for n in MATH_FROM}
        self.typing: str | None = None  # "from" (List, cast), "module" (typing.List) or None
        self.sys: dict = {}
        self.finals: dict = {}  # module-level `Final` constants: name -> type
        # Math constants a function shadows with a local of the same name.
        self.shadowed: set = set()

    def m(self, name: str) -> str:
        """How the program spells `math.name`."""
        return self.math[name]

    def ann(self, ty: str) -> str:
        """A type annotation: the builtin generics, or now and then typing's aliases for them."""
        if self.typing is None or self.r.random() < 0.4:
            return ty
        prefix = "typing." if self.typing == "module" else ""
        return re.sub(r"\b(list|dict|set|tuple)\[", lambda g: prefix + g.group(1).capitalize() + "[", ty)

    def cast(self, ty: str, value: str) -> str:
        """`value` through `typing.cast` (which converts nothing) when the program imports it."""
        if self.typing is None:
            return value
        return f"{'typing.' if self.typing == 'module' else ''}cast({self.ann(ty)}, {value})"

    def imports(self):
        """The imports, in one of the spellings Python allows: `import math` (or `as m`) and
        `math.sqrt(...)`, `from math import sqrt` (some names renamed with `as`) or both; the
        typing aliases (`List[int]`, `typing.Dict[...]`), `cast` and module-level `Final`
        constants; `sys.argv` and `sys.exit` under their names; `from __future__ import annotations`."""
        r = self.r
        if r.random() < 0.2:
            self.emit(0, "from __future__ import annotations")
        style = r.choice(["module", "alias", "from", "both"])
        if style in ("module", "both"):
            self.emit(0, "import math")
        if style == "alias":
            self.emit(0, "import math as m")
            self.math = {n: f"m.{n}" for n in MATH_FROM}
        if style in ("from", "both"):
            names = MATH_FROM if style == "from" else r.sample(MATH_FROM, r.randint(1, len(MATH_FROM)))
            parts = []
            for n in names:
                alias = MATH_ALIASES[n] if r.random() < 0.3 else n
                parts.append(n if alias == n else f"{n} as {alias}")
                self.math[n] = alias
            self.emit(0, f"from math import {', '.join(parts)}")
        self.typing = r.choice([None, "from", "module"])
        final = "Final"
        if self.typing == "from":
            names = ["List", "Dict", "Set", "Tuple", "Final", "cast"]
            r.shuffle(names)
            self.emit(0, f"from typing import {', '.join(names)}")
        elif self.typing == "module":
            self.emit(0, "import typing")
            final = "typing.Final"
        sys_style = r.choice([None, None, "from", "module", "alias"])
        if sys_style == "from":
            self.emit(0, "from sys import argv, exit")
            self.sys = {"argv": "argv", "exit": "exit"}
        elif sys_style:
            name = "sys" if sys_style == "module" else "system"
            self.emit(0, "import sys" if sys_style == "module" else "import sys as system")
            self.sys = {"argv": f"{name}.argv", "exit": f"{name}.exit", "stdout": f"{name}.stdout", "stderr": f"{name}.stderr"}
        self.dataclass = None
        if r.random() < 0.35:
            self.emit(0, "from dataclasses import dataclass, field, FrozenInstanceError")
            self.dataclass = {"order": r.random() < 0.5, "frozen": r.random() < 0.5}
        has_finals = r.random() < 0.5
        if has_finals and self.typing is None:
            self.emit(0, "from typing import Final")
        self.emit(0, "")
        if has_finals:
            for _ in range(r.randint(1, 3)):
                name = self.fresh("K")
                ty = r.choice(["int", "float", "str", "list[int]"])
                value = self.expr(ty, {}, 2)
                if ty == "list[int]" or r.random() < 0.5:
                    self.emit(0, f"{name}: {final}[{self.ann(ty)}] = {value}")
                else:
                    self.emit(0, f"{name}: {final} = {value}")
                self.finals[name] = ty
            self.emit(0, "")
        self.emit(0, "")

    def fresh(self, prefix="v"):
        self.n_tmp += 1
        return f"{prefix}{self.n_tmp}"

    def pick(self, xs):
        return self.r.choice(xs)

    # Expressions of a given type, over the variables of `env` (name -> type).
    def expr(self, ty: str, env: dict, depth: int = 0) -> str:
        r = self.r
        vars_ = [n for n, t in env.items() if t == ty]
        if vars_ and r.random() < 0.4:
            return r.choice(vars_)
        leaf = depth >= 3 or r.random() < 0.3
        if ty in UNICODE_EXPRS and depth < 3 and r.random() < UNICODE_SHARE:
            return UNICODE_EXPRS[ty](self, env, depth)
        if ty == "str" and depth < 3 and r.random() < FSTRING_SHARE:
            c = r.random()
            return fstring_expr(self, env, depth) if c < 0.5 else format_call(self, env, depth) if c < 0.65 else str_format_expr(self, env, depth) if c < 0.8 else f"({percent_expr(self, env, depth)})"
        if ty in ("int", "float") and depth < 3 and r.random() < 0.04:
            return round_expr(self, env, depth, ty)
        if ty in GENEXP_TYPES and depth < 3 and r.random() < GENEXP_SHARE:
            return self.genexp_expr(ty, env, depth)
        if ty == "tuple[int, ...]":
            if leaf:
                items = [self.expr("int", env, 3) for _ in range(r.randint(0, 3))]
                return f"tuple([{', '.join(items)}])"
            c = r.randint(0, 4)
            a = self.expr("tuple[int, ...]", env, depth + 1)
            if c == 0:
                return f"tuple({self.expr('list[int]', env, depth + 1)})"
            if c == 1:
                return f"({a} + {self.expr('tuple[int, ...]', env, depth + 1)})"
            if c == 2:
                return f"{a}[{r.randint(-3, 3)}:{r.randint(-2, 5)}{r.choice(['', ':2', ':-1'])}]"
            if c == 3:
                return f"({a} * {r.randint(0, 2)})"
            return f"tuple(sorted({a}{r.choice(['', ', reverse=True'])}))"
        if ty == "int" and depth < 3 and r.random() < 0.03:
            t = self.expr("tuple[int, ...]", env, depth + 1)
            return r.choice([f"len({t})", f"{t}.count({self.expr('int', env, depth + 1)})", f"sum({t})", f"({t}[{self.expr('int', env, depth + 1)} % len({t})] if len({t}) > 0 else -1)", f"hash({t}) % 1000"])
        if ty == "bool" and depth < 3 and r.random() < 0.04:
            t, u = self.expr("tuple[int, ...]", env, depth + 1), self.expr("tuple[int, ...]", env, depth + 1)
            return r.choice([f"({self.expr('int', env, depth + 1)} in {t})", f"({t} {r.choice(['<', '<=', '==', '!=', '>', '>='])} {u})", f"({t} == ({self.expr('int', env, 3)}, 2))", f"bool({t})"])
        if ty == "str" and depth < 3 and r.random() < 0.03:
            return f"str({self.expr('tuple[int, ...]', env, depth + 1)})"
        if ty == "int" and depth < 3 and r.random() < 0.03:
            text, sub = self.expr("str", env, depth + 1), self.pick(STR_LITERALS)
            # With a start, or a start and an end (negative, past the end, crossed).
            win = r.choice(["", f", {r.randint(-6, 8)}", f", {r.randint(-6, 8)}, {r.randint(-6, 8)}"])
            return r.choice([f"{text}.rfind({sub})", f"({text}.index({sub}) if {sub} in {text} else -5)", f"({text}.rindex({sub}) if {sub} in {text} else -5)",
                             f"{text}.find({sub}{win})", f"{text}.rfind({sub}{win})", f"{text}.count({sub}{win})", f"len({text}.replace({sub}, 'ab', {r.randint(-1, 3)}))"])
        if ty == "bool" and depth < 3 and r.random() < 0.02:
            text = self.expr("str", env, depth + 1)
            win = r.choice(["", f", {r.randint(-6, 8)}", f", {r.randint(-6, 8)}, {r.randint(-6, 8)}"])
            affix = r.choice([self.pick(STR_LITERALS), f"({self.pick(STR_LITERALS)}, {self.pick(STR_LITERALS)})"])
            return r.choice([f"{text}.isascii()", f"{text}.startswith({affix}{win})", f"{text}.endswith({affix}{win})"])
        if ty == "bool" and depth < 3 and r.random() < 0.01:
            kind = r.choice(["int", "float", "bool", "str", "list[int]", "tuple[int, str]"])
            names = r.sample(["int", "float", "bool", "str", "list", "dict", "tuple", "object"], r.randint(1, 2))
            return f"isinstance({self.expr(kind, env, depth + 1)}, {names[0] if len(names) == 1 else '(' + ', '.join(names) + ')'})"
        if ty == "int" and depth < 3 and r.random() < 0.01:
            xs = self.expr("list[int]", env, depth + 1)
            return f"({xs} + [7, 7]).index(7, {r.randint(-2, 1)}{r.choice(['', ', 1000', ', -1'])})"
        if ty == "list[tuple[int, str]]" and depth < 3 and r.random() < 0.1:
            return r.choice([f"list(enumerate({self.expr('list[str]', env, depth + 1)}, start={r.randint(-3, 3)}))",
                             f"sorted(zip({self.expr('list[int]', env, depth + 1)}, {self.expr('list[str]', env, depth + 1)}))"])
        if ty == "dict[str, int]" and depth < 3 and r.random() < 0.02:
            return f"dict.fromkeys({self.expr('list[str]', env, depth + 1)}, {self.expr('int', env, depth + 1)})"
        if ty == "dict[str, int]" and depth < 3 and r.random() < 0.03:
            return f"dict(zip({self.expr('list[str]', env, depth + 1)}, {self.expr('list[int]', env, depth + 1)}))"
        if ty == "tuple[int, str]" and depth < 3 and r.random() < 0.02:
            d = self.expr("dict[str, int]", env, depth + 1)
            return f"(({d}).popitem()[::-1] if len({d}) > 0 else (0, 'empty'))"
        if ty == "int" and depth < 3 and r.random() < 0.02:
            a = self.expr("int", env, depth + 1)
            return r.choice([f"pow({a}, {r.randint(-3, 40)}, {r.choice(['7', '-7', '1000000007', '2**62 + 1', '1'])})" if r.random() < 0.8 else f"pow({r.choice(['3', '5', '10'])}, {r.randint(-1, 30)} // 1, 11)",
                             f"(int({self.expr('str', env, depth + 1)}.strip() or '0', {r.choice(['0', '2', '8', '16', '36'])}) if {self.expr('str', env, depth + 1)}.isalnum() else 0)",
                             f"len(hex({a}) + oct({a}) + bin({a}))", f"int(hex({a}), 16)", f"int(bin({a}), 0)"])
        if ty == "int":
            if leaf:
                return r.choice(INT_LITERALS + [str(r.randint(-50, 50))])
            c = r.randint(0, 11)
            a, b = self.expr("int", env, depth + 1), self.expr("int", env, depth + 1)
            if c == 0:
                return f"({a} {r.choice(['+', '-', '*'])} {b})"
            if c == 1:
                return f"({a} {r.choice(['//', '%'])} ({b} if {b} != 0 else 3))"
            if c == 2:
                return f"({a} {r.choice(['&', '|', '^'])} {b})"
            if c == 3:
                return f"({a} >> {r.randint(0, 70)})"
            if c == 4:
                return f"abs({a})"
            if c == 5:
                return f"len({self.expr(r.choice(['str', 'list[int]', 'dict[str, int]', 'set[int]']), env, depth + 1)})"
            if c == 6:
                xs = self.expr("list[int]", env, depth + 1)
                return f"({xs}[{a} % len({xs})] if len({xs}) > 0 else 0)"
            if c == 7:
                return f"{r.choice(['min', 'max'])}({a}, {b})"
            if c == 8:
                return f"({a} if {self.expr('bool', env, depth + 1)} else {b})"
            if c == 9 and self.funcs:
                return self.call("int", env, depth)
            if c == 10:
                if self.classes and r.random() < 0.3:
                    k = self.expr("Kls0", env, depth + 1)
                    scaled = r.choice([f"{k}.scaled()", f"{k}.scaled({a})", f"{k}.scaled(by={a})", f"{k}.scaled(log=[], x={a})", f"{k}.scaled({a}, by=2)"])
                    return r.choice([f"{k}.a", f"{k}.m({a})", f"{k}.m()", f"{k}.m(x={a})", f"len({k}.items)", f"{k}.weight", scaled])
                if r.random() < 0.4:
                    return f"{self.expr('tuple[int, str]', env, depth + 1)}[{r.choice(['0', '-2'])}]"
                if r.random() < 0.2:
                    return f"divmod({a}, ({b} if {b} != 0 else 7))[{r.randint(0, 1)}]"
                return f"{self.expr('dict[str, int]', env, depth + 1)}.get({self.expr('str', env, depth + 1)}, {a})"
            if c == 11 and r.random() < 0.3:
                return f"{self.m(r.choice(['floor', 'ceil']))}({self.expr('float', env, depth + 1)})"
            if c == 11 and r.random() < 0.2:
                return self.cast("int", a)
            if r.random() < 0.5:
                # `//` and `%` by a constant (inline, except for -1) on ints near the limits.
                return f"({a} {r.choice(['//', '%'])} {r.choice(['3', '-7', '1000', '-1', '2**40', '-(2**62)'])})"
            return f"(-{a})"
        if ty == "float":
            if leaf:
                consts = [n for n in ["pi", "e", "tau", "inf"] if n not in self.shadowed]
                if consts and r.random() < 0.15:
                    return self.m(r.choice(consts))
                return r.choice(FLOAT_LITERALS)
            c = r.randint(0, 6)
            a, b = self.expr("float", env, depth + 1), self.expr("float", env, depth + 1)
            if c == 0:
                return f"({a} {r.choice(['+', '-', '*'])} {b})"
            if c == 1:
                if r.random() < 0.5:
                    # int / int rounds the exact quotient once, also above 2**53.
                    x, y = self.expr("int", env, depth + 1), self.expr("int", env, depth + 1)
                    return f"({x} / ({y} if {y} != 0 else 3))"
                return f"({a} / ({b} if {b} != 0.0 else 2.0))"
            if c == 2:
                return f"float({self.expr('int', env, depth + 1)} % 1000)"
            if c == 3:
                if r.random() < 0.2:
                    # `math.` or `m.` when the program imports the module (fsum and isclose
                    # are not among the names it imports from it).
                    sq = self.m("sqrt")
                    mod = sq[: sq.index(".") + 1] if "." in sq else ""
                    # The other float functions, with CPython's domain and range errors
                    # (callers of risky expressions catch ValueError and OverflowError).
                    return r.choice([f"{self.m('cbrt')}({a})", f"{self.m('log2')}(abs({a}) + 0.5)", f"{self.m('atanh')}({a} % 1.0)", f"{self.m('expm1')}({a} % 50.0)",
                                     f"float({self.m('comb')}(abs({self.expr('int', env, depth + 1)}) % 30, {r.randint(0, 12)}))", f"float({self.m('trunc')}({a} % 1e6))",
                                     f"{mod}fsum([{a}, {b}, -{a}, 1e-9])" if mod else f"({a} + 0.0)",
                                     f"float({mod}isclose({a}, {b}, rel_tol=0.25))" if mod else f"({b} * 1.0)"])
                return f"{self.m('sqrt')}(abs({a}))" if r.random() < 0.8 else f"{self.m('fabs')}({a})"
            if c == 4:
                return f"({a} {r.choice(['//', '%'])} ({b} if {b} != 0.0 else 0.5))"
            if c == 5:
                return f"({self.expr('int', env, depth + 1)} % 97 + {a})"
            return f"abs({a})"
        if ty == "bool":
            if leaf:
                return r.choice(["True", "False"])
            c = r.randint(0, 5)
            if c == 0:
                t = r.choice(["int", "float", "str"])
                return f"({self.expr(t, env, depth + 1)} {r.choice(['<', '<=', '==', '!=', '>', '>='])} {self.expr(t, env, depth + 1)})"
            if c == 1:
                return f"({self.expr('bool', env, depth + 1)} {r.choice(['and', 'or'])} {self.expr('bool', env, depth + 1)})"
            if c == 2:
                return f"(not {self.expr('bool', env, depth + 1)})"
            if c == 3:
                return f"({self.expr('int', env, depth + 1)} in {self.expr(r.choice(['list[int]', 'set[int]']), env, depth + 1)})"
            if c == 4:
                return f"({self.expr('str', env, depth + 1)} in {self.expr('str', env, depth + 1)})"
            if self.classes and r.random() < 0.2:
                k, l = self.expr("Kls0", env, depth + 1), self.expr("Kls0", env, depth + 1)
                return r.choice([f"({k} {r.choice(['==', '!=', '<', '>'])} {l})", f"isinstance({k}, Kls1)", f"({k} in {self.expr('list[Kls0]', env, depth + 1)})", f"({k} is {k})"])
            if r.random() < 0.3:
                t = self.expr("tuple[int, str]", env, depth + 1)
                u = self.expr("tuple[int, str]", env, depth + 1)
                return r.choice([f"({t} {r.choice(['<', '<=', '==', '!=', '>', '>='])} {u})", f"({t} in {self.expr('list[tuple[int, str]]', env, depth + 1)})",
                                 f"({self.expr('int', env, depth + 1)} in ({self.expr('int', env, 3)}, {self.expr('int', env, 3)}, 2))", f"({t} < ({t}[0], {t}[1], 0))"])
            return f"({self.expr('int', env, depth + 1)} < {self.expr('float', env, depth + 1)} <= {self.expr('int', env, depth + 1)})"
        if ty == "str":
            if leaf:
                return r.choice(STR_LITERALS)
            c = r.randint(0, 8)
            a = self.expr("str", env, depth + 1)
            if c == 0:
                return f"({a} + {self.expr('str', env, depth + 1)})"
            if c == 1:
                return f"({a} * {r.randint(0, 3)})"
            if c == 2:
                step = r.choice(["", ":2", ":-1", ":-2", ":3"])
                return f"{a}[{r.randint(-3, 3)}:{r.randint(-3, 6)}{step}]"
            if c == 3 and r.random() < 0.5:
                # The padding, affix and tab methods (width and fill: a few code points).
                lit = self.pick(STR_LITERALS)
                w = r.randint(-2, 14)
                return r.choice([f"{a}.ljust({w})", f"{a}.rjust({w}, 'é')", f"{a}.center({w}, '*')", f"{a}.center({w})", f"{a}.zfill({w})",
                                 f"{a}.removeprefix({lit})", f"{a}.removesuffix({lit})", f"{a}.expandtabs({r.randint(0, 5)})",
                                 f"{a}.partition({self.pick(STR_LITERALS[1:])})[{r.randint(0, 2)}]", f"{a}.rpartition({self.pick(STR_LITERALS[1:])})[{r.randint(0, 2)}]",
                                 # translate with each kind of table (str, code point, deletion), maketrans of two or three strings
                                 f"{a}.translate(str.maketrans({lit}, {lit}[::-1], {self.pick(STR_LITERALS)}))", f"{a}.translate({{ord('a'): {lit}, 233: 'E', 32: ''}})",
                                 f"{a}.translate({{ord('l'): {r.choice([76, 0x1F600, 0x110000, -1])}}})",
                                 f"'{{a}}|{{b:>{r.randint(0, 6)}}}|{{a!r}}'.format_map({{'a': {a}, 'b': {self.pick(STR_LITERALS)}}})"])
            if c == 3 and r.random() < 0.3:
                chars = self.pick(STR_LITERALS + ['" ,.!"', '"éa"'])
                return f"{a}.{r.choice(['strip', 'lstrip', 'rstrip'])}({chars})"
            if c == 3:
                return f"{a}.{r.choice(['upper()', 'lower()', 'strip()', 'lstrip()', 'rstrip()'])}"
            if c == 4:
                return f"str({self.expr(r.choice(['int', 'float', 'bool', 'list[int]', 'set[int]', 'dict[str, int]', 'tuple[int, str]', 'list[tuple[int, str]]']), env, depth + 1)})"
            if c == 5:
                sep = self.pick(['","', '" "', '""', '"-é-"'])
                return f"{sep}.join({self.expr('list[str]', env, depth + 1)})"
            if c == 6:
                if self.classes and r.random() < 0.4:
                    k = self.expr("Kls0", env, depth + 1)
                    return r.choice([f"{k}.tag()", f"str({k})", f"repr({k})", f"str({self.expr('list[Kls0]', env, depth + 1)})"])
                return f"{a}.replace({self.pick(STR_LITERALS[1:])}, {self.pick(STR_LITERALS)})"
            if c == 7 and self.funcs:
                return self.call("str", env, depth)
            return f"({a} if {self.expr('bool', env, depth + 1)} else {self.expr('str', env, depth + 1)})"
        if ty == "list[int]":
            if leaf:
                return "[" + ", ".join(self.expr("int", env, 3) for _ in range(r.randint(0, 4))) + "]"
            c = r.randint(0, 5)
            a = self.expr("list[int]", env, depth + 1)
            if c == 0:
                v = self.fresh("i")
                return f"[{v} * {r.randint(-3, 3)} for {v} in range({r.randint(0, 6)}) if {v} % {r.randint(1, 3)} == 0]"
            if c == 1:
                return f"({a} + {self.expr('list[int]', env, depth + 1)})"
            if c == 2:
                if r.random() < 0.4:
                    return self.sorted_keyed(a, "int", env, depth)
                return f"sorted({a}{r.choice(['', ', reverse=True'])})"
            if c == 3:
                return f"{a}[{r.randint(-3, 3)}:{r.randint(-2, 5)}{r.choice(['', ':2', ':-1'])}]"
            if c == 4:
                return f"sorted({self.expr('set[int]', env, depth + 1)})"
            if r.random() < 0.2:
                return self.cast("list[int]", a)
            return f"list({self.expr('dict[str, int]', env, depth + 1)}.values())"
        if ty == "list[str]":
            if leaf or r.random() < 0.5:
                return "[" + ", ".join(self.pick(STR_LITERALS) for _ in range(r.randint(1, 3))) + "]"
            sep = self.pick(['', '","', '" "'])
            text = self.expr('str', env, depth + 1)
            if r.random() < 0.3:
                sep2 = self.pick(['","', '" "', '"a"'])
                return r.choice([f"{text}.rsplit({sep})", f"{text}.splitlines()", f"{text}.splitlines(True)",
                                 f"{text}.split({sep2}, {r.randint(-1, 3)})", f"{text}.rsplit({sep2}, {r.randint(-1, 3)})"])
            return f"{text}.split({sep})"
        if ty == "dict[str, int]" and depth < 3 and r.random() < 0.05:
            return f"({self.expr('dict[str, int]', env, depth + 1)} | {self.expr('dict[str, int]', env, depth + 1)})"
        if ty == "dict[str, int]":
            if leaf:
                return "{" + ", ".join(f"{self.pick(STR_LITERALS)}: {self.expr('int', env, 3)}" for _ in range(r.randint(1, 3))) + "}"
            v = self.fresh("k")
            return f"{{{v}: len({v}) * {r.randint(1, 5)} for {v} in {self.expr('list[str]', env, depth + 1)}}}"
        if ty == "tuple[int, str]":
            if leaf:
                return f"({self.expr('int', env, 3)}, {self.expr('str', env, 3)})"
            c = r.randint(0, 5)
            t = self.expr("tuple[int, str]", env, depth + 1)
            if c == 0:
                return f"({self.expr('int', env, depth + 1)}, {self.expr('str', env, depth + 1)})"
            if c == 1:
                xs = self.expr("list[tuple[int, str]]", env, depth + 1)
                return f"({xs}[{self.expr('int', env, depth + 1)} % len({xs})] if len({xs}) > 0 else {t})"
            if c == 2:
                xs = self.expr("list[tuple[int, str]]", env, depth + 1)
                return f"({r.choice(['min', 'max'])}({xs}) if len({xs}) > 0 else {t})"
            if c == 3:
                return f"({t}[0] * {r.randint(-2, 3)}, {t}[-1] + {self.pick(STR_LITERALS)})"
            if c == 4:
                return f"({t} + ())[{r.choice(['0', '-2'])}:]"
            return f"{r.choice(['min', 'max'])}({t}, {self.expr('tuple[int, str]', env, depth + 1)})"
        if ty == "list[tuple[int, str]]":
            if leaf:
                return "[" + ", ".join(self.expr("tuple[int, str]", env, 3) for _ in range(r.randint(1, 3))) + "]"
            c = r.randint(0, 3)
            a = self.expr("list[tuple[int, str]]", env, depth + 1)
            if c == 0:
                if r.random() < 0.4:
                    return self.sorted_keyed(a, "tuple[int, str]", env, depth)
                return f"sorted({a}{r.choice(['', ', reverse=True'])})"
            if c == 1:
                v, w = self.fresh("i"), self.fresh("s")
                return f"[({v} + 1, {w} * 2) for {v}, {w} in {a} if {v} % 2 == 0]"
            if c == 2:
                k = self.fresh("k")
                return f"[(len({k}), {k}) for {k} in {self.expr('list[str]', env, depth + 1)}]"
            return f"({a} + {self.expr('list[tuple[int, str]]', env, depth + 1)})"
        if ty == "Kls0":
            if leaf or r.random() < 0.4:
                cls = r.choice(["Kls0", "Kls1"])
                return self.kls_new(cls, self.expr('int', env, 3), self.expr('str', env, 3))
            c = r.randint(0, 2)
            if c == 0:
                xs = self.expr("list[Kls0]", env, depth + 1)
                return f"({xs}[{self.expr('int', env, depth + 1)} % len({xs})] if len({xs}) > 0 else Kls0(0, 'z'))"
            if c == 1:
                xs = self.expr("list[Kls0]", env, depth + 1)
                return f"({r.choice(['min', 'max'])}({xs}) if len({xs}) > 0 else Kls1(1, 'y'))"
            return f"{self.expr('Kls0', env, depth + 1)}.clone({self.expr('int', env, depth + 1)})"
        if ty == "list[Kls0]":
            if leaf:
                # A Kls0 first: the display's element type is then Kls0 (the join of Kls0 and Kls1).
                return "[" + ", ".join([self.kls_new("Kls0", self.expr('int', env, 3), self.expr('str', env, 3))] + [self.expr("Kls0", env, 3) for _ in range(r.randint(0, 2))]) + "]"
            c = r.randint(0, 2)
            a = self.expr("list[Kls0]", env, depth + 1)
            if c == 0:
                return f"sorted({a}{r.choice(['', ', reverse=True'])})"
            if c == 1:
                k = self.fresh("k")
                return f"[{k}.clone({r.randint(-2, 2)}) for {k} in {a} if {k}.m({r.randint(0, 3)}) % 2 == 0]"
            return f"({a} + {self.expr('list[Kls0]', env, depth + 1)})"
        if ty == "set[int]":
            if r.random() < 0.5:
                return self.set_expr(env, depth)
            if leaf:
                items = [self.expr("int", env, 3) for _ in range(r.randint(1, 6))]
                return "{" + ", ".join(items) + "}"
            c = r.randint(0, 2)
            a, b = self.expr("set[int]", env, depth + 1), self.expr("set[int]", env, depth + 1)
            if c == 0:
                return f"({a} {r.choice(['|', '&', '-', '^'])} {b})"
            v = self.fresh("s")
            return f"{{{v} % {r.randint(2, 9)} for {v} in {self.expr('list[int]', env, depth + 1)}}}"
        raise ValueError(ty)

    def genexp_expr(self, ty: str, env: dict, depth: int) -> str:
        """A generator expression consumed by a builtin: one or two `for`s, maybe an `if`,
        items that may call generated functions (which print and raise), so that the
        short-circuit of any/all and the order of evaluation are checked."""
        r = self.r
        v, w = self.fresh("g"), self.fresh("g")
        inner = dict(env, **{v: "int"})
        source = r.choice([f"range({r.randint(0, 6)})", self.expr("list[int]", env, depth + 1), f"sorted({self.expr('set[int]', env, depth + 1)})"])
        clauses = f"for {v} in {source}"
        if r.random() < 0.3:
            inner[w] = "int"
            clauses += f" for {w} in range({v} % 4)"
        if r.random() < 0.4:
            clauses += f" if {self.expr('bool', inner, depth + 1)}"
        if ty == "int":
            consumer = r.choice(["sum", "sum", "min", "max", "len_list"])
            item = self.expr("int", inner, depth + 1)
            if consumer in ("len_list", "min", "max"):
                item = self.expr("int", dict(env, **{v: "int"}), depth + 1)
            if consumer == "len_list":
                return f"len(list({item} for {v} in {source}))"
            if consumer in ("min", "max"):
                # Never empty: one item before the source's, and no condition.
                return f"{consumer}({item} for {v} in [{self.expr('int', env, 3)}] + list({source}))"
            return f"sum({item} {clauses})"
        if ty == "float":
            return f"sum(({self.expr('float', inner, depth + 1)} {clauses}), {r.choice(['0.0', '0.5', '-1.25'])})"
        if ty == "bool":
            return f"{r.choice(['any', 'all'])}({self.expr('bool', inner, depth + 1)} {clauses})"
        if ty == "str":
            return f"{self.pick(STR_LITERALS)}.join({self.expr('str', inner, depth + 1)} {clauses})"
        if ty == "list[int]":
            return f"{r.choice(['sorted', 'list'])}({self.expr('int', inner, depth + 1)} {clauses})"
        if ty == "set[int]":
            return f"set({self.expr('int', inner, depth + 1)} {clauses})"
        return f"tuple({self.expr('int', inner, depth + 1)} {clauses})"

    def call(self, ty, env, depth):
        options = [f for f in self.funcs if f[2] == ty]
        if not options:
            return self.expr(ty, env, 3)
        name, params, _, spec = self.r.choice(options)
        budget = "depth - 1" if "depth" in env else str(self.r.randint(0, 3))
        args = [self.expr(p, env, depth + 1) if p != "depth" else budget for p in params]
        return f"{name}({self.call_args(spec, args)})"

    def call_args(self, spec: dict, args: list) -> str:
        """The arguments of a call: a prefix by position, the rest by keyword in a random
        order (evaluated as written), parameters with defaults left out now and then."""
        r = self.r
        names, has_default, kwonly = spec["names"], spec["defaults"], spec["kwonly"]
        n_positional = len(names) if kwonly is None else kwonly
        if r.random() < 0.4:
            return ", ".join(args[:n_positional] + [f"{n}={a}" for n, a in zip(names[n_positional:], args[n_positional:])])
        by_position = r.randint(0, n_positional)
        # The recursion budget is always passed: a default would make the recursion unbounded.
        omit = [has_default[i] and i >= by_position and r.random() < 0.4 and names[i] != "depth" for i in range(len(names))]
        keywords = [f"{names[i]}={args[i]}" for i in range(by_position, len(names)) if not omit[i]]
        r.shuffle(keywords)
        return ", ".join(args[:by_position] + keywords)

    def default_value(self, ty: str) -> str:
        """A default: a constant, or an expression evaluated once where the `def` runs (it may
        read `Final` constants and call the functions defined so far); a list default is one
        object that every call leaving it out shares."""
        r = self.r
        if ty == "list[int]":
            return "[" + ", ".join(self.expr("int", {}, 3) for _ in range(r.randint(0, 3))) + "]"
        if r.random() < 0.6:
            return self.expr(ty, {}, 3)
        return self.expr(ty, dict(self.finals), 2)

    # Statements
    def block(self, env: dict, indent: int, n: int, in_loop=False, ret: str | None = None):
        before = len(self.lines)
        for _ in range(n):
            self.stmt(env, indent, in_loop, ret)
        if len(self.lines) == before:
            self.emit(indent, "pass")

    def emit(self, indent, text):
        self.lines.append("    " * indent + text)

    def stmt(self, env, indent, in_loop, ret):
        r = self.r
        if self.gens and self.gr.random() < 0.1:
            return self.gen_stmt(env, indent)
        if self.gr.random() < 0.04:
            return self.iterval_stmt(env, indent)
        if self.fr.random() < 0.05:
            return self.file_stmt(env, indent, in_loop)
        if self.cr.random() < 0.07:
            return self.colls_stmt(env, indent)
        if self.rr.random() < 0.04:
            return self.random_stmt(env, indent)
        if self.ft and self.ftr.random() < 0.06:
            return self.functools_stmt(env, indent)
        if self.stdlib and self.sr.random() < 0.1:
            return self.stdlib_stmt(env, indent)
        if r.random() < 0.15:
            return self.set_stmt(env, indent)
        c = r.randint(0, 12)
        types = ["int", "float", "bool", "str", "list[int]", "dict[str, int]", "set[int]", "tuple[int, str]", "list[tuple[int, str]]"]
        if self.classes:
            types += ["Kls0", "list[Kls0]"]
        if self.classes and r.random() < 0.1:
            return self.class_stmt(env, indent)
        if self.dataclass and r.random() < 0.08:
            return self.dataclass_stmt(env, indent)
        if r.random() < 0.04:
            return self.var_tuple_stmt(env, indent)
        if r.random() < 0.08:
            return self.try_stmt(env, indent, in_loop, ret)
        if r.random() < 0.06:
            return self.optional_stmt(env, indent)
        if r.random() < 0.1:
            return self.tuple_stmt(env, indent)
        if r.random() < 0.07:
            return self.closure_stmt(env, indent)
        if r.random() < 0.01:
            # A variable named like a builtin the generator never calls shadows it.
            name = r.choice(["id", "help", "hasattr", "vars"])
            if env.get(name, "int") == "int":
                self.emit(indent, f"{name} = {self.expr('int', env)}")
                self.emit(indent, f"print({name} * 2)")
                env[name] = "int"
            return
        if r.random() < 0.015:
            # Standard input, shared by input() and sys.stdin (EOFError once it is used up).
            if "stdout" in self.sys and r.random() < 0.5:
                self.emit(indent, f"print(repr({self.sys['stdout'].rsplit('.', 1)[0]}.stdin.readline()))")
            else:
                self.emit(indent, f"print(repr(input({self.pick(STR_LITERALS)})))")
            return
        if "stdout" in self.sys and r.random() < 0.03:
            # The standard streams: what stdout gets is compared, stderr's write count too.
            text = self.expr("str", env)
            c = r.choice(["out", "err", "print"])
            if c == "print":
                # flush= makes the order of the two streams visible (programs that write to
                # stderr are also compared with both streams in one pipe).
                flush = r.choice(["", "", ", flush=True", ", flush=False"])
                self.emit(indent, f"print({text}, {self.expr('int', env)}, sep={self.pick(STR_LITERALS)}, file={self.sys['stderr']}{flush})")
                if r.random() < 0.5:
                    self.emit(indent, f"print({text}, flush={r.choice(['True', 'False'])})")
            else:
                self.emit(indent, f"print({self.sys['std' + c]}.write({text} + '\\n'))")
            return
        if r.random() < 0.03:
            # A range as a value: length, items, slices, membership, equality, iteration.
            rv = self.fresh()
            a, b, c = (self.expr("int", env, 3) for _ in range(3))
            args = r.choice([f"{a}", f"{a}, {b}", f"{a}, {b}, {c}", f"{a} % 7, {b} % 50, {r.choice([1, 2, 3, -1, -4])}"])
            self.emit(indent, f"try:")
            self.emit(indent + 1, f"{rv} = range({args})")
            # Only a small range is listed or walked whole (a huge one would exhaust memory).
            small = "%" in args
            whole = f"list({rv})[:5]" if small else f"{rv}[:0] == range(0)"
            self.emit(indent + 1, f"print({rv}, len({rv}), {rv}.start, {rv}.stop, {rv}.step, bool({rv}), {rv} == range({b}), {whole})")
            # A slice of a range whose bounds are near the 64-bit limits may need bigger
            # ints (an OverflowError here, by the subset's rule, which the oracle's checked
            # arithmetic does not model): slices only of small ranges.
            sliced = f"{rv}[{r.randint(-3, 3)}:{r.randint(-3, 6)}:{r.choice([1, 2, -1, -3])}], sum({rv}[:20])" if small else f"{rv}.step"
            walked = f"[v for v in {rv}][:4]" if small else f"{rv}.index({rv}.start) if {rv} else -1"
            self.emit(indent + 1, f"print({a} in {rv}, {rv}.count({b}), {sliced}, {walked})")
            self.emit(indent + 1, f"print({rv}[{r.randint(-4, 4)}], {rv}.index({b}))")
            err = self.fresh("x")
            self.emit(indent, f"except (ValueError, IndexError) as {err}:")
            self.emit(indent + 1, f"print(type({err}).__name__, {err})")
            return
        if r.random() < 0.03:
            # Chained assignment; for lists, both names then see one list (`is`).
            ty = r.choice(["int", "str", "list[int]"])
            a, b = self.fresh(), self.fresh()
            value = self.expr(ty, env) if ty != "list[int]" else f"[{self.expr('int', env)}] + {self.expr(ty, env)}"
            self.emit(indent, f"{a} = {b} = {value}")
            if ty == "list[int]":
                self.emit(indent, f"{a}.append(len({b}))")
                self.emit(indent, f"print({a}, {b}, {a} is {b}, {a} is not [1])")
            env[a] = env[b] = ty
            return
        if c <= 2:
            ty = r.choice(types)
            existing = [n for n, t in env.items() if t == ty and not n.startswith(("p_", "K")) and n != "depth"]
            if existing and r.random() < 0.5:
                name = r.choice(existing)
                self.emit(indent, f"{name} = {self.expr(ty, env)}")
            else:
                name = self.fresh()
                self.emit(indent, f"{name}: {self.ann(ty)} = {self.expr(ty, env)}")
                env[name] = ty
        elif c == 3:
            args = [self.expr(r.choice(types), env) for _ in range(r.randint(1, 3))]
            self.emit(indent, f"print({', '.join(args)})")
        elif c == 4:
            self.emit(indent, f"if {self.expr('bool', env)}:")
            self.block(dict(env), indent + 1, r.randint(1, 3), in_loop, ret)
            if r.random() < 0.5:
                self.emit(indent, "else:")
                self.block(dict(env), indent + 1, r.randint(1, 2), in_loop, ret)
        elif c == 5:
            v = self.fresh("i")
            self.emit(indent, f"for {v} in range({r.randint(-2, 2)}, {r.randint(0, 6)}, {r.choice([1, 2, -1, 3])}):")
            inner = dict(env)
            inner[v] = "int"
            self.block(inner, indent + 1, r.randint(1, 3), True, ret)
        elif c == 6:
            v = self.fresh("e")
            # list[str] is often `text.split(sep)`, which a loop takes piece by piece.
            src = r.choice(["list[int]", "str", "set[int]", "dict[str, int]", "list[str]"])
            elem = {"list[int]": "int", "str": "str", "set[int]": "int", "dict[str, int]": "str", "list[str]": "str"}[src]
            self.emit(indent, f"for {v} in {self.expr(src, env)}:")
            inner = dict(env)
            inner[v] = elem
            self.block(inner, indent + 1, r.randint(1, 2), True, ret)
        elif c == 7:
            lists = [n for n, t in env.items() if t == "list[int]" and not n.startswith("p_")]
            # A `Final` list may change, but not be rebound (`+=` rebinds).
            ops = ["append", "pop", "sort", "reverse", "extend", "insert", "repeat", "clear"] if r.random() < 0.3 else ["append", "pop", "sort", "reverse", "extend", "insert", "repeat"]
            if lists:
                xs = r.choice(lists)
                op = r.choice([o for o in ops if o not in ("extend", "repeat") or not xs.startswith("K")])
                if op == "append":
                    self.emit(indent, f"{xs}.append({self.expr('int', env)})")
                elif op == "pop":
                    self.emit(indent, f"if len({xs}) > 0:")
                    self.emit(indent + 1, f"print({xs}.pop())")
                elif op == "extend":
                    self.emit(indent, f"{xs} += {self.expr('list[int]', env)}")
                elif op == "insert":
                    self.emit(indent, f"{xs}.insert({r.randint(-3, 5)}, {self.expr('int', env)})")
                elif op == "repeat":
                    # In place: aliases (a default list, a global) see it.
                    self.emit(indent, f"{xs} *= {r.choice(['0', '1', '2', '-1', 'True'])}")
                else:
                    self.emit(indent, f"{xs}.{op}()")
                self.emit(indent, f"print({xs})")
        elif c == 8:
            ds = [n for n, t in env.items() if t == "dict[str, int]" and not n.startswith("p_")]
            if ds:
                d = r.choice(ds)
                k = self.expr("str", env)
                # Views taken before a change show it (they are live); clear() empties in place.
                views = r.random() < 0.25
                if views:
                    kv, vv, iv = self.fresh("kv"), self.fresh("vv"), self.fresh("iv")
                    self.emit(indent, f"{kv}, {vv}, {iv} = {d}.keys(), {d}.values(), {d}.items()")
                if r.random() < 0.05:
                    self.emit(indent, f"{d}.clear()")
                roll = r.random()
                if roll < 0.35:
                    self.emit(indent, f"{d}[{k}] = {d}.get({k}, 0) + {self.expr('int', env)}")
                elif roll < 0.6:
                    # The counting idiom with constants: also one fused lookup.
                    kv = self.fresh("k")
                    self.emit(indent, f"{kv} = {k}")
                    self.emit(indent, f"if {kv} in {d}:")
                    self.emit(indent + 1, f"{d}[{kv}] += {r.choice(['1', '-2', '9223372036854775807', '0'])}")
                    self.emit(indent, "else:")
                    self.emit(indent + 1, f"{d}[{kv}] = {r.choice(['1', '0', '-9223372036854775807', '5'])}")
                else:
                    # Plain variables and constants: one fused lookup (Method::DictGetAdd).
                    kv, dv = self.fresh("k"), self.fresh("n")
                    ints = [n for n, t in env.items() if t == "int" and n != "depth"]
                    self.emit(indent, f"{kv} = {k}")
                    self.emit(indent, f"{dv} = {self.expr('int', env)}")
                    step = r.choice(ints + [str(r.randint(-3, 3)), dv])
                    rhs = f"{d}.get({kv}, {r.choice([dv, '0', '-1'])}) + {step}"
                    if r.random() < 0.3:
                        # `+=` adds the item too: never fused.
                        self.emit(indent, f"if {kv} in {d}:")
                        self.emit(indent + 1, f"{d}[{kv}] += {rhs}")
                    else:
                        self.emit(indent, f"{d}[{kv}] = {rhs}")

                self.emit(indent, f"print({d}, sorted({d}))")
                if views:
                    self.emit(indent, f"print({kv}, {vv}, {iv}, len({kv}), {k} in {kv}, {self.expr('int', env)} in {vv}, sorted({vv}), [a for a, b in {iv}], bool({iv}))")
        elif c == 9:
            nums = [n for n, t in env.items() if t in ("int", "float", "str") and not n.startswith(("p_", "K")) and n != "depth"]
            if nums:
                n = r.choice(nums)
                op = {"int": r.choice(["+=", "-=", "*="]), "float": r.choice(["+=", "*=", "-="]), "str": "+="}[env[n]]
                self.emit(indent, f"{n} {op} {self.expr(env[n], env)}")
                self.emit(indent, f"print({n})")
        elif c == 10:
            ss = [n for n, t in env.items() if t == "set[int]" and not n.startswith("p_")]
            if ss:
                s = r.choice(ss)
                self.emit(indent, f"{s}.{r.choice(['add', 'discard'])}({self.expr('int', env)})")
                self.emit(indent, f"print({s}, len({s}))")
        elif c == 11 and in_loop and r.random() < 0.3:
            self.emit(indent, f"if {self.expr('bool', env)}:")
            self.emit(indent + 1, r.choice(["break", "continue"]))
        elif c == 12 and self.funcs:
            ty = r.choice(["int", "str"])
            self.emit(indent, f"print({self.call(ty, env, 1)})")
        else:
            self.emit(indent, f"print({self.expr(r.choice(types), env)})")

    def optional_stmt(self, env, indent):
        """`T | None` values: returned, stored, narrowed in every supported way."""
        r = self.r
        m = self.fresh("m")
        c = r.randint(0, 3)
        if c == 0:
            self.emit(indent, f"{m}: int | None = find_at({self.expr('list[int]', env)}, {self.expr('int', env)})")
            self.emit(indent, f"if {m} is not None:")
            self.emit(indent + 1, f"print('at', {m} + 1, {m})")
            self.emit(indent, "else:")
            self.emit(indent + 1, f"print('missing', {m}, {m} is None)")
        elif c == 1:
            d = self.expr("dict[str, int]", env)
            self.emit(indent, f"{m} = {d}.get({self.expr('str', env)})")
            self.emit(indent, f"print({m}, {m} == {self.expr('int', env)}, {m} if {m} is None else {m} * 2)")
        elif c == 2:
            self.emit(indent, f"{m}: str | None = None")
            w = self.fresh("w")
            self.emit(indent, f"for {w} in {self.expr('list[str]', env)}:")
            self.emit(indent + 1, f"if {m} is None or len({w}) > len({m}):")
            self.emit(indent + 2, f"{m} = {w}")
            self.emit(indent, f"print({m}, [find_at([1, 2, 3], {self.expr('int', env)}), None])")
        else:
            self.emit(indent, f"{m} = find_at({self.expr('list[int]', env)}, {self.expr('int', env)})")
            self.emit(indent, f"if {m} is None:")
            self.emit(indent + 1, f"{m} = {self.expr('int', env)}")
            self.emit(indent, f"assert {m} is not None")
            self.emit(indent, f"print({m} * 3, bool({m}))")

    def try_stmt(self, env, indent, in_loop, ret):
        """try/except/else/finally around code that raises (runtime errors, raised
        exceptions, user exception classes), with prints on every path."""
        r = self.r
        self.emit(indent, "try:")
        c = r.randint(0, 5)
        a = self.expr("int", env)
        if c == 0:
            self.emit(indent + 1, f"print({a} // {r.choice(['0', '1', '2', a])})")
        elif c == 1:
            self.emit(indent + 1, f"print([1, 2, 3][{a} % 5 - 1])")
        elif c == 2:
            self.emit(indent + 1, f"print({{'a': 1}}[{self.expr('str', env)}])")
        elif c == 3:
            self.emit(indent + 1, f"print(risky({a}))")
        elif c == 4:
            self.emit(indent + 1, f"if {self.expr('bool', env)}:")
            self.emit(indent + 2, f"raise {r.choice(['ValueError', 'KeyError', 'AppError', 'DetailError'])}({self.expr('str', env)})")
            self.emit(indent + 1, "print('no raise')")
        else:
            self.emit(indent + 1, f"print(int({self.expr('str', env)}))")
        if in_loop and r.random() < 0.2:
            self.emit(indent + 1, r.choice(["continue", "break"]))
        handlers = r.sample([("ZeroDivisionError", "zde"), ("IndexError", "ie"), ("LookupError", "le"), ("(KeyError, ValueError)", "kv"), ("DetailError", "de"), ("AppError", "ae"), ("ArithmeticError", "ar"), ("Exception", "ex")], r.randint(0, 3))
        for cls, name in handlers:
            v = self.fresh(name)
            self.emit(indent, f"except {cls} as {v}:")
            if cls == "DetailError":
                self.emit(indent + 1, f"print('{name}', {v}, {v}.code, repr({v}))")
            else:
                self.emit(indent + 1, f"print('{name}', {v}, repr({v}), isinstance({v}, AppError))")
            if r.random() < 0.4:
                self.emit(indent + 1, f"print(type({v}).__name__, {v}.__cause__, {v}.__context__, type({v}.__cause__).__name__)")
            # `e.args` (a tuple[str, ...] in multigen) of classes no runtime KeyError reaches:
            # a KeyError's argument is its key, which multigen's args does not hold.
            if cls in ("ZeroDivisionError", "IndexError", "DetailError", "AppError", "ArithmeticError") and r.random() < 0.4:
                self.emit(indent + 1, f"print({v}.args, len({v}.args), {v}.args[-1] if {v}.args else '-')")
            if r.random() < 0.15:
                self.emit(indent + 1, "raise")
        if handlers and r.random() < 0.3:
            self.emit(indent, "else:")
            self.emit(indent + 1, "print('else')")
        if not handlers or r.random() < 0.4:
            self.emit(indent, "finally:")
            self.emit(indent + 1, f"print('finally', {self.expr('int', env)})")

    def file_stmt(self, env, indent, in_loop):
        """Reading the harness's text files (`DATA_FILES`): `with` blocks, read, readline,
        readlines, iteration, decoding errors, missing files, closed files, `with` left by
        an exception, `break` or `continue`."""
        r = self.fr
        if r.random() < 0.2:
            # Writing: a file of this program's own (programs of other seeds run alongside),
            # truncated by "w", then appended to, then read back.
            name = f'"mg_w_{r.randint(0, 10**9)}.txt"'
            w = self.fresh("fw")
            mode = r.choice(['"w"', '"wt"'])
            self.emit(indent, f"with open({name}, {mode}) as {w}:")
            self.emit(indent + 1, f"print({w}.write({self.expr('str', env)}), {w}.mode)")
            self.emit(indent + 1, f"print({self.expr('int', env)}, {self.expr('str', env)}, sep={self.pick(STR_LITERALS)}, file={w})")
            self.emit(indent + 1, f"{w}.writelines([{self.expr('str', env)}, '\\n'])")
            self.emit(indent, f"with open({name}, \"a\", encoding=\"utf-8\") as {w}:")
            self.emit(indent + 1, f"{w}.write({self.expr('str', env)})")
            self.emit(indent, f"with open({name}) as {w}:")
            self.emit(indent + 1, f"print(repr({w}.read()))")
            return
        path = f'"{r.choice(READ_FILES)}"'
        opener = r.choice(["open({})", 'open({}, "r")', 'open({}, encoding="utf-8")', 'open({}, "rt", encoding="UTF-8")', "open(file={})"]).format(path)
        f = self.fresh("fh")
        c = r.randint(0, 9)
        if c == 0:
            line = self.fresh("line")
            self.emit(indent, f"with {opener} as {f}:")
            self.emit(indent + 1, f"for {line} in {f}:")
            cond = r.choice([f"{line}.startswith('l')", f"len({line}) > 6", f"{line} == '\\n'", f"'9' in {line}"])
            if r.random() < 0.4:
                self.emit(indent + 2, f"if {cond}:")
                self.emit(indent + 3, r.choice(["continue", "break"]))
            self.emit(indent + 2, f"print(repr({line}), len({line}))")
        elif c == 1:
            t = self.fresh("text")
            self.emit(indent, f"with {opener} as {f}:")
            self.emit(indent + 1, f"{t} = {f}.read()")
            self.emit(indent + 1, f"print(repr({f}.read()), repr({f}.readline()), {f}.readlines())")
            self.emit(indent, f"print(len({t}), repr({t}[:30]), repr({t}[-30:]), {t}.count('\\n'), len({t}.split('\\n')))")
            env[t] = "str"
        elif c == 2:
            ls = self.fresh("lines")
            how = r.choice([f"{opener}.readlines()", f"list({opener})", f"[l.rstrip() for l in {opener} if l.strip()]", f"sorted({opener})"])
            self.emit(indent, f"{ls} = {how}")
            self.emit(indent, f"print(len({ls}), {ls}[:4], {ls}[-2:])")
        elif c == 3:
            line = self.fresh("line")
            n = self.fresh("n")
            self.emit(indent, f"{f} = {opener}")
            self.emit(indent, f"{n} = 0")
            self.emit(indent, "while True:")
            self.emit(indent + 1, f"{line} = {f}.readline()")
            self.emit(indent + 1, f"if not {line}:")
            self.emit(indent + 2, "break")
            self.emit(indent + 1, f"{n} += len({line})")
            self.emit(indent, f"print({n}, repr({f}.readline()))")
            if r.random() < 0.5:
                self.emit(indent, f"{f}.close()")
        elif c == 4:
            bad = r.choice(BAD_FILES)
            e = self.fresh("e")
            self.emit(indent, "try:")
            self.emit(indent + 1, f'with open("{bad}") as {f}:')
            how = r.choice(["read", "iter", "readlines", "readline"])
            if how == "read":
                self.emit(indent + 2, f"print(len({f}.read()))")
            elif how == "iter":
                line = self.fresh("line")
                self.emit(indent + 2, f"for {line} in {f}:")
                self.emit(indent + 3, f"print(repr({line}[:10]))")
            elif how == "readlines":
                self.emit(indent + 2, f"print(len({f}.readlines()))")
            else:
                self.emit(indent + 2, f"print(repr({f}.readline()), repr({f}.readline()))")
            self.emit(indent, f"except {r.choice(['UnicodeDecodeError', 'UnicodeError', 'ValueError'])} as {e}:")
            self.emit(indent + 1, f"print(type({e}).__name__, {e})")
        elif c == 5:
            e = self.fresh("e")
            self.emit(indent, "try:")
            self.emit(indent + 1, f"{f} = open({r.choice(MISSING_FILES)})")
            self.emit(indent + 1, f"print({f}.read())")
            cls = r.choice(["OSError", "FileNotFoundError", "(FileNotFoundError, IsADirectoryError, NotADirectoryError)", "Exception"])
            self.emit(indent, f"except {cls} as {e}:")
            self.emit(indent + 1, f"print(type({e}).__name__, {e}, repr({e}))")
        elif c == 6:
            e = self.fresh("e")
            self.emit(indent, f"{f} = {opener}")
            self.emit(indent, f"print({f}.closed, {f}.name, {f}.mode)")
            self.emit(indent, f"{f}.close()")
            self.emit(indent, f"print({f}.closed)")
            self.emit(indent, "try:")
            self.emit(indent + 1, r.choice([f"print({f}.read())", f"print({f}.readline())", f"print({f}.readlines())", f"print(list({f}))"]))
            self.emit(indent, f"except ValueError as {e}:")
            self.emit(indent + 1, f"print({e})")
        elif c == 7:
            e = self.fresh("e")
            self.emit(indent, "try:")
            self.emit(indent + 1, f"with {opener} as {f}:")
            self.emit(indent + 2, f"print(repr({f}.readline()))")
            self.emit(indent + 2, f"raise ValueError('inside with')")
            self.emit(indent, f"except ValueError as {e}:")
            self.emit(indent + 1, f"print({e})")
            self.emit(indent + 1, "try:")
            self.emit(indent + 2, f"{f}.readline()")
            self.emit(indent + 1, f"except ValueError as {e}2:")
            self.emit(indent + 2, f"print('closed:', {e}2)")
        elif c == 8 and in_loop:
            self.emit(indent, f"with {opener} as {f}:")
            self.emit(indent + 1, f"if len({f}.readline()) > {r.randint(0, 12)}:")
            self.emit(indent + 2, r.choice(["continue", "break"]))
            self.emit(indent + 1, f"print(repr({f}.readline()))")
            self.emit(indent, f"print({f} == {f}, {f}.closed)")
        else:
            g = self.fresh("gh")
            other = f'"{r.choice(READ_FILES)}"'
            self.emit(indent, f"with {opener} as {f}, open({other}) as {g}:")
            self.emit(indent + 1, f"print(repr({f}.readline()), repr({g}.readline()), {f} is {g})")

    def exceptions_prelude(self):
        """User exception classes and a function that raises by its argument."""
        r = self.r
        self.emit(0, "class AppError(Exception):")
        self.emit(1, "pass")
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, "class DetailError(AppError):")
        self.emit(1, "def __init__(self, what: str) -> None:")
        self.emit(2, "super().__init__('detail: ' + what)")
        self.emit(2, "self.code = len(what)")
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, "def find_at(xs: list[int], t: int) -> int | None:")
        self.emit(1, "for i in range(len(xs)):")
        self.emit(2, "if xs[i] == t:")
        self.emit(3, "return i")
        self.emit(1, "return None")
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, "def risky(p: int) -> int:")
        self.emit(1, f"if p % {r.randint(2, 4)} == 0:")
        self.emit(2, "raise DetailError(str(p))")
        self.emit(1, "try:")
        self.emit(2, f"return 100 // (p % {r.randint(3, 7)})")
        self.emit(1, "except ZeroDivisionError as e:")
        self.emit(2, f"raise AppError('wrapped: ' + str(e)) from {r.choice(['e', 'e', 'None'])}")
        self.emit(1, "finally:")
        self.emit(2, "print('risky', p)")
        self.emit(0, "")
        self.emit(0, "")

    def class_stmt(self, env, indent):
        """Mutating instances through aliases, and dicts and sets keyed by instances."""
        r = self.r
        ks = [n for n, t in env.items() if t == "Kls0" and not n.startswith("p_")]
        c = r.choice([0, 1, 2, 3, 4, 4])
        if c == 4 and ks:
            # Narrowing attribute paths; links may form cycles (the collector frees them).
            k = r.choice(ks)
            self.emit(indent, f"{k}.link = {r.choice([self.expr('Kls0', env), k, 'None'])}")
            self.emit(indent, f"if {k}.link is not None:")
            self.emit(indent + 1, f"{k}.link.a {r.choice(['+=', '-='])} {self.expr('int', env)}")
            self.emit(indent + 1, f"print({k}.link.a, {k}.link.tag(), {k}.link.link is None)")
            node, n = self.fresh("nd"), self.fresh("n")
            self.emit(indent, f"{node} = {k}")
            self.emit(indent, f"{n} = 0")
            self.emit(indent, f"while {node}.link is not None and {n} < 5:")
            self.emit(indent + 1, f"{node} = {node}.link")
            self.emit(indent + 1, f"{n} += 1")
            self.emit(indent, f"print({n}, {node}.a, {node}.link is None)")
            return
        if c == 0 and ks:
            k = r.choice(ks)
            alias = self.fresh("al")
            self.emit(indent, f"{alias} = {k}")
            self.emit(indent, f"{alias}.a {r.choice(['+=', '-=', '*='])} {self.expr('int', env)}")
            self.emit(indent, f"{alias}.items.append({self.expr('int', env)})")
            self.emit(indent, f"print({k}, {k}.a, {k}.items, {alias} is {k})")
        elif c == 1:
            d = self.fresh("kd")
            self.emit(indent, f"{d}: dict[Kls0, int] = {{}}")
            k = self.fresh("k")
            self.emit(indent, f"for {k} in {self.expr('list[Kls0]', env)}:")
            self.emit(indent + 1, f"{d}[{k}] = {d}.get({k}, 0) + {k}.m(2)")
            self.emit(indent, f"print({d}, len({d}), sorted({d}))")
        elif c == 2:
            k = self.fresh("k")
            self.emit(indent, f"for {k} in {self.expr('list[Kls0]', env)}:")
            self.emit(indent + 1, f"if isinstance({k}, Kls1):")
            self.emit(indent + 2, f"print('Kls1', {k}.bonus(), {k}.tag())")
            self.emit(indent + 1, "else:")
            self.emit(indent + 2, f"print('Kls0', {k}.tag(), {k}.weight)")
        else:
            xs = self.fresh("ks")
            self.emit(indent, f"{xs}: list[Kls0] = {self.expr('list[Kls0]', env)}")
            if r.random() < 0.5:
                self.emit(indent, f"{xs}.sort(reverse={r.choice(['True', 'False'])})")
            else:
                v = self.fresh("kv")
                key = r.choice([f"{v}.s", f"-{v}.a", f"({v}.s, {v}.m(1))", f"{v}.weight"])
                self.emit(indent, f"{xs}.sort(key=lambda {v}: {key}{r.choice(['', ', reverse=True'])})")
                self.emit(indent, f"print(min({xs} + [Kls0(0)], key=lambda {v}: {key}), max({xs} + [Kls0(0)], key=lambda {v}: {key}))")
            self.emit(indent, f"print({xs}, Kls0.made > 0, len({xs}))")

    def classes_prelude(self):
        """Two classes: fields, methods, a property, a class variable, dunders, an override;
        defaults (a list shared by every call) and keyword-only parameters."""
        r = self.r
        k = r.randint(1, 5)
        self.emit(0, "class Kls0:")
        self.emit(1, "made: int = 0")
        self.emit(0, "")
        self.emit(1, f"def __init__(self, a: int, s: str = {self.pick(STR_LITERALS)}) -> None:")
        self.emit(2, "self.a = a")
        self.emit(2, "self.s = s")
        self.emit(2, "self.items: list[int] = []")
        self.emit(2, "self.link: Kls0 | None = None")
        self.emit(2, "Kls0.made += 1")
        self.emit(0, "")
        # Kls1 overrides `m` with the same constant default: a virtual call may leave it out.
        m_default = r.randint(0, 3)
        self.emit(1, f"def m(self, x: int = {m_default}) -> int:")
        self.emit(2, f"return self.a * {k} + x % 7 + len(self.s)")
        self.emit(0, "")
        # One list for every call that leaves `log` out, whatever the instance.
        self.emit(1, f"def scaled(self, x: int = {r.randint(-2, 2)}, *, by: int = {r.randint(1, 3)}, log: list[int] = []) -> int:")
        self.emit(2, "log.append(x)")
        self.emit(2, "return self.a * by + x + len(log)")
        self.emit(0, "")
        self.emit(1, "def tag(self) -> str:")
        self.emit(2, "return self.s + '#' + str(self.m(1))")
        self.emit(0, "")
        self.emit(1, "def clone(self, d: int) -> \"Kls0\":")
        self.emit(2, f"return {self.kls_new('Kls0', 'self.a + d', 'self.s')}")
        self.emit(0, "")
        self.emit(1, "@property")
        self.emit(1, "def weight(self) -> int:")
        self.emit(2, "return self.a + len(self.items)")
        self.emit(0, "")
        self.emit(1, "def __repr__(self) -> str:")
        self.emit(2, "return type_name(self) + '(' + str(self.a) + ', ' + repr(self.s) + ')'")
        self.emit(0, "")
        self.emit(1, "def __eq__(self, other: object) -> bool:")
        self.emit(2, "if not isinstance(other, Kls0):")
        self.emit(3, "return False")
        self.emit(2, "return self.a == other.a and self.s == other.s")
        self.emit(0, "")
        self.emit(1, "def __lt__(self, other: \"Kls0\") -> bool:")
        self.emit(2, "return (self.a, self.s) < (other.a, other.s)")
        self.emit(0, "")
        self.emit(1, "def __hash__(self) -> int:")
        self.emit(2, "return hash((self.a, self.s))")
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, "class Kls1(Kls0):")
        self.emit(1, f"def m(self, x: int = {m_default}) -> int:")
        self.emit(2, f"return super().m({r.choice(['x', 'x=x'])}) * {r.randint(2, 4)} - {r.randint(0, 9)}")
        self.emit(0, "")
        self.emit(1, "def bonus(self) -> int:")
        self.emit(2, "return self.m(3) + self.weight")
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, "def type_name(k: Kls0) -> str:")
        self.emit(1, "return 'Kls1' if isinstance(k, Kls1) else 'Kls0'")
        self.emit(0, "")
        self.emit(0, "")

    def var_tuple_stmt(self, env, indent):
        """`tuple[int, ...]`: a variable from a display, `+=`, iteration, unpacking when the
        length allows, and as set elements and dict keys."""
        r = self.r
        t = self.fresh("vt")
        items = [self.expr("int", env, 3) for _ in range(r.randint(0, 4))]
        self.emit(indent, f"{t}: {self.ann('tuple[int, ...]')} = ({', '.join(items)}{',' if len(items) == 1 else ''})")
        env[t] = "tuple[int, ...]"
        c = r.randint(0, 3)
        if c == 0:
            self.emit(indent, f"{t} += ({self.expr('int', env)},)")
            self.emit(indent, f"print({t}, len({t}), {t}[-1])")
        elif c == 1:
            v = self.fresh("e")
            self.emit(indent, f"for {v} in {t}:")
            self.emit(indent + 1, f"print({v}, {v} in {t}, end=' ')")
            self.emit(indent, "print()")
        elif c == 2:
            a, b = self.fresh(), self.fresh()
            self.emit(indent, f"if len({t}) >= 2:")
            self.emit(indent + 1, f"{a}, *{b} = {t}")
            self.emit(indent + 1, f"print({a}, {b}, {t}.index({a}))")
        else:
            self.emit(indent, f"print({{{t}, {self.expr('tuple[int, ...]', env)}, ()}}, {{{t}: 1}}, sorted([{t}, ({self.expr('int', env)},)]))")

    def dataclass_prelude(self):
        """`Dc`: a dataclass, maybe ordered, maybe frozen (then hashable), with defaults and a
        `default_factory` field (not when frozen: a list field would make the hash raise)."""
        o = self.dataclass
        opts = [f"{k}=True" for k in ("order", "frozen") if o[k]]
        self.emit(0, "@dataclass" + (f"({', '.join(opts)})" if opts else ""))
        self.emit(0, "class Dc:")
        self.emit(1, "n: int")
        self.emit(1, f"s: str = {self.pick(STR_LITERALS)}")
        self.emit(1, f"f: float = {self.r.choice(['0.5', '-1.0', '2.25'])}")
        if not o["frozen"]:
            self.emit(1, "xs: list[int] = field(default_factory=list)")
        self.emit(0, "")
        self.emit(1, "def size(self) -> int:")
        self.emit(2, "return self.n + len(self.s)")
        self.emit(0, "")
        self.emit(0, "")

    def dc_new(self, env) -> str:
        n, s = self.expr("int", env, 3), self.expr("str", env, 3)
        return self.r.choice([f"Dc({n})", f"Dc({n}, {s})", f"Dc(s={s}, n={n})", f"Dc({n}, f={self.r.choice(['1.5', '-0.25'])})"])

    def dataclass_stmt(self, env, indent):
        """Printing, comparing, sorting and hashing dataclass instances; mutating fields, or
        FrozenInstanceError when frozen."""
        r, o = self.r, self.dataclass
        a, b = self.fresh("dc"), self.fresh("dc")
        self.emit(indent, f"{a} = {self.dc_new(env)}")
        self.emit(indent, f"{b} = {r.choice([self.dc_new(env), a, f'Dc({a}.n, {a}.s, {a}.f)'])}")
        self.emit(indent, f"print({a}, repr({b}), {a} == {b}, {a} != {b}, {a}.size(), str({a}) == repr({a}))")
        if o["order"]:
            xs = self.fresh("dcs")
            self.emit(indent, f"{xs} = [{a}, {b}, {self.dc_new(env)}, {self.dc_new(env)}]")
            self.emit(indent, f"print({a} < {b}, {a} <= {b}, {a} > {b}, {a} >= {b}, sorted({xs}), max({xs}), min({xs}))")
        if o["frozen"]:
            self.emit(indent, f"print(hash({a}) == hash({b}), len({{{a}, {b}, {self.dc_new(env)}}}), {{{a}: 1}})")
            self.emit(indent, "try:")
            self.emit(indent + 1, f"{a}.n = {self.expr('int', env)}")
            fe = self.fresh("fe")
            self.emit(indent, f"except {r.choice(['FrozenInstanceError', 'AttributeError'])} as {fe}:")
            self.emit(indent + 1, f"print('frozen', {fe}, repr({fe}))")
        else:
            self.emit(indent, f"{b}.n {r.choice(['=', '+=', '-='])} {self.expr('int', env)}")
            self.emit(indent, f"{b}.xs.append({self.expr('int', env)})")
            self.emit(indent, f"print({a}, {b}, {a} == {b}, {a} is {b}, {a}.xs == {b}.xs)")

    def closure_stmt(self, env, indent):
        """Nested functions, lambdas and function values: a closure over a local that is
        rebound after the `def` (late binding), a `nonlocal` counter, a lambda composing the
        closure, a list and a dict of function values called in turn, `key=` with one."""
        r = self.r
        a, f, g, p, q, c, b, h, fs = (self.fresh(x) for x in ("ca", "cf", "cg", "cp", "cq", "cc", "cb", "ch", "cfs"))
        outer = [n for n, t in env.items() if t == "int" and n != "depth"]
        self.emit(indent, f"{a}: int = {self.expr('int', env)}")
        inner = {p: "int", a: "int"}
        if outer:
            o = r.choice(outer)
            inner[o] = "int"
        self.emit(indent, f"def {f}({p}: int) -> int:")
        self.emit(indent + 1, f"return {self.expr('int', inner, 2)}")
        lam_env = {q: "int", a: "int", f: "fn"}
        self.emit(indent, f"{g}: Callable[[int], int] = lambda {q}: {f}({q}) {r.choice(['+', '-', '*'])} {self.expr('int', {q: 'int', a: 'int'}, 3)}")
        if r.random() < 0.7:
            self.emit(indent, f"{a} = {self.expr('int', env)}")
        self.emit(indent, f"{c} = {r.randint(-3, 3)}")
        self.emit(indent, f"def {b}() -> int:")
        self.emit(indent + 1, f"nonlocal {c}")
        self.emit(indent + 1, f"{c} += {r.randint(1, 5)}")
        self.emit(indent + 1, f"return {c} * {a}")
        arg = lambda: self.expr("int", env)
        self.emit(indent, f"print({f}({arg()}), {g}({arg()}), {b}(), {b}(), {c})")
        self.emit(indent, f"{fs}: list[Callable[[int], int]] = [{f}, {g}, lambda {h}: {h} % 7]")
        self.emit(indent, f"print([{h}({arg()}) for {h} in {fs}])")
        d = self.fresh("cd")
        self.emit(indent, f"{d}: dict[str, Callable[[int], int]] = {{'f': {f}, 'g': {g}}}")
        self.emit(indent, f"print({d}['f'](1), {d}[{r.choice(['f', 'g'])!r}]({arg()}))")
        xs = self.fresh("cxs")
        self.emit(indent, f"{xs} = [{arg()}, {arg()}, {arg()}]")
        self.emit(indent, f"print(sorted({xs}, key={f}), max({xs}, key={g}), [{h}() for {h} in [lambda: {a}, lambda: {c}]])")
        env[a] = "int"
        env[c] = "int"

    def key_lambda(self, elem: str, env, depth) -> str:
        """`lambda v: ...` over an element of type `elem`: an int, a str or a tuple key, which
        may read the enclosing variables."""
        v = self.fresh("kv")
        inner = dict(env)
        inner[v] = elem
        ty = self.r.choice(["int", "int", "str", "tuple[int, str]"])
        if elem == "tuple[int, str]" and self.r.random() < 0.5:
            body = self.r.choice([f"{v}[1]", f"(-{v}[0], {v}[1])", f"len({v}[1]) - {v}[0]"])
        else:
            body = self.expr(ty, inner, depth + 2)
        return f"lambda {v}: {body}"

    def sorted_keyed(self, a: str, elem: str, env, depth) -> str:
        """`sorted`, `min` or `max` of list `a` with `key=`."""
        r = self.r
        key = self.key_lambda(elem, env, depth)
        if elem == "int" and r.random() < 0.3:
            return f"[{r.choice(['min', 'max'])}({a} + [0], key={key})]"
        return f"sorted({a}, key={key}{r.choice(['', ', reverse=True', ', reverse=False'])})"

    def kls_new(self, cls: str, a: str, s: str) -> str:
        """`cls(a, s)`, with keywords in some order or `s` left to its default now and then."""
        return self.r.choice([f"{cls}({a}, {s})", f"{cls}({a}, {s})", f"{cls}({a}, s={s})", f"{cls}(s={s}, a={a})", f"{cls}(a={a})", f"{cls}({a})"])

    def tuple_stmt(self, env, indent):
        """Unpacking: into new names, swaps, nested and starred targets, `for` targets."""
        r = self.r
        c = r.randint(0, 5)
        if c == 0:
            a, b = self.fresh(), self.fresh()
            self.emit(indent, f"{a}, {b} = {self.expr('tuple[int, str]', env)}")
            self.emit(indent, f"print({a}, {b})")
            env[a], env[b] = "int", "str"
        elif c == 1:
            ints = [n for n, t in env.items() if t == "int" and not n.startswith(("p_", "K")) and n != "depth"]
            if len(ints) >= 2:
                x, y = r.sample(ints, 2)
                self.emit(indent, f"{x}, {y} = {y}, {x} + 1")
                self.emit(indent, f"print({x}, {y})")
        elif c == 2:
            a, b, s = self.fresh(), self.fresh(), self.fresh()
            self.emit(indent, f"({a}, {s}), {b} = {self.expr('tuple[int, str]', env)}, {self.expr('int', env)}")
            self.emit(indent, f"print({a}, {s}, {b})")
            env[a], env[s], env[b] = "int", "str", "int"
        elif c == 3:
            xs = self.expr("list[int]", env)
            h, rest = self.fresh(), self.fresh()
            star = r.choice([f"{h}, *{rest}", f"*{rest}, {h}"])
            self.emit(indent, f"{self.fresh('u')}: {self.ann('list[int]')} = {xs}")
            tmp = f"u{self.n_tmp}"
            self.emit(indent, f"if len({tmp}) >= 1:")
            self.emit(indent + 1, f"{star} = {tmp}")
            self.emit(indent + 1, f"print({h}, {rest})")
        elif c == 4:
            i, s = self.fresh("i"), self.fresh("s")
            self.emit(indent, f"for {i}, {s} in {self.expr('list[tuple[int, str]]', env)}:")
            self.emit(indent + 1, f"print({i}, {s}, ({i}, {s}))")
        else:
            d = self.fresh("d")
            self.emit(indent, f"{d}: {self.ann('dict[tuple[int, str], int]')} = {{}}")
            k = self.fresh("t")
            self.emit(indent, f"for {k} in {self.expr('list[tuple[int, str]]', env)}:")
            self.emit(indent + 1, f"{d}[{k}] = {d}.get({k}, 0) + 1")
            self.emit(indent, f"print({d}, sorted({d}.items()), {{({self.expr('int', env)}, 2), (1, -5), (2**40, 7)}})")

    def function(self, idx: int):
        r = self.r
        ret = r.choice(["int", "str"])
        params = [r.choice(["int", "float", "str", "list[int]"]) for _ in range(r.randint(0, 3))]
        names = [f"p_{i}" for i in range(len(params))]
        name = f"f{idx}"
        # Defaults on a suffix of the parameters, and now and then keyword-only parameters
        # after `*` (then `depth` is one of them).
        n_defaults = r.randint(0, len(params)) if r.random() < 0.5 else 0
        defaults = [None] * (len(params) - n_defaults) + [self.default_value(t) for t in params[len(params) - n_defaults:]]
        kwonly = r.randint(0, len(params)) if r.random() < 0.3 else None
        parts = [f"{n}: {self.ann(t)}" + (f" = {d}" if d is not None else "") for n, t, d in zip(names, params, defaults)]
        if kwonly is not None:
            parts.insert(kwonly, "*")
        depth_default = n_defaults > 0 and kwonly is None
        parts.append(f"depth: int = {r.randint(0, 2)}" if depth_default else "depth: int")
        # Now and then no return annotation: the type comes from the `return` statements
        # (the first, the base case, gives it before any recursive call needs it).
        arrow = "" if r.random() < 0.15 else f" -> {ret}"
        self.emit(0, f"def {name}({', '.join(parts)}){arrow}:")
        env = dict(zip(names, params))
        env.update(self.finals)
        env["depth"] = "int"
        # A local named like an imported math constant shadows it in the whole function.
        imported = [n for n in ("pi", "e", "tau") if self.m(n) == n]
        self.shadowed = {r.choice(imported)} if imported and r.random() < 0.3 else set()
        # A list default is shared by the calls that leave it out: mutate it.
        for n, t, d in zip(names, params, defaults):
            if t == "list[int]" and d is not None and r.random() < 0.7:
                self.emit(1, f"{n}.append({self.expr('int', {'depth': 'int'}, 3)})")
                self.emit(1, f"print({n!r}, {n}, len({n}))")
        self.emit(1, f"if depth <= 0:")
        self.emit(2, f"return {self.expr(ret, env, 2)}")
        for v in self.shadowed:
            self.emit(1, f"{v}: float = {self.expr('float', env, 2)}")
            env[v] = "float"
        self.block(env, 1, r.randint(2, 6), False, ret)
        # Bounded recursion through the depth parameter.
        spec = {"names": names + ["depth"], "defaults": [d is not None for d in defaults] + [depth_default], "kwonly": kwonly}
        self.funcs.append((name, params + ["depth"], ret, spec))
        self.emit(1, f"return {self.expr(ret, env, 1)}")
        self.shadowed = set()
        self.emit(0, "")
        self.emit(0, "")

    # ---- generators: functions with `yield`, `yield from`, `return`, `try`/`finally`, ----
    # ---- consumed whole, partly, by `next`, by the builtins and by generator expressions --

    def gen_item(self, ty: str, env: dict, depth: int) -> str:
        if ty == "tuple[int, str]":
            return f"({self.expr('int', env, depth)}, {self.expr('str', env, depth)})"
        return self.expr(ty, env, depth)

    def generator_function(self, idx: int):
        g = self.gr
        item = g.choice(["int", "str", "tuple[int, str]", "int"])
        name = f"gen{idx}"
        ann = g.choice([f"Iterator[{item}]", f"Iterator[{item}]", f"Generator[{item}, None, None]"])
        self.emit(0, f"def {name}(n: int, s: str) -> {ann}:")
        env = {"n": "int", "s": "str", "depth": "int"}
        self.emit(1, "depth = 1")
        body = 1
        finally_ = g.random() < 0.35
        if finally_:
            self.emit(1, "try:")
            body = 2
        inner = dict(env, i="int")
        if g.random() < 0.25:
            # Infinite: the consumer stops it (break, next, islice-like loops).
            self.emit(body, "i = 0")
            self.emit(body, "while True:")
        else:
            self.emit(body, f"for i in range({g.choice(['n', 'n % 5', 'len(s)', '3'])}):")
        if g.random() < 0.3:
            self.emit(body + 1, f"if {self.expr('bool', inner, 2)}:")
            self.emit(body + 2, g.choice(["continue", "return", "break"]) if "while" not in self.lines[-2] else "return")
        if g.random() < 0.4:
            self.emit(body + 1, f"print({name!r}, i)")
        self.emit(body + 1, f"yield {self.gen_item(item, inner, 2)}")
        if "while True" in self.lines[-2] or any("while True" in l for l in self.lines[-4:]):
            self.emit(body + 1, "i += 1")
            self.emit(body + 1, "if i > 40:")
            self.emit(body + 2, "return")
        if g.random() < 0.4:
            if item == "str":
                self.emit(body, "yield from s")
            else:
                self.emit(body, f"yield from [{self.gen_item(item, env, 2)}, {self.gen_item(item, env, 2)}]")
        if finally_:
            self.emit(1, "finally:")
            self.emit(2, f"print('finally', {name!r}, n)")
        self.gens.append((name, item, ["int", "str"]))
        self.emit(0, "")
        self.emit(0, "")

    def gen_stmt(self, env, indent):
        g = self.gr
        name, item, _ = g.choice(self.gens)
        call = f"{name}({g.choice([str(g.randint(-1, 6)), self.expr('int', env, 3)])}, {self.expr('str', env, 3)})"
        it = self.fresh("it")
        v = self.fresh("gv")
        default = {"int": "-99", "str": "'none'", "tuple[int, str]": "(0, '')"}[item]
        c = g.randint(0, 9)
        if c == 0:
            self.emit(indent, f"print(list({call}))")
        elif c == 1:
            self.emit(indent, f"for {v} in {call}:")
            self.emit(indent + 1, f"print({v})")
            if g.random() < 0.5:
                self.emit(indent + 1, f"if {self.expr('bool', dict(env), 3)}:")
                self.emit(indent + 2, "break")
        elif c == 2:
            self.emit(indent, f"{it} = {call}")
            self.emit(indent, f"print(next({it}, {default}), next({it}, {default}))")
            self.emit(indent, f"print(list({it}), list({it}))")
        elif c == 3:
            self.emit(indent, f"{it} = {call}")
            self.emit(indent, f"print(next({it}))")
            self.emit(indent, f"{it} = {call}")
            self.emit(indent, "print('rebound')")
        elif c == 4:
            key = "" if item != "tuple[int, str]" else ""
            self.emit(indent, f"print(sorted({call}), {g.choice(['any', 'all'])}({call}), len(list({call})){key})")
        elif c == 5 and item == "int":
            self.emit(indent, f"print(sum({call}), sum({v} * 2 for {v} in {call} if {v} % 2 == 0))")
        elif c == 6:
            self.emit(indent, f"{it} = ({v} for {v} in {call})")
            self.emit(indent, f"print(next({it}, {default}))")
            self.emit(indent, f"print([{v} for {v} in {it}])")
        elif c == 7:
            self.emit(indent, f"print(dict(enumerate({call})), set({call}) == set(list({call})))")
        elif c == 8:
            self.emit(indent, f"for {v}, {it} in zip({call}, {call}):")
            self.emit(indent + 1, f"print({v}, {it})")
        else:
            self.emit(indent, "try:")
            self.emit(indent + 1, f"{it} = {call}")
            self.emit(indent + 1, "while True:")
            self.emit(indent + 2, f"print(next({it}))")
            self.emit(indent, "except StopIteration:")
            self.emit(indent + 1, "print('stopped')")

    RANDOM_NAMES = ["seed", "random", "getrandbits", "randrange", "randint", "choice", "choices", "shuffle", "sample",
                    "uniform", "gauss", "normalvariate", "expovariate", "triangular"]

    def random_spelling(self):
        """How the program spells `random`'s functions: `random.f`, `rnd.f` after `import random
        as rnd`, or `f` after `from random import ...` (in the last style, `random` itself is
        the function)."""
        if self.rand:
            return self.rand
        style = self.rr.choice(["module", "alias", "from", "both"])
        if style == "module":
            self.rand = {n: f"random.{n}" for n in self.RANDOM_NAMES}
        elif style == "alias":
            self.rand = {n: f"rnd.{n}" for n in self.RANDOM_NAMES}
        elif style == "from":
            self.rand = {n: n for n in self.RANDOM_NAMES}
        else:
            self.rand = {n: n if n != "random" and self.rr.random() < 0.5 else f"random.{n}" for n in self.RANDOM_NAMES}
        self.rand["<style>"] = style
        return self.rand

    def random_imports(self) -> list[str]:
        style = self.rand["<style>"]
        lines = []
        if style in ("module", "both"):
            lines.append("import random")
        if style == "alias":
            lines.append("import random as rnd")
        if style in ("from", "both"):
            names = [n for n in self.RANDOM_NAMES if self.rand[n] == n]
            lines.append(f"from random import {', '.join(names)}")
        return lines

    def random_stmt(self, env, indent):
        """Calls of `random`'s functions on a seeded generator (`main` seeds it; now and then a
        statement seeds it again), printed; the calls that raise are caught."""
        q, k = self.rr, self.random_spelling()
        small = lambda lo=-9, hi=9: str(q.randint(lo, hi))
        def an_int():
            return q.choice([small(), small(0, 30), self.expr("int", env, 2), str(q.choice([0, 1, 2**31, 2**32 + 5, 2**62, -(2**40)]))])
        def a_float():
            return q.choice(["0.5", "-1.25", "3.0", "2.5", "1e300", "-0.0", "0.0", "7.75", f"{q.uniform(-10, 10)!r}", self.expr("float", env, 2)])
        lists = [n for n, t in env.items() if t in ("list[int]", "list[tuple[int, str]]") and n not in self.finals]
        if q.random() < 0.25:
            self.emit(indent, f"{k['seed']}({q.choice([small(), str(q.randint(0, 2**63 - 1)), str(-q.randint(0, 2**40)), self.expr('int', env, 2), 'True'])})")
        for _ in range(q.randint(1, 4)):
            op = q.choice(["random", "random", "getrandbits", "randrange", "randrange", "randint", "randint", "choice", "choices", "shuffle",
                           "sample", "sample", "uniform", "gauss", "gauss", "normalvariate", "expovariate", "triangular"])
            if op == "random":
                call = f"{k['random']}()" if q.random() < 0.6 else f"[{k['random']}() for _ in range({small(0, 4)})]"
            elif op == "getrandbits":
                call = f"{k['getrandbits']}({q.choice([small(0, 62), small(-1, 62), 'abs(' + self.expr('int', env, 2) + ') % 63'])})"
            elif op == "randrange":
                args = q.choice([[an_int()], [an_int(), an_int()], [an_int(), an_int(), small(-4, 4)], [small(-5, 5), small(-5, 30), small(-3, 3)]])
                if len(args) == 3 and q.random() < 0.3:
                    args[2] = "step=" + args[2]
                call = f"{k['randrange']}({', '.join(args)})"
            elif op == "randint":
                call = f"{k['randint']}({q.choice([small(), an_int()])}, {q.choice([small(), small(0, 100), an_int()])})"
            elif op == "choice":
                seq = q.choice([self.expr("list[int]", env, 2), self.expr("str", env, 2), f"range({small()}, {small(-3, 40)}, {q.choice(['1', '2', '-1', '5'])})", "(3, 1, 4)"] + lists)
                call = f"{k['choice']}({seq})"
            elif op == "choices":
                seq = q.choice([f"[{small()}, {small()}, {small()}]", self.expr("str", env, 2), f"range({small(0, 5)}, {small(0, 20)})"] + lists)
                w = q.choice(["", "", f", [{small(0, 5)}, {small(0, 5)}, {small(0, 5)}]", f", cum_weights=[{a_float()}, 2.0, 3.5]", f", weights=[0.5, {a_float()}, 1.0]"])
                kk = q.choice(["", f", k={small(-1, 8)}"])
                call = f"{k['choices']}({seq}{w}{kk})"
            elif op == "shuffle":
                xs = q.choice(lists) if lists and q.random() < 0.7 else None
                if xs is None:
                    xs = self.fresh("rl")
                    self.emit(indent, f"{xs}: list[int] = {self.expr('list[int]', env, 2)}")
                self.emit(indent, f"{k['shuffle']}({xs})")
                call = xs
            elif op == "sample":
                seq = q.choice([self.expr("list[int]", env, 2), self.expr("str", env, 2), f"range({small(-5, 5)}, {q.choice([small(0, 50), '1000', '10**9'])})", "(3, 1, 4, 1, 5)"] + lists)
                n = q.choice([small(0, 6), small(-1, 40), "k=" + small(0, 4)])
                call = f"{k['sample']}({seq}, {n})"
            elif op == "uniform":
                call = f"{k['uniform']}({q.choice([an_int(), a_float()])}, {q.choice([an_int(), a_float()])})"
            elif op in ("gauss", "normalvariate"):
                args = q.choice(["", f"{a_float()}", f"{a_float()}, {a_float()}", f"{small()}, {small(0, 5)}", f"sigma={a_float()}", f"mu={small()}"])
                call = f"{k[op]}({args})"
            elif op == "expovariate":
                call = f"{k['expovariate']}({q.choice([a_float(), small(-3, 3)])})"
            else:
                args = q.choice(["", f"{a_float()}, {a_float()}", f"{a_float()}, {a_float()}, {q.choice([a_float(), small()])}", "2.0, 2.0, 2.0"])
                call = f"{k['triangular']}({args})"
            self.emit(indent, "try:")
            self.emit(indent + 1, f"print({call})")
            self.emit(indent, "except (ValueError, IndexError, ZeroDivisionError, OverflowError) as err:")
            self.emit(indent + 1, "print(type(err).__name__, err)")

    def itertools_import(self):
        if "import itertools" not in self.lines:
            # After `from __future__` imports, which must come first.
            at = sum(1 for line in self.lines if line.startswith("from __future__"))
            self.lines.insert(at, "import itertools")

    def iterval_stmt(self, env, indent):
        """Iterator values: `iter`, `map` (a lambda over one or two lists, a builtin, a
        generated function), `filter` (a lambda, None), `zip`, `enumerate`, `reversed` held in
        a variable, consumed partly by `next`, then whole, then again (one-shot)."""
        g = self.gr
        it, v, w = self.fresh("iv"), self.fresh("iw"), self.fresh("ix")
        xs = self.expr("list[int]", env, 2)
        inner = dict(env, **{v: "int"})
        c = g.randint(0, 9)
        if c == 0:
            self.emit(indent, f"{it} = iter({xs})")
            default = "-7"
        elif c == 1:
            if g.random() < 0.3:
                self.emit(indent, f"{it} = map(lambda {v}, {w}: {self.expr('int', dict(inner, **{w: 'int'}), 3)}, {xs}, {self.expr('list[int]', env, 2)})")
            elif g.random() < 0.3:
                self.emit(indent, f"{it} = map({g.choice(['abs', 'str', 'bool', 'hex'])}, {xs})")
            else:
                self.emit(indent, f"{it} = map(lambda {v}: {self.expr('int', inner, 3)}, {xs})")
            default = None
        elif c == 2:
            pred = "None" if g.random() < 0.3 else f"lambda {v}: {self.expr('bool', inner, 3)}"
            self.emit(indent, f"{it} = filter({pred}, {xs})")
            default = "-7"
        elif c == 3:
            self.emit(indent, f"{it} = zip({xs}, {self.expr('str', env, 2)})")
            default = "(0, '')"
        elif c == 4:
            self.emit(indent, f"{it} = enumerate({xs}, {g.randint(-2, 3)})")
            default = "(0, 0)"
        elif c == 5:
            self.emit(indent, f"{it} = reversed({xs})")
            default = "-7"
        elif c == 6:
            self.emit(indent, f"{it} = ({self.expr('int', inner, 3)} for {v} in {xs} if {self.expr('bool', inner, 3)})")
            default = "-7"
        elif c == 7:
            # itertools over the same lists: lazy ones partly consumed, combinatorics whole.
            self.itertools_import()
            f = g.choice(["islice(itertools.count({a}, {b}), {n})", "itertools.chain({xs}, {ys})", "itertools.islice(itertools.cycle({xs}), {n})",
                          "itertools.accumulate([{v} % 1000 for {v} in {xs}])", "itertools.takewhile(lambda {v}: {p}, {xs})", "itertools.dropwhile(lambda {v}: {p}, {xs})",
                          "itertools.zip_longest({xs}, {ys}, fillvalue={a})", "itertools.zip_longest({xs}, {ys}, {xs}[::-1], fillvalue={a})", "itertools.repeat({a}, {n})", "itertools.islice({xs}, {k}, {n}, {s})",
                          "itertools.islice(iter({xs}), {k}, None)", "itertools.islice(itertools.cycle({xs}), {k}, {n}, {s})"])
            self.emit(indent, f"{it} = " + f.replace("islice(itertools.count", "itertools.islice(itertools.count").format(
                a=g.randint(-3, 3), b=g.randint(-2, 4), n=g.randint(0, 6), k=g.randint(0, 3), s=g.choice(["None", "1", "2", "3"]), xs=xs, ys=self.expr("list[int]", env, 2), v=v, p=self.expr("bool", inner, 3)))
            default = None
        elif c == 8:
            self.itertools_import()
            f = g.choice(["product({xs}, {ys})", "product({xs}, repeat=2)", "permutations({xs}, {r})", "combinations({xs}, {r})", "permutations({xs})",
                          "combinations_with_replacement({xs}, {r})", "pairwise({xs})", "starmap(lambda {v}, {w}: {v} * 3 - {w}, zip({xs}, {ys}))"])
            self.emit(indent, f"{it} = itertools." + f.format(xs=f"{xs}[:4]", ys=f"{self.expr('list[int]', env, 2)}[:3]", r=g.randint(0, 3), v=v, w=w))
            default = None
        else:
            self.itertools_import()
            key = g.choice(["", ", key=lambda {v}: {v} % 3", ", key=lambda {v}: {v} > 0"]).format(v=v)
            self.emit(indent, f"for {v}, {w} in itertools.groupby(sorted({xs}){key}):")
            self.emit(indent + 1, f"print({v}, list({w}))")
            return
        if default is not None:
            self.emit(indent, f"print(next({it}, {default}))")
        self.emit(indent, f"print(list({it}), list({it}))")

    # ---- sets: every operator, method and in-place form, over aliased operands and ----
    # ---- keys that collide, so that any path other than CPython's prints another order --

    def set_key(self) -> str:
        """An int set element; many share their low bits (and their hash modulo 2**61 - 1)."""
        r = self.r
        c = r.randint(0, 4)
        if c == 0:
            return str(r.randint(-20, 20))
        if c == 1:
            return str(r.choice(SET_STRIDES[:6]) * r.randint(-8, 8) + r.randint(0, 2))
        if c == 2:
            return r.choice(SET_ODD_KEYS)
        if c == 3:
            return str(-r.randint(0, 10**6))
        return str(r.randint(-1000, 1000))

    def set_value(self, env: dict) -> str:
        """A new set of colliding ints, built along one of CPython's paths."""
        r = self.r
        c = r.randint(0, 6)
        if c == 0:
            # Three or more constants go through a frozenset constant; fewer are added one by one.
            # A module shares one frozenset per distinct set of constants (the first compiled):
            # now and then, repeat an earlier display's constants in another order.
            if self.const_sets and r.random() < 0.4:
                keys = list(r.choice(self.const_sets))
                r.shuffle(keys)
            else:
                keys = [self.set_key() for _ in range(r.randint(1, 9))]
                self.const_sets.append(keys)
            return "{" + ", ".join(keys) + "}"
        if c == 1:
            ints = [n for n, t in env.items() if t == "int"]
            keys = [self.set_key() for _ in range(r.randint(2, 6))]
            if ints:
                keys.insert(r.randrange(len(keys)), r.choice(ints))
            return "{" + ", ".join(keys) + "}"
        if c == 2:
            # Sizes around the points where the table grows (5, 19 and 77 keys).
            v = self.fresh("k")
            n = r.choice(SET_SIZES)
            sign = r.choice(["", "-"])
            return f"{{{sign}{v} * {r.choice(SET_STRIDES[:7])} + {r.randint(-3, 3)} for {v} in range({n})}}"
        if c == 3:
            return "set([" + ", ".join(self.set_key() for _ in range(r.randint(0, 12))) + "])"
        if c == 4:
            v = self.fresh("k")
            return f"set({{{v} * {r.choice(SET_STRIDES[:6])}: {v} for {v} in range({r.randint(-6, 0)}, {r.choice(SET_SIZES)})}})"
        if c == 5:
            v = self.fresh("k")
            src = self.set_operand(env)
            return f"{{{v} for {v} in {src} if {v} % {r.randint(2, 5)} != 0}}"
        return "set()"

    def set_operand(self, env: dict) -> str:
        sets = [n for n, t in env.items() if t == "set[int]"]
        if sets and self.r.random() < 0.8:
            return self.r.choice(sets)
        return self.set_value(env)

    def set_expr(self, env: dict, depth: int) -> str:
        r = self.r
        sets = [n for n, t in env.items() if t == "set[int]"]
        if depth >= 3 or r.random() < 0.25:
            return self.set_operand(env)
        a = self.set_operand(env)
        # Often the same variable on both sides: CPython has shortcuts for identical operands.
        b = a if sets and r.random() < 0.35 else self.set_expr(env, depth + 1)
        c = r.randint(0, 6)
        if c <= 2:
            return f"({a} {r.choice(['|', '&', '-', '^'])} {b})"
        if c == 3:
            others = [r.choice([a, b, self.set_operand(env)]) for _ in range(r.randint(0, 3))]
            return f"{a}.{r.choice(['union', 'intersection', 'difference'])}({', '.join(others)})"
        if c == 4:
            return f"{a}.symmetric_difference({b})"
        if c == 5:
            return f"set({a})" if r.random() < 0.5 else f"{a}.copy()"
        if self.set_funcs:
            return f"{r.choice(self.set_funcs)}({a}, {b}, {r.randint(0, 2)})"
        return f"({a} | {b})"

    def set_stmt(self, env: dict, indent: int):
        """A statement over sets, then a print of what it changed."""
        r = self.r
        sets = [n for n, t in env.items() if t == "set[int]" and not n.startswith("p_")]
        if not sets or r.random() < 0.2:
            name = self.fresh("s")
            # An alias of an existing set, or a new one.
            value = r.choice(sets) if sets and r.random() < 0.5 else self.set_expr(env, 1)
            self.emit(indent, f"{name}: {self.ann('set[int]')} = {value}")
            env[name] = "set[int]"
            return
        s = r.choice(sets)
        t = s if r.random() < 0.3 else self.set_operand(env)
        c = r.randint(0, 9)
        if c <= 2:
            self.emit(indent, f"{s} {r.choice(['|=', '&=', '-=', '^='])} {t}")
        elif c == 3:
            others = [r.choice([s, t, self.set_operand(env)]) for _ in range(r.randint(0, 3))]
            self.emit(indent, f"{s}.{r.choice(['update', 'intersection_update', 'difference_update'])}({', '.join(others)})")
        elif c == 4:
            self.emit(indent, f"{s}.symmetric_difference_update({t})")
        elif c == 5:
            self.emit(indent, f"if len({s}) > 0:")
            self.emit(indent + 1, f"print({s}.pop(), {s}.pop() if len({s}) > 0 else 0)")
        elif c == 6:
            self.emit(indent, f"{s}.{r.choice(['add', 'discard', 'add'])}({self.set_key()})")
            if r.random() < 0.3:
                self.emit(indent, f"{s}.clear()")
        elif c == 7:
            k = self.set_key()
            self.emit(indent, f"if {k} in {s}:")
            self.emit(indent + 1, f"{s}.remove({k})")
        elif c == 8:
            # In-place operators on items of a list and of a dict (the item is updated, then stored back).
            box = self.fresh("box")
            op = r.choice(['|=', '&=', '-=', '^='])
            # The right-hand side is a variable: multigen refuses a computed one here.
            rhs = r.choice(sets)
            if r.random() < 0.5:
                self.emit(indent, f"{box}: {self.ann('list[set[int]]')} = [{s}, {t}]")
                self.emit(indent, f"{box}[{r.randint(-2, 1)}] {op} {rhs}")
            else:
                self.emit(indent, f"{box}: {self.ann('dict[int, set[int]]')} = {{1: {s}, 2: {t}}}")
                self.emit(indent, f"{box}[{r.randint(1, 2)}] {op} {rhs}")
            self.emit(indent, f"print({box})")
        else:
            ops = ["<=", "<", ">=", ">", "==", "!="]
            self.emit(indent, f"print({s} {r.choice(ops)} {t}, {t} {r.choice(ops)} {s}, {s}.isdisjoint({t}), {s}.issubset({t}), {s}.issuperset({t}))")
        self.emit(indent, f"print({', '.join(sorted(set([s] + [n for n in sets if r.random() < 0.3])))})")

    def set_globals(self) -> list:
        """Module-level set globals (main declares them `global`; functions only read them)."""
        names = []
        for _ in range(self.r.randint(0, 3)):
            name = self.fresh("G")
            self.emit(0, f"{name}: {self.ann('set[int]')} = {self.set_value({})}")
            names.append(name)
        if names:
            self.emit(0, "")
        return names

    def set_functions(self, set_globals: list):
        """Functions taking sets: their parameters alias the caller's sets, and they update them in place."""
        self.set_funcs = []
        for k in range(self.r.randint(0, 2)):
            r = self.r
            name = f"sf{k}"
            self.emit(0, f"def {name}(a: {self.ann('set[int]')}, b: set[int], depth: int) -> {self.ann('set[int]')}:")
            env = {"a": "set[int]", "b": "set[int]"}
            env.update((g, "set[int]") for g in set_globals)
            self.emit(1, f"c: {self.ann('set[int]')} = {self.set_expr(env, 1)}")
            env["c"] = "set[int]"
            self.emit(1, f"{r.choice(['a', 'c'])} {r.choice(['|=', '&=', '-=', '^='])} {r.choice(['a', 'b', 'c'])}")
            self.emit(1, "print(a, b, c)")
            self.emit(1, "if depth > 0:")
            self.emit(2, f"return {name}(c, {r.choice(['a', 'b', 'c'])}, depth - 1)")
            self.emit(1, f"return {self.set_expr(env, 2)}")
            self.emit(0, "")
            self.emit(0, "")
            self.set_funcs.append(name)

    # ---- functools: reduce, partial, lru_cache/cache ------------------------------------

    def functools_prelude(self):
        """The import in one spelling, `combine` (for partial) and memoized functions:
        `@lru_cache` bounded (small sizes, so that evictions happen and are printed), unbounded,
        `@cache`, over ints, strs and tuples, recursive."""
        f = self.ftr
        style = f.choice(["from", "module", "alias"])
        at = sum(1 for line in self.lines if line.startswith("from __future__"))
        if style == "from":
            self.lines.insert(at, "from functools import reduce, partial, lru_cache, cache")
            self.ft = {n: n for n in ["reduce", "partial", "lru_cache", "cache"]}
        else:
            mod = "functools" if style == "module" else "ft"
            self.lines.insert(at, "import functools" if style == "module" else "import functools as ft")
            self.ft = {n: f"{mod}.{n}" for n in ["reduce", "partial", "lru_cache", "cache"]}
        self.emit(0, "def combine(a: int, b: int, c: int) -> int:")
        self.emit(1, f"return (a * {f.randint(1, 9)} + b * {f.randint(-5, 5)} - c) % {f.choice([7, 97, 1000003])}")
        self.emit(0, "")
        self.emit(0, "")
        for i in range(f.randint(1, 3)):
            name = f"memo{i}"
            deco = f.choice([f"@{self.ft['lru_cache']}(maxsize={f.choice(['None', '0', '1', '2', '3', '5', '-1', '128'])})", f"@{self.ft['cache']}", f"@{self.ft['lru_cache']}",
                             f"@{self.ft['lru_cache']}({f.choice(['None', '2', '4'])})", f"@{self.ft['lru_cache']}(maxsize=3, typed={f.choice(['True', 'False'])})"])
            kind = f.choice(["int", "int_str", "tuple"])
            self.emit(0, deco)
            if kind == "int":
                self.emit(0, f"def {name}(n: int) -> int:")
                if f.random() < 0.5:
                    self.emit(1, "print('miss', n)")
                self.emit(1, "if n < 2:")
                self.emit(2, f"return n + {f.randint(0, 3)}")
                self.emit(1, f"return ({name}(n - 1) + {name}(n - 2) * {f.randint(1, 3)}) % 1000000007")
                params = ["int"]
            elif kind == "int_str":
                self.emit(0, f"def {name}(n: int, s: str) -> str:")
                if f.random() < 0.5:
                    self.emit(1, "print('miss', n, s)")
                self.emit(1, "if n <= 0 or not s:")
                self.emit(2, "return s")
                self.emit(1, f"return ({name}(n - 1, s[1:]) + s[0] + {name}(n - 2, s))[-{f.randint(3, 8)}:]")
                params = ["int", "str"]
            else:
                self.emit(0, f"def {name}(p: tuple[int, int]) -> tuple[int, str]:")
                if f.random() < 0.5:
                    self.emit(1, "print('miss', p)")
                self.emit(1, "if p[0] <= 0 or p[1] <= 0:")
                self.emit(2, "return (1, 'x')")
                self.emit(1, f"a = {name}((p[0] - 1, p[1]))")
                self.emit(1, f"b = {name}((p[0], p[1] - 1))")
                self.emit(1, "return ((a[0] + b[0]) % 1000003, (a[1] + b[1])[:4])")
                params = ["tuple[int, int]"]
            self.emit(0, "")
            self.emit(0, "")
            self.memos.append((name, params))

    def functools_stmt(self, env, indent):
        f = self.ftr
        c = f.randint(0, 7)
        small = lambda: str(f.randint(-2, 14))
        if c <= 2 and self.memos:
            name, params = f.choice(self.memos)
            for _ in range(f.randint(1, 4)):
                if params == ["int"]:
                    self.emit(indent, f"print({name}({small()}))")
                elif params == ["int", "str"]:
                    self.emit(indent, f"print({name}({small()}, {self.expr('str', env, 3)}))")
                else:
                    self.emit(indent, f"print({name}(({f.randint(-1, 8)}, {f.randint(-1, 8)})))")
            which = f.randint(0, 3)
            if which == 0:
                self.emit(indent, f"print({name}.cache_info())")
            elif which == 1:
                self.emit(indent, f"print({name}.cache_info().hits, {name}.cache_info().misses, {name}.cache_info().currsize, {name}.cache_info().maxsize)")
            elif which == 2:
                self.emit(indent, f"{name}.cache_clear()")
                self.emit(indent, f"print({name}.cache_info())")
            else:
                v = self.fresh("mf")
                self.emit(indent, f"{v} = {name}")
                if params == ["int"]:
                    self.emit(indent, f"print(list(map({v}, [{small()}, {small()}])))")
        elif c == 3:
            xs = self.expr("list[int]", env, 2)
            a, b = self.fresh("ra"), self.fresh("rb")
            body = f.choice([f"{a} + {b}", f"{a} * 3 - {b}", f"max({a}, {b})", f"({a} ^ {b}) % 1009", f"{a} if {a} > {b} else {b}"])
            init = f.choice(["", f", {self.expr('int', env, 3)}"])
            self.emit(indent, "try:")
            self.emit(indent + 1, f"print({self.ft['reduce']}(lambda {a}, {b}: {body}, {xs}{init}))")
            err = self.fresh("te")
            self.emit(indent, f"except TypeError as {err}:")
            self.emit(indent + 1, f"print('TypeError', {err})")
        elif c == 4:
            xs = self.expr("list[str]", env, 2) if f.random() < 0.5 else f"[{self.expr('str', env, 3)}, {self.expr('str', env, 3)}]"
            a, b = self.fresh("ra"), self.fresh("rb")
            self.emit(indent, f"print({self.ft['reduce']}(lambda {a}, {b}: {f.choice([f'{a} + {b}', f'{b} + {a}', f'{a} + {b}[:1]'])}, {xs}, {self.expr('str', env, 3)}))")
        elif c == 5:
            xs = self.expr("list[int]", env, 2)
            self.emit(indent, f"print({self.ft['reduce']}(lambda x, y: combine(x, y, {small()}), {xs}, {small()}))")
        else:
            p = self.fresh("pf")
            xs = self.expr("list[int]", env, 2)
            form = f.randint(0, 3)
            if form == 0:
                self.emit(indent, f"{p} = {self.ft['partial']}(combine, {self.expr('int', env, 3)})")
                self.emit(indent, f"print({p}({small()}, {small()}))")
            elif form == 1:
                self.emit(indent, f"{p} = {self.ft['partial']}(combine, {self.expr('int', env, 3)}, {small()})")
                self.emit(indent, f"print(list(map({p}, {xs})), sorted({xs}, key={p}))")
            elif form == 2:
                self.emit(indent, f"{p} = {self.ft['partial']}(combine, c={self.expr('int', env, 3)})")
                self.emit(indent, f"print({p}({small()}, {small()}), {self.ft['partial']}({p}, {small()})({small()}))")
            else:
                self.emit(indent, f"{p} = {self.ft['partial']}(combine, {small()}, c={small()})")
                self.emit(indent, f"print([{p}(k) for k in {xs}])")

    def colls_imports(self):
        """`collections`, `heapq` and `bisect` in one of their spellings: the module, an
        alias, or the names (so `bisect` may be the function)."""
        c = self.cr
        style = c.choice(["module", "from", "alias", "both"])
        if style in ("module", "both"):
            self.emit(0, "import collections")
            self.emit(0, "import heapq")
            self.emit(0, "import bisect")
        if style == "alias":
            self.emit(0, "import collections as co")
            self.emit(0, "import heapq as hq")
            self.emit(0, "import bisect as bs")
        if style in ("from", "both"):
            self.emit(0, "from collections import deque, defaultdict, Counter")
            self.emit(0, "from heapq import heappush, heappop, heapify, heappushpop, heapreplace, nsmallest, nlargest")
            # `import bisect` binds the module: the function keeps that name only without it.
            self.emit(0, f"from bisect import bisect_left, bisect_right, {'bisect, ' if style == 'from' else ''}insort_left, insort_right, insort")
        mod = {"module": "{m}.", "both": "{m}.", "alias": "{a}.", "from": ""}[style]
        names = {"collections": "co", "heapq": "hq", "bisect": "bs"}
        def spell(module, name):
            if style == "from" or (style == "both" and c.random() < 0.5 and name not in ("bisect", "deque_ann")):
                return name
            return mod.format(m=module, a=names[module]) + name
        self.colls = {n: spell("collections", n) for n in ["deque", "defaultdict", "Counter"]}
        self.colls.update({n: spell("heapq", n) for n in ["heappush", "heappop", "heapify", "heappushpop", "heapreplace", "nsmallest", "nlargest"]})
        self.colls.update({n: spell("bisect", n) for n in ["bisect_left", "bisect_right", "bisect", "insort_left", "insort_right", "insort"]})
        # The annotations: `deque[T]` or `collections.deque[T]`, and so on.
        self.colls["deque_ann"] = spell("collections", "deque_ann").replace("deque_ann", "deque")
        self.colls["defaultdict_ann"] = spell("collections", "defaultdict_ann").replace("defaultdict_ann", "defaultdict")

    def colls_elem(self):
        """An element type for a deque or a heap, its values, and a key lambda over it."""
        c = self.cr
        ty = c.choice(["int", "int", "str", "float", "tuple[int, str]"])
        return ty

    def colls_value(self, ty, env):
        if ty == "tuple[int, str]":
            return f"({self.expr('int', env, 2)}, {self.expr('str', env, 3)})"
        if ty == "float":
            return self.cr.choice(["0.5", "-1.25", "3.0", "2.5", "1e300", "-0.0", "7.75"])
        if ty == "int":
            return self.cr.choice([self.expr("int", env, 2), str(self.cr.randint(-9, 9))])
        return self.expr(ty, env, 2)

    def colls_list(self, ty, env, n=None):
        n = self.cr.randint(0, 6) if n is None else n
        return "[" + ", ".join(self.colls_value(ty, env) for _ in range(n)) + "]"

    def colls_key(self, ty):
        c = self.cr
        v = self.fresh("kv")
        body = {
            "int": c.choice([f"-{v}", f"{v} % 3", f"abs({v} - 2)"]),
            "str": c.choice([f"len({v})", f"{v}[::-1]", f"{v}.lower()"]),
            "float": c.choice([f"-{v}", f"abs({v})"]),
            "tuple[int, str]": c.choice([f"{v}[1]", f"-{v}[0]", f"({v}[1], {v}[0])"]),
        }[ty]
        return f"lambda {v}: {body}"

    def colls_stmt(self, env, indent):
        c = self.cr
        which = c.choice(["deque", "deque", "deque", "heap", "heap", "bisect", "defaultdict", "defaultdict", "counter", "counter"])
        getattr(self, f"colls_{which}")(env, indent)

    def colls_deque(self, env, indent):
        """A deque (maybe bounded), a run of its operations, printed as it goes."""
        c, k = self.cr, self.colls
        ty = self.colls_elem()
        d = self.fresh("dq")
        maxlen = c.choice(["", "", "", ", 3", ", maxlen=2", ", maxlen=0", ", maxlen=None", f", maxlen={c.randint(1, 5)}"])
        src = c.choice(["list", "list", "empty", "range", "str"]) if ty in ("int", "str") else c.choice(["list", "empty"])
        if src == "range" and ty == "int":
            init = f"range({c.randint(-2, 3)}, {c.randint(0, 8)})"
        elif src == "str" and ty == "str":
            init = self.expr("str", env, 2)
        elif src == "empty":
            init = "[]" if c.random() < 0.5 else ""
        else:
            init = self.colls_list(ty, env)
        if init == "" and maxlen.startswith(", maxlen"):
            args = maxlen[2:]
        elif init == "":
            args = ""
        else:
            args = init + maxlen
        self.emit(indent, f"{d}: {k['deque_ann']}[{ty}] = {k['deque']}({args})")
        env = dict(env)
        for _ in range(c.randint(2, 7)):
            op = c.choice(["append", "appendleft", "pop", "popleft", "extend", "extendleft", "rotate", "remove", "index",
                           "count", "insert", "reverse", "getitem", "setitem", "delitem", "clear", "copy", "maxlen", "len",
                           "in", "list", "sorted", "iter", "print", "enumerate", "mutate", "eq", "truth"])
            v = self.colls_value(ty, env)
            i = str(c.randint(-4, 4))
            if op in ("append", "appendleft"):
                self.emit(indent, f"{d}.{op}({v})")
            elif op in ("pop", "popleft"):
                self.emit(indent, "try:")
                self.emit(indent + 1, f"print({d}.{op}())")
                self.emit(indent, "except IndexError as err:")
                self.emit(indent + 1, "print('IndexError', err)")
            elif op in ("extend", "extendleft"):
                arg = c.choice([self.colls_list(ty, env), d, f"list({d})"])
                if ty == "int" and c.random() < 0.3:
                    arg = f"range({c.randint(0, 4)})"
                self.emit(indent, f"{d}.{op}({arg})")
            elif op == "rotate":
                self.emit(indent, f"{d}.rotate({c.choice(['', i, str(c.randint(-20, 20)), self.expr('int', env, 2)])})")
            elif op in ("remove", "index"):
                call = f"{d}.remove({v})" if op == "remove" else f"print({d}.index({v}{c.choice(['', ', 1', ', -2', ', 0, 2'])}))"
                self.emit(indent, "try:")
                self.emit(indent + 1, call)
                self.emit(indent, "except ValueError as err:")
                self.emit(indent + 1, "print('ValueError', err)")
            elif op == "count":
                self.emit(indent, f"print({d}.count({v}))")
            elif op == "insert":
                self.emit(indent, "try:")
                self.emit(indent + 1, f"{d}.insert({i}, {v})")
                self.emit(indent, "except IndexError as err:")
                self.emit(indent + 1, "print('IndexError', err)")
            elif op in ("getitem", "setitem", "delitem"):
                stmt = {"getitem": f"print({d}[{i}])", "setitem": f"{d}[{i}] = {v}", "delitem": f"del {d}[{i}]"}[op]
                self.emit(indent, "try:")
                self.emit(indent + 1, stmt)
                self.emit(indent, "except IndexError as err:")
                self.emit(indent + 1, "print('IndexError', err)")
            elif op in ("reverse", "clear"):
                self.emit(indent, f"{d}.{op}()")
            elif op == "copy":
                e = self.fresh("dq")
                self.emit(indent, f"{e} = {c.choice([f'{d}.copy()', k['deque'] + '(' + d + ')'])}")
                self.emit(indent, f"{e}.append({v})")
                self.emit(indent, f"print({e}, {e} == {d}, {e}.maxlen)")
            elif op == "maxlen":
                self.emit(indent, f"print({d}.maxlen, {d}.maxlen is None)")
            elif op == "len":
                self.emit(indent, f"print(len({d}), bool({d}), not {d})")
            elif op == "in":
                self.emit(indent, f"print({v} in {d}, {v} not in {d})")
            elif op == "list":
                self.emit(indent, f"print(list({d}), [x for x in {d}])")
            elif op == "sorted":
                key = f", key={self.colls_key(ty)}" if c.random() < 0.4 else ""
                self.emit(indent, f"print(sorted({d}{key}){', sum(' + d + ')' if ty == 'int' else ', sum(' + d + ', 0.0)' if ty == 'float' else ''})")
            elif op == "iter":
                x = self.fresh("x")
                self.emit(indent, f"for {x} in {c.choice([d, d, 'reversed(' + d + ')'])}:")
                self.emit(indent + 1, f"print({x}, end=' ')")
                self.emit(indent, "print()")
            elif op == "enumerate":
                x, n = self.fresh("x"), self.fresh("n")
                self.emit(indent, f"for {n}, {x} in enumerate({d}):")
                self.emit(indent + 1, f"print({n}, {x}, end=' ')")
                self.emit(indent, "print()")
            elif op == "mutate":
                # CPython's iterator checks the deque's mutation counter at each step.
                x = self.fresh("x")
                mut = c.choice([f"{d}.append({v})", f"{d}.rotate(1)", f"{d}[0] = {v}", f"{d}.reverse()", f"{d}.appendleft({v})"])
                self.emit(indent, "try:")
                self.emit(indent + 1, f"for {x} in {c.choice([d, 'reversed(' + d + ')'])}:")
                self.emit(indent + 2, f"if len({d}) < 12:")
                self.emit(indent + 3, mut)
                self.emit(indent, "except RuntimeError as err:")
                self.emit(indent + 1, "print('RuntimeError', err)")
            elif op == "eq":
                # (An empty display would be a `list[int]`, as `xs == []` is.)
                self.emit(indent, f"print({d} == {k['deque']}({self.colls_list(ty, env, c.randint(1, 3))}), {d} != {d})")
            elif op == "truth":
                self.emit(indent, f"while {d} and len({d}) > 2:")
                self.emit(indent + 1, f"print({d}.popleft(), end=' ')")
                self.emit(indent, "print()")
            else:
                self.emit(indent, f"print({d}, str({d}), f'{{{d}!r}}')")
        self.emit(indent, f"print({d})")

    def colls_defaultdict(self, env, indent):
        """A defaultdict with one of the factories: lookups that insert, updates in place,
        the dict operations that do not insert, nested ones, printing."""
        c, k = self.cr, self.colls
        dd, ann = k["defaultdict"], k["defaultdict_ann"]
        kind = c.choice(["int", "int", "list", "set", "float", "str", "const", "nested", "bool"])
        factory, vty, lam = {
            "int": (c.choice(["int", "lambda: 0"]), "int", False),
            "list": (c.choice(["list", "lambda: []", "lambda: list()"]), "list[int]", False),
            "set": (c.choice(["set", "lambda: set()"]), "set[int]", False),
            "float": (c.choice(["float", "lambda: 0.0", "lambda: -2.5"]), "float", False),
            "str": (c.choice(["str", "lambda: ''", "lambda: 'x'"]), "str", False),
            "const": (c.choice(["lambda: 7", "lambda: -1"]), "int", False),
            "nested": (f"lambda: {dd}({c.choice(['int', 'lambda: 3'])})", f"{ann}[str, int]", True),
            "bool": ("bool", "bool", False),
        }[kind]
        lam = lam or factory.startswith("lambda")
        d = self.fresh("dd")
        key = c.choice(["str", "int"])
        self.emit(indent, f"{d}: {ann}[{key}, {vty}] = {dd}({factory})")
        keys = [self.expr(key, env, 3) for _ in range(3)]
        def val():
            return {"int": self.expr("int", env, 3), "float": c.choice(["1.5", "0.25", "-3.0"]), "str": self.expr("str", env, 3), "bool": c.choice(["True", "False"])}.get(vty, "1")
        for _ in range(c.randint(2, 7)):
            kk = c.choice(keys)
            op = c.choice(["update", "update", "read", "in", "get", "len", "items", "dict", "copy", "pop", "print", "setitem", "del"])
            if op == "update":
                if vty == "list[int]":
                    self.emit(indent, f"{d}[{kk}].append({self.expr('int', env, 3)})")
                elif vty == "set[int]":
                    self.emit(indent, f"{d}[{kk}].add({self.expr('int', env, 3)})")
                elif kind == "nested":
                    self.emit(indent, f"{d}[{kk}][{self.expr('str', env, 3)}] += {self.expr('int', env, 3)}")
                elif vty == "bool":
                    self.emit(indent, f"{d}[{kk}] = not {d}[{kk}]")
                elif c.random() < 0.3 and vty in ("int", "float", "str"):
                    self.emit(indent, f"{d}[{kk}] += {d}[{c.choice(keys)}]")
                else:
                    self.emit(indent, f"{d}[{kk}] += {val()}")
            elif op == "read":
                shown = f"dict({d}[{kk}])" if kind == "nested" else f"{d}[{kk}]"
                self.emit(indent, f"print({shown}, len({d}))")
            elif op == "in":
                self.emit(indent, f"print({kk} in {d}, {kk} not in {d}, len({d}))")
            elif op == "get" and kind != "nested":
                default = {"list[int]": "[]", "set[int]": "set()"}.get(vty, None) or val()
                self.emit(indent, f"print({d}.get({kk}, {default}), len({d}))")
            elif op == "len":
                self.emit(indent, f"print(len({d}), bool({d}), sorted({d}))")
            elif op == "items" and kind not in ("nested", "set"):
                self.emit(indent, f"print(sorted({d}.items()), list({d}.values()))")
            elif op == "dict" and kind != "nested":
                p = self.fresh("pd")
                self.emit(indent, f"{p} = dict({d})")
                self.emit(indent, f"print({p}, {p} == {d})")
            elif op == "copy" and not lam:
                p = self.fresh("cd")
                self.emit(indent, f"{p} = {d}.copy()")
                self.emit(indent, f"print({p}[{c.choice(keys)}], {p})")
            elif op == "pop" and kind != "nested":
                self.emit(indent, "try:")
                self.emit(indent + 1, f"print({d}.pop({kk}))")
                self.emit(indent, "except KeyError as err:")
                self.emit(indent + 1, "print('KeyError', err)")
            elif op == "setitem" and kind in ("int", "const", "float", "str"):
                self.emit(indent, f"{d}[{kk}] = {val()}")
            elif op == "del":
                self.emit(indent, f"if {kk} in {d}:")
                self.emit(indent + 1, f"del {d}[{kk}]")
            elif not lam:
                self.emit(indent, f"print({d}, str({d}))")
        if kind == "nested":
            self.emit(indent, f"print({{k: dict(v) for k, v in {d}.items()}})")
        else:
            self.emit(indent, f"print({'dict(' + d + ')' if lam else d})")

    def colls_counter(self, env, indent):
        """A Counter of an iterable: lookups that do not insert, updates, most_common's
        order among ties, elements, equality with missing keys as zero, printing."""
        c, k = self.cr, self.colls
        C = k["Counter"]
        ty = c.choice(["str", "int", "str"])
        n = self.fresh("ct")
        src = c.choice(["list", "str", "empty", "range"])
        if ty == "str" and src == "str":
            init = self.expr("str", env, 2)
        elif ty == "int" and src == "range":
            init = f"range({c.randint(0, 3)}, {c.randint(2, 7)})"
        elif src == "empty":
            init = ""
        else:
            init = self.colls_list(ty, env, c.randint(1, 8))
        if init == "":
            self.emit(indent, f"{n}: {C}[{ty}] = {C}()")
        else:
            self.emit(indent, f"{n}: {C}[{ty}] = {C}({init})")
        for _ in range(c.randint(2, 7)):
            key = self.colls_value(ty, env)
            op = c.choice(["get", "inc", "dec", "set", "del", "most", "update", "subtract", "total", "elements", "eq", "in", "items", "copy", "print", "dict", "arith"])
            if op == "get":
                self.emit(indent, f"print({n}[{key}], len({n}), {key} in {n})")
            elif op == "inc":
                self.emit(indent, f"{n}[{key}] += {c.randint(1, 3)}")
            elif op == "dec":
                self.emit(indent, f"{n}[{key}] -= 1")
            elif op == "set":
                self.emit(indent, f"{n}[{key}] = {c.randint(-1, 3)}")
            elif op == "del":
                self.emit(indent, f"del {n}[{key}]")
            elif op == "most":
                arg = c.choice(["", "1", "2", "0", "-1", "10"])
                self.emit(indent, f"print({n}.most_common({arg}))")
            elif op in ("update", "subtract"):
                arg = c.choice([self.colls_list(ty, env, c.randint(0, 4)), n, self.expr("str", env, 2) if ty == "str" else f"range({c.randint(0, 4)})"])
                self.emit(indent, f"{n}.{op}({arg})")
            elif op == "total":
                self.emit(indent, f"print({n}.total(), bool({n}))")
            elif op == "elements":
                self.emit(indent, f"print(list({n}.elements()), sorted({n}.elements()))")
            elif op == "eq":
                other = self.colls_list(ty, env, c.randint(1, 4))
                self.emit(indent, f"print({n} == {C}({other}), {n} != {n}, {n} == {n}.copy())")
            elif op == "in":
                self.emit(indent, f"print({key} in {n}, {n}.get({key}, -1), len({n}))")
            elif op == "items":
                self.emit(indent, f"print(sorted({n}.items()), sorted({n}), list({n}.values()))")
            elif op == "copy":
                cp = self.fresh("ct")
                self.emit(indent, f"{cp} = {n}.copy()")
                self.emit(indent, f"{cp}[{key}] += 1")
                self.emit(indent, f"print({cp}, {cp} == {n})")
            elif op == "dict":
                self.emit(indent, f"print(dict({n}))")
            elif op == "arith":
                other = f"{C}({self.colls_list(ty, env, c.randint(1, 5))})"
                sym = c.choice(["+", "-", "|", "&"])
                self.emit(indent, f"print({n} {sym} {other}, {other} {sym} {n})")
            else:
                self.emit(indent, f"print({n}, str({n}))")
        self.emit(indent, f"print({n})")

    def colls_heap(self, env, indent):
        """A heap list: heapify, pushes and pops, the CPython order of the list itself."""
        c, k = self.cr, self.colls
        ty = self.colls_elem()
        h = self.fresh("hp")
        self.emit(indent, f"{h}: list[{ty}] = {self.colls_list(ty, env)}")
        if c.random() < 0.7:
            self.emit(indent, f"{k['heapify']}({h})")
        for _ in range(c.randint(2, 6)):
            op = c.choice(["heappush", "heappush", "heappop", "heappushpop", "heapreplace", "nsmallest", "nlargest", "print", "drain"])
            v = self.colls_value(ty, env)
            if op == "heappush":
                self.emit(indent, f"{k['heappush']}({h}, {v})")
            elif op in ("heappop", "heapreplace"):
                call = f"{k['heappop']}({h})" if op == "heappop" else f"{k['heapreplace']}({h}, {v})"
                self.emit(indent, "try:")
                self.emit(indent + 1, f"print({call}, {h})")
                self.emit(indent, "except IndexError as err:")
                self.emit(indent + 1, "print('IndexError', err)")
            elif op == "heappushpop":
                self.emit(indent, f"print({k['heappushpop']}({h}, {v}), {h})")
            elif op in ("nsmallest", "nlargest"):
                n = c.choice(["0", "1", "2", "3", "-1", "10", f"len({h})"])
                key = f", key={self.colls_key(ty)}" if c.random() < 0.4 else ""
                self.emit(indent, f"print({k[op]}({n}, {h}{key}))")
            elif op == "drain":
                self.emit(indent, f"while len({h}) > 1:")
                self.emit(indent + 1, f"print({k['heappop']}({h}), end=' ')")
                self.emit(indent, "print()")
            else:
                self.emit(indent, f"print({h}, {h}[0] if {h} else None)")
        self.emit(indent, f"print({h})")

    def colls_bisect(self, env, indent):
        """A sorted list: bisections with lo/hi/key, insorts that keep it sorted."""
        c, k = self.cr, self.colls
        ty = self.colls_elem()
        a = self.fresh("sa")
        items = self.colls_list(ty, env)
        self.emit(indent, f"{a}: list[{ty}] = {'sorted(' + items + ')' if items != '[]' else items}")
        for _ in range(c.randint(2, 6)):
            op = c.choice(["bisect_left", "bisect_right", "bisect", "insort_left", "insort_right", "insort", "keyed"])
            v = self.colls_value(ty, env)
            bounds = c.choice(["", "", ", 1", ", 0, 2", ", lo=1", ", hi=2", ", 1, -1", f", 0, len({a})", ", -1"])
            if op == "keyed" and ty == "tuple[int, str]":
                fn = c.choice(["bisect_left", "bisect_right", "insort", "insort_left"])
                self.emit(indent, f"{a}.sort(key=lambda t: t[0])")
                if fn.startswith("bisect"):
                    self.emit(indent, f"print({k[fn]}({a}, {self.expr('int', env, 2)}{bounds}, key=lambda t: t[0]))")
                else:
                    self.emit(indent, f"{k[fn]}({a}, {v}{bounds}, key=lambda t: t[0])")
                continue
            if op == "keyed":
                op = "bisect"
            self.emit(indent, "try:")
            if op.startswith("bisect"):
                self.emit(indent + 1, f"print({k[op]}({a}, {v}{bounds}))")
            else:
                self.emit(indent + 1, f"{k[op]}({a}, {v}{bounds})")
            self.emit(indent, "except (ValueError, IndexError) as err:")
            self.emit(indent + 1, "print(type(err).__name__, err)")
        self.emit(indent, f"print({a})")

    def stdlib_imports(self):
        """`time`, `string` and math under a name of its own (`smath`) for the functions
        the rest of the generator does not use."""
        if not self.stdlib:
            return
        self.emit(0, "import math as smath")
        self.emit(0, self.sr.choice(["import string", "import string as strmod"]).replace("strmod", "string"))
        self.emit(0, "import time")
        self.emit(0, "from abc import ABC, abstractmethod")
        self.emit(0, "from collections import OrderedDict")
        self.emit(0, "from typing import NamedTuple")
        self.emit(0, "import heapq as shq")
        self.emit(0, self.sr.choice(["from enum import Enum, IntEnum, auto", "import enum"]))
        self.abc = self.sr.random() < 0.5

    def abc_prelude(self):
        """An abstract base (one abstract method with a body, for `super()`), a concrete
        subclass, and one that leaves a method abstract."""
        s = self.sr
        self.emit(0, "class Abs0(ABC):")
        self.emit(1, "def __init__(self, k: int) -> None:")
        self.emit(2, "self.k = k")
        self.emit(1, "@abstractmethod")
        self.emit(1, "def val(self) -> int:")
        self.emit(2, s.choice(["...", "pass", "'doc'"]))
        self.emit(1, "@abstractmethod")
        self.emit(1, "def tag(self) -> str:")
        self.emit(2, "return " + s.choice(["str(self.k)", "'abs'", "f'<{self.k}>'"]))
        self.emit(1, "def show(self) -> str:")
        self.emit(2, "return f'{self.tag()}={self.val()}'")
        self.emit(0, "class Abs1(Abs0):")
        self.emit(1, "def val(self) -> int:")
        self.emit(2, f"return self.k * {s.randint(-3, 5)}")
        self.emit(1, "def tag(self) -> str:")
        self.emit(2, "return 'c' + super().tag()")
        self.emit(0, "class Abs2(Abs0):")
        self.emit(1, "def val(self) -> int:")
        self.emit(2, "return -self.k")
        self.emit(0, "")

    def enum_prelude(self):
        """An Enum of ints or strs and an IntEnum, with auto() and explicit values."""
        s = self.sr
        spell = (lambda n: n) if any(l == "from enum import Enum, IntEnum, auto" for l in self.lines) else (lambda n: f"enum.{n}")
        self.emit(0, f"class Col({spell('Enum')}):")
        if s.random() < 0.5:
            values = s.sample(["'r'", "'g'", "'b'", "'x y'", "''"], 3)
        else:
            start = s.randint(-2, 5)
            values = [str(start), f"{spell('auto')}()", str(start + s.randint(5, 9))]
        for name, v in zip(["RED", "GREEN", "BLUE"], values):
            self.emit(1, f"{name} = {v}")
        self.emit(0, f"class Lvl({spell('IntEnum')}):")
        self.emit(1, f"LOW = {s.choice(['auto()', '1', '-3', '0']).replace('auto', spell('auto'))}")
        self.emit(1, f"MID = {spell('auto')}()")
        self.emit(1, f"HIGH = {s.randint(10, 20)}")
        self.emit(0, "")

    def namedtuple_prelude(self):
        """A NamedTuple of ints (with a default), and one of mixed fields with a method."""
        s = self.sr
        self.emit(0, "class Pt(NamedTuple):")
        self.emit(1, "x: int")
        self.emit(1, f"y: int = {s.randint(-3, 3)}")
        self.emit(0, "class Rec(NamedTuple):")
        self.emit(1, '"A record."')
        self.emit(1, "tag: str")
        self.emit(1, "w: float")
        self.emit(1, "def heavy(self) -> bool:")
        self.emit(2, f"return self.w > {s.choice(['0.0', '1.5', '-2.0'])}")
        self.emit(0, "")

    def stdlib_namedtuple(self, env, indent):
        s = self.sr
        a, b = self.expr("int", env, 2), self.expr("int", env, 2)
        p = self.fresh("nt")
        self.emit(indent, f"{p} = " + s.choice([f"Pt({a}, {b})", f"Pt({a})", f"Pt(y={b}, x={a})"]))
        r = self.fresh("nr")
        self.emit(indent, f"{r} = Rec({self.expr('str', env, 2)}, {s.choice(['0.5', '-1.25', '3.0', '2.0'])})")
        op = s.choice(["show", "index", "unpack", "cmp", "replace", "iter", "dict"])
        if op == "show":
            self.emit(indent, f"print({p}, [{p}], {r}, {r}.heavy(), len({p}), {p}.x, {r}.tag)")
        elif op == "index":
            self.emit(indent, f"print({p}[0], {p}[-1], {r}[1], {p}[1:], {r}[::-1])")
        elif op == "unpack":
            u1, u2, t1, t2 = self.fresh("nu"), self.fresh("nu"), self.fresh("nv"), self.fresh("nv")
            self.emit(indent, f"{u1}, {u2} = {p}")
            self.emit(indent, f"{t1}, {t2} = {r}")
            self.emit(indent, f"print({u1} - {u2}, {t1}, {t2})")
        elif op == "cmp":
            self.emit(indent, f"print({p} == Pt({a}, {b}), {p} < Pt({b}, {a}), {p} == ({a}, {b}), sorted([{p}, Pt({b})]), hash({p}) == hash(({p}.x, {p}.y)))")
        elif op == "replace":
            self.emit(indent, f"print({p}._replace(y={a}), {r}._replace(w=9.5), {p})")
        elif op == "iter":
            self.emit(indent, f"print(list({p}), sum({p}), [v + 1 for v in {p}], max({p}))")
        else:
            d = self.fresh("nd")
            self.emit(indent, f"{d}: dict[Pt, int] = {{{p}: 1}}")
            self.emit(indent, f"{d}[Pt({p}.x, {p}.y)] = 2")
            self.emit(indent, f"print({d}, {p}._asdict(), Pt._fields, Rec._fields)")

    def stdlib_merge(self, env, indent):
        """heapq.merge of sorted lists (ints, strs or pairs), consumed whole or in part."""
        s = self.sr
        ty = s.choice(["int", "str", "tuple[int, str]"])
        def one():
            if ty == "int":
                return f"sorted({self.expr('list[int]', env, 2)})"
            if ty == "str":
                return "sorted([" + ", ".join(self.expr("str", env, 3) for _ in range(s.randint(1, 3))) + "])"
            return "sorted([" + ", ".join(f"({s.randint(0, 3)}, {self.expr('str', env, 3)})" for _ in range(s.randint(1, 3))) + "])"
        srcs = ", ".join(one() for _ in range(s.randint(1, 3)))
        g = self.fresh("mg")
        self.emit(indent, f"{g} = shq.merge({srcs})")
        if s.random() < 0.5:
            self.emit(indent, f"print(list({g}))")
        else:
            self.emit(indent, f"for {self.fresh('mv')} in {g}:")
            self.emit(indent + 1, "break")
            self.emit(indent, f"print(sorted({g}))")

    def stdlib_enum(self, env, indent):
        s = self.sr
        col = s.choice(["Col.RED", "Col.GREEN", "Col.BLUE"])
        lvl = s.choice(["Lvl.LOW", "Lvl.MID", "Lvl.HIGH"])
        i = self.expr("int", env, 2)
        op = s.choice(["show", "iter", "lookup", "arith", "cmp", "dict", "name"])
        if op == "show":
            self.emit(indent, f"print({col}, repr({col}), {lvl}, repr({lvl}), [{col}], [{lvl}], {col}.name, {col}.value)")
        elif op == "iter":
            self.emit(indent, f"print(list(Col), len(Lvl), [em.value for em in Lvl], [str(em) for em in Col])")
        elif op == "lookup":
            self.emit(indent, "try:")
            self.emit(indent + 1, f"print(Lvl({i}), Col[{self.expr('str', env, 2)}])")
            self.emit(indent, "except (ValueError, KeyError) as exc:")
            self.emit(indent + 1, "print(type(exc).__name__, exc)")
            self.emit(indent, f"print(Col({col}.value) is {col}, Lvl[{lvl}.name])")
        elif op == "arith":
            self.emit(indent, f"print({lvl} + {i}, {lvl} * 2, -{lvl}, {lvl} // 3, {lvl} % 4, {i} - {lvl})")
        elif op == "cmp":
            self.emit(indent, f"print({lvl} < {i}, {lvl} == {i}, {lvl} >= Lvl.MID, sorted(Lvl, reverse=True), max(Lvl), {col} == {col}, {col} is Col.RED)")
        elif op == "dict":
            d = self.fresh("ed")
            self.emit(indent, f"{d}: dict[Col, int] = {{}}")
            self.emit(indent, f"for em in [{col}, Col.BLUE, {col}]:")
            self.emit(indent + 1, f"{d}[em] = {d}.get(em, 0) + 1")
            self.emit(indent, f"print({d}, {col} in {d})")
        else:
            self.emit(indent, f"print(type({col}).__name__, {col}.name.lower(), hash({lvl}) == hash({lvl}.value), f'{{{lvl}}}', f'{{{col}}}')")

    def stdlib_odict(self, env, indent):
        """An OrderedDict: moves, pops from both ends, order-sensitive equality, its repr
        and its views', mutation during iteration."""
        s = self.sr
        n = self.fresh("od")
        keys = ["'a'", "'b'", "'c'", "'d'", "'e'"]
        init = s.choice(["", "[" + ", ".join(f"({k}, {s.randint(-3, 9)})" for k in s.sample(keys, s.randint(1, 4))) + "]",
                         "{" + ", ".join(f"{k}: {s.randint(-3, 9)}" for k in s.sample(keys, s.randint(0, 3))) + "}"])
        self.emit(indent, f"{n}: OrderedDict[str, int] = OrderedDict({init})")
        for _ in range(s.randint(2, 7)):
            k = s.choice(keys + [self.expr("str", env, 2)])
            op = s.choice(["set", "move", "move", "pop", "popitem", "eq", "print", "views", "del", "iter", "merge", "copy"])
            if op == "set":
                self.emit(indent, f"{n}[{k}] = {self.expr('int', env, 2)}")
            elif op == "move":
                last = s.choice(["", ", last=False", ", True", ", False", ", last=True"])
                self.emit(indent, "try:")
                self.emit(indent + 1, f"{n}.move_to_end({k}{last})")
                self.emit(indent, "except KeyError as exc:")
                self.emit(indent + 1, "print('KeyError', exc)")
            elif op == "pop":
                self.emit(indent, f"print({n}.pop({k}, -1), {n}.setdefault({k}, 7))")
            elif op == "popitem":
                last = s.choice(["", "last=False", "False", "last=True"])
                self.emit(indent, "try:")
                self.emit(indent + 1, f"print({n}.popitem({last}))")
                self.emit(indent, "except KeyError as exc:")
                self.emit(indent + 1, "print('KeyError', exc)")
            elif op == "eq":
                other = "OrderedDict([" + ", ".join(f"({kk}, {n}[{kk}])" for kk in s.sample(keys, 2)) + "])" if s.random() < 0.3 else f"OrderedDict(reversed(list({n}.items())))"
                self.emit(indent, f"print({n} == {other}, {n} == dict({n}), {n} == {n}.copy(), dict({n}) == {other})")
            elif op == "print":
                self.emit(indent, f"print({n}, [{n}], len({n}), {k} in {n})")
            elif op == "views":
                self.emit(indent, f"print({n}.keys(), {n}.values(), {n}.items(), list({n}))")
            elif op == "del":
                self.emit(indent, f"if {k} in {n}:")
                self.emit(indent + 1, f"del {n}[{k}]")
            elif op == "iter":
                kk = self.fresh("ok")
                mut = s.choice([f"{n}.move_to_end({kk})", f"{n}[{kk}] = 0", f"{n}['zz'] = 1", "pass"])
                self.emit(indent, "try:")
                self.emit(indent + 1, f"for {kk} in {n}:")
                self.emit(indent + 2, mut)
                self.emit(indent, "except RuntimeError as exc:")
                self.emit(indent + 1, "print('RuntimeError', exc)")
            elif op == "merge":
                self.emit(indent, f"print({n} | {{{k}: 5}}, {{{k}: 6}} | {n})")
            else:
                c2 = self.fresh("od")
                self.emit(indent, f"{c2} = {n}.copy()")
                self.emit(indent, f"{c2}[{k}] = 11")
                self.emit(indent, f"print({c2}, {c2} == {n})")
        self.emit(indent, f"print({n})")

    def stdlib_abc(self, env, indent):
        s = self.sr
        k = self.expr("int", env, 2)
        cls = s.choice(["Abs0", "Abs1", "Abs1", "Abs2"])
        self.emit(indent, "try:")
        self.emit(indent + 1, f"print({cls}({k}).show())")
        self.emit(indent, "except TypeError as exc:")
        self.emit(indent + 1, "print('TypeError', exc)")

    def stdlib_stmt(self, env, indent):
        s = self.sr
        which = s.choice(["math", "math", "math", "string", "time", "odict", "odict", "odict", "enum", "enum", "enum", "namedtuple", "namedtuple", "namedtuple", "merge"] + (["abc", "abc"] if self.abc else []))
        getattr(self, f"stdlib_{which}")(env, indent)

    def stdlib_float(self, env):
        s = self.sr
        return s.choice([self.expr("float", env, 2), s.choice(["0.5", "-1.5", "2.0", "-3.0", "0.0", "-0.0", "1e-21", "171.5", "200.5", "-200.5", "1e308", "smath.inf", "-smath.inf", "smath.nan", "5e-324", "23.0", "24.5", "-2.25", "141.3", "7.0", "-7.5"])])

    def stdlib_math(self, env, indent):
        """The rest of math, with CPython's errors: gamma, lgamma, ulp, nextafter, fmod,
        remainder, pow, ldexp, frexp, modf, isnan and its kin."""
        s = self.sr
        x, y = self.stdlib_float(env), self.stdlib_float(env)
        call = s.choice([f"smath.gamma({x})", f"smath.lgamma({x})", f"smath.ulp({x})", f"smath.nextafter({x}, {y})", f"smath.fmod({x}, {y})",
                         f"smath.remainder({x}, {y})", f"smath.pow({x}, {y})", f"smath.ldexp({x}, {s.choice(['3', '-1075', '1100', '-5', '0', self.expr('int', env, 2)])})",
                         f"smath.frexp({x})", f"smath.modf({x})", f"(smath.isnan({x}), smath.isinf({x}), smath.isfinite({x}))"])
        self.emit(indent, "try:")
        self.emit(indent + 1, f"print({call})")
        self.emit(indent, "except (ValueError, OverflowError) as exc:")
        self.emit(indent + 1, "print(type(exc).__name__, exc)")

    def stdlib_string(self, env, indent):
        s = self.sr
        const = f"string.{s.choice(['ascii_letters', 'ascii_lowercase', 'ascii_uppercase', 'digits', 'hexdigits', 'octdigits', 'punctuation', 'whitespace', 'printable'])}"
        text = self.expr("str", env, 2)
        self.emit(indent, s.choice([f"print(repr({const}), len({const}))", f"print([ch for ch in {text} if ch in {const}])",
                                    f"print({const}.find({text}), {text} in {const})", f"print(sum(1 for ch in {const} if ch in {text}))"]))

    def stdlib_time(self, env, indent):
        s = self.sr
        t = self.fresh("tm")
        clock = s.choice(["time.time()", "time.perf_counter()", "time.monotonic()"])
        self.emit(indent, f"{t} = {clock}")
        if s.random() < 0.3:
            self.emit(indent, f"time.sleep({s.choice(['0', '0.001', '0.0'])})")
        self.emit(indent, f"print({clock.replace('()', '')}() - {t} >= 0, {s.choice(['time.time_ns()', 'time.perf_counter_ns()', 'time.monotonic_ns()'])} > 0)")

    def program(self) -> str:
        self.imports()
        self.colls_imports()
        self.stdlib_imports()
        self.emit(0, "from typing import Callable, Iterator, Generator")
        self.classes = self.r.random() < 0.5
        if self.classes:
            self.classes_prelude()
        if self.dataclass:
            self.dataclass_prelude()
        self.exceptions_prelude()
        if self.stdlib and self.abc:
            self.abc_prelude()
        if self.stdlib:
            self.enum_prelude()
            self.namedtuple_prelude()
        set_globals = self.set_globals()
        for i in range(self.r.randint(1, 4)):
            self.function(i)
        self.set_functions(set_globals)
        if self.gr.random() < 0.4:
            for i in range(self.gr.randint(1, 3)):
                self.generator_function(i)
        if self.ftr.random() < 0.5:
            self.functools_prelude()
        forever = self.wr.random() < 0.15
        if forever:
            # Ends in a loop without `break`: it cannot fall off its end (no missing-return).
            self.emit(0, "def settle(n: int) -> int:")
            self.emit(1, "i = 0")
            self.emit(1, self.wr.choice(["while True:", "while 1:"]))
            self.emit(2, "i += 1")
            self.emit(2, f"if i * i > n or i > {self.wr.randint(3, 50)}:")
            self.emit(3, "return i")
        self.emit(0, "def main() -> None:")
        env: dict = dict(self.finals)
        if forever:
            self.emit(1, f"print(settle({self.wr.randint(-5, 3000)}))")
        if self.wr.random() < 0.08:
            # Loops nested 18 to 21 deep: CPython refuses more than 20 statically nested
            # blocks (SyntaxError), and so must multigen.
            depth = self.wr.choice([18, 19, 20, 20, 21])
            for k in range(depth):
                self.emit(1 + k, f"for q{k} in range({self.wr.randint(1, 2)}):")
            self.emit(1 + depth, f"print('deep', {' + '.join(f'q{k}' for k in range(depth))})")
        if set_globals:
            self.emit(1, f"global {', '.join(set_globals)}")
            env.update((g, "set[int]") for g in set_globals)
        if self.sys:
            # One argv list, whatever it is read through (the script's name differs: not printed).
            self.emit(1, f"{self.sys['argv']}.append({self.pick(STR_LITERALS)})")
            self.emit(1, f"print(len({self.sys['argv']}), {self.sys['argv']}[1:])")
        self.block(env, 1, self.r.randint(8, 20))
        self.emit(0, "")
        self.emit(0, "")
        self.emit(0, 'if __name__ == "__main__":')
        self.emit(1, f"{self.sys['exit']}(main())" if self.sys and self.r.random() < 0.7 else "main()")
        if self.rand:
            # Seeded first thing, so that the numbers are CPython's (unseeded, they would differ
            # from run to run); the import after any `from __future__`.
            main_at = self.lines.index("def main() -> None:") + 1
            self.lines.insert(main_at, f"    {self.rand['seed']}({self.rr.randint(0, 10**6)})")
            at = sum(1 for line in self.lines if line.startswith("from __future__"))
            self.lines[at:at] = self.random_imports()
        return "\n".join(self.lines) + "\n"


def generate(seed: int) -> str:
    return Gen(random.Random(seed)).program()


# ---- CPython with 64-bit ints -------------------------------------------------------

CHECK_PRELUDE = '''
import operator as _mg_operator
def _mg_chk(v):
    if type(v) is int and not (-9223372036854775808 <= v <= 9223372036854775807):
        raise OverflowError("integer overflow")
    return v


def _mg_iadd(a, b):
    a += b
    return _mg_chk(a)


def _mg_ior(a, b):
    a |= b
    return _mg_chk(a)


def _mg_iand(a, b):
    a &= b
    return _mg_chk(a)


def _mg_isub(a, b):
    a -= b
    return _mg_chk(a)


def _mg_ixor(a, b):
    a ^= b
    return _mg_chk(a)


def _mg_imul(a, b):
    a *= b
    return _mg_chk(a)
def _mg_item_aug(c, k, value, op):
    # `c[k] op= v` as CPython runs it: the item is read before `v` is evaluated, updated in
    # place (a list item stays the same object), checked, and stored back.
    cur = c[k]
    cur = op(cur, value())
    c[k] = _mg_chk(cur)
'''

# In-place operators that mutate containers (list `+=` and `*=`, set `|=` `&=` `-=` `^=`) go through
# helpers doing `a op= b`, so that the object is updated in place as in the original.
INPLACE_HELPERS = {ast.Add: "_mg_iadd", ast.BitOr: "_mg_ior", ast.BitAnd: "_mg_iand", ast.Sub: "_mg_isub", ast.BitXor: "_mg_ixor", ast.Mult: "_mg_imul"}


def is_constant(node) -> bool:
    """Constant arithmetic (`-13`, `2**62`) that CPython folds at compile time, with a result
    inside 64 bits: wrapping it would turn set literals of constants into ordinary ones,
    which changes their order.  (A constant expression outside 64 bits is still checked:
    multigen evaluates it with 64-bit ints and raises.)"""
    def pure(n):
        if isinstance(n, ast.Constant):
            return True
        if isinstance(n, ast.UnaryOp):
            return pure(n.operand)
        if isinstance(n, ast.BinOp):
            return pure(n.left) and pure(n.right)
        return False
    if not pure(node):
        return False

    def in_range(n) -> bool:
        # Every intermediate value, not only the result, must fit in 64 bits.
        if isinstance(n, ast.UnaryOp) and not in_range(n.operand):
            return False
        if isinstance(n, ast.BinOp) and not (in_range(n.left) and in_range(n.right)):
            return False
        try:
            value = eval(compile(ast.Expression(body=n), "const", "eval"))
        except Exception:
            return False
        return not (type(value) is int and not (INT_MIN <= value <= INT_MAX))

    return in_range(node)


class CheckInts(ast.NodeTransformer):
    """Wraps every operation that can produce an int in `_mg_chk(...)`."""

    def wrap(self, node):
        if is_constant(node):
            return node
        return ast.copy_location(ast.Call(func=ast.Name("_mg_chk", ast.Load()), args=[node], keywords=[]), node)

    def visit_BinOp(self, node):
        if is_constant(node):
            return node
        self.generic_visit(node)
        return self.wrap(node)

    def visit_UnaryOp(self, node):
        if is_constant(node):
            return node
        self.generic_visit(node)
        return self.wrap(node) if isinstance(node.op, ast.USub) else node

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in {"abs", "sum", "int", "round"} | MATH_INT_CALLS:
            return self.wrap(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr in MATH_INT_CALLS:
            return self.wrap(node)
        return node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if isinstance(node.target, ast.Attribute) and isinstance(node.target.value, ast.Name):
            # `obj.f op= v` (generated code: `obj` is a plain name, read twice harmlessly).
            target = ast.Attribute(ast.Name(node.target.value.id, ast.Load()), node.target.attr, ast.Load())
        elif isinstance(node.target, ast.Name):
            target = ast.Name(node.target.id, ast.Load())
        elif isinstance(node.target, ast.Subscript) and type(node.op) in ITEM_OPS:
            # `c[k] op= v`: `c` and `k` evaluated once, then the item, then `v` (a lambda).
            sub = node.target
            op = ast.Attribute(ast.Name("_mg_operator", ast.Load()), ITEM_OPS[type(node.op)], ast.Load())
            value = ast.Lambda(ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), node.value)
            call = ast.Call(func=ast.Name("_mg_item_aug", ast.Load()), args=[sub.value, sub.slice, value, op], keywords=[])
            return ast.copy_location(ast.Expr(call), node)
        else:
            return node
        helper = INPLACE_HELPERS.get(type(node.op))
        if helper:
            call = ast.Call(func=ast.Name(helper, ast.Load()), args=[target, node.value], keywords=[])
            return ast.copy_location(ast.Assign(targets=[node.target], value=call), node)
        value = ast.BinOp(left=target, op=node.op, right=node.value)
        return ast.copy_location(ast.Assign(targets=[node.target], value=self.wrap(value)), node)


# The in-place operator functions of `c[k] op= v` (`_mg_item_aug`).
ITEM_OPS = {ast.Add: "iadd", ast.Sub: "isub", ast.Mult: "imul", ast.FloorDiv: "ifloordiv", ast.Mod: "imod", ast.Pow: "ipow", ast.LShift: "ilshift",
            ast.RShift: "irshift", ast.BitAnd: "iand", ast.BitOr: "ior", ast.BitXor: "ixor", ast.Div: "itruediv"}


def checked_source(source: str) -> str:
    tree = CheckInts().visit(ast.parse(source))
    ast.fix_missing_locations(tree)
    # `from __future__` imports must stay first.
    future = [s for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    tree.body = [s for s in tree.body if s not in future]
    return "".join(ast.unparse(s) + "\n" for s in future) + CHECK_PRELUDE + ast.unparse(tree)


# ---- running ----------------------------------------------------------------------------

# What every program (CPython's run and multigen's) reads from standard input.
STDIN_TEXT = "first line\n42\n  ünï spaced  \n\r\nlast without newline".encode()


def run(cmd, timeout=20, cwd=None):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout, cwd=cwd, input=STDIN_TEXT)
        return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


# Buffered as a user's terminal-less run is (CPython honours PYTHONUNBUFFERED, and so does multigen).
BUFFERED_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def run_combined(cmd):
    """stdout and stderr into one pipe, buffered: how the two interleave.  Only for
    programs that write to stderr on purpose and end normally (a traceback's text differs
    in its file name and carets).  In a folder of its own, so that the files a program
    writes do not change what the other runs of it see."""
    try:
        with tempfile.TemporaryDirectory() as cwd:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20, cwd=cwd, input=STDIN_TEXT, env=BUFFERED_ENV)
        return p.stdout.decode("utf-8", "replace") if p.returncode == 0 else None
    except subprocess.TimeoutExpired:
        return None


def last_line(text):
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[-1].strip() if lines else ""


# ---- programs of several files ---------------------------------------------------------

import builtins

BUILTIN_NAMES = set(dir(builtins))


def split_modules(src: str, name: str):
    """A fifth of the programs are cut in two: the top-level functions that read no global of
    the script (other than functions moved with them and imported modules) go to a module,
    or to a module of a package, that the script imports first; the module repeats the
    script's imports and may print at its top level.  Returns the script and the other
    files (path relative to the script's folder -> text); deterministic in `name`."""
    rng = random.Random("split" + name)
    if rng.random() >= 0.2:
        return src, {}
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return src, {}
    future = [s for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom)) and s not in future]
    imported = {(a.asname or a.name).split(".")[0] for s in imports for a in s.names}
    top_bound = set()
    for s in tree.body:
        for n in ast.walk(s):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load):
                top_bound.add(n.id)
        if isinstance(s, (ast.FunctionDef, ast.ClassDef)):
            top_bound.add(s.name)
    # Functions without decorators, and classes (their bases and decorators are names like any).
    funcs = {s.name: s for s in tree.body if (isinstance(s, ast.FunctionDef) and not s.decorator_list) or isinstance(s, ast.ClassDef)}

    def free(f):
        loaded = {n.id for n in ast.walk(f) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        bound = {n.id for n in ast.walk(f) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
        bound |= {a.arg for a in ast.walk(f) if isinstance(a, ast.arg)}
        bound |= {d.name for d in ast.walk(f) if isinstance(d, (ast.FunctionDef, ast.ClassDef)) and d is not f}
        return loaded - bound

    def movable_alone(f):
        if f.name in BUILTIN_NAMES or f.name.startswith("_"):
            return False
        return not any(isinstance(n, (ast.Global, ast.Nonlocal)) or (isinstance(n, ast.Name) and n.id == "__name__") for n in ast.walk(f))

    movable = {n for n, f in funcs.items() if movable_alone(f)}
    changed = True
    while changed:
        changed = False
        for n in sorted(movable):
            if any(x in top_bound and x not in movable and x not in imported for x in free(funcs[n])):
                movable.discard(n)
                changed = True
    if not movable:
        return src, {}
    moved = [f for f in tree.body if isinstance(f, (ast.FunctionDef, ast.ClassDef)) and f.name in movable]
    lines = src.splitlines(keepends=True)
    drop = set()
    for f in moved:
        first = min([f.lineno] + [d.lineno for d in f.decorator_list])
        drop.update(range(first - 1, f.end_lineno))
    tag = name.replace("-", "_")
    package = rng.random() < 0.4
    module = f"p_{tag}.core" if package else f"m_{tag}"
    head = "".join(ast.get_source_segment(src, s) + "\n" for s in future + imports)
    if rng.random() < 0.5:
        head += "print('loading', __name__)\n"
    def segment(f):
        first = min([f.lineno] + [d.lineno for d in f.decorator_list])
        return "".join(lines[first - 1:f.end_lineno])

    body = head + "\n" + "\n".join(segment(f) for f in moved)
    names = ", ".join(f.name for f in moved)
    import_line = f"from {module} import {names}\n"
    # After the docstring and `from __future__` imports, before any other statement.
    first = next((s for s in tree.body if s not in future and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and s is tree.body[0])), None)
    at = first.lineno - 1 if first is not None else len(lines)
    main = "".join(lines[:at]) + import_line + "".join(l for i, l in enumerate(lines) if i >= at and i not in drop)
    files = {}
    if package:
        files[f"p_{tag}/__init__.py"] = "print('package', __name__)\n" if rng.random() < 0.5 else ""
        files[f"p_{tag}/core.py"] = body
    else:
        files[f"m_{tag}.py"] = body
    return main, files


def write_modules(folder: pathlib.Path, files: dict, transform=lambda text: text):
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(transform(text) if text.strip() else text)


def expected(src_path: pathlib.Path, tmp: pathlib.Path, modules=None):
    # A program of several files is checked in a folder of its own, next to its checked modules.
    folder = tmp / ("oracle_" + src_path.stem) if modules else tmp
    folder.mkdir(exist_ok=True)
    if modules:
        write_modules(folder, modules, checked_source)
    checked = folder / (src_path.stem + "_checked.py")
    # Keep the program's own file name in tracebacks irrelevant: only the last line is compared.
    checked.write_text(checked_source(src_path.read_text()))
    rc, out, err = run([sys.executable, str(checked)], cwd=tmp)
    if "stderr" in src_path.read_text():
        out = (out, run_combined([sys.executable, str(checked.resolve())]))
    return rc, out, last_line(err) if rc else ""


def observe(binary, src_path: pathlib.Path, tmp: pathlib.Path):
    results = {}
    binary = os.path.abspath(binary) if os.sep in binary else binary  # the combined runs run elsewhere
    combined = "stderr" in src_path.read_text()
    jit = [binary, "run", "--no-cache", str(src_path.resolve())]
    rc, out, err = run(jit, cwd=tmp)
    if rc == 1 and "error[" in err or (rc == 1 and "could not compile" in err):
        return None, err
    results["jit"] = (rc, (out, run_combined(jit)) if combined else out, last_line(err) if rc else "")
    exe = tmp / (src_path.stem + ".exe")
    brc, _, berr = run([binary, "build", str(src_path), "-o", str(exe)])
    if brc != 0:
        results["aot"] = (brc, "", "build failed: " + last_line(berr))
    else:
        rc, out, err = run([str(exe)], cwd=tmp)
        results["aot"] = (rc, (out, run_combined([str(exe.resolve())])) if combined else out, last_line(err) if rc else "")
    return results, ""


def mismatch(binary, src: str, tmp: pathlib.Path, name: str):
    """None when multigen agrees with CPython; 'refused: ...' when multigen refuses; else a description."""
    src, modules = split_modules(src, name)
    folder = tmp
    if modules:
        folder = tmp / name
        folder.mkdir(exist_ok=True)
        write_modules(folder, modules)
    path = folder / f"{name}.py"
    path.write_text(src)
    want = expected(path, tmp, modules)
    if want[0] is None:
        return None  # CPython timed out: not a usable case
    got, refusal = observe(binary, path, tmp)
    # Past 8 KiB of stdout, CPython's two layers of buffering (TextIOWrapper's pending
    # chunk over BufferedWriter) flush at other points than multigen's one buffer, a known
    # difference: the two streams are then compared apart only.
    if got is not None and isinstance(want[1], tuple) and len(want[1][0].encode()) >= 8192:
        want = (want[0], want[1][0], want[2])
        got = {mode: (res[0], res[1][0] if isinstance(res[1], tuple) else res[1], res[2]) for mode, res in got.items()}
    if got is None:
        # What CPython's compiler refuses, multigen refuses too (nested blocks).
        if want[0] == 1 and want[2].startswith("SyntaxError: too many statically nested blocks") and "nested" in refusal:
            return None
        return "refused: " + last_line(refusal)
    for mode, res in got.items():
        if res != want:
            return f"{mode}: got exit {res[0]} {res[2]!r}, want exit {want[0]} {want[2]!r}; stdout equal: {res[1] == want[1]}"
    return None


def shrink(binary, src: str, tmp: pathlib.Path, name: str) -> str:
    """Removes lines (with their indented blocks) while the program still fails the same way."""
    kind = (mismatch(binary, src, tmp, name) or "").split(":")[0]
    lines = src.splitlines()
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(lines):
            indent = len(lines[i]) - len(lines[i].lstrip())
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                j += 1
            candidate = lines[:i] + lines[j:]
            text = "\n".join(candidate) + "\n"
            try:
                compile(text, "x", "exec")
                ok = True
            except SyntaxError:
                ok = False
            if ok:
                m = mismatch(binary, text, tmp, name)
                if m and m.split(":")[0] == kind and not m.startswith("refused"):
                    lines = candidate
                    changed = True
                    continue
            i = j if j > i else i + 1
    return "\n".join(lines) + "\n"


def fuzz_input(rng: random.Random) -> bytes:
    c = rng.randint(0, 5)
    if c == 0:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300)))
    if c == 1:
        depth = rng.choice([50, 500, 5000, 50000])
        return ("x = " + "(" * depth + "1" + ")" * depth + "\n").encode()
    if c == 2:
        depth = rng.choice([50, 200, 1000])
        return "".join("    " * i + f"if x{i}:\n" for i in range(depth)).encode() + b"    " * depth + b"pass\n"
    src = generate(rng.randint(0, 10**9)).splitlines()
    for _ in range(rng.randint(1, 6)):
        if not src:
            break
        i = rng.randrange(len(src))
        op = rng.randint(0, 3)
        if op == 0:
            del src[i]
        elif op == 1:
            src.insert(i, src[rng.randrange(len(src))])
        elif op == 2 and src[i]:
            k = rng.randrange(len(src[i]))
            src[i] = src[i][:k] + rng.choice("()[]{}:,.+-*/%=<>!'\"\\#@ \taz09é") + src[i][k + 1:]
        else:
            j = rng.randrange(len(src))
            src[i], src[j] = src[j], src[i]
    return ("\n".join(src) + "\n").encode()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "multigen"))
    ap.add_argument("--seeds", default="0-49")
    ap.add_argument("--fuzz", type=int, default=0)
    ap.add_argument("--keep", default=str(ROOT / "tests" / "difftest"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--only-split", action="store_true", help="run only the seeds whose program is cut into several files (split_modules)")
    a = ap.parse_args()
    # Programs run in the directory of the data files: a relative path to the binary would not resolve there.
    if os.sep in a.bin:
        a.bin = str(pathlib.Path(a.bin).resolve())
    lo, _, hi = a.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    if a.only_split:
        seeds = [s for s in seeds if split_modules(generate(s), f"seed{s}")[1]]
    passed = failed = refused = 0
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="mg-diff-"))
    write_data_files(tmp)

    def one(seed):
        return seed, mismatch(a.bin, generate(seed), tmp, f"seed{seed}")

    with cf.ThreadPoolExecutor(a.jobs) as pool:
        for seed, m in pool.map(one, seeds):
            if m is None:
                passed += 1
            elif m.startswith("refused"):
                refused += 1
                failed += 1
                print(f"seed {seed}: multigen refused a generated program: {m}")
            else:
                failed += 1
                print(f"seed {seed}: {m}")
                if not a.no_shrink:
                    small = shrink(a.bin, generate(seed), tmp, f"shrink{seed}")
                    keep = pathlib.Path(a.keep)
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"seed{seed}.py").write_text(small)
                    print(f"  shrunk to {len(small.splitlines())} lines: {keep / f'seed{seed}.py'}")

    rng = random.Random(12345)
    fuzz_failures = 0
    for k in range(a.fuzz):
        data = fuzz_input(rng)
        path = tmp / f"fuzz{k}.py"
        path.write_bytes(data)
        rc, _, err = run([a.bin, "check", str(path)], timeout=20)
        if rc not in (0, 1, 2):
            fuzz_failures += 1
            keep = pathlib.Path(a.keep)
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"fuzz{k}.py").write_bytes(data)
            print(f"fuzz input {k}: exit {rc}: {last_line(err)[:200]}")
    print(f"programs: {len(seeds)} generated, {passed} agreed with CPython, {refused} refused by multigen")
    if a.fuzz:
        print(f"fuzz: {a.fuzz} inputs, {fuzz_failures} crashes or hangs")
    print(f"{passed + a.fuzz - fuzz_failures} passed, {failed + fuzz_failures} failed")
    sys.exit(1 if failed + fuzz_failures else 0)


if __name__ == "__main__":
    main()
