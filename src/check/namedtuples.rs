//! `typing.NamedTuple` classes, rewritten by `syntax::namedtuples` into classes with the
//! generated methods and a marker: here, what makes an instance behave as the tuple of its
//! fields.  `p[0]` and `p[-1]` (constant indices) read a field; unpacking (`x, y = p`,
//! `for a, b in points`) reads the fields in order; iterating (`for v in p`, `list(p)`,
//! `sum(p)`) walks the fields when they have one type; `p._replace(x=1)` is a new instance
//! with the other fields copied.  Fields are never assigned after `__init__` (CPython:
//! AttributeError), and what would need a tuple of another type (`p == (1, 2)`, a computed
//! index) is refused.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::imports::{Imported, Module};
use crate::check::ir::{self, ClassIdx, ExprKind, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::Ty;
use crate::syntax::namedtuples::NAMEDTUPLE_MARKER;

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    pub fn is_namedtuple_marker(d: &ast::Decorator) -> bool {
        matches!(&d.expression, ast::Expr::Call(c) if matches!(&*c.func, ast::Expr::Name(n) if n.id.as_str() == NAMEDTUPLE_MARKER))
    }

    /// Pass 0, for a class whose marker is `d`: its base must name `typing.NamedTuple`.
    pub fn declare_namedtuple(&mut self, idx: usize, d: &ast::Decorator) {
        let ast::Expr::Call(call) = &d.expression else { return };
        let Some(base) = call.arguments.args.first() else { return };
        let ok = match base {
            ast::Expr::Name(n) => self.annotation_import(n.id.as_str(), n.range().start()) == Some(Imported::Member(Module::Typing, "NamedTuple")),
            ast::Expr::Attribute(a) => matches!(&*a.value, ast::Expr::Name(m) if self.annotation_import(m.id.as_str(), m.range().start()) == Some(Imported::Module(Module::Typing))),
            _ => false,
        };
        if !ok {
            self.report(diag::unsupported(base.range(), "this base class", "import `NamedTuple` from `typing` first"));
            return;
        }
        self.namedtuples.insert(idx);
    }

    /// The named tuple class of a value's type, if it is one.
    pub fn namedtuple_of(&self, ty: Ty) -> Option<usize> {
        let idx = self.class_of(ty)?;
        self.namedtuples.contains(&idx).then_some(idx)
    }

    /// The fields of named tuple class `idx`, in order (name, type).
    fn namedtuple_fields(&self, idx: usize) -> Vec<(String, Ty)> {
        self.classes[idx].fields.clone()
    }

    /// A named tuple as the tuple of its fields: `value` in a hidden local (`out` assigns
    /// it), then a tuple display of its fields.
    pub fn namedtuple_as_tuple(&mut self, ctx: &mut FnCtx, value: Expr, out: &mut Vec<Stmt>) -> Expr {
        let Some(idx) = self.namedtuple_of(value.ty) else { return value };
        let line = value.line;
        let (stmts, h) = self.hidden(ctx, value);
        out.extend(stmts);
        let fields = self.namedtuple_fields(idx);
        let items: Vec<Expr> = fields.iter().enumerate().map(|(i, (_, ty))| Expr { kind: ExprKind::GetField(Box::new(h.load()), i as u32), ty: *ty, line }).collect();
        let ty = Ty::tuple(fields.iter().map(|f| f.1).collect());
        Expr { kind: ExprKind::Tuple(items), ty, line }
    }

    /// The fields of a named tuple of fields of one type, as a list (for iterating it);
    /// `Some(None)` after a diagnostic, `None` when `e` is no named tuple.
    pub fn namedtuple_items(&mut self, ctx: &mut FnCtx, e: &'a ast::Expr) -> Option<Option<Expr>> {
        let ty = self.peek_type(ctx, e)?;
        let idx = self.namedtuple_of(ty)?;
        let fields = self.namedtuple_fields(idx);
        let line = self.line(e.range());
        let Some(elem) = fields.first().map(|f| f.1).filter(|t| fields.iter().all(|f| f.1 == *t)) else {
            self.report(diag::unsupported(e.range(), "iterating a NamedTuple whose fields have different types", "read the fields by name"));
            return Some(None);
        };
        let value = self.expr(ctx, e)?;
        let (stmts, h) = self.hidden(ctx, value);
        let items: Vec<Expr> = (0..fields.len()).map(|i| Expr { kind: ExprKind::GetField(Box::new(h.load()), i as u32), ty: elem, line }).collect();
        let list = Expr { kind: ExprKind::ListLit(items), ty: Ty::list(elem), line };
        Some(Some(Expr { kind: ExprKind::Block(stmts, Box::new(list)), ty: Ty::list(elem), line }))
    }

    /// The type `e` would have, when it is a plain name (a local or global), without
    /// lowering it.
    fn peek_type(&self, ctx: &FnCtx, e: &ast::Expr) -> Option<Ty> {
        let ast::Expr::Name(n) = e else { return None };
        let id = n.id.as_str();
        if ctx.is_global(id) {
            let g = self.global_by_name.get(id)?;
            return Some(self.globals[g.0 as usize].ty);
        }
        let l = ctx.local_by_name.get(id)?;
        Some(ctx.locals[l.0 as usize].ty)
    }

    /// `p._replace(x=1)`: a new instance of the class, the named fields replaced (each
    /// keyword evaluated in order, after `p`), the others copied.
    pub fn namedtuple_replace(&mut self, ctx: &mut FnCtx, receiver: Expr, call: &'a ast::ExprCall, line: ir::Line) -> Option<Expr> {
        let idx = self.namedtuple_of(receiver.ty)?;
        if let Some(a) = call.arguments.args.first() {
            self.report(diag::unsupported(a.range(), "positional arguments to `_replace`", "name the fields: `p._replace(x=1)`"));
            return None;
        }
        let fields = self.namedtuple_fields(idx);
        let (mut stmts, h) = self.hidden(ctx, receiver);
        let mut values: Vec<Option<Expr>> = fields.iter().map(|_| None).collect();
        for k in call.arguments.keywords.iter() {
            let name = k.arg.as_ref().map(|a| a.id.as_str()).unwrap_or("");
            let Some(pos) = fields.iter().position(|f| f.0 == name) else {
                self.report(diag::unsupported(k.range(), &format!("`_replace` of `{name}`, which is no field"), "CPython raises ValueError: name one of the fields"));
                return None;
            };
            let ty = fields[pos].1;
            let v = self.expr_expect(ctx, &k.value, Some(&ty))?;
            if v.ty != ty {
                self.report(diag::arg_mismatch(k.value.range(), &format!("field `{name}`"), &ty, &v.ty));
                return None;
            }
            let (more, hv) = self.hidden(ctx, v);
            stmts.extend(more);
            values[pos] = Some(hv.load());
        }
        let class_ty = self.classes[idx].ty;
        let init = self.find_method(idx, "__init__")?;
        let new = Expr { kind: ExprKind::New(ClassIdx(idx as u32)), ty: class_ty, line };
        let (more, obj) = self.hidden(ctx, new);
        stmts.extend(more);
        let mut args = vec![obj.load()];
        for (i, v) in values.into_iter().enumerate() {
            args.push(v.unwrap_or_else(|| Expr { kind: ExprKind::GetField(Box::new(h.load()), i as u32), ty: fields[i].1, line }));
        }
        stmts.push(Stmt::Expr(Expr { kind: ExprKind::Call(init.func, args), ty: Ty::NONE, line }));
        Some(Expr { kind: ExprKind::Block(stmts, Box::new(obj.load())), ty: class_ty, line })
    }

    /// Refuses assigning a field of a named tuple outside its own `__init__`; true when it did.
    pub fn refuse_namedtuple_assignment(&mut self, ctx: &FnCtx, idx: usize, is_self: bool, range: TextRange) -> bool {
        if !self.namedtuples.contains(&idx) || (is_self && ctx.init.as_ref().is_some_and(|i| i.class == idx)) {
            return false;
        }
        self.report(diag::unsupported(range, "assigning a field of a NamedTuple", "CPython raises AttributeError: make a new one with `p._replace(field=value)`"));
        true
    }

    /// `namedtuple('P', ...)`: refused, its fields have no types.
    pub fn refuse_functional_namedtuple(&mut self, range: TextRange) {
        self.report(diag::unsupported(range, "`collections.namedtuple(...)`, whose fields have no types", "declare a typed one: `class P(NamedTuple):` with `x: int` fields (from `typing`)"));
    }
}
