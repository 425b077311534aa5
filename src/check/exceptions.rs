//! Exceptions in the checker: the built-in exception classes (the table shared with the
//! runtime, `codegen::runtime_fns::EXCEPTION_CLASSES`), constructing exceptions, `raise`,
//! and `try`/`except`/`else`/`finally`.
//!
//! An exception object is an instance whose first three fields hold `str(e)`, the text of
//! `repr(e)` between its parentheses and `e.args`; like CPython's `BaseException.__new__`,
//! constructing one sets them from the arguments before `__init__` runs, and
//! `super().__init__(msg)` (the built-in `__init__`) sets them again.  `e.args` is a
//! `tuple[str, ...]`: arguments of other types leave a marker there, and reading `e.args`
//! then stops with NotImplementedError rather than print a wrong tuple.

use ruff_python_ast as ast;
use ruff_text_size::Ranged;
use rustc_hash::FxHashMap;

use crate::check::classes::ClassInfo;
use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, ClassIdx, ExprKind, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{ClassRef, Ty, TyKind};

type Expr = ir::Expr;

/// The hidden fields of every exception object.
pub const STR_FIELD: &str = "<str>";
pub const ARGS_FIELD: &str = "<args>";
pub const ARGV_FIELD: &str = "<argv>";
/// How many hidden fields every exception object starts with.
pub const HIDDEN_FIELDS: usize = 3;

impl<'a> Checker<'a> {
    pub fn declare_exception_classes(&mut self) {
        // Once per program, whichever module's classes are declared first.
        if self.class_by_name.contains_key("BaseException") {
            return;
        }
        for (name, base) in crate::codegen::runtime_fns::EXCEPTION_CLASSES {
            let base = base.and_then(|b| self.class_by_name.get(b).copied());
            let ty = Ty::intern(TyKind::Class(ClassRef::new(name, true, false)));
            let idx = self.classes.len();
            if let Some(b) = base {
                self.classes[b].subclasses.push(idx);
            }
            self.class_by_id.insert(ty.class().expect("a class type").id, idx);
            let fields = vec![(STR_FIELD.to_string(), Ty::STR), (ARGS_FIELD.to_string(), Ty::STR), (ARGV_FIELD.to_string(), Ty::var_tuple(Ty::STR))];
            self.classes.push(ClassInfo {
                name: name.to_string(),
                ty,
                def: None,
                builtin: Some(format!("mg_exc_class_{name}")),
                base,
                inherited_fields: if base.is_some() { HIDDEN_FIELDS } else { 0 },
                fields: fields.clone(),
                methods: FxHashMap::default(),
                class_vars: FxHashMap::default(),
                subclasses: Vec::new(),
                slots: Vec::new(),
                declared_fields: Vec::new(),
                frozen: false,
                abc: false,
                abstract_methods: Vec::new(),
            });
            self.class_by_name.insert(name.to_string(), idx);
        }
    }

    /// Whether a class derives from BaseException.
    pub fn is_exception_class(&self, idx: usize) -> bool {
        let mut c = Some(idx);
        while let Some(i) = c {
            if self.classes[i].builtin.as_deref() == Some("mg_exc_class_BaseException") {
                return true;
            }
            c = self.classes[i].base;
        }
        false
    }

    /// The statements that set `obj`'s message fields from constructor arguments, as
    /// `BaseException.__new__`/`__init__` do: no argument gives `""`, one gives `str(a)`
    /// (`repr(a)` for KeyError), several give the tuple's str.
    pub fn exception_args(&mut self, ctx: &mut FnCtx, class: usize, obj: &Expr, args: Vec<Expr>, line: ir::Line) -> Vec<Stmt> {
        let key_error = self.derives_from_named(class, "KeyError");
        let s = |text: &str| Expr { kind: ExprKind::Str(text.to_string()), ty: Ty::STR, line };
        let argv_ty = Ty::var_tuple(Ty::STR);
        let all_str = args.iter().all(|a| a.ty == Ty::STR);
        let n_args = args.len();
        let (mut stmts, str_value, repr_value, argv) = match args.len() {
            0 => (Vec::new(), s(""), s(""), Expr { kind: ExprKind::ListLit(Vec::new()), ty: argv_ty, line }),
            1 => {
                let arg = args.into_iter().next().expect("one argument");
                let (stmts, h) = self.hidden(ctx, arg);
                let repr = Expr { kind: ExprKind::Builtin(Builtin::ReprOf, vec![h.load()]), ty: Ty::STR, line };
                let str_value = if key_error { Expr { kind: ExprKind::Builtin(Builtin::ReprOf, vec![h.load()]), ty: Ty::STR, line } } else { Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![h.load()]), ty: Ty::STR, line } };
                let argv = if all_str { Expr { kind: ExprKind::ListLit(vec![h.load()]), ty: argv_ty, line } } else { Expr { kind: ExprKind::Builtin(Builtin::ExcArgsUnknown, Vec::new()), ty: argv_ty, line } };
                (stmts, str_value, repr, argv)
            }
            _ => {
                let ty = Ty::tuple(args.iter().map(|a| a.ty).collect());
                let (stmts, h) = self.hidden(ctx, Expr { kind: ExprKind::Tuple(args), ty, line });
                let argv = if all_str {
                    let items = (0..n_args).map(|i| Expr { kind: ExprKind::TupleGet(Box::new(h.load()), i as u32), ty: Ty::STR, line }).collect();
                    Expr { kind: ExprKind::ListLit(items), ty: argv_ty, line }
                } else {
                    Expr { kind: ExprKind::Builtin(Builtin::ExcArgsUnknown, Vec::new()), ty: argv_ty, line }
                };
                let str_value = Expr { kind: ExprKind::Builtin(Builtin::StrOf, vec![h.load()]), ty: Ty::STR, line };
                let repr = Expr { kind: ExprKind::Builtin(Builtin::ReprOf, vec![h.load()]), ty: Ty::STR, line };
                let one = |v: i64| Some(Box::new(Expr { kind: ExprKind::Int(v), ty: Ty::INT, line }));
                // `(a, b)` without its parentheses.
                let inner = Expr { kind: ExprKind::Slice { value: Box::new(repr), start: one(1), stop: one(-1), step: None }, ty: Ty::STR, line };
                (stmts, str_value, inner, argv)
            }
        };
        stmts.push(Stmt::SetField { obj: obj.clone_load(), field: 0, value: str_value, line });
        stmts.push(Stmt::SetField { obj: obj.clone_load(), field: 1, value: repr_value, line });
        stmts.push(Stmt::SetField { obj: obj.clone_load(), field: 2, value: argv, line });
        stmts
    }

    fn derives_from_named(&self, idx: usize, name: &str) -> bool {
        let mut c = Some(idx);
        while let Some(i) = c {
            if self.classes[i].name == name && self.classes[i].builtin.is_some() {
                return true;
            }
            c = self.classes[i].base;
        }
        false
    }

    /// The classes an `except` clause names (a name or a tuple of names), all exceptions.
    pub fn except_classes(&mut self, ctx: &FnCtx, e: &ast::Expr) -> Option<Vec<usize>> {
        let elts: Vec<&ast::Expr> = match e {
            ast::Expr::Tuple(t) => t.elts.iter().collect(),
            other => vec![other],
        };
        let mut out = Vec::new();
        for elt in elts {
            let idx = match elt {
                ast::Expr::Name(n) => self.class_named(ctx, n.id.as_str()),
                _ => None,
            };
            match idx {
                Some(i) if self.is_exception_class(i) => out.push(i),
                _ => {
                    self.report(diag::unsupported(elt.range(), "this exception type", "name an exception class (built-in, or derived from Exception)"));
                    return None;
                }
            }
        }
        Some(out)
    }

    /// `raise`, `raise E`, `raise E(...)`, `raise E(...) from cause` / `from None`.
    pub fn lower_raise_stmt(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtRaise, out: &mut Vec<Stmt>) {
        let line = self.line(s.range());
        let Some(exc) = s.exc.as_deref() else {
            if ctx.handler_depth == 0 {
                self.report(diag::unsupported(s.range(), "a bare `raise` outside an except clause", "raise an exception object: `raise ValueError(...)`"));
                return;
            }
            out.push(Stmt::Raise { value: None, cause: None, line });
            return;
        };
        let value = match exc {
            // `raise ValueError`: the class, called without arguments.
            ast::Expr::Name(n) if self.class_named(ctx, n.id.as_str()).is_some() => {
                let idx = self.class_named(ctx, n.id.as_str()).expect("checked");
                self.construct_exception(ctx, idx, Vec::new(), line)
            }
            other => self.expr(ctx, other),
        };
        let Some(value) = value else { return };
        if !self.class_of(value.ty).is_some_and(|c| self.is_exception_class(c)) {
            self.report(diag::unsupported(exc.range(), &format!("raising a {}", value.ty), "raise an instance of an exception class"));
            return;
        }
        let cause = match s.cause.as_deref() {
            None => None,
            Some(ast::Expr::NoneLiteral(_)) => Some(None),
            Some(c) => {
                let Some(cv) = self.expr(ctx, c) else { return };
                if !self.class_of(cv.ty).is_some_and(|i| self.is_exception_class(i)) {
                    self.report(diag::unsupported(c.range(), &format!("a cause of type {}", cv.ty), "the cause is an exception object (or None)"));
                    return;
                }
                Some(Some(cv))
            }
        };
        out.push(Stmt::Raise { value: Some(value), cause, line });
    }

    /// A new exception object of class `idx` from already lowered arguments (no user
    /// `__init__` applies).
    pub fn construct_exception(&mut self, ctx: &mut FnCtx, idx: usize, args: Vec<Expr>, line: ir::Line) -> Option<Expr> {
        let ty = self.classes[idx].ty;
        let new = Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty, line };
        let (mut stmts, obj) = self.hidden(ctx, new);
        let obj = obj.load();
        stmts.extend(self.exception_args(ctx, idx, &obj, args, line));
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(obj)), ty, line })
    }

    /// `try: ... except ...: ... else: ... finally: ...`
    pub fn lower_try(&mut self, ctx: &mut FnCtx, s: &'a ast::StmtTry, out: &mut Vec<Stmt>) {
        let line = self.line(s.range());
        if s.is_star {
            self.report(diag::unsupported(s.range(), "`except*`", "use ordinary `except` clauses"));
            return;
        }
        let body = self.lower_block(ctx, &s.body);
        let mut handlers = Vec::new();
        let mut ok = true;
        for h in &s.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let classes = match &h.type_ {
                None => Some(vec![self.class_by_name["BaseException"]]),
                Some(t) => self.except_classes(ctx, t),
            };
            let Some(classes) = classes else {
                ok = false;
                continue;
            };
            // `except E as e`: `e` is a variable of the clause (Python deletes it after), so
            // each clause binds a fresh local of its own type under that name.
            let mut shadowed = None;
            let bind = match &h.name {
                None => None,
                Some(name) => {
                    let ty = classes.iter().skip(1).try_fold(self.classes[classes[0]].ty, |acc, c| self.join(acc, self.classes[*c].ty)).unwrap_or(self.classes[classes[0]].ty);
                    if ctx.is_module {
                        self.report(diag::unsupported(name.range(), "`except ... as name` at module level", "handle the exception inside a function"));
                        ok = false;
                        continue;
                    }
                    let local = ctx.add_local(&format!("<except {}>", name.id), ty);
                    shadowed = Some((name.id.to_string(), ctx.local_by_name.insert(name.id.to_string(), local)));
                    ctx.poisoned.remove(name.id.as_str());
                    Some(Place::Local(local))
                }
            };
            ctx.handler_depth += 1;
            let body = self.lower_block(ctx, &h.body);
            ctx.handler_depth -= 1;
            if let Some((name, previous)) = shadowed {
                match previous {
                    Some(p) => ctx.local_by_name.insert(name, p),
                    None => ctx.local_by_name.remove(&name),
                };
            }
            handlers.push(ir::Handler { classes: classes.into_iter().map(|c| ClassIdx(c as u32)).collect(), bind, body, line: self.line(h.range()) });
        }
        let orelse = self.lower_block(ctx, &s.orelse);
        ctx.finally_depth += 1;
        let finalbody = self.lower_block(ctx, &s.finalbody);
        ctx.finally_depth -= 1;
        if ok {
            out.push(Stmt::Try { body, handlers, orelse, finalbody, line });
        }
    }
}

impl Expr {
    /// The same place loaded again (for a `Load`); other expressions are not duplicated.
    pub fn clone_load(&self) -> Expr {
        match self.kind {
            ExprKind::Load(p) => Expr { kind: ExprKind::Load(p), ty: self.ty, line: self.line },
            _ => unreachable!("clone_load of an expression that is not a variable"),
        }
    }
}

impl<'a> Checker<'a> {
    /// `E(args)` for an exception class: the message fields from the arguments (as
    /// `BaseException.__new__`), then a user `__init__` if the class has one.
    pub fn construct_exception_call(&mut self, ctx: &mut FnCtx, idx: usize, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let ty = self.classes[idx].ty;
        let init = self.find_method(idx, "__init__");
        if init.is_none() && !call.arguments.keywords.is_empty() {
            self.report(diag::unsupported(call.arguments.range(), "keyword arguments to an exception", "pass the arguments by position"));
            return None;
        }
        let new = Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty, line };
        let (mut stmts, obj) = self.hidden(ctx, new);
        let obj = obj.load();
        // The message fields hold the arguments written by position (`BaseException.__new__`
        // keeps those); `__init__` gets every parameter, keywords and defaults too.
        let n_message = call.arguments.args.len();
        let args = match init {
            Some(m) => {
                let bound = self.bind_args(ctx, m.func, vec![obj.clone_load()], call, &[])?;
                stmts.extend(bound.stmts);
                let mut args = bound.args;
                args.remove(0);
                args
            }
            None => {
                let mut args = Vec::new();
                for a in call.arguments.args.iter() {
                    args.push(self.expr(ctx, a)?);
                }
                args
            }
        };
        // Each argument once, for both the message fields and `__init__`.
        let mut loads = Vec::new();
        for a in args {
            let (more, h) = self.hidden(ctx, a);
            stmts.extend(more);
            loads.push(h.load());
        }
        let again: Vec<Expr> = loads.iter().map(|l| l.clone_load()).collect();
        loads.truncate(n_message);
        stmts.extend(self.exception_args(ctx, idx, &obj, loads, line));
        if let Some(m) = init {
            let mut args = vec![obj.clone_load()];
            args.extend(again);
            stmts.push(Stmt::Expr(Expr { kind: ExprKind::Call(m.func, args), ty: Ty::NONE, line }));
        }
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(obj)), ty, line })
    }
}
