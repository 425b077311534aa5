//! `itertools`: each function is a generator made where it is called
//! (`Checker::lazy_generator`), whose body is CPython's documented equivalent written in
//! Python (a template of this file, with the item types written in), parsed, moved to the
//! call's range and checked like any body: the arguments are its parameters `a0`, `a1`...
//! (iterables as iterators, evaluated at the call as CPython evaluates them; the pools of
//! `product`, `permutations` and `combinations` as lists, which CPython copies into tuples
//! at the call too; function arguments as function values). The body is frameless (CPython's
//! is C code): a traceback shows the consumer, then the function an iterator calls.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;

use crate::check::closures::LazySpec;
use crate::check::diagnostics as diag;
use crate::check::imports::{Binding, Imported, Module};
use crate::check::ir::{self, Expr, ExprKind, Iter, LocalId, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

/// The functions of `itertools` the subset has.
pub const NAMES: &[&str] = &[
    "count", "cycle", "repeat", "chain", "islice", "product", "permutations", "combinations", "combinations_with_replacement", "accumulate", "zip_longest", "takewhile", "dropwhile",
    "groupby", "pairwise", "starmap",
];

/// How templates spell `typing.Iterator` whatever the program imports.
const ITERATOR_NAME: &str = "__mg_Iterator";

impl<'a> Checker<'a> {
    pub fn itertools_call(&mut self, ctx: &mut FnCtx, name: &'static str, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        let range = call.range();
        let keyword = |k: &str| call.arguments.keywords.iter().find(|kw| kw.arg.as_ref().is_some_and(|a| a.id.as_str() == k)).map(|kw| &kw.value);
        let allowed: &[&str] = match name {
            "product" => &["repeat"],
            "zip_longest" => &["fillvalue"],
            "groupby" => &["key"],
            "accumulate" => &["func"],
            _ => &[],
        };
        if let Some(k) = call.arguments.keywords.iter().find(|kw| kw.arg.as_ref().is_none_or(|a| !allowed.contains(&a.id.as_str()))) {
            self.report(diag::unsupported(k.range(), &format!("this keyword argument of itertools.{name}"), "pass the arguments by position"));
            return None;
        }
        let arity = |this: &mut Self, lo: usize, hi: usize| -> Option<()> {
            if args.len() < lo || args.len() > hi {
                let want = if lo == hi { lo.to_string() } else { format!("{lo} to {hi}") };
                this.report(diag::bad_arity(call.arguments.range(), &format!("itertools.{name}"), &want, args.len()));
                return None;
            }
            Some(())
        };
        let mut params: Vec<Expr> = Vec::new();
        let (template, elem): (String, Ty) = match name {
            "count" => {
                arity(self, 0, 2)?;
                for a in args.iter() {
                    let v = self.expr(ctx, a)?;
                    params.push(self.expect_int(v, a.range(), "itertools.count() argument")?);
                }
                let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
                while params.len() < 2 {
                    params.push(int(params.len() as i64));
                }
                ("c = a0\nwhile True:\n    yield c\n    c += a1\n".to_string(), Ty::INT)
            }
            "repeat" => {
                arity(self, 1, 2)?;
                let v = self.expr(ctx, &args[0])?;
                let elem = v.ty;
                params.push(v);
                if let Some(n) = args.get(1) {
                    let v = self.expr(ctx, n)?;
                    params.push(self.expect_int(v, n.range(), "itertools.repeat() count")?);
                    ("for _ in range(a1):\n    yield a0\n".to_string(), elem)
                } else {
                    ("while True:\n    yield a0\n".to_string(), elem)
                }
            }
            "cycle" => {
                arity(self, 1, 1)?;
                let it = self.as_iterator(ctx, &args[0])?;
                let elem = it.ty.iter_elem()?;
                params.push(it);
                (format!("saved: list[{elem}] = []\nfor x in a0:\n    yield x\n    saved.append(x)\nwhile saved:\n    for x in saved:\n        yield x\n"), elem)
            }
            "chain" => {
                let mut elem = None;
                let mut text = String::new();
                for (k, a) in args.iter().enumerate() {
                    let it = self.as_iterator(ctx, a)?;
                    let e = it.ty.iter_elem()?;
                    if elem.is_some_and(|t| t != e) {
                        self.report(diag::arg_mismatch(a.range(), "itertools.chain() iterable", &Ty::iterator(elem?), &it.ty));
                        return None;
                    }
                    elem = Some(e);
                    params.push(it);
                    text.push_str(&format!("for x in a{k}:\n    yield x\n"));
                }
                let Some(elem) = elem else {
                    self.report(diag::unsupported(range, "itertools.chain() of nothing", "it yields nothing: use an empty list"));
                    return None;
                };
                (text, elem)
            }
            "islice" => return self.islice(ctx, call, line),
            "accumulate" => {
                arity(self, 1, 2)?;
                let it = self.as_iterator(ctx, &args[0])?;
                let elem = it.ty.iter_elem()?;
                params.push(it);
                let func = args.get(1).or(keyword("func"));
                let step = match func {
                    Some(f) => {
                        let fty = Ty::intern(TyKind::Function { params: vec![elem, elem], ret: elem });
                        params.push(self.function_arg(ctx, f, fty, "itertools.accumulate() function")?);
                        "a1(total, y)"
                    }
                    None if matches!(elem.kind(), TyKind::Int | TyKind::Float | TyKind::Str | TyKind::List(_)) => "total + y",
                    None => {
                        self.report(diag::unsupported(args[0].range(), &format!("itertools.accumulate() of `{elem}` items without a function"), "pass the function that combines two items"));
                        return None;
                    }
                };
                (format!("for x in a0:\n    total = x\n    yield total\n    for y in a0:\n        total = {step}\n        yield total\n    break\n"), elem)
            }
            "takewhile" | "dropwhile" => {
                arity(self, 2, 2)?;
                let it = self.as_iterator(ctx, &args[1])?;
                let elem = it.ty.iter_elem()?;
                let fty = Ty::intern(TyKind::Function { params: vec![elem], ret: Ty::BOOL });
                params.push(self.function_arg(ctx, &args[0], fty, &format!("itertools.{name}() predicate"))?);
                params.push(it);
                if name == "takewhile" {
                    ("for x in a1:\n    if a0(x):\n        yield x\n    else:\n        break\n".to_string(), elem)
                } else {
                    ("dropping = True\nfor x in a1:\n    if dropping and a0(x):\n        continue\n    dropping = False\n    yield x\n".to_string(), elem)
                }
            }
            "zip_longest" => {
                if args.is_empty() {
                    self.report(diag::unsupported(range, "itertools.zip_longest() of nothing", "it yields nothing: use an empty list"));
                    return None;
                }
                let mut elems = Vec::new();
                for a in args.iter() {
                    let it = self.as_iterator(ctx, a)?;
                    elems.push(it.ty.iter_elem()?);
                    params.push(it);
                }
                let fill = match keyword("fillvalue") {
                    Some(f) => self.expr(ctx, f)?,
                    None => Expr { kind: ExprKind::None, ty: Ty::NONE, line },
                };
                let fill_ty = fill.ty;
                params.push(fill);
                let n = elems.len();
                // Each field takes the fill value where its iterable ended: its type must
                // hold it (None makes the field optional); otherwise filling stops loudly.
                let field = |t: Ty| if fill_ty == Ty::NONE { Ty::optional(t) } else { t };
                // CPython's `zip_longest_next`: an ended iterator is not called again, and
                // the row stops where the last active one ends.
                let mut text = format!("act = {n}\n");
                for k in 0..n {
                    text.push_str(&format!("d{k} = False\n"));
                }
                text.push_str("while True:\n");
                for (k, t) in elems.iter().enumerate() {
                    let fill = if fill_ty == Ty::NONE || fill_ty == *t {
                        format!("        x{k} = a{n}\n")
                    } else {
                        format!("        raise NotImplementedError(\"itertools.zip_longest would put its fill value (a {fill_ty}) among items of type {t}, which multigen cannot type\")\n")
                    };
                    text.push_str(&format!(
                        "    g{k} = False\n    if not d{k}:\n        for v{k} in a{k}:\n            g{k} = True\n            break\n        if not g{k}:\n            d{k} = True\n            act -= 1\n            if act == 0:\n                return\n    if g{k}:\n        x{k}: {} = v{k}\n    else:\n{fill}",
                        field(*t)
                    ));
                }
                let names: Vec<String> = (0..n).map(|k| format!("x{k}")).collect();
                let tuple = if n == 1 { format!("({},)", names[0]) } else { format!("({})", names.join(", ")) };
                text.push_str(&format!("    yield {tuple}\n"));
                (text, Ty::tuple(elems.iter().map(|t| field(*t)).collect()))
            }
            "product" => {
                let repeat = match keyword("repeat") {
                    Some(r) => match self.const_int(r) {
                        Some(n) if n >= 0 => n as usize,
                        _ => {
                            self.report(diag::unsupported(r.range(), "a `repeat=` that is not a constant", "write the count as a literal"));
                            return None;
                        }
                    },
                    None => 1,
                };
                let mut tys = Vec::new();
                for a in args.iter() {
                    let pool = self.pool(ctx, a)?;
                    tys.push(pool.ty.list_elem()?);
                    params.push(pool);
                }
                let mut text = String::new();
                let mut fields = Vec::new();
                let mut names = Vec::new();
                for r in 0..repeat {
                    for (k, t) in tys.iter().enumerate() {
                        let depth = r * tys.len() + k;
                        text.push_str(&format!("{}for x{depth} in a{k}:\n", "    ".repeat(depth)));
                        fields.push(*t);
                        names.push(format!("x{depth}"));
                    }
                }
                let tuple = if names.len() == 1 { format!("({},)", names[0]) } else { format!("({})", names.join(", ")) };
                text.push_str(&format!("{}yield {tuple}\n", "    ".repeat(names.len())));
                (text, Ty::tuple(fields))
            }
            "permutations" | "combinations" => {
                arity(self, if name == "permutations" { 1 } else { 2 }, 2)?;
                let pool = self.pool(ctx, &args[0])?;
                let t = pool.ty.list_elem()?;
                params.push(pool);
                let r_const = match args.get(1) {
                    Some(r) => {
                        let v = self.expr(ctx, r)?;
                        let v = self.expect_int(v, r.range(), &format!("itertools.{name}() length"))?;
                        let c = match v.kind {
                            ExprKind::Int(n) => Some(n),
                            _ => None,
                        };
                        if c.is_some_and(|n| n < 0) {
                            self.report(diag::unsupported(r.range(), "a negative length", "CPython raises ValueError: r must be non-negative"));
                            return None;
                        }
                        params.push(v);
                        c
                    }
                    None => None,
                };
                let r_init = if args.len() > 1 { "a1" } else { "n" };
                let (tuple, elem) = match r_const {
                    Some(r) => {
                        let items: Vec<String> = (0..r).map(|i| format!("a0[indices[{i}]]")).collect();
                        let text = if r == 1 { format!("({},)", items[0]) } else { format!("({})", items.join(", ")) };
                        (text, Ty::tuple(vec![t; r as usize]))
                    }
                    None => ("tuple([a0[k] for k in indices[:r]])".to_string(), Ty::var_tuple(t)),
                };
                let text = if name == "permutations" {
                    format!(
                        "n = len(a0)\nr = {r_init}\nif r < 0:\n    raise ValueError(\"r must be non-negative\")\nif r <= n:\n    indices = list(range(n))\n    cycles = list(range(n, n - r, -1))\n    yield {tuple}\n    while n:\n        for i in range(r - 1, -1, -1):\n            cycles[i] -= 1\n            if cycles[i] == 0:\n                v = indices.pop(i)\n                indices.append(v)\n                cycles[i] = n - i\n            else:\n                j = cycles[i]\n                swap = indices[i]\n                indices[i] = indices[-j]\n                indices[-j] = swap\n                yield {tuple}\n                break\n        else:\n            break\n"
                    )
                } else {
                    format!(
                        "n = len(a0)\nr = a1\nif r < 0:\n    raise ValueError(\"r must be non-negative\")\nif r <= n:\n    indices = list(range(r))\n    yield {tuple}\n    while True:\n        i = r - 1\n        found = False\n        while i >= 0:\n            if indices[i] != i + n - r:\n                found = True\n                break\n            i -= 1\n        if not found:\n            break\n        indices[i] += 1\n        for j in range(i + 1, r):\n            indices[j] = indices[j - 1] + 1\n        yield {tuple}\n"
                    )
                };
                (text, elem)
            }
            "pairwise" => {
                arity(self, 1, 1)?;
                let it = self.as_iterator(ctx, &args[0])?;
                let t = it.ty.iter_elem()?;
                params.push(it);
                // CPython's C code: the first item, then each next one paired with the last.
                ("for a in a0:\n    for b in a0:\n        yield a, b\n        a = b\n    break\n".to_string(), Ty::tuple(vec![t, t]))
            }
            "starmap" => {
                arity(self, 2, 2)?;
                let it = self.as_iterator(ctx, &args[1])?;
                let t = it.ty.iter_elem()?;
                let Some(fields) = t.tuple_fields().map(<[Ty]>::to_vec) else {
                    self.report(diag::unsupported(args[1].range(), &format!("itertools.starmap() over `{t}` items"), "pass an iterable of tuples"));
                    return None;
                };
                let f = match &args[0] {
                    ast::Expr::Lambda(l) => self.lambda_inferred(ctx, l, fields.clone())?,
                    other => self.expr(ctx, other)?,
                };
                let TyKind::Function { params: ps, ret } = f.ty.kind() else {
                    self.report(diag::not_callable(args[0].range(), &self.source_of(&args[0])));
                    return None;
                };
                if *ps != fields {
                    let want = Ty::intern(TyKind::Function { params: fields.clone(), ret: *ret });
                    self.report(diag::arg_mismatch(args[0].range(), "itertools.starmap() function", &want, &f.ty));
                    return None;
                }
                let ret = *ret;
                if ret == Ty::NONE {
                    self.report(diag::unsupported(args[0].range(), "itertools.starmap() of a function returning None", "call the function in a loop"));
                    return None;
                }
                params.push(f);
                params.push(it);
                let call_args: Vec<String> = (0..fields.len()).map(|i| format!("t[{i}]")).collect();
                (format!("for t in a1:\n    yield a0({})\n", call_args.join(", ")), ret)
            }
            "combinations_with_replacement" => {
                arity(self, 2, 2)?;
                let pool = self.pool(ctx, &args[0])?;
                let t = pool.ty.list_elem()?;
                params.push(pool);
                let v = self.expr(ctx, &args[1])?;
                let v = self.expect_int(v, args[1].range(), "itertools.combinations_with_replacement() length")?;
                let r_const = match v.kind {
                    ExprKind::Int(n) => Some(n),
                    _ => None,
                };
                if r_const.is_some_and(|n| n < 0) {
                    self.report(diag::unsupported(args[1].range(), "a negative length", "CPython raises ValueError: r must be non-negative"));
                    return None;
                }
                params.push(v);
                let (tuple, elem) = match r_const {
                    Some(r) => {
                        let items: Vec<String> = (0..r).map(|i| format!("a0[indices[{i}]]")).collect();
                        let text = match r {
                            0 => "()".to_string(),
                            1 => format!("({},)", items[0]),
                            _ => format!("({})", items.join(", ")),
                        };
                        (text, Ty::tuple(vec![t; r as usize]))
                    }
                    None => ("tuple([a0[k] for k in indices])".to_string(), Ty::var_tuple(t)),
                };
                // CPython's C code (`cwr_next`), which yields what its documented Python
                // equivalent yields.
                let text = format!(
                    "n = len(a0)\nr = a1\nif r < 0:\n    raise ValueError(\"r must be non-negative\")\nif n > 0 or r == 0:\n    indices = [0] * r\n    yield {tuple}\n    while True:\n        i = r - 1\n        while i >= 0 and indices[i] == n - 1:\n            i -= 1\n        if i < 0:\n            break\n        index = indices[i] + 1\n        for j in range(i, r):\n            indices[j] = index\n        yield {tuple}\n"
                );
                (text, elem)
            }
            "groupby" => {
                arity(self, 1, 1)?;
                let it = self.as_iterator(ctx, &args[0])?;
                let t = it.ty.iter_elem()?;
                params.push(it);
                let (key_ty, key_call) = match keyword("key") {
                    Some(ast::Expr::NoneLiteral(_)) | None => (t, "v"),
                    Some(k) => {
                        let f = match k {
                            ast::Expr::Lambda(l) => self.lambda_inferred(ctx, l, vec![t])?,
                            other => self.expr(ctx, other)?,
                        };
                        let TyKind::Function { params: ps, ret } = f.ty.kind() else {
                            self.report(diag::not_callable(k.range(), &self.source_of(k)));
                            return None;
                        };
                        if *ps != vec![t] {
                            let want = Ty::intern(TyKind::Function { params: vec![t], ret: *ret });
                            self.report(diag::arg_mismatch(k.range(), "itertools.groupby() key", &want, &f.ty));
                            return None;
                        }
                        let ret = *ret;
                        params.push(f);
                        (ret, "a1(v)")
                    }
                };
                self.declare_template_iterator();
                let text = format!(
                    "vals: list[{t}] = []\nkeys: list[{key_ty}] = []\ntgt: list[{key_ty}] = []\ngid = [0]\ndef step() -> bool:\n    for v in a0:\n        if vals:\n            vals.pop()\n        vals.append(v)\n        if keys:\n            keys.pop()\n        keys.append({key_call})\n        return True\n    return False\ndef group(me: int, key: {key_ty}) -> {ITERATOR_NAME}[{t}]:\n    while gid[0] == me:\n        if not vals:\n            if not step():\n                return\n        if keys[0] != key:\n            return\n        yield vals.pop()\nwhile True:\n    gid[0] += 1\n    while True:\n        if keys:\n            if not tgt:\n                break\n            if tgt[0] != keys[0]:\n                break\n        if vals:\n            vals.pop()\n        if not step():\n            return\n    if tgt:\n        tgt.pop()\n    tgt.append(keys[0])\n    yield keys[0], group(gid[0], keys[0])\n"
                );
                (text, Ty::tuple(vec![key_ty, Ty::iterator(t)]))
            }
            _ => unreachable!("itertools name {name}"),
        };
        self.template_generator(ctx, name, format!("!itertools.{name}"), template, params, elem, call, line)
    }

    /// `heapq.merge(*iterables)`: CPython's `Lib/heapq.py` merge, with the heap's
    /// `[value, order, next]` lists as `(value, order)` tuples (compared alike: `==`, then
    /// `<`, and the order decides ties) and the iterators in a list by order.
    pub fn heapq_merge(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        if let Some(k) = call.arguments.keywords.first() {
            self.report(diag::unsupported(k.range(), "this keyword argument of heapq.merge", "merge without `key=` or `reverse=`: sort the merged items after"));
            return None;
        }
        let mut params = Vec::new();
        let mut elem: Option<Ty> = None;
        for a in call.arguments.args.iter() {
            let it = self.as_iterator(ctx, a)?;
            let e = it.ty.iter_elem()?;
            if elem.is_some_and(|t| t != e) {
                self.report(diag::arg_mismatch(a.range(), "heapq.merge() iterable", &Ty::iterator(elem?), &it.ty));
                return None;
            }
            elem = Some(e);
            params.push(it);
        }
        let Some(t) = elem else {
            self.report(diag::unsupported(call.range(), "heapq.merge() of nothing", "it yields nothing: use an empty list"));
            return None;
        };
        if !t.is_orderable() {
            self.report(diag::not_orderable(call.range(), "heapq.merge()", &t));
            return None;
        }
        self.declare_template_iterator();
        for f in ["heapify", "heappop", "heapreplace"] {
            self.bind_for_templates(format!("__mg_{f}"), Imported::Member(Module::Heapq, f));
        }
        let its: Vec<String> = (0..params.len()).map(|k| format!("a{k}")).collect();
        let template = format!(
            "its: list[{ITERATOR_NAME}[{t}]] = [{}]\nh: list[tuple[{t}, int]] = []\nfor order in range(len(its)):\n    try:\n        h.append((next(its[order]), order))\n    except StopIteration:\n        pass\n__mg_heapify(h)\nwhile len(h) > 1:\n    try:\n        while True:\n            o = h[0][1]\n            yield h[0][0]\n            __mg_heapreplace(h, (next(its[o]), o))\n    except StopIteration:\n        __mg_heappop(h)\nif h:\n    o = h[0][1]\n    yield h[0][0]\n    for rest in its[o]:\n        yield rest\n",
            its.join(", ")
        );
        // Lib/heapq.py's merge is a Python generator: `<generator object merge at 0x...>`.
        self.template_generator(ctx, "merge", "merge".to_string(), template, params, t, call, line)
    }

    /// `islice(it, stop)` and `islice(it, start, stop[, step])`: the arguments are checked
    /// at the call, as CPython's `islice_new` checks them (its messages, in its order), then
    /// a lazy generator runs `islice_next`: it consumes no item past the last it yields.
    fn islice(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let args = &call.arguments.args;
        if !(2..=4).contains(&args.len()) {
            self.report(diag::bad_arity(call.arguments.range(), "itertools.islice", "2 to 4", args.len()));
            return None;
        }
        let it = self.as_iterator(ctx, &args[0])?;
        let elem = it.ty.iter_elem()?;
        // (start, stop, step), None standing for CPython's defaults: 0, -1 (no stop), 1.
        let given: [Option<&'a ast::Expr>; 3] = if args.len() == 2 { [None, Some(&args[1]), None] } else { [Some(&args[1]), Some(&args[2]), args.get(3)] };
        let mut prologue = Vec::new();
        let mut values = Vec::new();
        let mut names = Vec::new();
        for (k, (arg, default)) in given.into_iter().zip([0, -1, 1]).enumerate() {
            let value = match arg {
                None | Some(ast::Expr::NoneLiteral(_)) => Expr { kind: ExprKind::Int(default), ty: Ty::INT, line },
                Some(a) => {
                    let v = self.expr(ctx, a)?;
                    self.expect_int(v, a.range(), "itertools.islice() index")?
                }
            };
            let name = format!("__mg_islice{k}_{}", ctx.locals.len());
            let local = ctx.add_local(&name, Ty::INT);
            prologue.push(Stmt::Assign { place: Place::Local(local), value });
            values.push(Expr { kind: ExprKind::Load(Place::Local(local)), ty: Ty::INT, line });
            names.push(name);
        }
        let (start, stop, step) = (&names[0], &names[1], &names[2]);
        let checks = format!(
            "if {stop} == -1 and {given_stop}:\n    raise ValueError(\"Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.\")\nif {start} < 0 or {stop} < -1:\n    raise ValueError(\"Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.\")\nif {step} < 1:\n    raise ValueError(\"Step for islice() must be a positive integer or None.\")\n",
            given_stop = if matches!(given[1], None | Some(ast::Expr::NoneLiteral(_))) { "False" } else { "True" },
        );
        let stmts = self.parse_template(&checks, call.range(), "itertools.islice")?;
        let scope_len = ctx.comp_scope.len();
        ctx.comp_scope.extend(names.iter().cloned());
        let lowered = self.lower_block(ctx, stmts);
        ctx.comp_scope.truncate(scope_len);
        for name in &names {
            ctx.local_by_name.remove(name);
        }
        prologue.extend(lowered);
        let mut params = vec![it];
        params.extend(values);
        let template = "cnt = 0\nnxt = a1\nwhile True:\n    while cnt < nxt:\n        got = False\n        for x in a0:\n            got = True\n            break\n        if not got:\n            return\n        cnt += 1\n    if a2 != -1 and cnt >= a2:\n        return\n    got = False\n    for y in a0:\n        got = True\n        cnt += 1\n        if a2 != -1 and a3 > a2 - nxt:\n            nxt = a2\n        else:\n            nxt += a3\n        yield y\n        break\n    if not got:\n        return\n".to_string();
        let generator = self.template_generator(ctx, "islice", "!itertools.islice".to_string(), template, params, elem, call, line)?;
        let ty = generator.ty;
        Some(Expr { kind: ExprKind::Block(prologue, Box::new(generator)), ty, line })
    }

    /// The generator whose body is `template`, over `params` (`a0`, `a1`... in the template).
    #[allow(clippy::too_many_arguments)]
    fn template_generator(&mut self, ctx: &mut FnCtx, name: &'static str, repr: String, template: String, params: Vec<Expr>, elem: Ty, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let range = call.range();
        let stmts = self.parse_template(&template, range, &format!("itertools.{name}"))?;
        let spec = LazySpec { name, repr, frameless: true, free: Vec::new(), range, line };
        let n = params.len();
        self.lazy_generator(ctx, spec, params, |this, gc| {
            for k in 0..n {
                let name = format!("a{k}");
                gc.local_by_name.insert(name.clone(), LocalId(1 + k as u32));
                gc.assigned.insert(name);
            }
            let mut globals = Default::default();
            crate::check::scope::collect_assigned(stmts, &mut gc.assigned, &mut globals);
            crate::check::closures::collect_def_names(stmts, &mut gc.assigned);
            gc.gen_elem = Some(elem);
            let body = this.lower_block(gc, stmts);
            Some((body, elem))
        })
    }

    /// An iterable argument as an iterator: itself when it is one, else `iter()` of it.
    pub(crate) fn as_iterator(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Expr> {
        if let ast::Expr::Generator(g) = arg {
            return self.genexp_value(ctx, g);
        }
        let (iter, tys) = self.iterable(ctx, arg)?;
        if let Iter::Gen(g) = iter {
            return Some(g);
        }
        self.iter_of(ctx, iter, tys, arg.range(), self.line(arg.range()))
    }

    /// A pool of `product`, `permutations`, `combinations`: a new list of its items.
    fn pool(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr) -> Option<Expr> {
        let v = self.list_of(ctx, arg)?;
        let is_same_list = !matches!(v.kind, ExprKind::Builtin(..) | ExprKind::Method(..) | ExprKind::Block(..));
        if is_same_list {
            let (ty, line) = (v.ty, v.line);
            return Some(Expr { kind: ExprKind::Builtin(ir::Builtin::ListFromList, vec![v]), ty, line });
        }
        Some(v)
    }

    /// A function argument of type `fty`: a lambda (typed by it) or any function value.
    fn function_arg(&mut self, ctx: &mut FnCtx, arg: &'a ast::Expr, fty: Ty, what: &str) -> Option<Expr> {
        let f = self.expr_expect(ctx, arg, Some(&fty))?;
        if f.ty != fty {
            self.report(diag::arg_mismatch(arg.range(), what, &fty, &f.ty));
            return None;
        }
        Some(f)
    }

    /// An int literal's value.
    fn const_int(&self, e: &ast::Expr) -> Option<i64> {
        match e {
            ast::Expr::NumberLiteral(n) => n.value.as_int().and_then(|i| i.as_i64()),
            _ => None,
        }
    }

    /// Lets templates write `__mg_Iterator[T]`, whatever the program imports.
    fn declare_template_iterator(&mut self) {
        self.bind_for_templates(ITERATOR_NAME.to_string(), Imported::Member(Module::Typing, "Iterator"));
    }

    /// A name templates use whatever the program imports, bound from the start of every
    /// module of the program.
    fn bind_for_templates(&mut self, name: String, what: Imported) {
        let at = self.file.segments.iter().map(|s| s.start).collect();
        self.imports.by_name.entry(name).or_insert(Binding { what, at });
    }
}
