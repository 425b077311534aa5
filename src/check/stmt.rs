//! Lowering of statements.

use ruff_python_ast as ast;
use rustc_hash::FxHashSet;
use ruff_text_size::Ranged;

use crate::check::containers::set_inplace_method;
use crate::check::diagnostics as diag;
use crate::check::ir::{self, Expr, ExprKind, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};
use crate::syntax::start_of;

impl<'a> Checker<'a> {
    /// `a = b = value`: the value once, then each target from left to right, as Python
    /// assigns them (names and unpacking targets; items and attributes are refused).
    fn chained_assignment(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtAssign, out: &mut Vec<Stmt>) {
        if let Some(t) = s.targets.iter().find(|t| !matches!(t, ast::Expr::Name(_) | ast::Expr::Tuple(_) | ast::Expr::List(_))) {
            self.report(diag::unsupported(t.range(), "an item or attribute in a chained assignment", "assign the item or attribute on its own line"));
            return;
        }
        let expected = match &s.targets[0] {
            ast::Expr::Name(n) => self.existing_ty(ctx, n.id.as_str()),
            _ => None,
        };
        if expected.is_none() && crate::check::containers::is_empty_literal(&s.value) {
            let what = if matches!(&*s.value, ast::Expr::Dict(_)) { "dict" } else { "list" };
            self.report(diag::empty_needs_annotation(s.value.range(), what));
            for name in s.targets.iter().flat_map(crate::check::scope::target_names) {
                ctx.poisoned.insert(name);
            }
            return;
        }
        let Some(value) = self.expr_expect(ctx, &s.value, expected.as_ref()) else {
            for t in &s.targets {
                for name in crate::check::scope::target_names(t) {
                    ctx.poisoned.insert(name);
                }
            }
            return;
        };
        let (stmts, tmp) = self.hidden(ctx, value);
        out.extend(stmts);
        for t in &s.targets {
            self.assign_target(ctx, t, tmp.load(), out);
        }
    }

    pub fn lower_block(&mut self, ctx: &mut FnCtx, stmts: &'a [ast::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(stmts.len());
        ctx.block_depth += 1;
        let saved = ctx.narrowed.clone();
        ctx.invalidated.push(FxHashSet::default());
        for (idx, stmt) in stmts.iter().enumerate() {
            self.lower_stmt(ctx, stmt, &mut out);
            // `if x is None: return` (or raise, continue, break): `x` is not None after it;
            // `assert x is not None` likewise.
            if let ast::Stmt::If(s) = stmt {
                if s.elif_else_clauses.is_empty() && crate::check::classes::always_leaves(&s.body) {
                    let (_, when_false) = crate::check::narrowing::none_facts(&s.test);
                    self.narrow_not_none(ctx, &when_false);
                }
            }
            if let ast::Stmt::Assert(a) = stmt {
                let (when_true, _) = crate::check::narrowing::none_facts(&a.test);
                self.narrow_not_none(ctx, &when_true);
            }
            // `if not isinstance(x, C): return` narrows `x` to `C` for the rest of the block.
            if let ast::Stmt::If(s) = stmt {
                if let ast::Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::Not, operand, .. }) = &*s.test {
                    if let Some((name, classes)) = crate::check::classes::isinstance_test(operand) {
                        if s.elif_else_clauses.is_empty() && crate::check::classes::always_leaves(&s.body) && !crate::check::classes::assigns(&stmts[idx + 1..], name.id.as_str()) {
                            if let Some((n, ty)) = self.narrowing(ctx, name, &classes) {
                                ctx.narrowed.insert(n, ty);
                            }
                        }
                    }
                }
            }
        }
        // What the block assigned is no longer narrowed after it, here or outside.
        let assigned = ctx.invalidated.pop().unwrap_or_default();
        ctx.narrowed = saved;
        for name in &assigned {
            ctx.narrowed.remove(name);
        }
        if let Some(outer) = ctx.invalidated.last_mut() {
            outer.extend(assigned);
        }
        ctx.block_depth -= 1;
        out
    }

    fn lower_stmt(&mut self, ctx: &mut FnCtx, stmt: &'a ast::Stmt, out: &mut Vec<Stmt>) {
        match stmt {
            ast::Stmt::FunctionDef(def) => {
                if !ctx.is_module {
                    self.lower_nested_def(ctx, def, out);
                    return;
                }
                // Module-level definitions were declared and are lowered separately; their
                // defaults are evaluated here, where the `def` statement runs.
                // An `lru_cache` function's name is its wrapper's; the body has the `def`.
                let func = self.func_by_name.get(def.name.id.as_str()).copied().map(|f| self.cached.get(&f).map_or(f, |c| c.body));
                if let Some(func) = func.filter(|f| ctx.is_module && self.funcs[f.0 as usize].def.is_some_and(|d| std::ptr::eq(d, def))) {
                    self.lower_def_defaults(ctx, func, out);
                    self.defined.insert(def.name.id.to_string());
                }
            }
            ast::Stmt::Expr(s) => self.lower_expr_stmt(ctx, &s.value, out),
            ast::Stmt::Assign(s) => {
                if s.targets.len() != 1 {
                    self.chained_assignment(ctx, s, out);
                    return;
                }
                let target = &s.targets[0];
                if let ast::Expr::Subscript(sub) = target {
                    self.lower_set_item(ctx, sub, &s.value, None, out);
                    return;
                }
                if let ast::Expr::Attribute(attr) = target {
                    self.assign_attribute(ctx, attr, None, &s.value, None, out);
                    return;
                }
                if matches!(target, ast::Expr::Tuple(_) | ast::Expr::List(_)) {
                    match self.expr(ctx, &s.value) {
                        Some(value) => {
                            self.assign_target(ctx, target, value, out);
                        }
                        None => {
                            for name in crate::check::scope::target_names(target) {
                                ctx.poisoned.insert(name);
                            }
                        }
                    }
                    return;
                }
                let ast::Expr::Name(name) = target else {
                    self.report(self.unsupported_target(target));
                    return;
                };
                let expected = self.existing_ty(ctx, name.id.as_str());
                if expected.is_none() && crate::check::containers::is_empty_literal(&s.value) {
                    let what = match &*s.value {
                        ast::Expr::Dict(_) => "dict",
                        ast::Expr::Call(c) => match &*c.func {
                            ast::Expr::Name(n) => n.id.as_str(),
                            _ => "list",
                        },
                        _ => "list",
                    };
                    self.report(diag::empty_needs_annotation(s.value.range(), what));
                    ctx.poisoned.insert(name.id.to_string());
                    return;
                }
                let Some(value) = self.expr_expect(ctx, &s.value, expected.as_ref()) else {
                    ctx.poisoned.insert(name.id.to_string());
                    return;
                };
                if let Some(place) = self.bind_name(ctx, name, None, Some(&value.ty), s.value.range()) {
                    out.push(Stmt::Assign { place, value });
                }
            }
            ast::Stmt::AnnAssign(s) => {
                if let (ast::Expr::Attribute(attr), Some(value)) = (&*s.target, &s.value) {
                    if let Some(ty) = self.resolve_annotation(&s.annotation) {
                        self.assign_attribute(ctx, attr, Some(ty), value, None, out);
                    }
                    return;
                }
                let ast::Expr::Name(name) = &*s.target else {
                    self.report(self.unsupported_target(&s.target));
                    return;
                };
                if let Some(inner) = self.final_annotation(&s.annotation) {
                    self.lower_final(ctx, s, name, inner, out);
                    return;
                }
                let Some(declared) = self.resolve_annotation(&s.annotation) else {
                    ctx.poisoned.insert(name.id.to_string());
                    return;
                };
                match &s.value {
                    Some(value_expr) => {
                        let Some(value) = self.expr_expect(ctx, value_expr, Some(&declared)) else {
                            ctx.poisoned.insert(name.id.to_string());
                            return;
                        };
                        if value.ty != declared {
                            self.report(diag::annotation_mismatch(value_expr.range(), &declared, &value.ty));
                            return;
                        }
                        if let Some(place) = self.bind_name(ctx, name, Some(declared), Some(&value.ty), value_expr.range()) {
                            out.push(Stmt::Assign { place, value });
                        }
                    }
                    None => {
                        self.bind_name(ctx, name, Some(declared), None, s.range());
                    }
                }
            }
            ast::Stmt::AugAssign(s) => {
                if let ast::Expr::Subscript(sub) = &*s.target {
                    self.lower_set_item(ctx, sub, &s.value, Some(s.op), out);
                    return;
                }
                if let ast::Expr::Attribute(attr) = &*s.target {
                    self.assign_attribute(ctx, attr, None, &s.value, Some(s.op), out);
                    return;
                }
                let ast::Expr::Name(name) = &*s.target else {
                    self.report(self.unsupported_target(&s.target));
                    return;
                };
                // `xs += ys` rebinds `xs` too (after extending it in place).
                if self.is_final_name(ctx, name.id.as_str()) {
                    self.report(diag::final_reassigned(name.range(), name.id.as_str()));
                    return;
                }
                let Some(current) = self.load_name(ctx, name) else { return };
                let Some(rhs) = self.expr_expect(ctx, &s.value, Some(&current.ty.clone())) else { return };
                // `xs += ys` extends the list in place: aliases see the change.
                if let (TyKind::List(_), ast::Operator::Add) = (current.ty.kind(), s.op) {
                    if rhs.ty != current.ty {
                        self.report(diag::bad_operands(s.range(), "+=", &current.ty, &rhs.ty));
                        return;
                    }
                    let line = self.line(s.range());
                    out.push(Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::ListExtend, vec![current, rhs]), ty: Ty::NONE, line }));
                    return;
                }
                // `s |= t` (and `&=`, `-=`, `^=`) updates the set in place: aliases see the change.
                if let (TyKind::Set(_), Some(method)) = (current.ty.kind(), set_inplace_method(s.op)) {
                    if rhs.ty != current.ty {
                        self.report(diag::bad_operands(s.range(), &format!("{}=", s.op.as_str()), &current.ty, &rhs.ty));
                        return;
                    }
                    let line = self.line(s.range());
                    out.push(Stmt::Expr(Expr { kind: ExprKind::Method(method, vec![current, rhs]), ty: Ty::NONE, line }));
                    return;
                }
                // `xs *= n` repeats the list in place: aliases see the change.
                if let (TyKind::List(_), ast::Operator::Mult) = (current.ty.kind(), s.op) {
                    if !matches!(rhs.ty.kind(), TyKind::Int | TyKind::Bool) {
                        self.report(diag::bad_operands(s.range(), "*=", &current.ty, &rhs.ty));
                        return;
                    }
                    let line = self.line(s.range());
                    let n = self.to_int(rhs);
                    out.push(Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::ListIRepeat, vec![current, n]), ty: Ty::NONE, line }));
                    return;
                }
                // `d |= e` updates the dict in place: aliases see the change.
                if let (TyKind::Dict(..), ast::Operator::BitOr) = (current.ty.kind(), s.op) {
                    if rhs.ty != current.ty {
                        self.report(diag::bad_operands(s.range(), "|=", &current.ty, &rhs.ty));
                        return;
                    }
                    let line = self.line(s.range());
                    out.push(Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::DictUpdate, vec![current, rhs]), ty: Ty::NONE, line }));
                    return;
                }
                // Tuples are immutable: `t += (x,)` and `t *= 2` make a new one.
                let var_tuple = matches!(current.ty.kind(), TyKind::VarTuple(_)) && matches!(s.op, ast::Operator::Add | ast::Operator::Mult);
                if current.ty.is_heap() && current.ty != Ty::STR && !var_tuple {
                    self.report(diag::unsupported(s.range(), "this augmented assignment on a container", "write `x = x op y` (which makes a new object), or use methods such as `extend`/`update`"));
                    return;
                }
                let line = self.line(s.range());
                if current.ty == Ty::STR && rhs.ty == Ty::STR && s.op == ast::Operator::Add {
                    if let Some(place) = self.bind_name(ctx, name, None, Some(&Ty::STR), s.range()) {
                        let value = Expr { kind: ExprKind::Binary(ir::BinOp::StrInPlaceAdd, Box::new(current), Box::new(rhs)), ty: Ty::STR, line };
                        out.push(Stmt::Assign { place, value });
                    }
                    return;
                }
                let Some(value) = self.binary(s.op, current, rhs, s.range(), line) else { return };
                // `x += 1` on a `int | None` narrowed to int: the variable keeps its type.
                let value = match self.existing_ty(ctx, name.id.as_str()).filter(|t| t.optional_inner() == Some(value.ty)) {
                    Some(opt) => self.to_optional(value, opt),
                    None => value,
                };
                if let Some(place) = self.bind_name(ctx, name, None, Some(&value.ty), s.range()) {
                    out.push(Stmt::Assign { place, value });
                }
            }
            ast::Stmt::If(s) => {
                if is_main_guard(&s.test) && s.elif_else_clauses.is_empty() {
                    // `if __name__ == "__main__":` is a constant: true for a program, false for a
                    // module loaded as a library (its body is still checked).
                    let body = self.lower_block(ctx, &s.body);
                    if self.is_main {
                        out.extend(body);
                    }
                    return;
                }
                let cond = self.cond(ctx, &s.test);
                let then = self.lower_narrowed_block(ctx, &s.test, &s.body);
                // In `else`/`elif`, what the test's falsity proves.
                let (_, when_false) = crate::check::narrowing::none_facts(&s.test);
                let saved = ctx.narrowed.clone();
                self.narrow_not_none(ctx, &when_false);
                let orelse = self.lower_elif_else(ctx, &s.elif_else_clauses);
                for name in &when_false {
                    match saved.get(name).filter(|_| !ctx.invalidated.last().is_some_and(|s| s.contains(name))) {
                        Some(t) => ctx.narrowed.insert(name.clone(), *t),
                        None => ctx.narrowed.remove(name),
                    };
                }
                if let Some(cond) = cond {
                    out.push(fused_count(cond, then, orelse));
                }
            }
            ast::Stmt::While(s) => {
                self.forget_assigned_in(ctx, &s.body);
                let cond = self.cond(ctx, &s.test);
                ctx.loop_depth += 1;
                let (when_true, _) = crate::check::narrowing::none_facts(&s.test);
                let saved = ctx.narrowed.clone();
                self.narrow_not_none(ctx, &when_true);
                let body = self.lower_block(ctx, &s.body);
                for name in &when_true {
                    match saved.get(name) {
                        Some(t) => ctx.narrowed.insert(name.clone(), *t),
                        None => ctx.narrowed.remove(name),
                    };
                }
                ctx.loop_depth -= 1;
                let orelse = self.lower_block(ctx, &s.orelse);
                if let Some(cond) = cond {
                    out.push(Stmt::While { cond, body, orelse });
                }
            }
            ast::Stmt::For(s) => self.lower_for(ctx, s, out),
            ast::Stmt::Break(s) => {
                if ctx.loop_depth == 0 {
                    self.report(diag::outside_loop(s.range(), "break"));
                }
                out.push(Stmt::Break);
            }
            ast::Stmt::Continue(s) => {
                if ctx.loop_depth == 0 {
                    self.report(diag::outside_loop(s.range(), "continue"));
                }
                out.push(Stmt::Continue);
            }
            ast::Stmt::Pass(_) => {}
            ast::Stmt::Return(s) => {
                if ctx.is_module {
                    self.report(diag::return_outside_function(s.range()));
                    return;
                }
                if ctx.is_generator && s.value.as_deref().is_some_and(|v| !v.is_none_literal_expr()) {
                    self.report(diag::unsupported(s.range(), "`return` with a value in a generator", "end the generator with a plain `return`"));
                    return;
                }
                let open = self.return_type_open(ctx);

                let value = match &s.value {
                    Some(value_expr) => {
                        let ret = ctx.ret;
                        let Some(value) = self.expr_expect(ctx, value_expr, (!open).then_some(&ret)) else { return };
                        if open {
                            self.infer_return(ctx, value.ty);
                        }
                        if value.ty != ctx.ret {
                            self.report(self.return_mismatch(ctx, value_expr.range(), &value.ty));
                            return;
                        }
                        if value.ty == Ty::NONE {
                            None
                        } else {
                            Some(value)
                        }
                    }
                    None => {
                        if open {
                            self.infer_return(ctx, Ty::NONE);
                        }
                        if ctx.ret != Ty::NONE {
                            self.report(self.return_mismatch(ctx, s.range(), &Ty::NONE));
                            return;
                        }
                        None
                    }
                };
                out.push(Stmt::Return(value));
            }
            ast::Stmt::Assert(s) => {
                let cond = self.cond(ctx, &s.test);
                let msg = match &s.msg {
                    Some(msg) => match self.expr(ctx, msg) {
                        Some(m) if m.ty == Ty::STR => Some(m),
                        Some(m) => Some(Expr { ty: Ty::STR, line: m.line, kind: ExprKind::Builtin(ir::Builtin::StrOf, vec![m]) }),
                        None => return,
                    },
                    None => None,
                };
                if let Some(cond) = cond {
                    out.push(Stmt::Assert { cond, msg, line: self.line(s.range()) });
                }
            }
            // `FnCtx::new` collected the declarations; a global with no module-level definition
            // gets its type at its first assignment.  At module level `global` means nothing.
            ast::Stmt::Global(_) => {}
            // Pass 1 declared the imports at the top level of the module (`imports.rs`).
            ast::Stmt::Import(_) | ast::Stmt::ImportFrom(_) => {
                if !self.imports.top_level.contains(&stmt.range().start()) {
                    let what = if ctx.is_module { "imports inside blocks" } else { "imports inside functions" };
                    self.report(diag::unsupported(stmt.range(), what, "import at the top of the module"));
                    let aliases = match stmt {
                        ast::Stmt::Import(s) => &s.names,
                        ast::Stmt::ImportFrom(s) => &s.names,
                        _ => return,
                    };
                    self.imports.failed.extend(aliases.iter().map(|a| a.asname.as_ref().unwrap_or(&a.name).id.split('.').next().unwrap_or_default().to_string()));
                }
            }
            ast::Stmt::Raise(s) => self.lower_raise(ctx, s, out),
            ast::Stmt::Delete(s) => {
                for target in &s.targets {
                    let ast::Expr::Subscript(sub) = target else {
                        let what = if matches!(target, ast::Expr::Name(_)) { "`del` of a variable" } else { "this `del` target" };
                        self.report(diag::unsupported(target.range(), what, "`del` removes list items and dict keys: `del xs[i]`, `del d[k]`"));
                        continue;
                    };
                    if matches!(&*sub.slice, ast::Expr::Slice(_)) {
                        self.report(diag::unsupported(target.range(), "`del` of a slice", "rebuild the list with a slice instead"));
                        continue;
                    }
                    let Some(container) = self.expr(ctx, &sub.value).map(Self::counter_as_dict) else { continue };
                    let line = self.line(target.range());
                    let index = match container.ty.kind() {
                        TyKind::List(_) | TyKind::Deque(_) => self.expr(ctx, &sub.slice).and_then(|i| self.expect_int(i, sub.slice.range(), "list index")),
                        TyKind::Dict(k, _) => self.expr_expect(ctx, &sub.slice, Some(k)).filter(|i| i.ty == *k),
                        _ => {
                            self.report(diag::not_subscriptable(sub.value.range(), &container.ty));
                            None
                        }
                    };
                    if let Some(index) = index {
                        out.push(Stmt::DelItem { container, index, line });
                    }
                }
            }
            ast::Stmt::ClassDef(s) => self.lower_class_statement(ctx, s, out),
            ast::Stmt::Try(s) => self.lower_try(ctx, s, out),
            ast::Stmt::With(s) => {
                if s.is_async {
                    self.report(diag::unsupported(start_of(s.range()), "`async with`", "write an ordinary `with`"));
                    return;
                }
                self.lower_with(ctx, s, &s.items, out);
            }
            ast::Stmt::Match(s) => {
                self.report(diag::unsupported(start_of(s.range()), "`match`", "write an `if`/`elif` chain"));
            }
            ast::Stmt::Nonlocal(s) => {
                // Nested functions resolve their `nonlocal` names when they are lowered
                // (`closures.rs`); at module level it is CPython's SyntaxError.
                if ctx.is_module || ctx.qualname.is_empty() {
                    self.report(diag::unsupported(s.range(), "`nonlocal` outside a nested function", "declare `nonlocal` only in a function inside another function"));
                } else if let Some(n) = s.names.iter().find(|n| !ctx.free.iter().any(|l| ctx.locals[l.0 as usize].name == n.id.as_str())) {
                    self.report(diag::nonlocal_no_binding(n.range(), n.id.as_str()));
                }
            }
            ast::Stmt::TypeAlias(s) => {
                self.report(diag::unsupported(s.range(), "`type` aliases", "write the type out"));
            }
            ast::Stmt::IpyEscapeCommand(s) => {
                self.report(diag::unsupported(s.range(), "IPython escape commands", "remove the command"));
            }
        }
    }

    /// `with a as x, b as y: body` over files: each item is `try`/`finally` around the rest,
    /// as CPython nests them. The file goes to a hidden local (the object `__exit__` closes,
    /// even if the body rebinds `x`), `__enter__` checks it is open (a file `open()` just
    /// made is), `x` is bound to it, and the `finally` closes it: on every way out of the
    /// body, exceptions, `return`, `break` and `continue` included (`File.__exit__`
    /// suppresses nothing).
    fn lower_with(
        &mut self,
        ctx: &mut FnCtx,
        s: &'a ast::StmtWith,
        items: &'a [ast::WithItem],
        out: &mut Vec<Stmt>,
    ) {
        let Some((item, rest)) = items.split_first() else {
            out.extend(self.lower_block(ctx, &s.body));
            return;
        };
        let line = self.line(item.context_expr.range());
        let value = self.expr(ctx, &item.context_expr);
        let value = match value {
            Some(v) if v.ty == Ty::file() => Some(v),
            Some(v) => {
                self.report(diag::with_not_file(item.context_expr.range(), &v.ty));
                None
            }
            None => None,
        };
        let target = match item.optional_vars.as_deref() {
            None => None,
            Some(ast::Expr::Name(name)) => Some(name),
            Some(other) => {
                self.report(self.unsupported_target(other));
                None
            }
        };
        let Some(value) = value else {
            // Still check the body, with the target marked unknown, to report what else is wrong.
            if let Some(name) = target {
                ctx.poisoned.insert(name.id.to_string());
            }
            let mut body = Vec::new();
            self.lower_with(ctx, s, rest, &mut body);
            return;
        };
        let fresh = matches!(value.kind, ExprKind::Builtin(ir::Builtin::FileOpen, _));
        let file = ctx.add_local(&format!("<with {}>", ctx.locals.len()), value.ty);
        let load = || Expr {
            kind: ExprKind::Load(Place::Local(file)),
            ty: Ty::file(),
            line,
        };
        out.push(Stmt::Assign {
            place: Place::Local(file),
            value,
        });
        if !fresh {
            out.push(Stmt::Expr(Expr {
                kind: ExprKind::Method(ir::Method::FileEnter, vec![load()]),
                ty: Ty::NONE,
                line,
            }));
        }
        if let Some(name) = target {
            let Some(place) = self.bind_name(ctx, name, None, Some(&Ty::file()), name.range())
            else {
                return;
            };
            out.push(Stmt::Assign {
                place,
                value: load(),
            });
        }
        let mut body = Vec::new();
        self.lower_with(ctx, s, rest, &mut body);
        let close = Stmt::Expr(Expr {
            kind: ExprKind::Method(ir::Method::FileClose, vec![load()]),
            ty: Ty::NONE,
            line,
        });
        out.push(Stmt::Try {
            body,
            handlers: Vec::new(),
            orelse: Vec::new(),
            finalbody: vec![close],
            line,
        });
    }

    /// `container[index] = value`, or `container[index] op= value` when `op` is given.
    fn lower_set_item(&mut self, ctx: &mut FnCtx, sub: &'a ast::ExprSubscript, value_expr: &'a ast::Expr, op: Option<ast::Operator>, out: &mut Vec<Stmt>) {
        let value = value_expr;
        let line = self.line(sub.range());
        if matches!(&*sub.slice, ast::Expr::Slice(_)) {
            self.report(diag::unsupported(sub.range(), "assignment to a slice", "build a new list with slices and `+`"));
            return;
        }
        let Some(container) = self.expr(ctx, &sub.value).map(Self::counter_as_dict) else { return };
        if container.ty.class().is_some() {
            // `obj[i] = v`: `v` first, then `obj.__setitem__(i, v)`, as Python evaluates it.
            if op.is_some() {
                self.report(diag::unsupported(sub.range(), "an augmented assignment to an item of an instance", "read the item, then assign it: `x = obj[i] + v; obj[i] = x`"));
                return;
            }
            let Some(v) = self.expr(ctx, value) else { return };
            let Some(index) = self.expr(ctx, &sub.slice) else { return };
            let (stmts, h) = self.hidden(ctx, v);
            let ty = container.ty;
            match self.try_dunder("__setitem__", vec![container, index, h.load()], line) {
                Ok(call) => {
                    out.extend(stmts);
                    out.push(Stmt::Expr(call));
                }
                Err(_) => self.report(diag::unsupported(sub.range(), &format!("item assignment to a {ty}"), "define `__setitem__(self, key, value)` in the class")),
            }
            return;
        }
        let (index_ty, elem_ty) = match container.ty.kind() {
            TyKind::List(e) | TyKind::Deque(e) => (Ty::INT, *e),
            TyKind::Dict(k, v) => (*k, *v),
            TyKind::Str => {
                self.report(diag::unsupported(sub.range(), "item assignment to a str", "str is immutable; build a new string"));
                return;
            }
            TyKind::Tuple(_) | TyKind::VarTuple(_) => {
                self.report(diag::unsupported(sub.range(), "item assignment to a tuple", "tuples are immutable (CPython raises TypeError): build a new tuple, or use a list"));
                return;
            }
            _ => {
                self.report(diag::not_subscriptable(sub.value.range(), &container.ty));
                return;
            }
        };
        let Some(index) = self.expr_expect(ctx, &sub.slice, Some(&index_ty)) else { return };
        let index = if index_ty == Ty::INT { self.expect_int(index, sub.slice.range(), "list index") } else { Some(index) };
        let Some(index) = index else { return };
        if index.ty != index_ty {
            self.report(diag::arg_mismatch(sub.slice.range(), "index", &index_ty, &index.ty));
            return;
        }
        let Some(rhs) = self.expr_expect(ctx, value, Some(&elem_ty)) else { return };
        // `c[i] |= t` on a set item and `c[i] += ys` on a list item update the item itself
        // (aliases see it), then store it back.
        let inplace = match (elem_ty.kind(), op) {
            (TyKind::Set(_), Some(op)) => set_inplace_method(op),
            (TyKind::List(_), Some(ast::Operator::Add)) => Some(ir::Method::ListExtend),
            _ => None,
        };
        if let (Some(method), Some(op)) = (inplace, op) {
            if rhs.ty != elem_ty {
                self.report(diag::bad_operands(sub.range(), &format!("{}=", op.as_str()), &elem_ty, &rhs.ty));
                return;
            }
            if !is_pure(value_expr) || (matches!(container.ty.kind(), TyKind::Dict(..)) && has_subscript(value_expr)) {
                self.report(diag::unsupported(value_expr.range(), "an in-place operator on a container item with a computed right-hand side", "store the right-hand side in a variable first"));
                return;
            }
            let item = || Expr { kind: ExprKind::ItemValue, ty: elem_ty, line };
            let update = Stmt::Expr(Expr { kind: ExprKind::Method(method, vec![item(), rhs]), ty: Ty::NONE, line });
            let value = Expr { kind: ExprKind::Block(vec![update], Box::new(item())), ty: elem_ty, line };
            out.push(Stmt::UpdateItem { container, index, value, line });
            return;
        }
        // `c[i] *= n` on a list item repeats it in place in CPython.
        if let (TyKind::List(_), Some(ast::Operator::Mult)) = (elem_ty.kind(), op) {
            self.report(diag::unsupported(sub.range(), "`*=` on a list item", "write `c[i] = c[i] * n` (which makes a new list)"));
            return;
        }
        // A dict may be a defaultdict, whose `d[k]` inserts: with a subscript on the right,
        // the item is read, the right-hand side computed, then the item stored.
        let one_lookup = is_pure(value_expr) && !(matches!(container.ty.kind(), TyKind::Dict(..)) && has_subscript(value_expr));
        if let (Some(op), true) = (op, one_lookup) {
            // One lookup: the right-hand side cannot change the container.
            let current = Expr { kind: ExprKind::ItemValue, ty: elem_ty, line };
            let Some(v) = self.binary(op, current, rhs, sub.range(), line) else { return };
            if v.ty != elem_ty {
                self.report(diag::arg_mismatch(value_expr.range(), "stored value", &elem_ty, &v.ty));
                return;
            }
            out.push(Stmt::UpdateItem { container, index, value: v, line });
            return;
        }
        // Only a plain `d[k] = d.get(k, x) + v`: `d[k] += d.get(k, x) + v` adds the item too.
        let rhs = match op {
            None => match fused_get_add(&container, &index, rhs) {
                Ok(update) => {
                    out.push(Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::DictGetAdd, update), ty: Ty::NONE, line }));
                    return;
                }
                Err(rhs) => rhs,
            },
            Some(_) => rhs,
        };
        let value = match op {
            None => rhs,
            Some(op) => {
                // `c[i] op= v` reads and writes the same item: evaluate c and i once only when they are plain.
                if !is_pure(&sub.value) || !is_pure(&sub.slice) {
                    self.report(diag::unsupported(sub.range(), "augmented assignment to a computed subscript", "store the container and index in variables first"));
                    return;
                }
                let (Some(c2), Some(i2)) = (self.expr(ctx, &sub.value), self.expr_expect(ctx, &sub.slice, Some(&index_ty))) else { return };
                let i2 = if index_ty == Ty::INT { self.to_int(i2) } else { i2 };
                let current = Expr { kind: ExprKind::GetItem(Box::new(c2), Box::new(i2)), ty: elem_ty, line };
                let Some(v) = self.binary(op, current, rhs, sub.range(), line) else { return };
                v
            }
        };
        if value.ty != elem_ty {
            self.report(diag::arg_mismatch(value_expr.range(), "stored value", &elem_ty, &value.ty));
            return;
        }
        out.push(Stmt::SetItem { container, index, value, line });
    }

    /// `X: Final = value` and `X: Final[T] = value`: a variable never assigned again (the
    /// type of a bare `Final` is the value's).
    fn lower_final(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtAnnAssign, name: &'a ast::ExprName, inner: Option<&'a ast::Expr>, out: &mut Vec<Stmt>) {
        let id = name.id.as_str();
        let Some(value_expr) = &s.value else {
            self.report(diag::final_without_value(s.range(), id));
            ctx.poisoned.insert(id.to_string());
            return;
        };
        if self.existing_ty(ctx, id).is_some() {
            self.report(diag::final_redeclared(name.range(), id));
            return;
        }
        let declared = match inner {
            Some(annotation) => match self.resolve_annotation(annotation) {
                Some(ty) => Some(ty),
                None => {
                    ctx.poisoned.insert(id.to_string());
                    return;
                }
            },
            None => None,
        };
        if declared.is_none() && crate::check::containers::is_empty_literal(value_expr) {
            self.report(diag::final_needs_type(value_expr.range()));
            ctx.poisoned.insert(id.to_string());
            return;
        }
        let Some(value) = self.expr_expect(ctx, value_expr, declared.as_ref()) else {
            ctx.poisoned.insert(id.to_string());
            return;
        };
        if let Some(declared) = declared {
            if value.ty != declared {
                self.report(diag::annotation_mismatch(value_expr.range(), &declared, &value.ty));
                return;
            }
        }
        if let Some(place) = self.bind_name(ctx, name, declared, Some(&value.ty), value_expr.range()) {
            match place {
                Place::Global(g) => self.final_globals.insert(g),
                Place::Local(l) => ctx.finals.insert(l),
            };
            out.push(Stmt::Assign { place, value });
        }
    }

    /// Whether `name` is a variable declared `Final`.
    fn is_final_name(&self, ctx: &FnCtx, name: &str) -> bool {
        let place = if ctx.is_global(name) { self.global_by_name.get(name).map(|g| Place::Global(*g)) } else { ctx.local_by_name.get(name).map(|l| Place::Local(*l)) };
        place.is_some_and(|place| self.is_final(ctx, place))
    }

    pub fn existing_ty(&self, ctx: &FnCtx, name: &str) -> Option<Ty> {
        if ctx.is_global(name) {
            self.global_by_name.get(name).map(|g| self.globals[g.0 as usize].ty)
        } else {
            ctx.local_by_name.get(name).map(|l| ctx.locals[l.0 as usize].ty)
        }
    }

    /// The body of `if test:`; where `test` is `isinstance(x, C)` and the body never
    /// rebinds `x`, `x` reads as a `C` inside.
    fn lower_narrowed_block(&mut self, ctx: &mut FnCtx, test: &'a ast::Expr, body: &'a [ast::Stmt]) -> Vec<Stmt> {
        let (when_true, _) = crate::check::narrowing::none_facts(test);
        let saved = ctx.narrowed.clone();
        self.narrow_not_none(ctx, &when_true);
        let out = self.lower_isinstance_narrowed(ctx, test, body);
        for name in &when_true {
            if ctx.invalidated.last().is_some_and(|s| s.contains(name)) {
                ctx.narrowed.remove(name);
                continue;
            }
            match saved.get(name) {
                Some(t) => ctx.narrowed.insert(name.clone(), *t),
                None => ctx.narrowed.remove(name),
            };
        }
        out
    }

    fn lower_isinstance_narrowed(&mut self, ctx: &mut FnCtx, test: &'a ast::Expr, body: &'a [ast::Stmt]) -> Vec<Stmt> {
        let narrowed = crate::check::classes::isinstance_test(test)
            .filter(|(name, _)| !crate::check::classes::assigns(body, name.id.as_str()))
            .and_then(|(name, classes)| self.narrowing(ctx, name, &classes));
        let Some((name, ty)) = narrowed else { return self.lower_block(ctx, body) };
        let saved = ctx.narrowed.insert(name.clone(), ty);
        let out = self.lower_block(ctx, body);
        match saved {
            Some(old) => ctx.narrowed.insert(name, old),
            None => ctx.narrowed.remove(&name),
        };
        out
    }

    fn lower_elif_else(&mut self, ctx: &mut FnCtx, clauses: &'a [ast::ElifElseClause]) -> Vec<Stmt> {
        let Some((first, rest)) = clauses.split_first() else { return Vec::new() };
        match &first.test {
            None => self.lower_block(ctx, &first.body),
            Some(test) => {
                let cond = self.cond(ctx, test);
                let then = self.lower_narrowed_block(ctx, test, &first.body);
                let orelse = self.lower_elif_else(ctx, rest);
                cond.map(|cond| Stmt::If { cond, then, orelse }).into_iter().collect()
            }
        }
    }

    fn lower_expr_stmt(&mut self, ctx: &mut FnCtx, value: &'a ast::Expr, out: &mut Vec<Stmt>) {
        if matches!(value, ast::Expr::Yield(_) | ast::Expr::YieldFrom(_)) {
            self.lower_yield(ctx, value, out);
            return;
        }
        if let ast::Expr::Call(call) = value {
            if let Some(stmt) = self.statement_call(ctx, call) {
                out.extend(stmt);
                return;
            }
        }
        // Docstrings and other bare literals do nothing.
        if matches!(value, ast::Expr::StringLiteral(_) | ast::Expr::NumberLiteral(_) | ast::Expr::EllipsisLiteral(_)) {
            return;
        }
        if let Some(expr) = self.expr(ctx, value) {
            out.push(Stmt::Expr(expr));
        }
    }

    fn lower_for(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtFor, out: &mut Vec<Stmt>) {
        if s.is_async {
            self.report(diag::unsupported(s.range(), "`async for`", "write an ordinary `for`"));
            return;
        }
        self.forget_assigned_in(ctx, &s.body);
        let range_call = match &*s.iter {
            ast::Expr::Call(call) if matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "range") => Some(call),
            _ => None,
        };
        let Some(call) = range_call.filter(|_| matches!(&*s.target, ast::Expr::Name(_))) else {
            let line = self.line(s.iter.range());
            let lowered = self.iterable(ctx, &s.iter).and_then(|(iter, tys)| Some((iter, self.bind_targets(ctx, &s.target, &tys)?)));
            if lowered.is_none() {
                // Still check the body, with the loop variables marked unknown, to report what else is wrong.
                for name in crate::check::scope::target_names(&s.target) {
                    ctx.poisoned.insert(name);
                }
            }
            ctx.loop_depth += 1;
            let body = self.lower_block(ctx, &s.body);
            ctx.loop_depth -= 1;
            let orelse = self.lower_block(ctx, &s.orelse);
            if let Some((iter, (targets, prologue))) = lowered {
                let body = prologue.into_iter().chain(body).collect();
                out.push(Stmt::ForIter { targets, iter, body, orelse, line });
            }
            return;
        };
        let line = self.line(s.iter.range());
        let args = &call.arguments;
        if !args.keywords.is_empty() || args.args.is_empty() || args.args.len() > 3 {
            self.report(diag::bad_range_args(call.arguments.range()));
            return;
        }
        let mut values = Vec::new();
        for arg in args.args.iter() {
            let Some(value) = self.expr(ctx, arg) else { return };
            let Some(value) = self.expect_int(value, arg.range(), "range() argument") else { return };
            values.push(value);
        }
        let int = |v: i64| ir::Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
        let (start, stop, step) = match values.len() {
            1 => (int(0), values.pop().unwrap_or_else(|| int(0)), int(1)),
            2 => {
                let stop = values.pop().unwrap_or_else(|| int(0));
                (values.pop().unwrap_or_else(|| int(0)), stop, int(1))
            }
            _ => {
                let step = values.pop().unwrap_or_else(|| int(1));
                let stop = values.pop().unwrap_or_else(|| int(0));
                (values.pop().unwrap_or_else(|| int(0)), stop, step)
            }
        };
        let ast::Expr::Name(name) = &*s.target else {
            self.report(self.unsupported_target(&s.target));
            return;
        };
        let Some(var) = self.bind_name(ctx, name, None, Some(&Ty::INT), s.target.range()) else { return };
        ctx.loop_depth += 1;
        let body = self.lower_block(ctx, &s.body);
        ctx.loop_depth -= 1;
        let orelse = self.lower_block(ctx, &s.orelse);
        out.push(Stmt::ForRange { var, start, stop, step, body, orelse, line });
    }

    fn lower_raise(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtRaise, out: &mut Vec<Stmt>) {
        let line = self.line(s.range());
        if let Some(ast::Expr::Call(call)) = s.exc.as_deref() {
            if matches!(&*call.func, ast::Expr::Name(n) if n.id.as_str() == "SystemExit") && s.cause.is_none() {
                if let Some(stmts) = self.exit_stmts(ctx, call, line) {
                    out.extend(stmts);
                }
                return;
            }
        }
        self.lower_raise_stmt(ctx, s, out);
    }

    /// `sys.exit(...)` / `raise SystemExit(...)`: the exit, after evaluating an argument of type
    /// None that is not the constant (`sys.exit(main())` runs `main`).
    pub fn exit_stmts(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall, line: ir::Line) -> Option<Vec<Stmt>> {
        let code = self.exit_code_arg(ctx, call)?;
        Some(match code {
            Some(value) if value.ty == Ty::NONE => vec![Stmt::Expr(value), Stmt::Exit { code: None, line }],
            code => vec![Stmt::Exit { code, line }],
        })
    }

    /// The argument of `sys.exit(...)` / `SystemExit(...)`: nothing, `None` or an int (a
    /// None-typed expression is returned as is, for `exit_stmts` to evaluate).
    fn exit_code_arg(&mut self, ctx: &mut FnCtx, call: &'a ast::ExprCall) -> Option<Option<ir::Expr>> {
        let args = &call.arguments;
        if !args.keywords.is_empty() || args.args.len() > 1 {
            self.report(diag::bad_arity(call.arguments.range(), "exit", "at most 1", args.args.len()));
            return None;
        }
        let Some(arg) = args.args.first() else { return Some(None) };
        let value = self.expr(ctx, arg)?;
        match value.ty {
            Ty::NONE if matches!(value.kind, ExprKind::None) => Some(None),
            Ty::NONE | Ty::INT => Some(Some(value)),
            Ty::BOOL => Some(Some(self.to_int(value))),
            _ => {
                self.report(diag::arg_mismatch(arg.range(), "exit code", &Ty::INT, &value.ty));
                None
            }
        }
    }

    pub fn unsupported_target(&self, target: &ast::Expr) -> crate::diagnostics::Diagnostic {
        match target {
            ast::Expr::Tuple(_) | ast::Expr::List(_) => diag::unsupported(target.range(), "tuple unpacking", "tuples are Tier 2; assign each variable on its own line"),
            ast::Expr::Subscript(_) => diag::unsupported(target.range(), "an annotated subscript target", "assign the item without an annotation: `xs[i] = v`"),
            ast::Expr::Attribute(_) => diag::unsupported(target.range(), "assignment to an attribute", "attributes arrive with classes (Tier 2)"),
            _ => diag::unsupported(target.range(), "this assignment target", "assign to a plain variable name"),
        }
    }

    pub fn place_ty(&self, ctx: &FnCtx, place: Place) -> Ty {
        match place {
            Place::Local(l) => ctx.locals[l.0 as usize].ty,
            Place::Global(g) => self.globals[g.0 as usize].ty,
        }
    }
}

/// Names, constants and attribute-free expressions evaluate without side effects.
/// `d[k] = d.get(k, default) + v`, the counting idiom, as one runtime call
/// (`Method::DictGetAdd`: one lookup where the statement makes two) when nothing between
/// the lookup and the store can run code or change the dict: `d` and `k` are plain
/// variables (or `k` a constant) named the same on both sides, the keys are str or int (no
/// user `__hash__`/`__eq__`), the values ints, and `default` and `v` int constants or
/// variables.  Its arguments, `[d, k, default, v]`, are evaluated in the statement's order;
/// anything else comes back unchanged.
fn fused_get_add(container: &Expr, index: &Expr, rhs: Expr) -> Result<Vec<Expr>, Expr> {
    let plain = |e: &Expr| matches!(e.kind, ExprKind::Load(_) | ExprKind::Int(_));
    let same = same_plain;
    let fits = match container.ty.kind() {
        TyKind::Dict(k, v) => (*k == Ty::STR || *k == Ty::INT) && *v == Ty::INT,
        _ => false,
    };
    let ExprKind::Binary(ir::BinOp::IntAdd, left, right) = &rhs.kind else { return Err(rhs) };
    let ExprKind::Method(ir::Method::DictGet, args) = &left.kind else { return Err(rhs) };
    let matches = fits
        && matches!(container.kind, ExprKind::Load(_))
        && args.len() == 3
        && same(&args[0], container)
        && same(&args[1], index)
        && (plain(index) || matches!(index.kind, ExprKind::Str(_)))
        && plain(&args[2])
        && plain(right)
        && right.ty == Ty::INT;
    if !matches {
        return Err(rhs);
    }
    let ExprKind::Binary(_, left, right) = rhs.kind else { unreachable!("matched above") };
    let ExprKind::Method(_, args) = left.kind else { unreachable!("matched above") };
    let mut args = args;
    args.push(*right);
    Ok(args)
}

/// Whether two variables or constants are the same one.
fn same_plain(a: &Expr, b: &Expr) -> bool {
    match (&a.kind, &b.kind) {
        (ExprKind::Load(x), ExprKind::Load(y)) => x == y,
        (ExprKind::Int(x), ExprKind::Int(y)) => x == y,
        (ExprKind::Str(x), ExprKind::Str(y)) => x == y,
        _ => false,
    }
}

/// `if k in d: d[k] += a` / `else: d[k] = b`, with int constants `a` and `b`, as
/// `d[k] = d.get(k, b - a) + a` (`Method::DictGetAdd`, one lookup where the statement makes
/// two): the same sums, the same OverflowError (at the `+=` line) when the key is present,
/// and `b` itself when it is absent, since `b - a + a` cannot overflow where `b - a` does not.
/// Under the same conditions as `fused_get_add`; any other `if` is returned as it is.
fn fused_count(cond: Expr, then: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    let plan = (|| {
        let ExprKind::Contains { container, item } = &cond.kind else { return None };
        let ExprKind::Load(dict) = container.kind else { return None };
        let ([Stmt::UpdateItem { container: c1, index: i1, value, line }], [Stmt::SetItem { container: c2, index: i2, value: start, .. }]) = (&then[..], &orelse[..]) else {
            return None;
        };
        let ExprKind::Binary(ir::BinOp::IntAdd, current, step) = &value.kind else { return None };
        let (ExprKind::ItemValue, ExprKind::Int(a), ExprKind::Int(b)) = (&current.kind, &step.kind, &start.kind) else { return None };
        let fits = match container.ty.kind() {
            TyKind::Dict(k, v) => (*k == Ty::STR || *k == Ty::INT) && *v == Ty::INT,
            _ => false,
        };
        let key = match &item.kind {
            ExprKind::Load(p) => ExprKind::Load(*p),
            ExprKind::Int(v) => ExprKind::Int(*v),
            ExprKind::Str(s) => ExprKind::Str(s.clone()),
            _ => return None,
        };
        let same_dict = |e: &Expr| matches!(e.kind, ExprKind::Load(p) if p == dict);
        if !fits || !same_dict(c1) || !same_dict(c2) || !same_plain(i1, item) || !same_plain(i2, item) {
            return None;
        }
        let dflt = b.checked_sub(*a)?;
        // The dict and the key are read where the test reads them (an unbound global raises
        // NameError at the `if` line); the sum is at the `+=` line, where it overflows.
        Some((
            vec![
                Expr { kind: ExprKind::Load(dict), ty: container.ty, line: container.line },
                Expr { kind: key, ty: item.ty, line: item.line },
                Expr { kind: ExprKind::Int(dflt), ty: Ty::INT, line: *line },
                Expr { kind: ExprKind::Int(*a), ty: Ty::INT, line: *line },
            ],
            *line,
        ))

    })();
    match plan {
        Some((args, line)) => Stmt::Expr(Expr { kind: ExprKind::Method(ir::Method::DictGetAdd, args), ty: Ty::NONE, line }),
        None => Stmt::If { cond, then, orelse },
    }
}

fn is_pure(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Name(_) | ast::Expr::NumberLiteral(_) | ast::Expr::StringLiteral(_) | ast::Expr::BooleanLiteral(_) => true,
        ast::Expr::UnaryOp(u) => is_pure(&u.operand),
        ast::Expr::BinOp(b) => is_pure(&b.left) && is_pure(&b.right),
        ast::Expr::Subscript(s) => is_pure(&s.value) && is_pure(&s.slice),
        ast::Expr::Set(s) => s.elts.iter().all(is_pure),
        ast::Expr::List(l) => l.elts.iter().all(is_pure),
        _ => false,
    }
}

/// Whether a (pure) expression reads an item.
fn has_subscript(e: &ast::Expr) -> bool {
    match e {
        ast::Expr::Subscript(_) => true,
        ast::Expr::UnaryOp(u) => has_subscript(&u.operand),
        ast::Expr::BinOp(b) => has_subscript(&b.left) || has_subscript(&b.right),
        ast::Expr::Set(s) => s.elts.iter().any(has_subscript),
        ast::Expr::List(l) => l.elts.iter().any(has_subscript),
        _ => false,
    }
}

/// `__name__ == "__main__"`.
fn is_main_guard(test: &ast::Expr) -> bool {
    let ast::Expr::Compare(cmp) = test else { return false };
    let [ast::CmpOp::Eq] = &*cmp.ops else { return false };
    let [right] = &*cmp.comparators else { return false };
    let is_name = |e: &ast::Expr| matches!(e, ast::Expr::Name(n) if n.id.as_str() == "__name__");
    let is_main = |e: &ast::Expr| matches!(e, ast::Expr::StringLiteral(s) if s.value.to_str() == "__main__");
    (is_name(&cmp.left) && is_main(right)) || (is_main(&cmp.left) && is_name(right))
}
