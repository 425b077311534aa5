//! f-strings, `format()`, `ascii()` and `round()`.
//!
//! An f-string lowers to its pieces in source order: literal text, and for each
//! replacement field the str CPython's `FORMAT_VALUE` makes of it (the value, or its
//! `str()`/`repr()`/`ascii()` after a conversion, through `format(value, spec)` when there
//! is a spec), joined by one `ir::Builtin::StrBuild`.  Each field is evaluated and
//! formatted before the next, as in CPython.  `{expr=}` adds the field's source text and
//! formats with `repr()` unless a conversion or a spec says otherwise.
//!
//! A spec is CPython's format-spec mini-language, implemented by the runtime
//! (`runtime/mg_format.c`) for int, bool, float and str.  A constant spec is checked here
//! against the value's static type, with the message CPython's ValueError would carry, so
//! a spec that can only fail is refused at compile time; a spec built at run time
//! (`{x:{width}}`) is checked by the runtime, which raises CPython's ValueError.  Values of
//! other types take only the empty spec (`format(x, "")` is `str(x)`; any other spec is a
//! TypeError in CPython).

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::expr::spells_surrogate;
use crate::check::ir::{self, Builtin, ExprKind};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// The pieces of an f-string (or of a spec built at run time), adjacent literals merged.
struct Pieces {
    items: Vec<Expr>,
    text: String,
    line: ir::Line,
}

impl Pieces {
    fn new(line: ir::Line) -> Pieces {
        Pieces { items: Vec::new(), text: String::new(), line }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.items.push(Expr { kind: ExprKind::Str(text), ty: Ty::STR, line: self.line });
        }
    }

    fn push(&mut self, e: Expr) {
        self.flush();
        self.items.push(e);
    }

    /// The constant text, when every piece is literal.
    fn constant(&self) -> Option<&str> {
        self.items.is_empty().then_some(self.text.as_str())
    }

    fn finish(mut self) -> Expr {
        self.flush();
        let line = self.line;
        match self.items.len() {
            0 => Expr { kind: ExprKind::Str(String::new()), ty: Ty::STR, line },
            1 => self.items.pop().expect("one item"),
            _ => Expr { kind: ExprKind::Builtin(Builtin::StrBuild, self.items), ty: Ty::STR, line },
        }
    }
}

/// A format spec: known when the program is compiled, or a str computed at run time.
enum Spec {
    Const(String),
    Dynamic(Expr),
}

impl<'a> Checker<'a> {
    pub fn fstring(&mut self, ctx: &mut FnCtx, f: &'a ast::ExprFString) -> Option<Expr> {
        let mut pieces = Pieces::new(self.line(f.range()));
        let mut ok = true;
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => {
                    ok &= self.literal_text(lit.range(), lit.flags.prefix().is_raw());
                    pieces.text.push_str(&lit.value);
                }
                ast::FStringPart::FString(fs) => {
                    let raw = fs.flags.prefix().is_raw();
                    ok &= self.fstring_elements(ctx, &fs.elements, raw, 0, &mut pieces);
                }
            }
        }
        ok.then(|| pieces.finish())
    }

    /// Whether the literal text at `range` can be compiled: ruff reads a surrogate escape
    /// as U+FFFD, CPython keeps the surrogate.
    fn literal_text(&mut self, range: TextRange, raw: bool) -> bool {
        if !raw && spells_surrogate(&self.file.text[range]) {
            self.report(diag::surrogate_literal(range));
            return false;
        }
        true
    }

    /// Adds the pieces of f-string elements; `depth` is 1 inside a format spec.
    fn fstring_elements(&mut self, ctx: &mut FnCtx, elements: &'a ast::InterpolatedStringElements, raw: bool, depth: u32, pieces: &mut Pieces) -> bool {
        let mut ok = true;
        for element in elements.iter() {
            match element {
                ast::InterpolatedStringElement::Literal(lit) => {
                    ok &= self.literal_text(lit.range(), raw);
                    pieces.text.push_str(&lit.value);
                }
                ast::InterpolatedStringElement::Interpolation(field) => {
                    if depth >= 2 {
                        self.report(diag::unsupported(field.range(), "a replacement field nested this deep in a format spec", "CPython 3.11 refuses it too (\"f-string: expressions nested too deeply\"); compute the spec in a variable first"));
                        ok = false;
                        continue;
                    }
                    if let Some(debug) = &field.debug_text {
                        pieces.text.push_str(debug.as_str());
                    }
                    match self.replacement_field(ctx, field, raw, depth) {
                        Some(e) => pieces.push(e),
                        None => ok = false,
                    }
                }
            }
        }
        ok
    }

    /// The str of one replacement field: `{value!conversion:spec}`.
    fn replacement_field(&mut self, ctx: &mut FnCtx, field: &'a ast::InterpolatedElement, raw: bool, depth: u32) -> Option<Expr> {
        let value = self.expr(ctx, &field.expression);
        let line = self.line(field.range());
        // `{x=}` formats with repr() unless a conversion or a spec is given.
        let conversion = match field.conversion {
            ast::ConversionFlag::None if field.debug_text.is_some() && field.format_spec.is_none() => ast::ConversionFlag::Repr,
            other => other,
        };
        let spec = match &field.format_spec {
            None => None,
            Some(spec) => {
                let mut spec_pieces = Pieces::new(line);
                if !self.fstring_elements(ctx, &spec.elements, raw, depth + 1, &mut spec_pieces) {
                    return None;
                }
                match spec_pieces.constant() {
                    Some(text) => Some((Spec::Const(text.to_string()), spec.range())),
                    None => Some((Spec::Dynamic(spec_pieces.finish()), spec.range())),
                }
            }
        };
        let value = value?;
        let value = match conversion {
            ast::ConversionFlag::None => value,
            ast::ConversionFlag::Str if value.ty == Ty::STR => value,
            ast::ConversionFlag::Str => Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![value]), ty: Ty::STR, line },
            ast::ConversionFlag::Repr => Expr { kind: ExprKind::Builtin(Builtin::ReprOf, vec![value]), ty: Ty::STR, line },
            ast::ConversionFlag::Ascii => Expr { kind: ExprKind::Builtin(Builtin::AsciiOf, vec![value]), ty: Ty::STR, line },
        };
        match spec {
            None => self.format_value(value, Spec::Const(String::new()), field.expression.range(), field.range(), line),
            Some((spec, range)) => self.format_value(value, spec, field.expression.range(), range, line),
        }
    }

    /// `format(value, spec)`: `value_range` is where the value is written, `spec_range`
    /// where the spec is.
    fn format_value(&mut self, value: Expr, spec: Spec, value_range: TextRange, spec_range: TextRange, line: ir::Line) -> Option<Expr> {
        // Enum members format as 3.11's `__format__`s do: an IntEnum's as its value, an
        // Enum's as its str (`check::enums`).
        let value = self.int_enum_as_int(value);
        let value = match self.class_of(value.ty) {
            Some(idx) if self.enums.contains_key(&idx) => Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![value]), ty: Ty::STR, line },
            _ => value,
        };
        let ty = value.ty;
        let kind = match ty.kind() {
            TyKind::Int => Some(FmtKind::Int),
            TyKind::Bool => Some(FmtKind::Bool),
            TyKind::Float => Some(FmtKind::Float),
            TyKind::Str => Some(FmtKind::Str),
            _ => None,
        };
        // CPython formats an instance through its class's `__format__`; the default one is
        // `str()`.
        if let Some(idx) = self.class_of(ty) {
            if self.find_method(idx, "__format__").is_some() {
                self.report(diag::unsupported(value_range, "formatting an instance of a class that defines `__format__`", "call the method yourself, or format `str(x)`"));
                return None;
            }
        }
        let str_of = |value: Expr| {
            if value.ty == Ty::STR {
                value
            } else {
                Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![value]), ty: Ty::STR, line }
            }
        };
        match (spec, kind) {
            (Spec::Const(text), _) if text.is_empty() => Some(str_of(value)),
            (Spec::Const(text), Some(kind)) => {
                match check_spec(&text, kind) {
                    Ok(()) => {}
                    Err(SpecError::Value(message)) => {
                        self.report(diag::bad_format_spec(spec_range, &text, &ty, &message));
                        return None;
                    }
                    Err(SpecError::NonAsciiDigit) => {
                        self.report(diag::unsupported(spec_range, "digits other than ASCII in a format spec", "write the width and precision with the digits 0-9"));
                        return None;
                    }
                }
                let spec = Expr { kind: ExprKind::Str(text), ty: Ty::STR, line };
                Some(Expr { kind: ExprKind::Builtin(Builtin::Format, vec![value, spec]), ty: Ty::STR, line })
            }
            (Spec::Dynamic(spec), Some(_)) => Some(Expr { kind: ExprKind::Builtin(Builtin::Format, vec![value, spec]), ty: Ty::STR, line }),
            (_, None) => {
                self.report(diag::format_spec_on(spec_range, &ty));
                None
            }
        }
    }

    /// `fmt.format(*args, **kwargs)`: the runtime parses `fmt` (it may be computed) and
    /// formats each field as `format()` does; the arguments travel as two tuples.
    pub fn str_format(&mut self, ctx: &mut FnCtx, receiver: Expr, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let mut ok = true;
        let mut check = |this: &mut Self, e: &'a ast::Expr| -> Option<Expr> {
            let v = this.expr(ctx, e)?;
            if let Some(idx) = this.class_of(v.ty) {
                if this.find_method(idx, "__format__").is_some() {
                    this.report(diag::unsupported(e.range(), "formatting an instance of a class that defines `__format__`", "call the method yourself, or format `str(x)`"));
                    return None;
                }
            }
            Some(v)
        };
        let mut positional = Vec::new();
        for a in call.arguments.args.iter() {
            if let ast::Expr::Starred(s) = a {
                self.report(diag::unsupported(s.range(), "`*` arguments to str.format", "pass the values one by one"));
                ok = false;
                continue;
            }
            match check(self, a) {
                Some(v) => positional.push(v),
                None => ok = false,
            }
        }
        let mut names = Vec::new();
        let mut keyword_values = Vec::new();
        for k in call.arguments.keywords.iter() {
            let Some(arg) = &k.arg else {
                self.report(diag::unsupported(k.range(), "`**` arguments to str.format", "pass the values as keywords one by one"));
                ok = false;
                continue;
            };
            if names.contains(&arg.id.as_str()) {
                self.report(diag::unsupported(k.range(), "a repeated keyword argument", "pass each keyword once"));
                ok = false;
                continue;
            }
            names.push(arg.id.as_str());
            match check(self, &k.value) {
                Some(v) => keyword_values.push(v),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let tuple = |items: Vec<Expr>| {
            let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
            Expr { kind: ExprKind::Tuple(items), ty, line }
        };
        let names = Expr { kind: ExprKind::Str(names.join(",")), ty: Ty::STR, line };
        let args = vec![receiver, tuple(positional), tuple(keyword_values), names];
        Some(Expr { kind: ExprKind::Builtin(Builtin::StrFormat, args), ty: Ty::STR, line })
    }

    /// `fmt % right`: printf-style formatting by the runtime (`mg_percent.c`).  A tuple's
    /// fields are the arguments; a dict display with constant str keys is a mapping for
    /// `%(key)s` (its values need not share a type: no dict is built); anything else is
    /// one argument, which CPython treats as a mapping when it has `__getitem__`.
    pub fn percent_format(&mut self, ctx: &mut FnCtx, fmt: Expr, right: &'a ast::Expr, line: ir::Line) -> Option<Expr> {
        let str_const = |text: String| Expr { kind: ExprKind::Str(text), ty: Ty::STR, line };
        let mode = |m: i64| Expr { kind: ExprKind::Int(m), ty: Ty::INT, line };
        let tuple = |items: Vec<Expr>| {
            let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
            Expr { kind: ExprKind::Tuple(items), ty, line }
        };
        if let ast::Expr::Dict(d) = right {
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for item in d.items.iter() {
                let key = match &item.key {
                    Some(ast::Expr::StringLiteral(s)) if !s.value.to_str().contains(',') => s.value.to_str().to_string(),
                    _ => {
                        self.report(diag::unsupported(item.key.as_ref().map_or(item.value.range(), |k| k.range()), "this key in a dict display after `%`", "write the keys as string literals (without commas)"));
                        return None;
                    }
                };
                if keys.contains(&key) {
                    self.report(diag::unsupported(item.value.range(), "a repeated key in a dict display after `%`", "write each key once"));
                    return None;
                }
                keys.push(key);
                values.push(self.expr(ctx, &item.value)?);
            }
            let args = vec![fmt, tuple(values), str_const(keys.join(",")), mode(3)];
            return Some(Expr { kind: ExprKind::Builtin(Builtin::StrPercent, args), ty: Ty::STR, line });
        }
        let value = self.expr(ctx, right)?;
        let (values, m) = match value.ty.kind() {
            TyKind::Tuple(_) => (value, 0),
            TyKind::VarTuple(_) => {
                self.report(diag::unsupported(right.range(), "a `tuple[T, ...]` after `%`", "write the values as a tuple display: `fmt % (a, b)`"));
                return None;
            }
            TyKind::Dict(..) => {
                self.report(diag::unsupported(right.range(), "a dict variable after `%`", "write the dict display after `%`, or use str.format"));
                return None;
            }
            kind => {
                let mapping = matches!(kind, TyKind::List(_)) || self.class_of(value.ty).is_some_and(|c| self.find_method(c, "__getitem__").is_some());
                (tuple(vec![value]), if mapping { 2 } else { 1 })
            }
        };
        let args = vec![fmt, values, str_const(String::new()), mode(m)];
        Some(Expr { kind: ExprKind::Builtin(Builtin::StrPercent, args), ty: Ty::STR, line })
    }

    /// `format`, `ascii` and `round`; `None` when `id` is none of them.
    pub fn format_builtin(&mut self, ctx: &mut FnCtx, id: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Option<Expr>> {
        let args = &call.arguments.args;
        let want = match id {
            "format" | "round" => "1 or 2",
            "ascii" => "1",
            _ => return None,
        };
        if args.is_empty() || args.len() > 1 + (want != "1") as usize {
            self.report(diag::bad_arity(call.arguments.range(), id, want, args.len()));
            return Some(None);
        }
        Some(match id {
            "format" => self.format_call(ctx, args, call.arguments.range(), line),
            "ascii" => {
                let value = self.expr(ctx, &args[0]);
                value.map(|value| Expr { kind: ExprKind::Builtin(Builtin::AsciiOf, vec![value]), ty: Ty::STR, line })
            }
            _ => self.round_call(ctx, args, line),
        })
    }

    /// `format(value)` and `format(value, spec)`.
    fn format_call(&mut self, ctx: &mut FnCtx, args: &'a [ast::Expr], args_range: TextRange, line: ir::Line) -> Option<Expr> {
        let value = self.expr(ctx, &args[0]);
        let spec = match args.get(1) {
            None => Some(Spec::Const(String::new())),
            Some(spec_ast) => match self.expr(ctx, spec_ast) {
                Some(Expr { kind: ExprKind::Str(text), .. }) => Some(Spec::Const(text)),
                Some(spec) if spec.ty == Ty::STR => Some(Spec::Dynamic(spec)),
                Some(spec) => {
                    self.report(diag::arg_mismatch(spec_ast.range(), "format() spec", &Ty::STR, &spec.ty));
                    None
                }
                None => None,
            },
        };
        let (value, spec) = (value?, spec?);
        let spec_range = args.get(1).map_or(args_range, |a| a.range());
        let e = self.format_value(value, spec, args[0].range(), spec_range, line)?;
        // A constant "" spec gives the value itself; the result is the call's.
        Some(Expr { line, ..e })
    }

    /// `round(x)` and `round(x, ndigits)`.
    fn round_call(&mut self, ctx: &mut FnCtx, args: &'a [ast::Expr], line: ir::Line) -> Option<Expr> {
        let value = self.expr(ctx, &args[0]);
        let ndigits = match args.get(1) {
            None => None,
            Some(n) => match self.expr(ctx, n)? {
                // `round(x, None)` is `round(x)`.
                Expr { kind: ExprKind::None, .. } => None,
                v => Some(self.expect_int(v, n.range(), "round() ndigits")?),
            },
        };
        let value = value?;
        let mk = |kind, ty| Some(Expr { kind, ty, line });
        match (value.ty, ndigits) {
            (Ty::INT | Ty::BOOL, None) => Some(self.to_int(value)),
            (Ty::INT | Ty::BOOL, Some(n)) => {
                let value = self.to_int(value);
                mk(ExprKind::Builtin(Builtin::RoundInt, vec![value, n]), Ty::INT)
            }
            (Ty::FLOAT, None) => mk(ExprKind::Builtin(Builtin::RoundFloatToInt, vec![value]), Ty::INT),
            (Ty::FLOAT, Some(n)) => mk(ExprKind::Builtin(Builtin::RoundFloat, vec![value, n]), Ty::FLOAT),
            (ty, _) => {
                self.report(diag::arg_mismatch(args[0].range(), "round() argument", &Ty::FLOAT, &ty));
                None
            }
        }
    }
}

/// The types the format-spec mini-language applies to (a bool is formatted as an int,
/// except with the empty spec, and named `bool` in messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FmtKind {
    Int,
    Bool,
    Float,
    Str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecError {
    /// CPython raises ValueError with this message.
    Value(String),
    /// A width or precision written with digits of another script, which CPython reads but
    /// the checker does not.
    NonAsciiDigit,
}

/// CPython's `InternalFormatSpec`.
struct ParsedSpec {
    align: char,
    alternate: bool,
    no_neg_0: bool,
    sign: Option<char>,
    precision: Option<u64>,
    ty: Option<char>,
}

/// Whether `format(value, spec)` of a value of `kind` raises ValueError for this spec,
/// whatever the value (only `c` with an int out of range depends on it): CPython 3.11's
/// `parse_internal_render_format_spec` and the checks of `format_long_internal`,
/// `format_float_internal` and `format_string_internal`, in their order.
pub fn check_spec(spec: &str, kind: FmtKind) -> Result<(), SpecError> {
    if spec.is_empty() {
        return Ok(());
    }
    let (default_type, default_align, name) = match kind {
        FmtKind::Int => (Some('d'), '>', "int"),
        FmtKind::Bool => (Some('d'), '>', "bool"),
        FmtKind::Float => (None, '>', "float"),
        FmtKind::Str => (Some('s'), '<', "str"),
    };
    let f = parse_spec(spec, default_type, default_align, name)?;
    let err = |m: &str| Err(SpecError::Value(m.to_string()));
    match kind {
        FmtKind::Int | FmtKind::Bool => match f.ty {
            Some('b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n') => {
                if f.precision.is_some() {
                    return err("Precision not allowed in integer format specifier");
                }
                if f.no_neg_0 {
                    return err("Negative zero coercion (z) not allowed in integer format specifier");
                }
                if f.ty == Some('c') {
                    if f.sign.is_some() {
                        return err("Sign not allowed with integer format specifier 'c'");
                    }
                    if f.alternate {
                        return err("Alternate form (#) not allowed with integer format specifier 'c'");
                    }
                }
                Ok(())
            }
            Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => float_precision(&f),
            other => Err(unknown_code(other, name)),
        },
        FmtKind::Float => match f.ty {
            None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => float_precision(&f),
            other => Err(unknown_code(other, name)),
        },
        FmtKind::Str => {
            if f.ty != Some('s') {
                return Err(unknown_code(f.ty, name));
            }
            if f.sign == Some(' ') {
                return err("Space not allowed in string format specifier");
            }
            if f.sign.is_some() {
                return err("Sign not allowed in string format specifier");
            }
            if f.no_neg_0 {
                return err("Negative zero coercion (z) not allowed in string format specifier");
            }
            if f.alternate {
                return err("Alternate form (#) not allowed in string format specifier");
            }
            if f.align == '=' {
                return err("'=' alignment not allowed in string format specifier");
            }
            Ok(())
        }
    }
}

fn float_precision(f: &ParsedSpec) -> Result<(), SpecError> {
    if f.precision.is_some_and(|p| p > i32::MAX as u64) {
        return Err(SpecError::Value("precision too big".to_string()));
    }
    Ok(())
}

/// CPython's `unknown_presentation_type`.
fn unknown_code(ty: Option<char>, name: &str) -> SpecError {
    let c = ty.map_or(0, |c| c as u32);
    let shown = if c > 32 && c < 128 { char::from_u32(c).unwrap_or('?').to_string() } else { format!("\\x{c:x}") };
    SpecError::Value(format!("Unknown format code '{shown}' for object of type '{name}'"))
}

fn parse_spec(spec: &str, default_type: Option<char>, default_align: char, name: &str) -> Result<ParsedSpec, SpecError> {
    let cp: Vec<char> = spec.chars().collect();
    let end = cp.len();
    let mut pos = 0;
    let err = |m: String| Err(SpecError::Value(m));
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    // The fill character itself never makes a spec invalid.
    let (mut align, mut fill_specified, mut align_specified) = (default_align, false, false);
    if end - pos >= 2 && is_align(cp[pos + 1]) {
        align = cp[pos + 1];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(cp[pos]) {
        align = cp[pos];
        align_specified = true;
        pos += 1;
    }
    let mut sign = None;
    if pos < end && matches!(cp[pos], ' ' | '+' | '-') {
        sign = Some(cp[pos]);
        pos += 1;
    }
    let mut no_neg_0 = false;
    if pos < end && cp[pos] == 'z' {
        no_neg_0 = true;
        pos += 1;
    }
    let mut alternate = false;
    if pos < end && cp[pos] == '#' {
        alternate = true;
        pos += 1;
    }
    if !fill_specified && pos < end && cp[pos] == '0' {
        if !align_specified && default_align == '>' {
            align = '=';
        }
        pos += 1;
    }
    integer(&cp, &mut pos)?;
    let mut thousands = None;
    if pos < end && cp[pos] == ',' {
        thousands = Some(',');
        pos += 1;
    }
    if pos < end && cp[pos] == '_' {
        if thousands.is_some() {
            return err("Cannot specify both ',' and '_'.".to_string());
        }
        thousands = Some('_');
        pos += 1;
    }
    if pos < end && cp[pos] == ',' && thousands == Some('_') {
        return err("Cannot specify both ',' and '_'.".to_string());
    }
    let mut precision = None;
    if pos < end && cp[pos] == '.' {
        pos += 1;
        match integer(&cp, &mut pos)? {
            Some(p) => precision = Some(p),
            None => return err("Format specifier missing precision".to_string()),
        }
    }
    if end - pos > 1 {
        return err(format!("Invalid format specifier '{spec}' for object of type '{name}'"));
    }
    let ty = if end - pos == 1 { Some(cp[pos]) } else { default_type };
    if let Some(sep) = thousands {
        let allowed = match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !allowed {
            let c = ty.map_or(0, |c| c as u32);
            let shown = if c > 32 && c < 128 { char::from_u32(c).unwrap_or('?').to_string() } else { format!("\\x{c:x}") };
            return err(format!("Cannot specify '{sep}' with '{shown}'."));
        }
    }
    Ok(ParsedSpec { align, alternate, no_neg_0, sign, precision, ty })
}

/// CPython's `get_integer`: the digits at `*pos`, `None` when there are none.
fn integer(cp: &[char], pos: &mut usize) -> Result<Option<u64>, SpecError> {
    let mut acc: u64 = 0;
    let mut any = false;
    while *pos < cp.len() {
        let c = cp[*pos];
        let Some(d) = c.to_digit(10).filter(|_| c.is_ascii()) else {
            if !c.is_ascii() && c.is_numeric() {
                return Err(SpecError::NonAsciiDigit);
            }
            break;
        };
        if acc > (i64::MAX as u64 - d as u64) / 10 {
            return Err(SpecError::Value("Too many decimal digits in format string".to_string()));
        }
        acc = acc * 10 + d as u64;
        any = true;
        *pos += 1;
    }
    Ok(any.then_some(acc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        assert_eq!(check_spec(">10.3f", FmtKind::Float), Ok(()));
        assert_eq!(check_spec("d", FmtKind::Float), Err(SpecError::Value("Unknown format code 'd' for object of type 'float'".into())));
        assert_eq!(check_spec("5 ", FmtKind::Int), Err(SpecError::Value("Unknown format code '\\x20' for object of type 'int'".into())));
        assert_eq!(check_spec(",,d", FmtKind::Int), Err(SpecError::Value("Invalid format specifier ',,d' for object of type 'int'".into())));
        assert_eq!(check_spec(",,", FmtKind::Int), Err(SpecError::Value("Cannot specify ',' with ','.".into())));
        assert_eq!(check_spec("_c", FmtKind::Int), Err(SpecError::Value("Cannot specify '_' with 'c'.".into())));
        assert_eq!(check_spec("#_b", FmtKind::Int), Ok(()));
        assert_eq!(check_spec("=5", FmtKind::Str), Err(SpecError::Value("'=' alignment not allowed in string format specifier".into())));
        assert_eq!(check_spec("010", FmtKind::Str), Ok(()));
        assert_eq!(check_spec("s", FmtKind::Bool), Err(SpecError::Value("Unknown format code 's' for object of type 'bool'".into())));
        assert_eq!(check_spec(".2147483648f", FmtKind::Float), Err(SpecError::Value("precision too big".into())));
        assert_eq!(check_spec("5٣", FmtKind::Int), Err(SpecError::NonAsciiDigit));
        assert_eq!(check_spec("٣>5", FmtKind::Int), Ok(()));
    }
}
