//! The `random` module: the functions of CPython's hidden `Random()` instance, seeded, drawing
//! exactly CPython's numbers (runtime/mg_random.c has the Mersenne Twister and the
//! algorithms of `Lib/random.py`).
//!
//! Each function binds its arguments by CPython's parameter names (`random.sample(xs, k=3)`),
//! evaluates them in source order, and becomes one runtime call; `choice(seq)` is
//! `seq[index]` with the index drawn by the runtime, so any sequence the subset indexes
//! works. What CPython's result type would decide by value (`triangular` of two ints may
//! return an int) or what would seed differently (a str seed is hashed with SHA-512) is
//! refused, as are the other functions of the module and `random.Random` instances.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, ExprKind};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

/// The names `from random import ...` accepts.
pub(crate) const NAMES: &[&str] =
    &["seed", "random", "getrandbits", "randrange", "randint", "choice", "choices", "shuffle", "sample", "uniform", "gauss", "normalvariate", "expovariate", "triangular"];

/// The parameters of each function, as `Lib/random.py` names them: how many are required,
/// and how many may be passed by position (the rest are keyword-only).
fn params(name: &str) -> (&'static [&'static str], usize, usize) {
    match name {
        "seed" => (&["a", "version"], 0, 2),
        "random" => (&[], 0, 0),
        // A C method: positional only (the binder refuses its keywords).
        "getrandbits" => (&["k"], 1, 1),
        "randrange" => (&["start", "stop", "step"], 1, 3),
        "randint" => (&["a", "b"], 2, 2),
        "choice" => (&["seq"], 1, 1),
        "choices" => (&["population", "weights", "cum_weights", "k"], 1, 2),
        "shuffle" => (&["x"], 1, 1),
        "sample" => (&["population", "k", "counts"], 2, 2),
        "uniform" => (&["a", "b"], 2, 2),
        "gauss" | "normalvariate" => (&["mu", "sigma"], 0, 2),
        "expovariate" => (&["lambd"], 1, 1),
        _ => (&["low", "high", "mode"], 0, 3),
    }
}

impl<'a> Checker<'a> {
    /// A call of `random.<name>` (under any of its imported names).
    pub fn random_call(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let func = format!("random.{name}");
        let args = self.bind_random_args(name, call, &func)?;
        // Arguments are evaluated in source order (keywords may come out of parameter order:
        // then each goes to a hidden local first).
        let mut written: Vec<(usize, &'a ast::Expr)> = args.iter().enumerate().filter_map(|(i, a)| a.map(|a| (i, a))).collect();
        written.sort_by_key(|(_, a)| a.range().start());
        // (The runtime call of `choices` takes `k` before the weights.)
        let k_before_weights = name == "choices" && args[3].is_some() && (args[1].is_some() || args[2].is_some());
        let in_order = written.windows(2).all(|w| w[0].0 < w[1].0) && !k_before_weights;
        let mut stmts = Vec::new();
        let mut vals: Vec<Option<Expr>> = (0..args.len()).map(|_| None).collect();
        for (i, e) in written {
            // A literal None is the parameter's default.
            if matches!(e, ast::Expr::NoneLiteral(_)) && matches!((name, i), ("seed", 0) | ("randrange", 1) | ("triangular", 2) | ("choices", 1 | 2)) {
                continue;
            }
            let v = self.random_arg(ctx, name, i, e)?;
            vals[i] = Some(if in_order {
                v
            } else {
                let (s, h) = self.hidden(ctx, v);
                stmts.extend(s);
                h.load()
            });
        }
        let result = self.random_builtin(ctx, name, call, vals, args, line)?;
        Some(if stmts.is_empty() { result } else { Expr { ty: result.ty, kind: ExprKind::Block(stmts, Box::new(result)), line } })
    }

    /// The call's arguments bound to the function's parameters (by position, then keyword).
    fn bind_random_args(&mut self, name: &str, call: &'a ast::ExprCall, func: &str) -> Option<Vec<Option<&'a ast::Expr>>> {
        let (names, required, positional) = params(name);
        let given = &call.arguments.args;
        if given.len() > positional {
            let want = if required == positional { required.to_string() } else { format!("{required} to {positional}") };
            self.report(diag::bad_arity(call.arguments.range(), func, &want, given.len()));
            return None;
        }
        let mut bound: Vec<Option<&'a ast::Expr>> = names.iter().map(|_| None).collect();
        for (i, a) in given.iter().enumerate() {
            bound[i] = Some(a);
        }
        for keyword in call.arguments.keywords.iter() {
            let kw = keyword.arg.as_ref().map(|a| a.id.as_str());
            let slot = kw.and_then(|k| names.iter().position(|n| *n == k)).filter(|_| name != "getrandbits");
            match slot {
                Some(i) if bound[i].is_none() => bound[i] = Some(&keyword.value),
                _ => {
                    let help = if names.is_empty() || name == "getrandbits" { format!("{func}() takes its arguments by position") } else { format!("{func}() takes {}", names.join(", ")) };
                    self.report(diag::unsupported(keyword.range(), "this keyword argument", &help));
                    return None;
                }
            }
        }
        if bound.iter().take(required).any(Option::is_none) {
            let want = if required == positional { required.to_string() } else { format!("{required} to {positional}") };
            self.report(diag::bad_arity(call.arguments.range(), func, &want, given.len() + call.arguments.keywords.len()));
            return None;
        }
        Some(bound)
    }

    /// Argument `i` of `random.<name>`, checked for its parameter's type.
    fn random_arg(&mut self, ctx: &mut FnCtx, name: &str, i: usize, e: &'a ast::Expr) -> Option<Expr> {
        let func = format!("random.{name}()");
        if let ("choices", 1 | 2) = (name, i) {
            return self.choices_weights(ctx, e);
        }
        let v = self.expr(ctx, e)?;
        match (name, i) {
            ("seed", 1) => {
                self.report(diag::unsupported(e.range(), "`random.seed(version=...)`", "seed with an int alone: version 2, the default, is what it uses"));
                None
            }
            ("seed", 0) => match v.ty {
                Ty::INT | Ty::BOOL => Some(self.to_int(v)),
                other => {
                    self.report(diag::unsupported(e.range(), &format!("seeding `random` with a `{other}`"), "seed with an int: CPython hashes other seeds (a str with SHA-512, a float by its hash)"));
                    None
                }
            },
            ("getrandbits" | "randrange" | "randint", _) | ("sample" | "choices", 1 | 3) => self.expect_int(v, e.range(), &format!("{func} argument")),
            ("triangular", 0 | 1) if v.ty != Ty::FLOAT => {
                // Two ints could make CPython return an int (`low`, when high == low).
                self.report(diag::arg_mismatch(e.range(), &format!("{func} bound"), &Ty::FLOAT, &v.ty));
                None
            }
            ("uniform" | "gauss" | "normalvariate" | "expovariate" | "triangular", _) => match v.ty {
                Ty::INT | Ty::BOOL | Ty::FLOAT => Some(v),
                other => {
                    self.report(diag::arg_mismatch(e.range(), &format!("{func} argument"), &Ty::FLOAT, &other));
                    None
                }
            },
            _ => Some(v),
        }
    }

    /// The call itself, its arguments checked and evaluated (`vals[i]`, None when left out).
    fn random_builtin(&mut self, ctx: &mut FnCtx, name: &str, call: &'a ast::ExprCall, mut vals: Vec<Option<Expr>>, args: Vec<Option<&'a ast::Expr>>, line: ir::Line) -> Option<Expr> {
        let builtin = |b: Builtin, vals: Vec<Expr>, ty: Ty| Some(Expr { kind: ExprKind::Builtin(b, vals), ty, line });
        let float = |v: f64| Expr { kind: ExprKind::Float(v), ty: Ty::FLOAT, line };
        let mut take = |i: usize| vals.get_mut(i).and_then(Option::take);
        match name {
            "seed" => builtin(Builtin::RandomSeed, take(0).into_iter().collect(), Ty::NONE),
            "random" => builtin(Builtin::RandomRandom, vec![], Ty::FLOAT),
            "getrandbits" => builtin(Builtin::RandomGetrandbits, vec![take(0)?], Ty::INT),
            "randint" => builtin(Builtin::RandomRandint, vec![take(0)?, take(1)?], Ty::INT),
            "randrange" => {
                let start = take(0)?;
                match (take(1), take(2)) {
                    (None, None) => builtin(Builtin::RandomRandrange, vec![start], Ty::INT),
                    (None, Some(_)) => {
                        self.report(diag::unsupported(call.arguments.range(), "`randrange()` with a step but no stop", "CPython raises TypeError: Missing a non-None stop argument"));
                        None
                    }
                    (Some(stop), step) => {
                        let step = step.unwrap_or(Expr { kind: ExprKind::Int(1), ty: Ty::INT, line });
                        builtin(Builtin::RandomRandrange, vec![start, stop, step], Ty::INT)
                    }
                }
            }
            "choice" => {
                let seq = self.homogeneous_tuple(take(0)?);
                let range = args[0].map_or(call.range(), Ranged::range);
                self.random_choice(ctx, seq, range, line)
            }
            "choices" => {
                let population = self.homogeneous_tuple(take(0)?);
                let (weights, cum_weights) = (take(1), take(2));
                let k = take(3).unwrap_or(Expr { kind: ExprKind::Int(1), ty: Ty::INT, line });
                let range = args[0].map_or(call.range(), Ranged::range);
                let index_error = match population.ty.kind() {
                    TyKind::List(_) => 0,
                    TyKind::VarTuple(_) => 1,
                    TyKind::Str => 2,
                    TyKind::Deque(_) => 3,
                    _ => 4,
                };
                let population = self.sample_population(population, range, line)?;
                let elem = match population.ty.kind() {
                    TyKind::List(e) | TyKind::VarTuple(e) => *e,
                    _ => Ty::INT,
                };
                let mut vals = vec![population, k, Expr { kind: ExprKind::Int(index_error), ty: Ty::INT, line }];
                let cumulative = match (weights, cum_weights) {
                    (Some(_), Some(_)) => {
                        self.report(diag::unsupported(call.arguments.range(), "`random.choices()` with both weights and cum_weights", "CPython raises TypeError: Cannot specify both weights and cumulative weights"));
                        return None;
                    }
                    (Some(w), None) => {
                        vals.push(w);
                        false
                    }
                    (None, Some(w)) => {
                        vals.push(w);
                        true
                    }
                    (None, None) => false,
                };
                builtin(Builtin::RandomChoices { cumulative }, vals, Ty::list(elem))
            }
            "shuffle" => {
                let xs = take(0)?;
                if xs.ty.list_elem().is_none() {
                    let range = args[0].map_or(call.range(), Ranged::range);
                    self.report(diag::arg_mismatch(range, "random.shuffle() argument", &Ty::list(Ty::INT), &xs.ty));
                    return None;
                }
                builtin(Builtin::RandomShuffle, vec![xs], Ty::NONE)
            }
            "sample" => {
                if let (Some(counts), Some(_)) = (args[2], take(2)) {
                    self.report(diag::unsupported(counts.range(), "`random.sample(counts=...)`", "repeat the items in the population instead"));
                    return None;
                }
                let population = self.homogeneous_tuple(take(0)?);
                let k = take(1)?;
                let range = args[0].map_or(call.range(), Ranged::range);
                let population = self.sample_population(population, range, line)?;
                let elem = match population.ty.kind() {
                    TyKind::List(e) | TyKind::VarTuple(e) => *e,
                    _ => Ty::INT,
                };
                builtin(Builtin::RandomSample, vec![population, k], Ty::list(elem))
            }
            "uniform" => {
                let (a, b) = (take(0)?, take(1)?);
                // Two ints: `b - a` is exact (a Python int) before it meets the float.
                let both_int = matches!(a.ty, Ty::INT | Ty::BOOL) && matches!(b.ty, Ty::INT | Ty::BOOL);
                let (a, b) = if both_int { (self.to_int(a), self.to_int(b)) } else { (self.to_float(a), self.to_float(b)) };
                builtin(Builtin::RandomUniform, vec![a, b], Ty::FLOAT)
            }
            // `mu + z * sigma` with a float z: an int mu or sigma meets a float, so it is
            // converted first, exactly as Python's mixed arithmetic converts it.
            "gauss" | "normalvariate" => {
                let mu = take(0).map_or(float(0.0), |v| self.to_float(v));
                let sigma = take(1).map_or(float(1.0), |v| self.to_float(v));
                let b = if name == "gauss" { Builtin::RandomGauss } else { Builtin::RandomNormal };
                builtin(b, vec![mu, sigma], Ty::FLOAT)
            }
            "expovariate" => {
                let lambd = take(0)?;
                let lambd = self.to_float(lambd);
                builtin(Builtin::RandomExpovariate, vec![lambd], Ty::FLOAT)
            }
            _ => {
                let low = take(0).unwrap_or(float(0.0));
                let high = take(1).unwrap_or(float(1.0));
                let (mode, has_mode) = match take(2) {
                    Some(m) => (self.to_float(m), 1),
                    None => (float(0.0), 0),
                };
                let has = Expr { kind: ExprKind::Int(has_mode), ty: Ty::INT, line };
                builtin(Builtin::RandomTriangular, vec![low, high, mode, has], Ty::FLOAT)
            }
        }
    }

    /// The weights (or cumulative weights) of `choices()`: a `list[int]` or `list[float]`,
    /// from any iterable `list()` takes (CPython accumulates them from an iterator).
    fn choices_weights(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<Expr> {
        let list = self.list_of(ctx, e)?;
        match list.ty.list_elem() {
            Some(Ty::INT | Ty::FLOAT) => Some(list),
            _ => {
                self.report(diag::arg_mismatch(e.range(), "random.choices() weights", &Ty::list(Ty::FLOAT), &list.ty));
                None
            }
        }
    }

    /// A fixed tuple whose fields share one type as a `tuple[T, ...]` (CPython indexes both
    /// alike); anything else as it is.
    fn homogeneous_tuple(&self, value: Expr) -> Expr {
        match value.ty.tuple_fields() {
            Some(fields) if !fields.is_empty() && fields.iter().all(|f| *f == fields[0]) => self.upcast(value, Ty::var_tuple(fields[0])),
            _ => value,
        }
    }

    /// `choice(seq)`: `seq[i]`, `i` drawn below `len(seq)` (IndexError when empty).
    fn random_choice(&mut self, ctx: &mut FnCtx, seq: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let elem = match seq.ty.kind() {
            TyKind::List(e) | TyKind::VarTuple(e) | TyKind::Deque(e) => *e,
            TyKind::Str => Ty::STR,
            TyKind::Range => Ty::INT,
            _ => {
                self.report(diag::unsupported(range, &format!("`random.choice()` of a `{}`", seq.ty), "choose from a list, tuple[T, ...], str, range or deque (for a set or dict, `sorted(...)` first)"));
                return None;
            }
        };
        let (stmts, h) = self.hidden(ctx, seq);
        let len = Expr { kind: ExprKind::Builtin(Builtin::Len, vec![h.load()]), ty: Ty::INT, line };
        let index = Expr { kind: ExprKind::Builtin(Builtin::RandomChoiceIndex, vec![len]), ty: Ty::INT, line };
        let item = Expr { kind: ExprKind::GetItem(Box::new(h.load()), Box::new(index)), ty: elem, line };
        Some(if stmts.is_empty() { item } else { Expr { kind: ExprKind::Block(stmts, Box::new(item)), ty: elem, line } })
    }

    /// The population of `sample()` as the runtime reads it: a list (a `tuple[T, ...]` is
    /// one), a range, or a str or deque as a new list of its items (CPython indexes them).
    fn sample_population(&mut self, population: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let ty = population.ty;
        Some(match ty.kind() {
            TyKind::List(_) | TyKind::VarTuple(_) | TyKind::Range => population,
            TyKind::Str => Expr { kind: ExprKind::Builtin(Builtin::ListFromStr, vec![population]), ty: Ty::list(Ty::STR), line },
            TyKind::Deque(e) => Expr { kind: ExprKind::Builtin(Builtin::ListFromDeque, vec![population]), ty: Ty::list(*e), line },
            _ => {
                let help = "sample from a list, tuple[T, ...], str, range or deque (CPython raises TypeError for a set or dict: use `sorted(...)`)";
                self.report(diag::unsupported(range, &format!("`random.sample()` of a `{ty}`"), help));
                return None;
            }
        })
    }
}
