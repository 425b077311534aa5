//! Tuples in the checker: displays, constant indexing and slicing, and unpacking into
//! targets (assignments, `for` targets and comprehension targets), nested and starred.
//!
//! Unpacking desugars to plain assignments: the value goes to a hidden local (`<unpack N>`),
//! then each target is assigned a field of it (`TupleGet`) or, for a list or str source,
//! an item after a length check (`Builtin::UnpackCheck`). So `a, b = b, a` builds the
//! tuple `(b, a)` first, exactly as Python does, and no later pass knows about patterns.

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use crate::check::diagnostics as diag;
use crate::check::ir::{self, Builtin, ExprKind, Place, Stmt};
use crate::check::scope::{Checker, FnCtx};
use crate::check::types::{Ty, TyKind};

type Expr = ir::Expr;

impl<'a> Checker<'a> {
    /// `(a, b, ...)`; `expected` (a tuple type) types the items that need it (`[]`).
    pub fn tuple_display(&mut self, ctx: &mut FnCtx, t: &'a ast::ExprTuple, expected: Option<&Ty>, line: ir::Line) -> Option<Expr> {
        let expected_fields = expected.and_then(|t| t.tuple_fields()).filter(|f| f.len() == t.elts.len());
        let mut items = Vec::with_capacity(t.elts.len());
        for (idx, elt) in t.elts.iter().enumerate() {
            if let ast::Expr::Starred(s) = elt {
                self.report(diag::unsupported(s.range(), "`*` in a tuple display", "build the tuple from its items, or use a list"));
                return None;
            }
            items.push(self.expr_expect(ctx, elt, expected_fields.map(|f| &f[idx])));
        }
        let items: Vec<Expr> = items.into_iter().collect::<Option<_>>()?;
        let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
        Some(Expr { kind: ExprKind::Tuple(items), ty, line })
    }

    /// `t[i]` on a tuple: the index must be a constant (each field has its own type).
    pub fn tuple_index(&mut self, ctx: &mut FnCtx, value: Expr, index: &'a ast::Expr, line: ir::Line) -> Option<Expr> {
        let fields = value.ty.tuple_fields().unwrap_or_default();
        let idx = self.expr(ctx, index)?;
        let ExprKind::Int(i) = idx.kind else {
            self.report(diag::unsupported(index.range(), "indexing a tuple with a computed index", "index tuples with a constant (`t[0]`, `t[-1]`), or unpack them; use a list for indexed access"));
            return None;
        };
        let Some(field) = normalize(i, fields.len()) else {
            self.report(diag::tuple_index_out_of_range(index.range(), i, &value.ty));
            return None;
        };
        let ty = fields[field];
        // CPython folds an index into a constant tuple into the constant (which can make a
        // set display a frozenset constant).
        if ir::ConstItem::of(&value).is_some() {
            if let ExprKind::Tuple(mut items) = value.kind {
                let mut item = items.swap_remove(field);
                item.line = line;
                return Some(item);
            }
        }
        Some(Expr { kind: ExprKind::TupleGet(Box::new(value), field as u32), ty, line })
    }

    /// `t[a:b:c]` on a tuple with constant bounds: a new tuple of the selected fields.
    pub fn tuple_slice(&mut self, ctx: &mut FnCtx, value: Expr, slice: &'a ast::ExprSlice, line: ir::Line) -> Option<Expr> {
        let n = value.ty.tuple_fields().unwrap_or_default().len() as i64;
        let mut bound = |this: &mut Self, e: &'a Option<Box<ast::Expr>>| -> Option<Option<i64>> {
            let Some(e) = e else { return Some(None) };
            let v = this.expr(ctx, e)?;
            match v.kind {
                ExprKind::Int(i) => Some(Some(i)),
                _ => {
                    this.report(diag::unsupported(e.range(), "slicing a tuple with computed bounds", "slice tuples with constants, or use a list"));
                    None
                }
            }
        };
        let (start, stop, step) = (bound(self, &slice.lower)?, bound(self, &slice.upper)?, bound(self, &slice.step)?);
        let step = step.unwrap_or(1);
        if step == 0 {
            self.report(diag::unsupported(slice.range(), "a slice step of zero", "Python raises ValueError: slice step cannot be zero"));
            return None;
        }
        let picked = slice_indices(n, start, stop, step);
        Some(self.tuple_of_fields(ctx, value, &picked, line))
    }

    /// A tuple of the given fields of `value` (evaluated once, into a hidden local).
    pub fn tuple_of_fields(&mut self, ctx: &mut FnCtx, value: Expr, fields: &[usize], line: ir::Line) -> Expr {
        let (stmts, tmp) = self.hidden(ctx, value);
        let items: Vec<Expr> = fields.iter().map(|&f| field_of(&tmp, f, line)).collect();
        let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
        let tuple = Expr { kind: ExprKind::Tuple(items), ty, line };
        Expr { kind: ExprKind::Block(stmts, Box::new(tuple)), ty, line }
    }

    /// `a + b` on tuples: the fields of both.
    pub fn tuple_concat(&mut self, ctx: &mut FnCtx, left: Expr, right: Expr, line: ir::Line) -> Expr {
        let (mut stmts, l) = self.hidden(ctx, left);
        let (more, r) = self.hidden(ctx, right);
        stmts.extend(more);
        let n_l = l.ty.tuple_fields().unwrap_or_default().len();
        let n_r = r.ty.tuple_fields().unwrap_or_default().len();
        let mut items: Vec<Expr> = (0..n_l).map(|f| field_of(&l, f, line)).collect();
        items.extend((0..n_r).map(|f| field_of(&r, f, line)));
        let ty = Ty::tuple(items.iter().map(|i| i.ty).collect());
        Expr { kind: ExprKind::Block(stmts, Box::new(Expr { kind: ExprKind::Tuple(items), ty, line })), ty, line }
    }

    /// `t * k` with a constant `k`: the fields of `t`, `k` times.
    pub fn tuple_repeat(&mut self, ctx: &mut FnCtx, value: Expr, times: i64, line: ir::Line) -> Expr {
        let n = value.ty.tuple_fields().unwrap_or_default().len();
        let fields: Vec<usize> = (0..times.max(0)).flat_map(|_| 0..n).collect();
        self.tuple_of_fields(ctx, value, &fields, line)
    }

    /// `a + b` and `t * k` (a constant `k`) where an operand is a tuple.
    pub fn tuple_binary(&mut self, ctx: &mut FnCtx, op: ast::Operator, left: Expr, right: Expr, range: TextRange, line: ir::Line) -> Option<Expr> {
        let is_tuple = |e: &Expr| e.ty.tuple_fields().is_some();
        match op {
            ast::Operator::Add if is_tuple(&left) && is_tuple(&right) => Some(self.tuple_concat(ctx, left, right, line)),
            ast::Operator::Mult => {
                let (tuple, times) = if is_tuple(&left) { (left, right) } else { (right, left) };
                match times.kind {
                    ExprKind::Int(k) if is_tuple(&tuple) => Some(self.tuple_repeat(ctx, tuple, k, line)),
                    _ if times.ty == Ty::INT || times.ty == Ty::BOOL => {
                        self.report(diag::unsupported(range, "repeating a tuple a computed number of times", "repeat by a constant (`t * 3`), or use a list"));
                        None
                    }
                    _ => {
                        self.report(diag::bad_operands(range, "*", &tuple.ty, &times.ty));
                        None
                    }
                }
            }
            _ => {
                let sym = match op {
                    ast::Operator::Add => "+",
                    ast::Operator::Sub => "-",
                    ast::Operator::Mult => "*",
                    ast::Operator::Div => "/",
                    ast::Operator::FloorDiv => "//",
                    ast::Operator::Mod => "%",
                    ast::Operator::Pow => "**",
                    ast::Operator::BitAnd => "&",
                    ast::Operator::BitOr => "|",
                    ast::Operator::BitXor => "^",
                    ast::Operator::LShift => "<<",
                    ast::Operator::RShift => ">>",
                    ast::Operator::MatMult => "@",
                };
                self.report(diag::bad_operands(range, sym, &left.ty, &right.ty));
                None
            }
        }
    }

    /// Assigns `value` to `target`: a name, or a tuple or list of targets (nested, with at
    /// most one starred) unpacking a tuple, a list or a str. The assignments go to `out`.
    pub fn assign_target(&mut self, ctx: &mut FnCtx, target: &'a ast::Expr, value: Expr, out: &mut Vec<Stmt>) -> Option<()> {
        let elts = match target {
            ast::Expr::Name(name) => {
                let place = self.bind_name(ctx, name, None, Some(&value.ty), target.range())?;
                out.push(Stmt::Assign { place, value });
                return Some(());
            }
            ast::Expr::Tuple(t) => &t.elts,
            ast::Expr::List(l) => &l.elts,
            other => {
                self.report(self.unsupported_target(other));
                return None;
            }
        };
        // A NamedTuple unpacks as the tuple of its fields.
        let value = self.namedtuple_as_tuple(ctx, value, out);
        let star = elts.iter().position(|e| matches!(e, ast::Expr::Starred(_)));
        if elts.iter().filter(|e| matches!(e, ast::Expr::Starred(_))).count() > 1 {
            self.report(diag::unsupported(target.range(), "several starred targets", "Python allows one `*name` per unpacking"));
            return None;
        }
        let line = value.line;
        let value_ty = value.ty;
        match value_ty.kind() {
            TyKind::Tuple(fields) => {
                let (before, after) = split_counts(elts.len(), star);
                let fits = if star.is_some() { fields.len() >= before + after } else { fields.len() == elts.len() };
                if !fits {
                    self.report(diag::unpack_count(target.range(), fields.len(), before + after, star.is_some()));
                    return None;
                }
                let (stmts, tmp) = self.hidden(ctx, value);
                out.extend(stmts);
                for (idx, elt) in elts.iter().enumerate() {
                    match star {
                        Some(s) if idx == s => {
                            let ast::Expr::Starred(starred) = elt else { continue };
                            let middle: Vec<Expr> = (before..fields.len() - after).map(|f| field_of(&tmp, f, line)).collect();
                            let elem = match middle.first() {
                                Some(first) if middle.iter().all(|m| m.ty == first.ty) => first.ty,
                                Some(_) => {
                                    self.report(diag::unsupported(elt.range(), "a starred target over fields of different types", "unpack those fields into names of their own"));
                                    return None;
                                }
                                None => match &*starred.value {
                                    ast::Expr::Name(n) => match self.existing_ty(ctx, n.id.as_str()).and_then(|t| t.list_elem()) {
                                        Some(e) => e,
                                        None => {
                                            self.report(diag::unsupported(elt.range(), "a starred target that is always empty", "annotate the variable first (`rest: list[int] = []`)"));
                                            return None;
                                        }
                                    },
                                    _ => Ty::INT,
                                },
                            };
                            let list = Expr { kind: ExprKind::ListLit(middle), ty: Ty::list(elem), line };
                            self.assign_target(ctx, &starred.value, list, out)?;
                        }
                        Some(s) if idx > s => {
                            let field = fields.len() - (elts.len() - idx);
                            self.assign_target(ctx, elt, field_of(&tmp, field, line), out)?;
                        }
                        _ => self.assign_target(ctx, elt, field_of(&tmp, idx, line), out)?,
                    }
                }
                Some(())
            }
            TyKind::List(_) | TyKind::VarTuple(_) | TyKind::Str => {
                let list = if value_ty == Ty::STR { Expr { kind: ExprKind::Builtin(Builtin::ListFromStr, vec![value]), ty: Ty::list(Ty::STR), line } } else { value };
                let elem = list.ty.seq_elem().unwrap_or(Ty::INT);
                let (before, after) = split_counts(elts.len(), star);
                let (stmts, tmp) = self.hidden(ctx, list);
                out.extend(stmts);
                let int = |v: i64| Expr { kind: ExprKind::Int(v), ty: Ty::INT, line };
                let check = ExprKind::Builtin(Builtin::UnpackCheck, vec![tmp.load(), int(before as i64), int(after as i64), Expr { kind: ExprKind::Bool(star.is_some()), ty: Ty::BOOL, line }]);
                out.push(Stmt::Expr(Expr { kind: check, ty: Ty::NONE, line }));
                for (idx, elt) in elts.iter().enumerate() {
                    let item = |i: i64| Expr { kind: ExprKind::GetItem(Box::new(tmp.load()), Box::new(int(i))), ty: elem, line };
                    match star {
                        Some(s) if idx == s => {
                            let ast::Expr::Starred(starred) = elt else { continue };
                            let stop = if after == 0 { None } else { Some(Box::new(int(-(after as i64)))) };
                            let rest = Expr { kind: ExprKind::Slice { value: Box::new(tmp.load()), start: Some(Box::new(int(before as i64))), stop, step: None }, ty: tmp.ty, line };
                            // A starred target is always a list, whatever was unpacked.
                            let rest = match tmp.ty.kind() {
                                TyKind::VarTuple(e) => Expr { kind: ExprKind::Builtin(Builtin::ListFromVarTuple, vec![rest]), ty: Ty::list(*e), line },
                                _ => rest,
                            };
                            self.assign_target(ctx, &starred.value, rest, out)?;
                        }
                        Some(s) if idx > s => self.assign_target(ctx, elt, item(idx as i64 - elts.len() as i64), out)?,
                        _ => self.assign_target(ctx, elt, item(idx as i64), out)?,
                    }
                }
                Some(())
            }
            _ => {
                self.report(diag::cannot_unpack(target.range(), &value_ty));
                None
            }
        }
    }

    /// The places a `for` (or comprehension) target binds, one per value the iterator
    /// yields (`tys`), and the assignments that unpack the values bound to hidden locals.
    pub fn bind_targets(&mut self, ctx: &mut FnCtx, target: &'a ast::Expr, tys: &[Ty]) -> Option<(Vec<Place>, Vec<Stmt>)> {
        let parts: Vec<&'a ast::Expr> = match (target, tys.len()) {
            (_, 1) => vec![target],
            (ast::Expr::Tuple(t), n) if t.elts.len() == n && !t.elts.iter().any(|e| matches!(e, ast::Expr::Starred(_))) => t.elts.iter().collect(),
            (ast::Expr::Tuple(t), n) => {
                self.report(diag::unpack_mismatch(target.range(), n, t.elts.len()));
                return None;
            }
            (other, n) => {
                self.report(diag::unpack_mismatch(other.range(), n, 1));
                return None;
            }
        };
        let mut places = Vec::new();
        let mut prologue = Vec::new();
        for (part, ty) in parts.into_iter().zip(tys) {
            match part {
                ast::Expr::Name(name) => places.push(self.bind_name(ctx, name, None, Some(ty), target.range())?),
                _ => {
                    let tmp = ctx.add_local(&format!("<unpack{}>", ctx.locals.len()), *ty);
                    places.push(Place::Local(tmp));
                    let load = Expr { kind: ExprKind::Load(Place::Local(tmp)), ty: *ty, line: self.line(part.range()) };
                    self.assign_target(ctx, part, load, &mut prologue)?;
                }
            }
        }
        Some((places, prologue))
    }

    /// `value` in a hidden local, unless it is one already: the statements that assign it
    /// and the local.
    pub(crate) fn hidden(&mut self, ctx: &mut FnCtx, value: Expr) -> (Vec<Stmt>, Hidden) {
        if let ExprKind::Load(place) = value.kind {
            return (Vec::new(), Hidden { place, ty: value.ty, line: value.line });
        }
        let local = ctx.add_local(&format!("<unpack{}>", ctx.locals.len()), value.ty);
        let hidden = Hidden { place: Place::Local(local), ty: value.ty, line: value.line };
        (vec![Stmt::Assign { place: Place::Local(local), value }], hidden)
    }
}

/// A value held in a local the checker made (or the user's variable it already was).
pub(crate) struct Hidden {
    place: Place,
    ty: Ty,
    line: ir::Line,
}

impl Hidden {
    pub(crate) fn load(&self) -> Expr {
        Expr { kind: ExprKind::Load(self.place), ty: self.ty, line: self.line }
    }
}

fn field_of(t: &Hidden, field: usize, line: ir::Line) -> Expr {
    let ty = t.ty.tuple_fields().map_or(Ty::NONE, |f| f[field]);
    Expr { kind: ExprKind::TupleGet(Box::new(t.load()), field as u32), ty, line }
}

/// (targets before the starred one, targets after it); without a star, all are before.
fn split_counts(n: usize, star: Option<usize>) -> (usize, usize) {
    match star {
        Some(s) => (s, n - s - 1),
        None => (n, 0),
    }
}

/// Python's index normalisation for a sequence of `len` items.
fn normalize(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let i = if i < 0 { i + len } else { i };
    (0..len).contains(&i).then_some(i as usize)
}

/// The indices `range(len)[start:stop:step]` selects (Python's `slice.indices`).
fn slice_indices(len: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<usize> {
    let clamp = |v: i64, lo: i64, hi: i64| v.clamp(lo, hi);
    let (lo, hi) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let fix = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => clamp(v + len, lo, hi),
        Some(v) => clamp(v, lo, hi),
    };
    let (start, stop) = if step > 0 { (fix(start, 0), fix(stop, len)) } else { (fix(start, len - 1), fix(stop, -1)) };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}

/// Whether a comparison of tuples of types `a` and `b` is defined field by field: fields
/// compared by `==` may have any types; `<` needs orderable pairs of the same type or numbers.
pub fn tuples_comparable(a: Ty, b: Ty, ordering: bool) -> bool {
    let (Some(fa), Some(fb)) = (a.tuple_fields(), b.tuple_fields()) else { return false };
    if !ordering {
        return true;
    }
    fa.iter().zip(fb).all(|(x, y)| (x.is_numeric() && y.is_numeric()) || (x == y && x.is_orderable()) || (x.tuple_fields().is_some() && tuples_comparable(*x, *y, true)))
}

#[cfg(test)]
mod tests {
    use super::slice_indices;

    #[test]
    fn slice_indices_follow_python() {
        assert_eq!(slice_indices(5, Some(1), None, 1), vec![1, 2, 3, 4]);
        assert_eq!(slice_indices(5, None, None, -1), vec![4, 3, 2, 1, 0]);
        assert_eq!(slice_indices(5, Some(-2), None, 1), vec![3, 4]);
        assert_eq!(slice_indices(5, None, Some(-1), 2), vec![0, 2]);
        assert_eq!(slice_indices(3, Some(10), None, 1), Vec::<usize>::new());
        assert_eq!(slice_indices(4, Some(-10), Some(10), -1), Vec::<usize>::new());
    }
}
