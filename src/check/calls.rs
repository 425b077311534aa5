//! Calls of user functions, methods and constructors: binding the arguments to the
//! parameters as CPython does (by position, by keyword, defaults, keyword-only parameters
//! after `*`, positional-only ones before `/`), and the default values themselves.
//!
//! Binding is static: which argument goes to which parameter depends only on the shape of
//! the call and the callee's signature, so every TypeError CPython raises while binding
//! (an unexpected keyword, multiple values for a parameter, missing or too many
//! arguments) is a diagnostic here, with CPython's wording.
//!
//! Defaults are evaluated once, when the `def` statement runs, as in Python.  A default
//! made of literals that folds to a constant (`0`, `-1.5`, `"x"`, `(1, "a")`, `None`) is
//! written again at each call that omits it, which nothing can tell apart.  Any other
//! default (`[]`, `Point(0, 0)`, `LIMIT * 2`) goes into a hidden global (`DefaultKind::Global`),
//! assigned where the `def` statement runs (module level: in source order; methods: when
//! the class statement runs), and a call that omits the argument passes the global's
//! value: one object for every call, so a list default that a call appends to keeps the
//! item for the next call, as in Python.
//!
//! Python evaluates the arguments in source order, then binds them.  A call whose keywords
//! come out of parameter order (`f(b=g(), a=h())`) evaluates its arguments into hidden
//! locals first, in source order, and passes those.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::ir::{self, ConstItem, ExprKind, FuncId, GlobalId, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// How a function's parameters (`FuncSig::params`, in this order) take arguments.
#[derive(Default)]
pub struct ParamSpec<'a> {
    /// `params[..posonly]` are positional-only (before `/`): no keyword names them.
    pub posonly: usize,
    /// `params[..positional]` may be passed by position; the rest are keyword-only (after `*`).
    pub positional: usize,
    /// The default of each parameter, by parameter index.
    pub defaults: Vec<Option<DefaultArg<'a>>>,
    /// A class method: CPython counts its `cls` among the positional parameters and the
    /// arguments given, in its messages.
    pub implicit_first: bool,
    /// `*args` or `**kwargs` was refused: calls are not checked against what is left.
    pub refused: bool,
}

pub struct DefaultArg<'a> {
    pub value: &'a ast::Expr,
    pub kind: DefaultKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DefaultKind {
    /// A constant, written again at each call that omits the argument.
    Const(ConstItem),
    /// `None`.
    NoneValue,
    /// Evaluated once into this hidden global, where the `def` statement runs.
    Global(GlobalId),
    /// The parameter's annotation was refused: there is nothing to evaluate.
    Invalid,
    /// A new empty container at each call: a dataclass field's `default_factory=list`
    /// (`dict`, `set`), as `syntax::dataclasses` writes it into `__init__`.
    EmptyContainer,
}

/// Where the value of a parameter comes from in one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// An argument lowered before the call's own (the receiver of a method).
    Given(usize),
    /// The call's positional argument of this index.
    Pos(usize),
    /// The call's keyword argument of this index.
    Kw(usize),
    Default,
}

/// What binding looks at in a call: how many arguments come first (the receiver), how
/// many positional arguments follow, and the keywords' names in order.
#[derive(Clone, Copy)]
struct Shape<'n> {
    n_given: usize,
    n_pos: usize,
    keywords: &'n [&'n str],
}

/// The TypeError CPython raises while binding, with what its message needs.
enum BindError {
    Unexpected { kw: usize },
    PosonlyAsKeyword { kw: usize, names: Vec<String> },
    Multiple { kw: usize, name: String },
    /// `first_extra`: the first positional argument of the call past the last parameter.
    TooMany { takes: String, plural: bool, given: usize, kwonly_given: usize, first_extra: Option<usize> },
    Missing { kind: &'static str, names: Vec<String> },
}

/// The lowered arguments of a call in parameter order, and the statements (hidden locals)
/// that must run before them.
pub struct BoundArgs {
    pub stmts: Vec<Stmt>,
    pub args: Vec<Expr>,
}

/// `e` after `stmts`: the expression itself when there are none.
pub fn with_stmts(stmts: Vec<Stmt>, e: Expr) -> Expr {
    if stmts.is_empty() {
        return e;
    }
    let (ty, line) = (e.ty, e.line);
    Expr { kind: ExprKind::Block(stmts, Box::new(e)), ty, line }
}

/// A keyword that a call repeats (`f(a=1, a=2)`): a SyntaxError in CPython.
pub fn repeated_keyword(call: &ast::ExprCall) -> Option<&ast::Keyword> {
    let keywords = &call.arguments.keywords;
    keywords.iter().enumerate().find_map(|(idx, kw)| {
        let name = kw.arg.as_ref()?.id.as_str();
        keywords[..idx].iter().any(|k| k.arg.as_ref().is_some_and(|a| a.id.as_str() == name)).then_some(kw)
    })
}

impl<'a> Checker<'a> {
    /// The default of parameter `param` of `qualname` (annotated `ty`, `None` when the
    /// annotation was refused): a constant when `value` is literals that fold to one, else
    /// a new hidden global that the `def` statement assigns (`lower_def_defaults`).
    pub fn declare_default(&mut self, qualname: &str, param: &str, value: &'a ast::Expr, ty: Option<Ty>) -> DefaultArg<'a> {
        let Some(ty) = ty else { return DefaultArg { value, kind: DefaultKind::Invalid } };
        if let ast::Expr::Call(call) = value {
            if let (ast::Expr::Name(f), [ast::Expr::Name(factory)]) = (&*call.func, &*call.arguments.args) {
                if f.id.as_str() == crate::syntax::dataclasses::FACTORY_MARKER {
                    let fits = matches!((factory.id.as_str(), ty.kind()), ("list", TyKind::List(_)) | ("dict", TyKind::Dict(..)) | ("set", TyKind::Set(_)));
                    if !fits {
                        self.report(diag::unsupported(factory.range(), &format!("`default_factory={}` for a field of type {ty}", factory.id), "give a factory that makes the field's type"));
                        return DefaultArg { value, kind: DefaultKind::Invalid };
                    }
                    return DefaultArg { value, kind: DefaultKind::EmptyContainer };
                }
            }
        }
        if is_literal_tree(value) {
            // Literals need no scope; a value of another type is reported where the `def`
            // statement lowers it as a global.
            let before = self.diags.len();
            let mut scratch = FnCtx::new(&[], Ty::NONE, true);
            let lowered = self.expr_expect(&mut scratch, value, Some(&ty));
            self.diags.truncate(before);
            if let Some(e) = lowered.filter(|e| e.ty == ty) {
                if matches!(e.kind, ExprKind::None) {
                    return DefaultArg { value, kind: DefaultKind::NoneValue };
                }
                if let Some(item) = ConstItem::of(&e) {
                    return DefaultArg { value, kind: DefaultKind::Const(item) };
                }
            }
        }
        let id = GlobalId(self.globals.len() as u32);
        self.globals.push(ir::Global { name: format!("{qualname}.<default {param}>"), ty });
        DefaultArg { value, kind: DefaultKind::Global(id) }
    }

    /// Where the `def` statement of `func` runs: evaluates its defaults that are not
    /// constants, left to right, into their hidden globals.
    pub fn lower_def_defaults(&mut self, ctx: &mut FnCtx, func: FuncId, out: &mut Vec<Stmt>) {
        let sig = &self.funcs[func.0 as usize];
        let pending: Vec<(&'a ast::Expr, GlobalId, Ty)> = sig
            .spec
            .defaults
            .iter()
            .zip(&sig.params)
            .filter_map(|(d, (_, ty))| match d {
                Some(DefaultArg { value, kind: DefaultKind::Global(g) }) => Some((*value, *g, *ty)),
                _ => None,
            })
            .collect();
        // A method's defaults run in the class body, where its own names (class variables,
        // methods) hide the module's.
        let class_names: Vec<String> = match sig.method_of {
            Some(c) => self.classes[c].class_vars.keys().chain(self.classes[c].methods.keys()).cloned().collect(),
            None => Vec::new(),
        };
        for (value, global, ty) in pending {
            if let Some(name) = names_in(value).into_iter().find(|n| class_names.iter().any(|c| c == n.id.as_str())) {
                self.report(diag::unsupported(name.range(), "a default value that reads a name of the class body", "the class body's names are not visible here; use a module-level constant"));
                continue;
            }
            let Some(v) = self.expr_expect(ctx, value, Some(&ty)) else { continue };
            if v.ty != ty {
                self.report(diag::annotation_mismatch(value.range(), &ty, &v.ty));
                continue;
            }
            out.push(Stmt::Assign { place: Place::Global(global), value: v });
        }
    }

    /// Whether the module-level function or class `name` is defined where the top-level
    /// statements call it; reports the NameError CPython would raise when not.  (Function
    /// bodies run later, and scratch contexts at depth 0 only type an expression.)
    pub fn defined_yet(&mut self, ctx: &FnCtx, name: &str, range: TextRange) -> bool {
        if !ctx.is_module || ctx.block_depth == 0 || self.defined.contains(name) {
            return true;
        }
        self.report(diag::used_before_definition(range, name));
        false
    }

    /// `Class.name` for methods, `name` for functions: how CPython names a function in its
    /// messages.
    pub fn qualname(&self, func: FuncId) -> String {
        let sig = &self.funcs[func.0 as usize];
        match sig.method_of {
            Some(c) => format!("{}.{}", self.classes[c].name, sig.name),
            None => sig.name.clone(),
        }
    }

    /// Lowers the arguments of a call of `func` and binds them to its parameters; `given`
    /// are arguments already lowered (the receiver), which come first.  `dispatch` lists
    /// the methods a virtual call may reach: each must bind the call the same way.
    pub fn bind_args(&mut self, ctx: &mut FnCtx, func: FuncId, given: Vec<Expr>, call: &'a ast::ExprCall, dispatch: &[FuncId]) -> Option<BoundArgs> {
        if let Some(kw) = call.arguments.keywords.iter().find(|k| k.arg.is_none()) {
            self.report(diag::unsupported(kw.range(), "`**` arguments", "pass the arguments by name, one by one"));
            return None;
        }
        let positional = &call.arguments.args;
        let keywords: Vec<&'a ast::Keyword> = call.arguments.keywords.iter().collect();
        let names: Vec<&str> = keywords.iter().map(|k| k.arg.as_ref().map_or("", |a| a.id.as_str())).collect();
        let n_given = given.len();
        let shape = Shape { n_given, n_pos: positional.len(), keywords: &names };
        let sig = &self.funcs[func.0 as usize];
        let params = sig.params.clone();
        let plan = plan(&sig.spec, &params, shape);
        let (posonly, n_positional, refused) = (sig.spec.posonly, sig.spec.positional, sig.spec.refused);
        // Each argument is lowered where its parameter is known, so that `[]` takes its type.
        let pos_targets: Vec<Option<usize>> = (0..positional.len()).map(|j| Some(n_given + j).filter(|&i| i < n_positional && i < params.len())).collect();
        let kw_targets: Vec<Option<usize>> = names.iter().map(|name| params.iter().enumerate().skip(posonly).find(|(_, (n, _))| n == name).map(|(i, _)| i)).collect();
        let mut pos_values = Vec::new();
        for (arg, target) in positional.iter().zip(&pos_targets) {
            pos_values.push(self.expr_expect(ctx, arg, target.map(|i| &params[i].1)));
        }
        let mut kw_values = Vec::new();
        for (kw, target) in keywords.iter().zip(&kw_targets) {
            kw_values.push(self.expr_expect(ctx, &kw.value, target.map(|i| &params[i].1)));
        }
        let slots = match plan {
            Ok(slots) => slots,
            Err(err) => {
                if !refused {
                    let range = bind_error_range(&err, call);
                    let q = self.qualname(func);
                    self.report(bind_error_diag(range, &q, &err, &names, &params[n_given.min(params.len())..]));
                }
                return None;
            }
        };
        let pos_values: Vec<Expr> = pos_values.into_iter().collect::<Option<_>>()?;
        let kw_values: Vec<Expr> = kw_values.into_iter().collect::<Option<_>>()?;
        if !self.same_binding_everywhere(func, dispatch, &slots, shape, call.arguments.range()) {
            return None;
        }
        let line = self.line(call.range());
        // Every argument's value, in evaluation order (`order` maps a source to its place).
        let mut values: Vec<Option<Expr>> = given.into_iter().chain(pos_values).chain(kw_values).map(Some).collect();
        let order = |s: Source| match s {
            Source::Given(i) => Some(i),
            Source::Pos(j) => Some(n_given + j),
            Source::Kw(k) => Some(n_given + positional.len() + k),
            Source::Default => None,
        };
        let source_range = |s: Source| match s {
            Source::Pos(j) => Some(positional[j].range()),
            Source::Kw(k) => Some(keywords[k].value.range()),
            _ => None,
        };
        // Type checks, with the int → float conversion of `user_call` for plain functions.
        let def = self.funcs[func.0 as usize].def.filter(|_| self.funcs[func.0 as usize].method_of.is_none());
        let q = self.qualname(func);
        let mut ok = true;
        for (idx, slot) in slots.iter().enumerate() {
            // The receiver is an instance of the class or of a subclass: no check.
            let Some(at) = order(*slot).filter(|_| !matches!(slot, Source::Given(_))) else { continue };
            let (param, ty) = &params[idx];
            let Some(value) = values[at].take() else { continue };
            let value = if *ty == Ty::FLOAT && matches!(value.ty, Ty::INT | Ty::BOOL) && def.is_some_and(|d| crate::check::builtins::param_only_in_math(&d.body, param, &|f| self.is_math_func(f))) {
                self.to_float(value)
            } else {
                value
            };
            if value.ty != *ty {
                if let Some(range) = source_range(*slot) {
                    self.report(diag::arg_mismatch(range, &format!("parameter `{param}` of `{q}`"), ty, &value.ty));
                }
                ok = false;
            }
            values[at] = Some(value);
        }
        if !ok {
            return None;
        }
        // Out of parameter order: every argument into a hidden local first, in source order.
        let orders: Vec<usize> = slots.iter().filter_map(|s| order(*s)).collect();
        let mut stmts = Vec::new();
        if orders.windows(2).any(|w| w[0] > w[1]) {
            for value in values.iter_mut() {
                let Some(v) = value.take() else { continue };
                if ConstItem::of(&v).is_some() || matches!(v.kind, ExprKind::None) {
                    *value = Some(v);
                    continue;
                }
                let (ty, vline) = (v.ty, v.line);
                let local = ctx.add_local(&format!("<arg{}>", ctx.locals.len()), ty);
                stmts.push(Stmt::Assign { place: Place::Local(local), value: v });
                *value = Some(Expr { kind: ExprKind::Load(Place::Local(local)), ty, line: vline });
            }
        }
        let mut args = Vec::with_capacity(slots.len());
        for (idx, slot) in slots.iter().enumerate() {
            let ty = params[idx].1;
            let arg = match order(*slot) {
                Some(at) => values[at].take()?,
                None => {
                    let kind = self.funcs[func.0 as usize].spec.defaults[idx].as_ref().map_or(DefaultKind::Invalid, |d| d.kind.clone());
                    default_value(&kind, ty, line)
                }
            };
            args.push(arg);
        }
        Some(BoundArgs { stmts, args })
    }

    /// For a virtual call: whether every method it may reach binds the call as `func` does
    /// (the same parameters named by the keywords, the same constant defaults); reports
    /// at `range` when not.
    fn same_binding_everywhere(&mut self, func: FuncId, dispatch: &[FuncId], slots: &[Source], shape: Shape, range: TextRange) -> bool {
        let default_of = |f: FuncId, idx: usize| self.funcs[f.0 as usize].spec.defaults.get(idx).and_then(|d| d.as_ref()).map(|d| d.kind.clone());
        let mut differs = false;
        for &other in dispatch.iter().filter(|&&f| f != func) {
            let sig = &self.funcs[other.0 as usize];
            let same_slots = plan(&sig.spec, &sig.params, shape).is_ok_and(|s| s == slots);
            let same_defaults = slots.iter().enumerate().filter(|(_, s)| **s == Source::Default).all(|(idx, _)| {
                // Two globals are two objects, evaluated by two `def` statements.
                matches!((default_of(func, idx), default_of(other, idx)), (Some(a), Some(b)) if a == b && !matches!(a, DefaultKind::Global(_)))
            });
            differs |= !(same_slots && same_defaults);
        }
        if differs {
            let q = self.qualname(func);
            self.report(diag::unsupported(
                range,
                &format!("a call of `{q}` whose keywords or defaults mean something else in an overriding method"),
                "pass every argument, by position; or give the overriding methods the same parameter names and constant defaults",
            ));
        }
        !differs
    }
}

/// Where a binding error points: the keyword, the positional arguments that are too many,
/// or the whole argument list for what is missing.
fn bind_error_range(err: &BindError, call: &ast::ExprCall) -> TextRange {
    let args = &call.arguments.args;
    match err {
        BindError::Unexpected { kw } | BindError::PosonlyAsKeyword { kw, .. } | BindError::Multiple { kw, .. } => call.arguments.keywords[*kw].range(),
        BindError::TooMany { first_extra: Some(first), .. } => match (args.get(*first), args.last()) {
            (Some(first), Some(last)) => TextRange::new(first.range().start(), last.range().end()),
            _ => call.arguments.range(),
        },
        BindError::TooMany { first_extra: None, .. } | BindError::Missing { .. } => call.arguments.range(),
    }
}

/// Binds a call's shape to a signature as CPython's `initialize_locals` does: positional
/// arguments first, then each keyword in order, then the checks for too many positional
/// arguments, missing positional ones and missing keyword-only ones, in that order.
fn plan(spec: &ParamSpec, params: &[(String, Ty)], shape: Shape) -> Result<Vec<Source>, BindError> {
    let Shape { n_given, n_pos, keywords } = shape;
    let mut slots: Vec<Option<Source>> = vec![None; params.len()];
    let positional = spec.positional.min(params.len());
    for (idx, slot) in slots.iter_mut().enumerate().take(positional) {
        if idx < n_given {
            *slot = Some(Source::Given(idx));
        } else if idx - n_given < n_pos {
            *slot = Some(Source::Pos(idx - n_given));
        }
    }
    for (kw, name) in keywords.iter().enumerate() {
        match params.iter().enumerate().skip(spec.posonly).find(|(_, (n, _))| n == name) {
            Some((idx, (n, _))) if slots[idx].is_some() => return Err(BindError::Multiple { kw, name: n.clone() }),
            Some((idx, _)) => slots[idx] = Some(Source::Kw(kw)),
            None => {
                let names: Vec<String> = params[..spec.posonly.min(params.len())].iter().filter(|(n, _)| keywords.contains(&n.as_str())).map(|(n, _)| n.clone()).collect();
                return Err(if names.is_empty() { BindError::Unexpected { kw } } else { BindError::PosonlyAsKeyword { kw, names } });
            }
        }
    }
    let implicit = spec.implicit_first as usize;
    let has_default = |idx: usize| spec.defaults.get(idx).is_some_and(|d| d.is_some());
    if n_given + n_pos > positional {
        let kwonly_given = slots[positional..].iter().filter(|s| s.is_some()).count();
        let defcount = (0..positional).filter(|&i| has_default(i)).count();
        let co_argcount = positional + implicit;
        let (takes, plural) = if defcount > 0 { (format!("from {} to {co_argcount}", co_argcount - defcount), true) } else { (co_argcount.to_string(), co_argcount != 1) };
        let first_extra = if n_given >= positional { Some(0).filter(|_| n_pos > 0) } else { Some(positional - n_given) };
        return Err(BindError::TooMany { takes, plural, given: n_given + n_pos + implicit, kwonly_given, first_extra });
    }
    for (kind, range) in [("positional", 0..positional), ("keyword-only", positional..params.len())] {
        let names: Vec<String> = range.filter(|&i| slots[i].is_none() && !has_default(i)).map(|i| params[i].0.clone()).collect();
        if !names.is_empty() {
            return Err(BindError::Missing { kind, names });
        }
    }
    Ok(slots.into_iter().map(|s| s.unwrap_or(Source::Default)).collect())
}

fn bind_error_diag(range: TextRange, qualname: &str, err: &BindError, keywords: &[&str], params: &[(String, Ty)]) -> crate::diagnostics::Diagnostic {
    match err {
        BindError::Unexpected { kw } => diag::unexpected_keyword(range, qualname, keywords[*kw], &params.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>()),
        BindError::PosonlyAsKeyword { names, .. } => diag::positional_only_as_keyword(range, qualname, names),
        BindError::Multiple { name, .. } => diag::multiple_values(range, qualname, name),
        BindError::TooMany { takes, plural, given, kwonly_given, .. } => diag::too_many_positional(range, qualname, takes, *plural, *given, *kwonly_given),
        BindError::Missing { kind, names } => diag::missing_arguments(range, qualname, kind, names),
    }
}

/// The value of a default at a call that omits the argument.
fn default_value(kind: &DefaultKind, ty: Ty, line: ir::Line) -> Expr {
    match kind {
        DefaultKind::Const(item) => const_expr(item, ty, line),
        DefaultKind::NoneValue | DefaultKind::Invalid => Expr { kind: ExprKind::None, ty, line },
        DefaultKind::Global(g) => Expr { kind: ExprKind::Load(Place::Global(*g)), ty, line },
        DefaultKind::EmptyContainer => {
            let kind = match ty.kind() {
                TyKind::Dict(..) => ExprKind::DictLit(Vec::new()),
                TyKind::Set(_) => ExprKind::SetLit { items: Vec::new(), build: ir::SetBuild::Items },
                _ => ExprKind::ListLit(Vec::new()),
            };
            Expr { kind, ty, line }
        }
    }
}

fn const_expr(item: &ConstItem, ty: Ty, line: ir::Line) -> Expr {
    let kind = match item {
        ConstItem::Int(v) => ExprKind::Int(*v),
        ConstItem::Float(bits) => ExprKind::Float(f64::from_bits(*bits)),
        ConstItem::Bool(b) => ExprKind::Bool(*b),
        ConstItem::Str(s) => ExprKind::Str(s.clone()),
        ConstItem::Tuple(items) => {
            let fields = ty.tuple_fields().unwrap_or_default();
            ExprKind::Tuple(items.iter().zip(fields).map(|(i, t)| const_expr(i, *t, line)).collect())
        }
    };
    Expr { kind, ty, line }
}

/// Whether `e` is made of literals only (operators and tuples of them), which lower
/// without a scope.
fn is_literal_tree(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::NumberLiteral(_) | ast::Expr::StringLiteral(_) | ast::Expr::BooleanLiteral(_) | ast::Expr::NoneLiteral(_) => true,
        ast::Expr::UnaryOp(u) => is_literal_tree(&u.operand),
        ast::Expr::BinOp(b) => is_literal_tree(&b.left) && is_literal_tree(&b.right),
        ast::Expr::Tuple(t) => t.elts.iter().all(is_literal_tree),
        _ => false,
    }
}

/// The names `e` reads.
fn names_in(e: &ast::Expr) -> Vec<&ast::ExprName> {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Names<'b>(Vec<&'b ast::ExprName>);
    impl<'b> Visitor<'b> for Names<'b> {
        fn visit_expr(&mut self, expr: &'b ast::Expr) {
            if let ast::Expr::Name(n) = expr {
                self.0.push(n);
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut names = Names(Vec::new());
    names.visit_expr(e);
    names.0
}
