//! Nested functions, lambdas and functions as values.
//!
//! A function value is a reference-counted object: a code pointer, then one cell per free
//! variable (`ir::Closure`). Python captures variables, not values, so every variable a
//! nested function reads from an enclosing function is a *cell* in both (`ir::Local::cell`):
//! a small object holding the value and whether it is bound, which the enclosing function
//! and every closure share; a later rebinding on either side (an assignment after the
//! `def`, `nonlocal`) is seen by the other. All captured variables are cells, not only the
//! ones rebound after capture: one representation, and a read costs a load and a test.
//!
//! Which names a nested function captures is decided syntactically, as CPython's symbol
//! table does (`def_free_names`): names it reads that are not its own locals (parameters,
//! assigned names, nested `def` names) nor declared `global`, plus its `nonlocal` names,
//! plus what its own nested functions capture from further out. Of those, the enclosing
//! function's locals become cells there; the rest are globals.
//!
//! A module-level function used as a value gets a function object without cells whose code
//! pointer is a trampoline (codegen) that drops the object and calls the function.

use ruff_python_ast as ast;
use ruff_python_ast::visitor::{walk_expr, walk_stmt, Visitor};
use ruff_text_size::{Ranged, TextRange};
use rustc_hash::FxHashSet;

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Expr, ExprKind, FuncId, LocalId, Stmt};
use crate::check::scope::{Checker, FnCtx, FuncSig};
use crate::check::types::{ClassRef, Ty, TyKind};

/// Adds the names of the functions `def` statements in `body` bind (not inside nested functions).
pub fn collect_def_names(body: &[ast::Stmt], out: &mut FxHashSet<String>) {
    for stmt in body {
        match stmt {
            ast::Stmt::FunctionDef(d) => {
                out.insert(d.name.id.to_string());
            }
            ast::Stmt::If(s) => {
                collect_def_names(&s.body, out);
                for c in &s.elif_else_clauses {
                    collect_def_names(&c.body, out);
                }
            }
            ast::Stmt::For(s) => {
                collect_def_names(&s.body, out);
                collect_def_names(&s.orelse, out);
            }
            ast::Stmt::While(s) => {
                collect_def_names(&s.body, out);
                collect_def_names(&s.orelse, out);
            }
            ast::Stmt::Try(t) => {
                collect_def_names(&t.body, out);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    collect_def_names(&h.body, out);
                }
                collect_def_names(&t.orelse, out);
                collect_def_names(&t.finalbody, out);
            }
            _ => {}
        }
    }
}

/// The names that nested functions of `body` (at any depth) declare `nonlocal`.
pub fn nonlocal_names(body: &[ast::Stmt]) -> FxHashSet<String> {
    struct Finder(FxHashSet<String>, u32);
    impl<'a> Visitor<'a> for Finder {
        fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
            match stmt {
                ast::Stmt::Nonlocal(n) if self.1 > 0 => self.0.extend(n.names.iter().map(|n| n.id.to_string())),
                ast::Stmt::FunctionDef(_) => {
                    self.1 += 1;
                    walk_stmt(self, stmt);
                    self.1 -= 1;
                }
                _ => walk_stmt(self, stmt),
            }
        }
    }
    let mut f = Finder(FxHashSet::default(), 0);
    for s in body {
        f.visit_stmt(s);
    }
    f.0
}

/// The parameter names of a `def` or `lambda`.
fn param_names(params: &ast::Parameters) -> Vec<String> {
    params.iter_non_variadic_params().map(|p| p.parameter.name.id.to_string()).chain(params.vararg.iter().chain(params.kwarg.iter()).map(|p| p.name.id.to_string())).collect()
}

/// The free variables of a `def`, in order of first use.
pub fn def_free_names(def: &ast::StmtFunctionDef) -> Vec<String> {
    scope_free(&param_names(&def.parameters), &def.body, None)
}

/// The free variables of a `lambda`, in order of first use.
pub fn lambda_free_names(lambda: &ast::ExprLambda) -> Vec<String> {
    let params = lambda.parameters.as_deref().map(param_names).unwrap_or_default();
    scope_free(&params, &[], Some(&lambda.body))
}

fn scope_free(params: &[String], stmts: &[ast::Stmt], expr: Option<&ast::Expr>) -> Vec<String> {
    let mut assigned = FxHashSet::default();
    let mut globals = FxHashSet::default();
    crate::check::scope::collect_assigned(stmts, &mut assigned, &mut globals);
    collect_def_names(stmts, &mut assigned);
    let mut uses = Uses::default();
    for s in stmts {
        uses.visit_stmt(s);
    }
    if let Some(e) = expr {
        uses.visit_expr(e);
    }
    let nonlocals: FxHashSet<&String> = uses.nonlocals.iter().collect();
    let is_local = |n: &String| (params.contains(n) || assigned.contains(n)) && !nonlocals.contains(n);
    let mut out: Vec<String> = Vec::new();
    for n in uses.names.iter().chain(&uses.nonlocals) {
        if !is_local(n) && !globals.contains(n) && !out.contains(n) {
            out.push(n.clone());
        }
    }
    out
}

/// The names a scope reads (and its nested scopes' free names), in order.
#[derive(Default)]
struct Uses {
    names: Vec<String>,
    seen: FxHashSet<String>,
    /// Names bound by the comprehensions being walked.
    bound: Vec<String>,
    nonlocals: Vec<String>,
}

impl Uses {
    fn use_name(&mut self, n: &str) {
        if !self.bound.iter().any(|b| b == n) && self.seen.insert(n.to_string()) {
            self.names.push(n.to_string());
        }
    }

    fn comprehension<'a>(&mut self, generators: &'a [ast::Comprehension], elts: &[&'a ast::Expr]) {
        let depth = self.bound.len();
        for g in generators {
            self.visit_expr(&g.iter);
            self.bound.extend(crate::check::scope::target_names(&g.target));
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.bound.truncate(depth);
    }

    fn defaults<'a>(&mut self, params: &'a ast::Parameters) {
        for p in params.iter_non_variadic_params() {
            if let Some(d) = &p.default {
                self.visit_expr(d);
            }
        }
    }
}

impl<'a> Visitor<'a> for Uses {
    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(def) => {
                self.defaults(&def.parameters);
                for n in def_free_names(def) {
                    self.use_name(&n);
                }
            }
            ast::Stmt::Nonlocal(n) => self.nonlocals.extend(n.names.iter().map(|n| n.id.to_string())),
            ast::Stmt::ClassDef(_) => {}
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_annotation(&mut self, _expr: &'a ast::Expr) {}

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Name(n) => self.use_name(n.id.as_str()),
            ast::Expr::Lambda(l) => {
                if let Some(p) = l.parameters.as_deref() {
                    self.defaults(p);
                }
                for n in lambda_free_names(l) {
                    self.use_name(&n);
                }
            }
            ast::Expr::ListComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            ast::Expr::SetComp(c) => self.comprehension(&c.generators, &[&c.elt]),
            ast::Expr::Generator(c) => self.comprehension(&c.generators, &[&c.elt]),
            ast::Expr::DictComp(c) => match c.key.as_deref() {
                Some(k) => self.comprehension(&c.generators, &[k, &c.value]),
                None => self.comprehension(&c.generators, &[&c.value]),
            },
            _ => walk_expr(self, expr),
        }
    }
}

/// The body of a closure being lowered.
pub enum ClosureBody<'a> {
    Def(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

impl<'a> Checker<'a> {
    /// The cell class of variables of type `ty`: the value, then whether it is bound.
    pub fn cell_class(&mut self, ty: Ty) -> Ty {
        if let Some(c) = self.cell_classes.get(&ty) {
            return *c;
        }
        let class = Ty::intern(TyKind::Class(ClassRef::new("cell", false, false)));
        self.extra_classes.push(ir::Class { name: "cell".into(), ty: class, fields: vec![ty, Ty::BOOL], vtable: Vec::new(), dunders: [None; 5], base: None, builtin: None, func_repr: false, module: None });
        self.cell_classes.insert(ty, class);
        class
    }

    /// A function object class: a code pointer, then the cells of `free`.
    pub(crate) fn function_object(&mut self, qualname: &str, free: &[Ty]) -> Ty {
        let class = Ty::intern(TyKind::Class(ClassRef::new(qualname, false, false)));
        let mut fields = vec![Ty::INT];
        fields.extend(free.iter().map(|t| self.cell_class(*t)));
        self.extra_classes.push(ir::Class { name: qualname.to_string(), ty: class, fields, vtable: Vec::new(), dunders: [None; 5], base: None, builtin: None, func_repr: true, module: None });
        class
    }

    /// Gives every captured local its cell class, once its function is lowered.
    pub fn finish_cells(&mut self, ctx: &mut FnCtx) {
        let mut cells: Vec<LocalId> = ctx.cells.iter().copied().collect();
        cells.sort_by_key(|l| l.0);
        for l in cells {
            let ty = ctx.locals[l.0 as usize].ty;
            let cell = self.cell_class(ty);
            ctx.locals[l.0 as usize].cell = Some(cell);
        }
    }

    /// `def name(...)` inside a function: the function object, assigned to the local `name`.
    pub fn lower_nested_def(&mut self, ctx: &mut FnCtx, def: &'a ast::StmtFunctionDef, out: &mut Vec<Stmt>) {
        let line = self.line(def.range());
        if let Some(decorator) = def.decorator_list.first() {
            self.report(diag::unsupported(decorator.range(), "function decorators", "call the function directly instead of decorating it"));
            return;
        }
        if def.is_async {
            self.report(diag::unsupported(def.range(), "`async def`", "write an ordinary `def`"));
            return;
        }
        if ctx.init.is_some() {
            self.report(diag::unsupported(def.range(), "a nested function in `__init__`", "define it as a method, or at module level"));
            return;
        }
        let p = &def.parameters;
        if let Some(extra) = p.vararg.as_deref().map(|v| v.range()).or(p.kwarg.as_deref().map(|k| k.range())).or(p.kwonlyargs.first().map(|k| k.range())).or(p.iter_non_variadic_params().find(|x| x.default.is_some()).map(|x| x.range())) {
            self.report(diag::unsupported(extra, "default values, keyword-only and variadic parameters in a nested function", "give the nested function plain parameters; the caller passes every argument"));
            return;
        }
        let mut params = Vec::new();
        let mut ok = true;
        for param in p.iter_non_variadic_params() {
            match &param.parameter.annotation {
                Some(a) => match self.resolve_annotation(a) {
                    Some(t) => params.push((param.name().id.to_string(), t)),
                    None => ok = false,
                },
                None => {
                    self.report(diag::unannotated_param(param.range(), param.name().as_str()));
                    ok = false;
                }
            }
        }
        let name = def.name.id.to_string();
        let ret = match &def.returns {
            Some(a) => self.resolve_annotation(a),
            None if crate::check::scope::returns_value(&def.body) => {
                self.report(diag::missing_return_annotation(def.name.range(), &name));
                None
            }
            None => Some(Ty::NONE),
        };
        let (Some(ret), true) = (ret, ok) else {
            ctx.poisoned.insert(name);
            return;
        };
        let fty = Ty::intern(TyKind::Function { params: params.iter().map(|(_, t)| *t).collect(), ret });
        // The name is bound before the body is checked: the function may call itself.
        let target = ast::ExprName { node_index: Default::default(), range: def.name.range(), id: def.name.id.clone(), ctx: ast::ExprContext::Store };
        let Some(place) = self.bind_name(ctx, &target, None, Some(&fty), def.name.range()) else { return };
        let qualname = self.nested_qualname(ctx, &name);
        let Some((func, object, captures, _)) = self.lower_closure(ctx, &name, qualname, params, Some(ret), ClosureBody::Def(def)) else { return };
        out.push(Stmt::Assign { place, value: Expr { kind: ExprKind::MakeFunction { func, object, captures }, ty: fty, line } });
    }

    /// CPython's qualname of a function named `name` defined where `ctx` is.
    pub(crate) fn nested_qualname(&self, ctx: &FnCtx, name: &str) -> String {
        let mut q = if ctx.is_module { String::new() } else { format!("{}.<locals>.", ctx.qualname) };
        for c in &ctx.comp_names {
            q.push_str(c);
            q.push('.');
        }
        q.push_str(name);
        q
    }

    /// A `lambda` as a value; its parameter types come from `expected` (a `Callable`), or
    /// it has none (its return type is then its body's).
    pub fn lambda_value(&mut self, ctx: &mut FnCtx, lambda: &'a ast::ExprLambda, expected: Option<&Ty>) -> Option<Expr> {
        self.lambda_value_with(ctx, lambda, expected, false)
    }

    /// A lambda whose parameter types are `params` and whose return type is its body's.
    pub fn lambda_inferred(&mut self, ctx: &mut FnCtx, lambda: &'a ast::ExprLambda, params: Vec<Ty>) -> Option<Expr> {
        let expected = Ty::intern(TyKind::Function { params, ret: Ty::NONE });
        self.lambda_value_with(ctx, lambda, Some(&expected), true)
    }

    fn lambda_value_with(&mut self, ctx: &mut FnCtx, lambda: &'a ast::ExprLambda, expected: Option<&Ty>, infer_ret: bool) -> Option<Expr> {
        let line = self.line(lambda.range());
        let names: Vec<String> = match lambda.parameters.as_deref() {
            None => Vec::new(),
            Some(p) => {
                if p.vararg.is_some() || p.kwarg.is_some() || !p.kwonlyargs.is_empty() || p.iter_non_variadic_params().any(|x| x.default.is_some()) {
                    self.report(diag::unsupported(p.range(), "default values, keyword-only and variadic parameters in a lambda", "give the lambda plain parameters"));
                    return None;
                }
                p.iter_non_variadic_params().map(|x| x.parameter.name.id.to_string()).collect()
            }
        };
        let (param_tys, ret) = match expected.map(|t| t.kind()) {
            // The `None` return type of an expected `Callable` stands for "whatever the body gives".
            Some(TyKind::Function { params, ret }) if params.len() == names.len() && *ret == Ty::NONE && infer_ret => (params.clone(), None),
            Some(TyKind::Function { params, ret }) if params.len() == names.len() => (params.clone(), Some(*ret)),
            Some(TyKind::Function { .. }) => {
                self.report(diag::lambda_arity(lambda.range(), names.len(), expected.expect("matched")));
                return None;
            }
            _ if names.is_empty() => (Vec::new(), None),
            _ => {
                self.report(diag::lambda_untyped(lambda.range()));
                return None;
            }
        };
        let params: Vec<(String, Ty)> = names.into_iter().zip(param_tys.iter().copied()).collect();
        let qualname = self.nested_qualname(ctx, "<lambda>");
        let (func, object, captures, ret) = self.lower_closure(ctx, "<lambda>", qualname, params, ret, ClosureBody::Lambda(lambda))?;
        let ty = Ty::intern(TyKind::Function { params: param_tys, ret });
        Some(Expr { kind: ExprKind::MakeFunction { func, object, captures }, ty, line })
    }

    /// The enclosing locals a nested function or generator captures (made cells there) and
    /// its free variables with their types; `None`, reported, for a name not bound yet or a
    /// `nonlocal` (in `own_nonlocals`) with no enclosing binding.
    fn capture(&mut self, ctx: &mut FnCtx, free_names: Vec<String>, own_nonlocals: &FxHashSet<String>, range: TextRange) -> Option<(Vec<LocalId>, Vec<(String, Ty)>)> {
        let mut captures = Vec::new();
        let mut free = Vec::new();
        for n in free_names {
            // At module level only comprehension variables are locals; the rest are globals.
            if ctx.is_global(&n) {
                if own_nonlocals.contains(&n) {
                    self.report(diag::nonlocal_no_binding(range, &n));
                    return None;
                }
                continue;
            }
            match ctx.local_by_name.get(&n) {
                Some(id) => {
                    captures.push(*id);
                    ctx.cells.insert(*id);
                    free.push((n, ctx.locals[id.0 as usize].ty));
                }
                None => {
                    if !ctx.poisoned.contains(&n) {
                        self.report(diag::captured_before_assignment(range, &n));
                    }
                    return None;
                }
            }
        }
        Some((captures, free))
    }

    /// Checks a nested function's body and records it; returns it, its object class, the
    /// locals of `ctx` it captures (now cells) and its return type.
    pub(crate) fn lower_closure(&mut self, ctx: &mut FnCtx, name: &str, qualname: String, params: Vec<(String, Ty)>, ret: Option<Ty>, body: ClosureBody<'a>) -> Option<(FuncId, Ty, Vec<LocalId>, Ty)> {
        let (free_names, range, stmts): (Vec<String>, TextRange, &'a [ast::Stmt]) = match body {
            ClosureBody::Def(d) => (def_free_names(d), d.range(), &d.body),
            ClosureBody::Lambda(l) => (lambda_free_names(l), l.range(), &[]),
        };
        let own_nonlocals: FxHashSet<String> = stmts
            .iter()
            .filter_map(|s| match s {
                ast::Stmt::Nonlocal(n) => Some(n.names.iter().map(|n| n.id.to_string())),
                _ => None,
            })
            .flatten()
            .collect();
        let (captures, free) = self.capture(ctx, free_names, &own_nonlocals, range)?;
        let func = FuncId(self.funcs.len() as u32);
        self.funcs.push(FuncSig { name: name.to_string(), params: params.clone(), ret: ret.unwrap_or(Ty::NONE), def: None, method_of: None, cls_param: None, spec: Default::default(), infer: None });
        let object = self.function_object(&qualname, &free.iter().map(|(_, t)| *t).collect::<Vec<_>>());
        let is_generator = matches!(body, ClosureBody::Def(d) if crate::check::generators::is_generator(&d.body));
        let gen_elem = match body {
            ClosureBody::Def(d) if is_generator => self.generator_item(d, ret.unwrap_or(Ty::NONE)),
            _ => None,
        };
        let mut g = FnCtx::new(stmts, if is_generator { Ty::NONE } else { ret.unwrap_or(Ty::NONE) }, false);
        g.qualname = qualname.clone();
        g.is_generator = is_generator;
        g.gen_elem = gen_elem;
        let env = g.add_local(".env", object);
        let mut param_ids = vec![env];
        for (n, t) in &params {
            g.assigned.insert(n.clone());
            param_ids.push(g.add_local(n, *t));
        }
        for (n, t) in &free {
            g.assigned.insert(n.clone());
            g.nonempty.remove(n);
            g.no_narrow.insert(n.clone());
            let id = g.add_local(n, *t);
            g.free.push(id);
            g.cells.insert(id);
        }
        let (body, ret) = match body {
            ClosureBody::Def(def) => {
                let body = self.lower_block(&mut g, &def.body);
                let ret = ret.unwrap_or(Ty::NONE);
                if ret != Ty::NONE && !is_generator && !crate::check::scope::always_returns(&def.body, &|f| self.is_exit_func(&g, f)) {
                    self.report(diag::missing_return(def.name.range(), name, &ret));
                }
                (body, ret)
            }
            ClosureBody::Lambda(l) => {
                let value = self.expr_expect(&mut g, &l.body, ret.as_ref())?;
                if let Some(want) = ret {
                    if value.ty != want {
                        self.report(diag::arg_mismatch(l.body.range(), "lambda's return value", &want, &value.ty));
                        return None;
                    }
                }
                let ty = value.ty;
                let body = if ty == Ty::NONE { vec![Stmt::Expr(value), Stmt::Return(None)] } else { vec![Stmt::Return(Some(value))] };
                (body, ty)
            }
        };
        self.funcs[func.0 as usize].ret = ret;
        self.finish_cells(&mut g);
        let role = if is_generator { ir::FnRole::Generator { repr: qualname.clone(), frameless: false } } else { ir::FnRole::Plain };
        let closure = ir::Closure { qualname, free: g.free.clone(), object };
        self.nested.push((func, ir::Function { name: name.to_string(), class: None, params: param_ids, locals: g.locals, ret, body, closure: Some(closure), role }));
        Some((func, object, captures, ret))
    }

    /// A module-level function named as a value.
    pub fn function_value(&mut self, func: FuncId, range: TextRange, line: ir::Line) -> Option<Expr> {
        let ret = self.func_ret(func, range)?;
        let sig = &self.funcs[func.0 as usize];
        if sig.spec.defaults.iter().any(|d| d.is_some()) || sig.spec.positional < sig.params.len() || sig.spec.refused {
            let name = sig.name.clone();
            self.report(diag::function_value_with_defaults(range, &name));
            return None;
        }
        let ty = Ty::intern(TyKind::Function { params: sig.params.iter().map(|(_, t)| *t).collect(), ret });
        let object = match self.func_objects.get(&func) {
            Some(o) => *o,
            None => {
                // `!` marks what is not a function in CPython (`mg_func_repr`).
                let name = if self.cached.contains_key(&func) { "!functools._lru_cache_wrapper".to_string() } else { sig.name.clone() };
                let o = self.function_object(&name, &[]);
                self.func_objects.insert(func, o);
                o
            }
        };
        Some(Expr { kind: ExprKind::MakeFunction { func, object, captures: Vec::new() }, ty, line })
    }

    /// A call through a function value (`callee` has a `Callable` type).
    pub fn call_value(&mut self, ctx: &mut FnCtx, callee: Expr, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let TyKind::Function { params, ret } = callee.ty.kind() else {
            self.report(diag::not_callable(call.func.range(), &self.source_of(&call.func)));
            return None;
        };
        if let Some(k) = call.arguments.keywords.first() {
            self.report(diag::unsupported(k.range(), "keyword arguments in a call through a function value", "pass the arguments by position"));
            return None;
        }
        if call.arguments.args.len() != params.len() {
            self.report(diag::call_value_arity(call.range(), &callee.ty, call.arguments.args.len()));
            return None;
        }
        let mut args = vec![callee];
        let mut ok = true;
        for (a, want) in call.arguments.args.iter().zip(params.iter()) {
            match self.expr_expect(ctx, a, Some(want)) {
                Some(v) if v.ty == *want => args.push(v),
                Some(v) => {
                    self.report(diag::arg_mismatch(a.range(), "function value", want, &v.ty));
                    ok = false;
                }
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        Some(Expr { kind: ExprKind::CallValue(args), ty: *ret, line })
    }
}

/// The free variables of a generator expression, in order of first use: what its
/// element, its conditions and its iterables after the first read, other than its own
/// loop variables (the first iterable is evaluated where the expression is).
pub fn genexp_free_names(g: &ast::ExprGenerator) -> Vec<String> {
    let mut uses = Uses::default();
    for (i, generator) in g.generators.iter().enumerate() {
        if i > 0 {
            uses.visit_expr(&generator.iter);
        }
        uses.bound.extend(crate::check::scope::target_names(&generator.target));
        for cond in &generator.ifs {
            uses.visit_expr(cond);
        }
    }
    uses.visit_expr(&g.elt);
    uses.names
}

/// Replaces every expression of `iter` (what its loop reads: the container, the bounds of
/// a range, an enumerate's start) with a load of the parameter that will hold it
/// (`first_param + k` for the `k`-th), and returns the expressions in order.
pub(crate) fn hoist_iter(iter: &mut ir::Iter, first_param: u32, out: &mut Vec<Expr>) {
    use ir::Iter;
    let take = |e: &mut Expr, out: &mut Vec<Expr>| {
        let local = LocalId(first_param + out.len() as u32);
        let load = Expr { kind: ExprKind::Load(ir::Place::Local(local)), ty: e.ty, line: e.line };
        out.push(std::mem::replace(e, load));
    };
    match iter {
        Iter::List(e) | Iter::Reversed(e) | Iter::Str(e) | Iter::Set(e) | Iter::DictKeys(e) | Iter::DictValues(e) | Iter::DictItems(e) | Iter::File(e) | Iter::Gen(e) | Iter::Deque(e, _) => take(e, out),
        Iter::Split(text, sep) => {
            take(text, out);
            if let Some(sep) = sep {
                take(sep, out);
            }
        }
        Iter::Range { start, stop, step } => {
            take(start, out);
            take(stop, out);
            take(step, out);
        }
        Iter::Enumerate(inner, start) => {
            hoist_iter(inner, first_param, out);
            take(start, out);
        }
        Iter::Zip(a, b) => {
            hoist_iter(a, first_param, out);
            hoist_iter(b, first_param, out);
        }
    }
}

impl<'a> Checker<'a> {
    /// A generator expression as a value (`squares = (n * n for n in xs)`): a nested
    /// generator function `<genexpr>` over its first iterable, which is evaluated here and
    /// passed in (its values: the container, a range's bounds), as CPython passes
    /// `iter(first)`; the rest runs each time the generator is resumed.
    pub fn genexp_value(&mut self, ctx: &mut FnCtx, g: &'a ast::ExprGenerator) -> Option<Expr> {
        let line = self.line(g.range());
        if let Some(a) = g.generators.iter().find(|c| c.is_async) {
            self.report(diag::unsupported(a.range(), "async comprehensions", "use an ordinary comprehension"));
            return None;
        }
        let first = &g.generators[0];
        let (mut iter0, tys0) = self.iterable(ctx, &first.iter)?;
        let mut args = Vec::new();
        hoist_iter(&mut iter0, 1, &mut args);
        let qualname = self.nested_qualname(ctx, "<genexpr>");
        let spec = LazySpec { name: "<genexpr>", repr: qualname, frameless: false, free: genexp_free_names(g), range: g.range(), line };
        self.lazy_generator(ctx, spec, args, |this, gc| {
            // The loop variables are the generator's own locals.
            for c in &g.generators {
                gc.comp_scope.extend(crate::check::scope::target_names(&c.target));
            }
            let mut levels = Vec::new();
            let mut pending = Some((iter0, tys0));
            for c in &g.generators {
                let (iter, tys) = match pending.take() {
                    Some(first) => first,
                    None => this.iterable(gc, &c.iter)?,
                };
                let (targets, prologue) = this.bind_targets(gc, &c.target, &tys)?;
                let mut conds = Vec::new();
                for cond in &c.ifs {
                    conds.push(this.cond(gc, cond)?);
                }
                levels.push((targets, prologue, iter, conds));
            }
            let item = this.expr(gc, &g.elt)?;
            let elem = item.ty;
            let mut body = vec![Stmt::Yield { value: item, line }];
            for (targets, prologue, iter, conds) in levels.into_iter().rev() {
                for cond in conds.into_iter().rev() {
                    body = vec![Stmt::If { cond, then: body, orelse: Vec::new() }];
                }
                body = prologue.into_iter().chain(body).collect();
                body = vec![Stmt::ForIter { targets, iter, body, orelse: Vec::new(), line }];
            }
            Some((body, elem))
        })
    }

    /// A nested generator function made and called where it is written: its parameters
    /// are `args` (evaluated here, in order; inside, parameter `k` is local `1 + k`), its
    /// free variables `spec.free` (cells, as for any closure), and `body` checks its body
    /// in its own context, returning the statements and the type it yields.
    pub(crate) fn lazy_generator(&mut self, ctx: &mut FnCtx, spec: LazySpec, args: Vec<Expr>, body: impl FnOnce(&mut Self, &mut FnCtx) -> Option<(Vec<Stmt>, Ty)>) -> Option<Expr> {
        let (captures, free) = self.capture(ctx, spec.free, &FxHashSet::default(), spec.range)?;
        let qualname = self.nested_qualname(ctx, spec.name);
        let object = self.function_object(&qualname, &free.iter().map(|(_, t)| *t).collect::<Vec<_>>());
        let mut gc = FnCtx::new(&[], Ty::NONE, false);
        gc.qualname = qualname.clone();
        gc.is_generator = true;
        let env = gc.add_local(".env", object);
        let mut param_ids = vec![env];
        for (k, a) in args.iter().enumerate() {
            param_ids.push(gc.add_local(&format!(".{k}"), a.ty));
        }
        for (n, t) in &free {
            gc.assigned.insert(n.clone());
            gc.nonempty.remove(n);
            gc.no_narrow.insert(n.clone());
            let id = gc.add_local(n, *t);
            gc.free.push(id);
            gc.cells.insert(id);
        }
        let (stmts, elem) = body(self, &mut gc)?;
        let ret = Ty::iterator(elem);
        let arg_tys: Vec<Ty> = args.iter().map(|a| a.ty).collect();
        let func = FuncId(self.funcs.len() as u32);
        let params: Vec<(String, Ty)> = arg_tys.iter().enumerate().map(|(k, t)| (format!(".{k}"), *t)).collect();
        self.funcs.push(FuncSig { name: spec.name.to_string(), params, ret, def: None, method_of: None, cls_param: None, spec: Default::default(), infer: None });
        self.finish_cells(&mut gc);
        let closure = ir::Closure { qualname, free: gc.free.clone(), object };
        let role = ir::FnRole::Generator { repr: spec.repr, frameless: spec.frameless };
        self.nested.push((func, ir::Function { name: spec.name.to_string(), class: None, params: param_ids, locals: gc.locals, ret, body: stmts, closure: Some(closure), role }));
        let line = spec.line;
        let fty = Ty::intern(TyKind::Function { params: arg_tys, ret });
        let mut call_args = vec![Expr { kind: ExprKind::MakeFunction { func, object, captures }, ty: fty, line }];
        call_args.extend(args);
        Some(Expr { kind: ExprKind::Call(func, call_args), ty: ret, line })
    }
}

/// What `Checker::lazy_generator` makes.
pub(crate) struct LazySpec {
    /// The function's name (its traceback frame, the last part of its qualname).
    pub name: &'static str,
    /// What its objects print: a generator's qualname, or `!map` for `<map object at 0x...>`.
    pub repr: String,
    /// A builtin iterator (`map`, `filter`, `iter(xs)`...): no traceback frame of its own.
    pub frameless: bool,
    pub free: Vec<String>,
    pub range: TextRange,
    pub line: ir::Line,
}
