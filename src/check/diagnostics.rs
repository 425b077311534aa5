//! Every diagnostic the checker can give, one constructor each, so the wording
//! lives in one place.  Names describe the problem, not the fix.

use ruff_text_size::TextRange;

use crate::check::types::{Ty, TyKind};
use crate::diagnostics::Diagnostic;

pub fn unsupported(range: TextRange, what: &str, help: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: {what}"))
        .label("outside the supported subset")
        .help(help)
}

pub fn unannotated_param(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, format!("parameter `{name}` has no type annotation"))
        .label("annotate this parameter")
        .help(format!("write `{name}: int` (or float, bool, str, ...): multigen compiles each function for one signature"))
}

pub fn missing_return_annotation(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, format!("function `{name}` returns a value but has no return annotation"))
        .label("this function")
        .help(format!("write `def {name}(...) -> int:` with the type it returns"))
}

pub fn redefined_function(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("redefinition", range, format!("function `{name}` is defined twice"))
        .label("second definition")
        .help("give the functions different names")
}

pub fn global_param(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("invalid-global", range, format!("name `{name}` is a parameter and declared global"))
        .label("here")
        .help("CPython refuses this too; rename the parameter")
}

pub fn unknown_type(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unknown-type", range, format!("unknown type `{name}`"))
        .label("not a type multigen knows")
        .help("annotate with int, float, bool, str or None")
}

pub fn rebind_definition(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`{name}` names a function or module and cannot be reassigned"))
        .label("assignment to a definition")
        .help("use a different variable name")
}

pub fn redeclared(range: TextRange, name: &str, old: &Ty, new: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("variable `{name}` was `{old}` and is now annotated `{new}`"))
        .label("conflicting annotation")
        .help("a variable keeps one type for its whole scope; use a new name")
}

pub fn assign_mismatch(range: TextRange, name: &str, target: &Ty, value: &Ty, existing: bool) -> Diagnostic {
    let message = if existing {
        format!("variable `{name}` has type `{target}` but is assigned a `{value}`")
    } else {
        format!("variable `{name}` is declared `{target}` but is assigned a `{value}`")
    };
    let help = match (*target, *value) {
        (Ty::FLOAT, Ty::INT) => "write a float value (`1.0`, or `float(x)`): Python would keep the int and print it without `.0`".to_string(),
        _ => "a variable keeps the type of its first assignment; use a new name for a value of another type".to_string(),
    };
    Diagnostic::new("type-mismatch", range, message).label(format!("this is `{value}`")).help(help)
}

pub fn annotation_mismatch(range: TextRange, declared: &Ty, got: &Ty) -> Diagnostic {
    let help = match (*declared, *got) {
        (Ty::FLOAT, Ty::INT) => "write a float literal such as `0.0`: Python keeps an int here and prints it without `.0`",
        _ => "make the value match the annotation, or fix the annotation",
    };
    Diagnostic::new("type-mismatch", range, format!("annotation says `{declared}` but the value is `{got}`"))
        .label(format!("this is `{got}`"))
        .help(help)
}

pub fn outside_loop(range: TextRange, keyword: &str) -> Diagnostic {
    Diagnostic::new("syntax-error", range, format!("`{keyword}` outside a loop"))
        .label("not inside `for` or `while`")
        .help("CPython refuses this too")
}

pub fn return_outside_function(range: TextRange) -> Diagnostic {
    Diagnostic::new("syntax-error", range, "`return` outside a function")
        .label("at module level")
        .help("CPython refuses this too; use `sys.exit(code)` to end the program")
}

pub fn return_mismatch(range: TextRange, want: &Ty, got: &Ty) -> Diagnostic {
    let help = match (*want, *got) {
        (Ty::FLOAT, Ty::INT) => "return a float (`float(x)` or `1.0`): Python would return the int unchanged".to_string(),
        _ => format!("return a `{want}`, or change the function's return annotation"),
    };
    Diagnostic::new("type-mismatch", range, format!("function returns `{want}` but this value is `{got}`"))
        .label(format!("this is `{got}`"))
        .help(help)
}

pub fn unknown_module(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unsupported-import", range, format!("module `{name}` is not available"))
        .label("cannot import this")
        .help("multigen programs can import the modules next to the script (`NAME.py`, packages `NAME/__init__.py`) and `math`, `sys`, `typing`, `dataclasses`, `collections`, `heapq`, `bisect`, `itertools`, `functools`, `random`, `time`, `string`, `abc` and `enum` (and `from __future__ import annotations`)")
}

/// The names `from MODULE import ...` accepts, for hints.
fn module_names(module: &str) -> String {
    match module {
        "math" => crate::check::builtins::math_names().collect::<Vec<_>>().join(", "),
        "sys" => "argv, exit".into(),
        "typing" => crate::check::imports::TYPING_NAMES.join(", "),
        "dataclasses" => "dataclass, field".into(),
        "collections" => crate::check::imports::COLLECTIONS_NAMES.join(", "),
        "heapq" => crate::check::imports::HEAPQ_NAMES.join(", "),
        "bisect" => crate::check::imports::BISECT_NAMES.join(", "),
        "random" => crate::check::random::NAMES.join(", "),
        "itertools" => crate::check::itertools::NAMES.join(", "),
        "functools" => crate::check::functools::NAMES.join(", "),
        "time" => crate::check::stdlib::TIME_NAMES.join(", "),
        "abc" => crate::check::abc::ABC_MODULE_NAMES.join(", "),
        "enum" => crate::check::enums::ENUM_NAMES.join(", "),
        "string" => crate::check::stdlib::STRING_CONSTANTS.iter().map(|c| c.0).collect::<Vec<_>>().join(", "),
        _ => "none".into(),
    }
}

pub fn unknown_import_name(range: TextRange, module: &str, name: &str) -> Diagnostic {
    let help = match (module, name) {
        ("typing", "Any" | "Union" | "TypeVar" | "Generic" | "Protocol") => "multigen compiles one concrete type per value: write it (`int`, `list[str]`, `Optional[T]`)".to_string(),
        ("typing", "Sequence" | "Mapping" | "MutableSequence" | "MutableMapping" | "AbstractSet") => "annotate with the concrete type (`list[T]`, `dict[K, V]`, `set[T]`), or `Iterable[T]` for anything iterable".to_string(),
        ("random", "Random" | "SystemRandom") => RANDOM_INSTANCES.to_string(),
        _ => format!("`{module}` provides: {}", module_names(module)),
    };
    Diagnostic::new("unsupported-import", range, format!("cannot import `{name}` from `{module}`"))
        .label("not a supported name of this module")
        .help(help)
}

pub fn star_import(range: TextRange, module: &str) -> Diagnostic {
    Diagnostic::new("unsupported-import", range, format!("not supported: `from {module} import *`"))
        .label("star import")
        .help(format!("import the names you use, e.g. `from {module} import {}`", module_names(module).split(", ").take(2).collect::<Vec<_>>().join(", ")))
}

pub fn future_not_first(range: TextRange) -> Diagnostic {
    Diagnostic::new("syntax-error", range, "`from __future__` imports must occur at the beginning of the file")
        .label("after other statements")
        .help("CPython refuses this too; move it to the top, after the docstring")
}

pub fn unknown_future(range: TextRange, feature: &str) -> Diagnostic {
    let help = if feature == "braces" || feature == "barry_as_FLUFL" {
        "CPython refuses this or changes its syntax; remove it".to_string()
    } else {
        format!("`{feature}` is not a future feature of Python 3.11 (CPython refuses this too); `from __future__ import annotations` is accepted")
    };
    Diagnostic::new("unsupported-import", range, format!("future feature `{feature}` is not supported"))
        .label("this feature")
        .help(help)
}

pub fn import_rebound(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("redefinition", range, format!("`{name}` is imported twice with different meanings"))
        .label("second import of this name")
        .help("CPython would rebind the name here; import each thing under its own name")
}

pub fn import_redefined(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("redefinition", range, format!("function `{name}` has the name of an import"))
        .label("this `def` would rebind the imported name")
        .help(format!("rename the function: in CPython `{name}` would mean one or the other depending on which statement ran last"))
}

pub fn rebind_import(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`{name}` is imported and cannot be reassigned"))
        .label("assignment to an imported name")
        .help("use a different variable name (a local variable of a function may shadow it)")
}

pub fn import_after_call(range: TextRange, call_line: u32) -> Diagnostic {
    Diagnostic::new("import-order", range, format!("import after a module-level call of a function (line {call_line})"))
        .label("imported too late")
        .help("move the imports to the top of the module: a function called earlier would run without this import, and CPython would raise NameError")
}

pub fn used_before_import(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("name `{name}` is used before it is imported"))
        .label("not imported yet here")
        .help("move the import above this line (CPython raises NameError here)")
}

pub fn module_not_imported(range: TextRange, module: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("name `{module}` is not defined"))
        .label("module not imported")
        .help(format!("write `import {module}` at the top of the module"))
}

pub fn member_not_imported(range: TextRange, module: &str, name: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("name `{name}` is not defined"))
        .label("not imported")
        .help(format!("write `from {module} import {name}` at the top of the module, or `import {module}` and `{module}.{name}`"))
}

pub fn typing_not_imported(range: TextRange, name: &str) -> Diagnostic {
    let builtin = match name {
        "Optional" => "`T | None`".to_string(),
        "Final" => "no annotation".to_string(),
        other => format!("`{}[...]`", other.to_ascii_lowercase()),
    };
    Diagnostic::new("undefined-name", range, format!("name `{name}` is not defined here"))
        .label("not imported")
        .help(format!("write `from typing import {name}` at the top of the module (before this line), or write {builtin}"))
}

pub fn cast_mismatch(range: TextRange, want: &Ty, got: &Ty) -> Diagnostic {
    let help = match (*want, *got) {
        (Ty::FLOAT, Ty::INT) => "convert with `float(...)`: cast() returns the int unchanged, and Python would print it without `.0`".to_string(),
        _ => format!("cast() converts nothing, CPython returns the `{got}` unchanged; convert it explicitly, or cast to `{got}`"),
    };
    Diagnostic::new("type-mismatch", range, format!("cast to `{want}` of a value of type `{got}`")).label(format!("this is `{got}`")).help(help)
}

pub fn final_reassigned(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("final-reassigned", range, format!("cannot assign to `{name}`: it is declared `Final`"))
        .label("assigned again here")
        .help("a `Final` name is a constant (type checkers refuse this, though CPython would run it); use another variable, or drop `Final`")
}

pub fn final_redeclared(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("final-reassigned", range, format!("`{name}` is already assigned and cannot be declared `Final` here"))
        .label("declared `Final` after an earlier assignment")
        .help("declare a `Final` name at its first assignment")
}

pub fn final_without_value(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, format!("`Final` name `{name}` has no value"))
        .label("no value")
        .help(format!("give it its value here: `{name}: Final = ...`"))
}

pub fn final_needs_type(range: TextRange) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, "cannot infer the element type of an empty container for `Final`")
        .label("empty here")
        .help("write the type, e.g. `NAMES: Final[list[str]] = []`")
}

pub fn final_position(range: TextRange) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, "`Final` is only valid as the outermost annotation of an assignment")
        .label("not allowed here")
        .help("write `X: Final = value` or `X: Final[T] = value`; parameters, return types and element types take plain types")
}

pub fn bad_range_args(range: TextRange) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, "range() takes 1 to 3 positional int arguments")
        .label("here")
        .help("write range(stop), range(start, stop) or range(start, stop, step)")
}

pub fn bad_arity(range: TextRange, func: &str, want: &str, got: usize) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, format!("{func}() takes {want} argument{} but {got} were given", if want == "1" { "" } else { "s" }))
        .label(format!("{got} given"))
        .help(format!("pass {want}"))
}

pub fn arg_mismatch(range: TextRange, what: &str, want: &Ty, got: &Ty) -> Diagnostic {
    let help = match (*want, *got) {
        (Ty::FLOAT, Ty::INT) => "convert with `float(...)` or write a float literal: Python would pass the int unchanged".to_string(),
        _ => format!("pass a `{want}`"),
    };
    Diagnostic::new("type-mismatch", range, format!("{what} expects `{want}` but got `{got}`")).label(format!("this is `{got}`")).help(help)
}

// Binding a call's arguments (`calls.rs`): CPython raises these TypeErrors when the call
// runs; the messages are CPython's own.

pub fn unexpected_keyword(range: TextRange, func: &str, keyword: &str, params: &[&str]) -> Diagnostic {
    let help = match params {
        [] => format!("`{func}` takes no arguments"),
        _ => format!("the parameters of `{func}` are {}", params.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::new("bad-arguments", range, format!("{func}() got an unexpected keyword argument '{keyword}'")).label("Python would raise TypeError here").help(help)
}

pub fn multiple_values(range: TextRange, func: &str, param: &str) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, format!("{func}() got multiple values for argument '{param}'"))
        .label("already passed by position")
        .help(format!("pass `{param}` once, by position or by keyword"))
}

pub fn positional_only_as_keyword(range: TextRange, func: &str, params: &[String]) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, format!("{func}() got some positional-only arguments passed as keyword arguments: '{}'", params.join(", ")))
        .label("Python would raise TypeError here")
        .help("parameters before `/` are passed by position only")
}

pub fn too_many_positional(range: TextRange, func: &str, takes: &str, plural: bool, given: usize, kwonly_given: usize) -> Diagnostic {
    let kwonly = match kwonly_given {
        0 => String::new(),
        n => format!(" positional argument{} (and {n} keyword-only argument{})", if given != 1 { "s" } else { "" }, if n != 1 { "s" } else { "" }),
    };
    let was = if given == 1 && kwonly_given == 0 { "was" } else { "were" };
    let s = if plural { "s" } else { "" };
    Diagnostic::new("bad-arguments", range, format!("{func}() takes {takes} positional argument{s} but {given}{kwonly} {was} given"))
        .label("Python would raise TypeError here")
        .help("pass fewer arguments by position; parameters after `*` are passed by keyword")
}

pub fn missing_arguments(range: TextRange, func: &str, kind: &str, params: &[String]) -> Diagnostic {
    let quoted: Vec<String> = params.iter().map(|p| format!("'{p}'")).collect();
    let names = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., a, b] => format!("{}, {a}, and {b}", rest.join(", ")),
        [] => String::new(),
    };
    let n = params.len();
    let how = if kind == "keyword-only" { "as `name=value`" } else { "by position or as `name=value`" };
    Diagnostic::new("bad-arguments", range, format!("{func}() missing {n} required {kind} argument{}: {names}", if n == 1 { "" } else { "s" }))
        .label("Python would raise TypeError here")
        .help(format!("pass {} {how}", params.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")))
}

pub fn keyword_repeated(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("syntax-error", range, format!("keyword argument repeated: {name}"))
        .label("CPython refuses this with a SyntaxError")
        .help("pass each keyword argument once")
}

pub fn takes_no_arguments(range: TextRange, class: &str) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, format!("{class}() takes no arguments"))
        .label("the class has no `__init__`: Python would raise TypeError here")
        .help(format!("call `{class}()`, or define `__init__` with the parameters"))
}

pub fn object_init_arguments(range: TextRange) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, "object.__init__() takes exactly one argument (the instance to initialize)")
        .label("the base class has no `__init__`: Python would raise TypeError here")
        .help("call `super().__init__()` without arguments")
}

pub fn used_before_definition(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("`{name}` is used before its definition"))
        .label(format!("Python would raise NameError: name '{name}' is not defined"))
        .help(format!("move this below the definition of `{name}`"))
}

pub fn int_literal_too_big(range: TextRange) -> Diagnostic {
    Diagnostic::new("int-overflow", range, "integer literal does not fit in 64 bits")
        .label("too large")
        .help("multigen ints are 64-bit signed: from -9223372036854775808 to 9223372036854775807")
}

pub fn branch_mismatch(range: TextRange, a: &Ty, b: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("conditional expression gives `{a}` or `{b}`"))
        .label("branches of different types")
        .help("make both branches the same type, e.g. with float(...)")
}

pub fn used_before_assignment(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unbound-name", range, format!("local variable `{name}` is used before it is assigned"))
        .label("read here")
        .help(format!("assign `{name}` earlier in the function; if you meant the global, declare `global {name}`"))
}

pub fn undefined_name(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("name `{name}` is not defined"))
        .label("unknown name")
        .help("define it before use, or import it (`math` and `sys` are available)")
}

pub fn unknown_attribute(range: TextRange, module: &str, name: &str) -> Diagnostic {
    let help = match (module, name) {
        ("random", "Random" | "SystemRandom") => RANDOM_INSTANCES.to_string(),
        _ => format!("supported: {}", module_names(module).split(", ").map(|n| format!("{module}.{n}")).collect::<Vec<_>>().join(", ")),
    };
    Diagnostic::new("unknown-attribute", range, format!("module `{module}` has no supported attribute `{name}`")).label("not available").help(help)
}

/// Why `random.Random(...)` is refused, and what to write instead.
const RANDOM_INSTANCES: &str = "generator instances are not supported: call the module's functions, which share one generator that `random.seed(n)` seeds";

pub fn bool_op_mismatch(range: TextRange, a: &Ty, b: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`and`/`or` operands are `{a}` and `{b}`; the result's type would depend on the values"))
        .label("mixed operand types")
        .help("use operands of one type, or use the expression as a condition (`if a and b:`)")
}

pub fn bad_unary(range: TextRange, op: &str, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("bad operand type for unary {op}: `{ty}`"))
        .label("here")
        .help("CPython raises TypeError here")
}

pub fn bad_operands(range: TextRange, op: &str, left: &Ty, right: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("unsupported operand types for {op}: `{left}` and `{right}`"))
        .label("CPython raises TypeError here")
        .help("convert one operand, e.g. with str(...), int(...) or float(...)")
}

pub fn not_callable(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`{name}` is a variable, not a function"))
        .label("not callable")
        .help("call a function defined with `def`")
}

pub fn bad_float_literal(range: TextRange, text: &str) -> Diagnostic {
    Diagnostic::new("bad-arguments", range, format!("could not convert string to float: {text:?}"))
        .label("CPython raises ValueError here")
        .help("write a valid float literal")
}

pub fn mixed_min_max(range: TextRange) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, "min()/max() of mixed int and float values")
        .label("the result's type would depend on the values")
        .help("convert the arguments with float(...) so they share one type")
}

pub fn unhashable(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("unhashable type: `{ty}`"))
        .label("cannot be a dict key or set element")
        .help("keys and set elements must be int, float, bool or str")
}

pub fn empty_needs_annotation(range: TextRange, what: &str) -> Diagnostic {
    let example = match what {
        "dict" => "counts: dict[str, int] = {}",
        "set" => "seen: set[int] = set()",
        _ => "items: list[int] = []",
    };
    Diagnostic::new("missing-annotation", range, format!("cannot infer the element type of an empty {what}"))
        .label("empty here")
        .help(format!("annotate the variable, e.g. `{example}`"))
}

pub fn heterogeneous(range: TextRange, what: &str, want: &Ty, got: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("{what} elements must share one type: expected `{want}`, found `{got}`"))
        .label(format!("this is `{got}`"))
        .help("multigen containers hold one element type; convert the values or use separate containers")
}

pub fn not_subscriptable(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`{ty}` cannot be indexed"))
        .label("not subscriptable")
        .help("index a list, str or dict")
}

/// A `T | None` used as a `T` without a test that it is not None.
pub fn maybe_none(range: TextRange, what: &str, ty: &Ty) -> Diagnostic {
    Diagnostic::new("optional-use", range, format!("`{what}` may be None here"))
        .label(format!("this is `{ty}`: CPython raises an error where it is None"))
        .help(format!("narrow it first: `if {what} is not None:`, or return early with `if {what} is None: return ...`, or `assert {what} is not None`"))
}

pub fn unknown_method(range: TextRange, ty: &Ty, name: &str) -> Diagnostic {
    let supported = match ty.kind() {
        TyKind::Str => "split, join, strip, lstrip, rstrip, lower, upper, casefold, title, capitalize, swapcase, replace, find, count, startswith, endswith, isdigit, isalpha, isspace, isdecimal, isnumeric, isalnum, isupper, islower, istitle, isprintable, isidentifier, isascii, translate, format, format_map, partition, rpartition, rsplit, splitlines, rfind, index, rindex, removeprefix, removesuffix, ljust, rjust, center, zfill, expandtabs",
        TyKind::List(_) => "append, pop, insert, extend, remove, index, count, sort, reverse, copy, clear",
        TyKind::Dict(..) => "get, pop, popitem, setdefault, update, copy, clear, keys, values, items, and dict.fromkeys",
        TyKind::Set(_) => "add, remove, discard, pop, clear, copy, union, intersection, difference, symmetric_difference, update, intersection_update, difference_update, symmetric_difference_update, issubset, issuperset, isdisjoint",
        TyKind::File => "read, readline, readlines, close, and the attributes closed, name, mode",
        _ => "none",
    };
    Diagnostic::new("unknown-attribute", range, format!("`{ty}` has no supported method `{name}`"))
        .label("unknown method")
        .help(format!("supported methods of `{ty}`: {supported}"))
}

pub fn set_method_needs_set(range: TextRange, method: &str, want: &Ty, got: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`set.{method}()` takes `{want}` arguments here, but this is `{got}`"))
        .label(format!("this is `{got}`"))
        .help(format!("pass a `{want}` (for example `set(...)` of it): CPython takes another path for other iterables, which can order colliding keys differently"))
}

pub fn dict_get_needs_default(range: TextRange) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, "`dict.get(key)` without a default returns None, and Optional is not supported yet")
        .label("add a default")
        .help("write `d.get(key, default)` or test `key in d` first")
}

pub fn not_iterable(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("`{ty}` is not iterable"))
        .label("cannot loop over this")
        .help("iterate over a range, list, str, dict or set")
}

pub fn unpack_mismatch(range: TextRange, want: usize, got: usize) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("the loop yields {want} value(s) per step but {got} name(s) are given"))
        .label("unpacking mismatch")
        .help("give one name per value")
}

pub fn bare_container_annotation(range: TextRange, name: &str) -> Diagnostic {
    let example = match name {
        "dict" => "dict[str, int]",
        "set" => "set[int]",
        _ => "list[int]",
    };
    Diagnostic::new("missing-annotation", range, format!("`{name}` needs its element types"))
        .label("element types missing")
        .help(format!("write e.g. `{example}`"))
}

pub fn too_deep(range: TextRange) -> Diagnostic {
    Diagnostic::new("too-complex", range, "expression nested too deeply")
        .label("nesting limit reached here")
        .help("split the expression into several statements with intermediate variables")
}

pub fn inferred_return_may_end(range: TextRange, name: &str, ty: &Ty) -> Diagnostic {
    Diagnostic::new("missing-return", range, format!("function `{name}` returns `{ty}` but may also end without a `return`, returning None"))
        .label("some path reaches the end of this function")
        .help(format!("annotate `-> {ty} | None` if None is meant, or add a `return` at the end"))
}

pub fn return_type_needed_early(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, format!("the return type of `{name}` is needed here, before any of its `return` statements gave it"))
        .label("recursive call")
        .help(format!("annotate it: `def {name}(...) -> int:` with the type it returns"))
}

pub fn inferred_return_mismatch(range: TextRange, name: &str, first: &Ty, got: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("function `{name}` has no return annotation and returns `{first}` elsewhere, but `{got}` here"))
        .label(format!("this is `{got}`"))
        .help(match (*first, *got) {
            (Ty::NONE, t) | (t, Ty::NONE) => format!("annotate `-> {t} | None` if None is meant"),
            _ => "return values of one type (multigen compiles each function for one return type), or annotate the one you mean".to_string(),
        })
}

pub fn missing_return(range: TextRange, name: &str, ty: &Ty) -> Diagnostic {
    Diagnostic::new("missing-return", range, format!("function `{name}` may end without a `return` (its return type is `{ty}`)"))
        .label("some path reaches the end of this function")
        .help(format!("add a `return` at the end: Python would return None there, which is not of type `{ty}`"))
}

pub fn surrogate_literal(range: TextRange) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, "not supported: a string literal with a lone surrogate (`\\ud800` .. `\\udfff`)")
        .label("this literal spells a surrogate")
        .help("use chr() to make one; note that CPython cannot print a string that holds one")
}

pub fn tuple_index_out_of_range(range: TextRange, index: i64, ty: &Ty) -> Diagnostic {
    Diagnostic::new("index-error", range, format!("tuple index {index} is out of range for a {ty}"))
        .label("Python would raise IndexError: tuple index out of range")
        .help("index a field the tuple has")
}

pub fn unpack_count(range: TextRange, have: usize, want: usize, starred: bool) -> Diagnostic {
    let (msg, label) = if starred {
        (format!("not enough values to unpack (expected at least {want}, got {have})"), "Python would raise ValueError here")
    } else if have < want {
        (format!("not enough values to unpack (expected {want}, got {have})"), "Python would raise ValueError here")
    } else {
        (format!("too many values to unpack (expected {want})"), "Python would raise ValueError here")
    };
    Diagnostic::new("type-mismatch", range, msg).label(label).help("give one target per field of the tuple")
}

pub fn cannot_unpack(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("cannot unpack a {ty}"))
        .label("unpacking needs a tuple, a list or a str")
        .help("assign the value to one name")
}

pub fn not_orderable(range: TextRange, what: &str, ty: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("{what} needs values that can be ordered with `<`, not {ty}"))
        .label("Python would raise TypeError here")
        .help("order numbers, strs, or lists and tuples of them")
}

pub fn no_such_member(range: TextRange, class: &str, name: &str) -> Diagnostic {
    Diagnostic::new("unknown-attribute", range, format!("`{class}` has no attribute `{name}`"))
        .label("Python would raise AttributeError")
        .help(format!("define it in `{class}` (a method, a field set in `__init__`, or a class variable)"))
}

pub fn bad_format_spec(range: TextRange, spec: &str, ty: &Ty, message: &str) -> Diagnostic {
    Diagnostic::new("format-spec", range, format!("format spec `{spec}` is invalid for a value of type `{ty}`"))
        .label(format!("CPython raises ValueError: {message}"))
        .help("the mini-language is [[fill]align][sign][z][#][0][width][grouping][.precision][type]; int takes b c d o x X n and the float types, float e E f F g G n %, str s")
}

pub fn format_spec_on(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new("format-spec", range, format!("a value of type `{ty}` takes no format spec"))
        .label("CPython raises TypeError: unsupported format string")
        .help("only int, float, bool and str take a format spec; convert the value to text first, as in `{x!s:>10}`")
}

pub fn open_for_writing(range: TextRange, mode: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: open() mode {mode:?}"))
        .label("read-write (`+`) and exclusive-creation (`x`) modes are not supported")
        .help("open text files with mode \"r\", \"w\" or \"a\"")
}

pub fn open_mode(range: TextRange, mode: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        "unsupported-syntax",
        range,
        format!("not supported: open() mode {mode:?}"),
    )
    .label(why.to_string())
    .help("open text files for reading with `open(path)` or mode \"r\"")
}

pub fn open_argument(range: TextRange, what: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: {what} of open()"))
        .label("outside the supported subset")
        .help("multigen opens text files as `open(path)`, `open(path, \"r\")` or `open(path, encoding=\"utf-8\")`")
}

pub fn open_encoding(range: TextRange, encoding: &str) -> Diagnostic {
    Diagnostic::new(
        "unsupported-syntax",
        range,
        format!("not supported: reading a file as {encoding:?}"),
    )
    .label("multigen decodes UTF-8 only")
    .help("write `encoding=\"utf-8\"`, or leave the encoding out")
}

pub fn file_size_argument(range: TextRange, method: &str) -> Diagnostic {
    Diagnostic::new(
        "unsupported-syntax",
        range,
        format!("not supported: a size argument to `{method}()`"),
    )
    .label("outside the supported subset")
    .help(format!("call `{method}()` without arguments"))
}

pub fn with_not_file(range: TextRange, ty: &Ty) -> Diagnostic {
    Diagnostic::new(
        "unsupported-syntax",
        range,
        format!("not supported: `with` on a `{ty}`"),
    )
    .label("not a file")
    .help("`with` takes files (`with open(path) as f:`); other context managers are not supported")
}

pub fn exception_attribute(range: TextRange, class: &str, name: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: `{name}` of a `{class}`"))
        .label("outside the supported subset")
        .help("built-in exceptions carry their message: print the exception, or `str(e)`")
}

pub fn captured_before_assignment(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unbound-name", range, format!("variable `{name}` is captured by a nested function before its first assignment"))
        .label("the nested function reads it")
        .help(format!("assign `{name}` before this definition, so that its type is known"))
}

pub fn nonlocal_no_binding(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("undefined-name", range, format!("no binding for nonlocal `{name}` found"))
        .label("Python raises SyntaxError here")
        .help(format!("assign `{name}` in an enclosing function, or declare it `global`"))
}

pub fn lambda_untyped(range: TextRange) -> Diagnostic {
    Diagnostic::new("missing-annotation", range, "the parameter types of this lambda are not known")
        .label("a lambda needs an expected `Callable` type")
        .help("annotate where it goes: `f: Callable[[int], int] = lambda x: x + 1`, or pass it as a `Callable` parameter")
}

pub fn lambda_arity(range: TextRange, params: usize, want: &Ty) -> Diagnostic {
    Diagnostic::new("type-mismatch", range, format!("this lambda takes {params} parameter(s) where a `{want}` is expected"))
        .label("wrong number of parameters")
        .help(format!("write a lambda of the parameters of `{want}`"))
}

pub fn call_value_arity(range: TextRange, ty: &Ty, given: usize) -> Diagnostic {
    let TyKind::Function { params, .. } = ty.kind() else { return not_callable(range, &ty.to_string()) };
    Diagnostic::new("bad-arguments", range, format!("a `{ty}` takes {} argument(s) but {given} were given", params.len()))
        .label("Python raises TypeError here")
        .help("pass one positional argument per parameter of the `Callable`")
}

pub fn function_value_with_defaults(range: TextRange, name: &str) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, format!("not supported: function `{name}` as a value: it has default values or keyword-only parameters"))
        .label("outside the supported subset")
        .help("wrap it in a lambda that passes every argument: `lambda x: f(x)`")
}

pub fn function_compared(range: TextRange, ty: &Ty) -> Diagnostic {
    if ty.mentions_view() {
        return Diagnostic::new("unsupported-syntax", range, format!("not supported: comparing dict views (`{ty}`)"))
            .label("Python compares keys views as sets and values views by identity")
            .help("compare `set(d.keys())`, `sorted(d.values())` or the dicts themselves");
    }
    Diagnostic::new("unsupported-syntax", range, format!("not supported: comparing function values (`{ty}`)"))
        .label("Python compares functions by identity")
        .help("keep a name or an index next to each function and compare those")
}

pub fn too_deeply_nested(range: TextRange) -> Diagnostic {
    Diagnostic::new("unsupported-syntax", range, "too many statically nested blocks")
        .label("CPython raises SyntaxError here: more than 20 nested loops, `with` and `try` blocks")
        .help("move the inner blocks into a function of their own")
}

pub fn unhashable_cache_param(range: TextRange, name: &str, ty: &Ty) -> Diagnostic {
    let why = match ty.kind() {
        TyKind::Float => "a float argument: CPython finds a NaN key by the identity of its object, which multigen's floats do not have".to_string(),
        _ => format!("`{ty}` is not hashable: CPython raises TypeError when the function is called"),
    };
    Diagnostic::new("unsupported-syntax", range, format!("not supported: the parameter `{name}: {ty}` of an lru_cache function"))
        .label(why)
        .help("cache functions of ints, strs, bools and tuples of them")
}
