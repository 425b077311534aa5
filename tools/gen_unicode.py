#!/usr/bin/env python3
"""Generates runtime/mg_unicode_db.h, the runtime's Unicode character database.

usage: tools/gen_unicode.py [--check] [--out PATH]

The tables are read off the CPython that runs this script (it must be 3.11, whose
database is Unicode 14.0, the version multigen's output is compared with): every
property comes from CPython's own str methods on one-character strings, so the runtime
reproduces exactly what `str` does, not what the Unicode standard says in general.

  flags       chr(c).isalpha() isdecimal() isdigit() isnumeric() isspace() islower()
              isupper() isprintable(); titlecase = category Lt (CPython's TITLE_MASK);
  cased,      not exposed by str, so probed through the two places CPython uses them:
  case-       title() (a character after a cased one is lowercased) and the final-sigma
  ignorable   rule of lower() (`handle_capital_sigma`), then cross-checked with their
              definitions in terms of unicodedata (Unicode's Cased and Case_Ignorable);
  mappings    chr(c).lower() upper() title() casefold(), which are CPython's full
              (one-to-many) mappings for one character;
  decimal     int(chr(c)) for decimal characters (int() and float() accept them);
  identifier  chr(c).isidentifier() (XID_Start, and `_`) and ("a" + chr(c)).isidentifier()
              (XID_Continue), for str.isidentifier().

Layout, as CPython's Tools/unicode/makeunicodedata.py lays out unicodetype_db.h: each
code point has a record (deduplicated: a case mapping to one code point is stored as a
delta, so runs of letters share records); a two-level index maps a code point to its
record (`index1[cp >> SHIFT]` picks a block, `index2[(block << SHIFT) + (cp & MASK)]`
the record; identical blocks are stored once, and SHIFT is the one that makes the two
arrays smallest).  A mapping to several code points is stored in `mg_uni_ext`, and
the record holds its length and offset there.

--check compares the header with what would be generated and fails if they differ.
"""
import argparse, pathlib, sys, unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "runtime" / "mg_unicode_db.h"
N_CODE_POINTS = 0x110000
UNICODE_VERSION = "14.0.0"

# Record flags: keep in sync with runtime/mg_unicode.c, which only uses these names.
FLAGS = [
    "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "LOWER", "UPPER", "TITLE",
    "PRINTABLE", "CASED", "CASE_IGNORABLE",
    # The mapping is a (length << 24 | offset) into mg_uni_ext instead of a delta.
    "EXT_LOWER", "EXT_UPPER", "EXT_TITLE", "EXT_FOLD",
    # str.isidentifier(): may start an identifier (XID_Start, and `_`), may continue one.
    "ID_START", "ID_CONTINUE",
]
BIT = {name: 1 << i for i, name in enumerate(FLAGS)}
MAPPINGS = ["lower", "upper", "title", "fold"]


def cased_and_ignorable(ch: str) -> tuple[bool, bool]:
    """CPython's _PyUnicode_IsCased and _PyUnicode_IsCaseIgnorable, observed.

    title(): a character following a cased one is lowercased, else titlecased, so the
    `a` of `ch + "a"` comes out `a` exactly when ch is cased.
    lower() of `ch + "Σ"`: final sigma needs a cased character before Σ, skipping
    case-ignorable ones; so it is final iff ch is cased and not case-ignorable.
    lower() of `"A" + ch + "Σ"`: final iff ch is case-ignorable (skipped, then A is
    cased) or cased.  Together they determine case-ignorable for every ch."""
    cased = (ch + "a").title()[-1] == "a"
    final_alone = (ch + "\u03a3").lower()[-1] == "\u03c2"
    final_after_a = ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"
    ignorable = not final_alone if cased else final_after_a
    # Consistency of the probes: a cased character is final when alone unless ignorable.
    assert final_after_a or not cased, hex(ord(ch))
    return cased, ignorable


def unicode_cased_and_ignorable(ch: str) -> tuple[bool, bool]:
    """The same two properties from their Unicode definitions (UAX #44, Table 9), as far
    as unicodedata exposes them: only a cross-check of the probes."""
    cat = unicodedata.category(ch)
    cased = ch.islower() or ch.isupper() or cat == "Lt"
    # Word_Break MidLetter / MidNumLet / Single_Quote, per WordBreakProperty.txt 14.0.
    mid = ch in "\u0027\u002e\u003a\u00b7\u0387\u055f\u05f4\u2018\u2019\u2024\u2027\ufe13\ufe52\ufe55\uff07\uff0e\uff1a"
    ignorable = cat in ("Mn", "Me", "Cf", "Lm", "Sk") or mid
    return cased, ignorable


def properties(cp: int, ext: list[int], ext_at: dict) -> tuple:
    ch = chr(cp)
    flags = 0
    for name, test in [
        ("ALPHA", ch.isalpha), ("DECIMAL", ch.isdecimal), ("DIGIT", ch.isdigit),
        ("NUMERIC", ch.isnumeric), ("SPACE", ch.isspace), ("LOWER", ch.islower),
        ("UPPER", ch.isupper), ("PRINTABLE", ch.isprintable),
    ]:
        if test():
            flags |= BIT[name]
    is_title = unicodedata.category(ch) == "Lt"
    # The runtime's whole-string tests rely on the three case classes being disjoint.
    assert [ch.islower(), ch.isupper(), is_title].count(True) <= 1, hex(cp)
    # A one-character str is a title iff the character is titlecase or uppercase.
    assert ch.istitle() == (is_title or ch.isupper()), hex(cp)
    if is_title:
        flags |= BIT["TITLE"]
    cased, ignorable = cased_and_ignorable(ch)
    if (cased, ignorable) != unicode_cased_and_ignorable(ch):
        sys.exit(f"gen_unicode: U+{cp:04X}: probed cased/case-ignorable {(cased, ignorable)} "
                 f"disagree with the Unicode definitions {unicode_cased_and_ignorable(ch)}")
    if ch.isidentifier():
        flags |= BIT["ID_START"]
    if ("a" + ch).isidentifier():
        flags |= BIT["ID_CONTINUE"]
    if cased:
        flags |= BIT["CASED"]
    if ignorable:
        flags |= BIT["CASE_IGNORABLE"]
    fields = []
    for name, mapped in zip(MAPPINGS, [ch.lower(), ch.upper(), ch.title(), ch.casefold()]):
        if len(mapped) == 1:
            fields.append(ord(mapped) - cp)
            continue
        assert 1 < len(mapped) <= 3, (hex(cp), name, mapped)
        seq = tuple(map(ord, mapped))
        if seq not in ext_at:
            ext_at[seq] = len(ext)
            ext.extend(seq)
        assert ext_at[seq] < 1 << 16
        flags |= BIT["EXT_" + name.upper()]
        fields.append(len(seq) << 24 | ext_at[seq])
    decimal = int(ch) if ch.isdecimal() else 0
    if ch.isdecimal():
        assert decimal == unicodedata.decimal(ch), hex(cp)
    return (flags, *fields, decimal)


def size_of(values) -> int:
    top = max(values)
    return 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4


def split_bins(table: list[int]) -> tuple[list[int], list[int], int]:
    """The two-level index of smallest total size: for each block size 2**shift, blocks
    of `table` are deduplicated into index2 and index1 names each block's start."""
    best = None
    for shift in range(0, 16):
        size = 1 << shift
        index1, index2, seen = [], [], {}
        for start in range(0, len(table), size):
            block = tuple(table[start:start + size])
            at = seen.get(block)
            if at is None:
                at = seen[block] = len(index2) >> shift
                index2.extend(block)
            index1.append(at)
        total = len(index1) * size_of(index1) + len(index2) * size_of(index2)
        if best is None or total < best[0]:
            best = (total, index1, index2, shift)
    _, index1, index2, shift = best
    for cp in range(len(table)):
        assert index2[(index1[cp >> shift] << shift) + (cp & ((1 << shift) - 1))] == table[cp]
    return index1, index2, shift


def c_array(ctype: str, name: str, values, per_line: int = 16) -> str:
    lines = [f"static const {ctype} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("    " + ", ".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def c_type(values) -> str:
    return {1: "uint8_t", 2: "uint16_t", 4: "uint32_t"}[size_of(values)]


def generate() -> str:
    if unicodedata.unidata_version != UNICODE_VERSION:
        sys.exit(f"gen_unicode: needs CPython 3.11 (Unicode {UNICODE_VERSION}); this Python has Unicode {unicodedata.unidata_version}")
    ext: list[int] = []
    ext_at: dict = {}
    # Record 0 is the one of unassigned code points: no flags, every mapping the identity.
    records = {(0, 0, 0, 0, 0, 0): 0}
    table = []
    for cp in range(N_CODE_POINTS):
        rec = properties(cp, ext, ext_at)
        table.append(records.setdefault(rec, len(records)))
    index1, index2, shift = split_bins(table)
    out = [
        f"/* Generated by tools/gen_unicode.py from CPython {sys.version_info[0]}.{sys.version_info[1]} "
        f"(Unicode {unicodedata.unidata_version}); do not edit.",
        " * Regenerate with `python3 tools/gen_unicode.py`; the layout is explained there. */",
        "#ifndef MG_UNICODE_DB_H",
        "#define MG_UNICODE_DB_H",
        "",
        "#include <stdint.h>",
        "",
        f'#define MG_UNI_VERSION "{unicodedata.unidata_version}"',
    ]
    out += [f"#define MG_U_{name} 0x{BIT[name]:05x}" for name in FLAGS]
    out += [
        "",
        "/* A mapping is a delta to add to the code point, or with its MG_U_EXT_* flag",
        " * (length << 24 | offset) into mg_uni_ext. */",
        "typedef struct MgUniRecord {",
        "    int32_t lower, upper, title, fold;",
        "    uint32_t flags;",
        "    uint8_t decimal; /* value of a decimal digit (MG_U_DECIMAL) */",
        "} MgUniRecord;",
        "",
        f"static const MgUniRecord mg_uni_records[{len(records)}] = {{",
    ]
    for rec in records:
        flags, lower, upper, title, fold, decimal = rec
        out.append(f"    {{{lower}, {upper}, {title}, {fold}, 0x{flags:05x}, {decimal}}},")
    out.append("};")
    out.append("")
    out.append(c_array("uint32_t", "mg_uni_ext", ext, 8))
    out.append("")
    out.append(f"#define MG_UNI_SHIFT {shift}")
    out.append(c_array(c_type(index1), "mg_uni_index1", index1, 24))
    out.append(c_array(c_type(index2), "mg_uni_index2", index2, 24))
    out.append("")
    out.append("#endif")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the header is not what would be generated")
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    text = generate()
    path = pathlib.Path(a.out)
    if a.check:
        if not path.exists() or path.read_text() != text:
            sys.exit(f"gen_unicode: {path} is out of date; run python3 tools/gen_unicode.py")
        print(f"{path} is up to date")
        return
    path.write_text(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
