//! Lowering of expressions: scalars, operators, comparisons, calls, conditionals.

use crate::check::ir::{self, BinOp, CmpOp, Conversion, Expr, ExprKind, Line, Place, UnOp as IrUnOp};
use crate::check::types::{Ty, TyKind};
use crate::mir::lower::Lower;
use crate::mir::{CheckedOp, Const, ExcKind, Op, Operand, Own, PureBinOp, UnOp};

impl<'a> Lower<'a> {
    /// Lowers `e` and returns its value.
    pub(super) fn value(&mut self, e: &'a Expr) -> Operand {
        let line = e.line;
        match &e.kind {
            ExprKind::Int(v) => Operand::Const(Const::Int(*v)),
            ExprKind::Float(v) => Operand::Const(Const::Float(*v)),
            ExprKind::Bool(b) => Operand::Const(Const::Bool(*b)),
            ExprKind::None => Operand::Const(Const::None),
            ExprKind::Str(s) => Operand::Const(Const::Str(s.clone())),
            ExprKind::Load(place) => self.load(*place, line),
            ExprKind::Convert(conv, inner) => {
                let v = self.value(inner);
                match conv {
                    Conversion::IntToFloat => self.op_value(Op::Unary(UnOp::IntToFloat, v), &Ty::FLOAT, line),
                    Conversion::BoolToInt => self.op_value(Op::Unary(UnOp::BoolToInt, v), &Ty::INT, line),
                    Conversion::FloatToInt => self.rt("mg_float_to_int", vec![v], &Ty::INT, Own::Plain, true, line),
                }
            }
            ExprKind::Binary(BinOp::StrInPlaceAdd, l, r) => {
                // `s += t`: the variable's reference is handed to the runtime, which appends in
                // place when nothing else holds the string.
                let ExprKind::Load(place) = l.kind else { unreachable!("the checker only makes StrInPlaceAdd of a variable") };
                let rv = self.value(r);
                let old = self.load(place, line);
                self.rt_steal("mg_str_iadd", vec![old, rv], &Ty::STR, Own::New, false, 0b1, line)
            }
            ExprKind::Binary(op, l, r) => {
                let lv = self.value(l);
                let rv = self.value(r);
                self.binary(*op, lv, rv, &e.ty, line)
            }
            ExprKind::Unary(op, inner) => {
                let v = self.value(inner);
                match op {
                    IrUnOp::Not => self.op_value(Op::Unary(UnOp::Not, v), &Ty::BOOL, line),
                    IrUnOp::IntInvert => self.op_value(Op::Unary(UnOp::IntInvert, v), &Ty::INT, line),
                    IrUnOp::FloatNeg => self.op_value(Op::Unary(UnOp::FloatNeg, v), &Ty::FLOAT, line),
                    IrUnOp::IntNeg => self.op_value(Op::Checked(CheckedOp::Sub, Operand::Const(Const::Int(0)), v), &Ty::INT, line),
                }
            }
            ExprKind::CompareChain { operands, links } => self.compare_chain(operands, links, line),
            ExprKind::BoolOp(op, values) => self.bool_op(*op, values, &e.ty),
            ExprKind::IfExp(cond, body, orelse) => {
                let result = self.temp(&e.ty);
                let c = self.value(cond);
                let (then_bb, else_bb, end) = (self.new_block(), self.new_block(), self.new_block());
                self.branch(c, then_bb, else_bb, None);
                for (bb, value) in [(then_bb, body), (else_bb, orelse)] {
                    self.switch_to(bb);
                    let v = self.value(value);
                    self.emit(Some(result), Op::Use(v), line);
                    self.goto(end);
                }
                self.switch_to(end);
                Operand::Reg(result)
            }
            ExprKind::MakeFunction { func, object, captures } => {
                let obj = self.rt("mg_instance_new", vec![Operand::Const(Const::TypeDesc(*object))], object, Own::New, false, line);
                let env = self.program.functions[func.0 as usize].closure.is_some();
                self.emit(None, Op::FieldSet(obj.clone(), 0, Operand::Const(Const::FuncAddr { func: *func, env })), line);
                for (i, l) in captures.iter().enumerate() {
                    let cell = Operand::Reg(self.local_reg(*l));
                    self.emit(None, Op::FieldSet(obj.clone(), 1 + i as u32, cell), line);
                }
                let r = self.temp(&e.ty);
                self.emit(Some(r), Op::Use(obj), line);
                Operand::Reg(r)
            }
            ExprKind::GenNew { start, name, args } => self.gen_new(*start, name, args, &e.ty, line),
            ExprKind::GenArg { gen, index } => {
                let g = self.value(gen);
                self.rt("mg_gen_arg", vec![g, Operand::Const(Const::Int(*index as i64))], &e.ty, Own::Borrowed, false, line)
            }
            ExprKind::Next { it, default } => self.next(it, default.as_deref(), &e.ty, line),
            ExprKind::CallValue(args) => {
                let vals = args.iter().map(|a| self.value(a)).collect();
                let sig = args[0].ty;
                self.op_value(Op::CallValue { sig, args: vals }, &e.ty, line)
            }
            ExprKind::Call(func, args) => {
                let vals = args.iter().map(|a| self.value(a)).collect();
                self.op_value(Op::Call(*func, vals), &e.ty, line)
            }
            ExprKind::CachedCall { cache, func, key, args } => self.cached_call(*cache, *func, key, args, &e.ty, line),
            ExprKind::CacheNew { key, result, maxsize } => {
                // A bounded cache's dict maps keys to link numbers.
                let map = Ty::dict(*key, if *maxsize > 0 { Ty::INT } else { *result });
                let args = vec![Operand::Const(Const::TypeDesc(map)), Operand::Const(Const::TypeDesc(*result)), Operand::Const(Const::Int(*maxsize))];
                self.rt("mg_lru_new", args, &Ty::INT, Own::Plain, false, line)
            }
            ExprKind::CacheOp { cache, op } => {
                let c = self.load(Place::Global(*cache), line);
                match op {
                    ir::CacheOp::Info => self.rt("mg_lru_info", vec![c], &Ty::STR, Own::New, false, line),
                    ir::CacheOp::Clear => self.rt("mg_lru_clear", vec![c], &Ty::NONE, Own::Plain, true, line),
                    ir::CacheOp::Hits | ir::CacheOp::Misses | ir::CacheOp::Currsize => {
                        let which = match op {
                            ir::CacheOp::Hits => 0,
                            ir::CacheOp::Misses => 1,
                            _ => 2,
                        };
                        self.rt("mg_lru_stat", vec![c, Operand::Const(Const::Int(which))], &Ty::INT, Own::Plain, false, line)
                    }
                }
            }
            ExprKind::Builtin(b, args) => self.builtin(*b, args, &e.ty, line),
            ExprKind::Truth(inner) => {
                let v = self.value(inner);
                self.truth(v, &inner.ty, line)
            }
            ExprKind::ListLit(_) | ExprKind::SetLit { .. } | ExprKind::DictLit(_) => self.literal(e),
            ExprKind::ItemValue => self.item_value.clone().expect("ItemValue only inside an UpdateItem"),
            ExprKind::GetItem(container, index) => self.get_item(container, index, &e.ty, line),
            ExprKind::Slice { value, start, stop, step } => self.slice(value, start.as_deref(), stop.as_deref(), step.as_deref(), line),
            ExprKind::Contains { container, item } => self.contains(container, item, line),
            ExprKind::Method(m, args) => self.method(*m, args, &e.ty, line),
            ExprKind::Block(stmts, value) => {
                self.block(stmts);
                self.value(value)
            }
            // The class's own type: `e.ty` may be a base the checker upcast the value to.
            ExprKind::New(class) => {
                let ty = self.program.classes[class.0 as usize].ty;
                let desc = Operand::Const(Const::TypeDesc(ty));
                let obj = self.rt("mg_instance_new", vec![desc], &ty, Own::New, false, line);
                if ty == e.ty {
                    return obj;
                }
                let r = self.temp(&e.ty);
                self.emit(Some(r), Op::Use(obj), line);
                Operand::Reg(r)
            }
            ExprKind::GetField(obj, field) => {
                let v = self.value(obj);
                self.op_value(Op::FieldGet(v, *field), &e.ty, line)
            }
            ExprKind::CallVirtual { slot, impls, args } => {
                let vals = args.iter().map(|a| self.value(a)).collect();
                self.op_value(Op::CallVirtual { slot: *slot, impls: impls.clone(), args: vals }, &e.ty, line)
            }
            ExprKind::IsInstance(obj, classes) => {
                let v = self.value(obj);
                let tys = classes.iter().map(|c| self.program.classes[c.0 as usize].ty).collect();
                self.op_value(Op::InstanceOf(v, tys), &Ty::BOOL, line)
            }
            ExprKind::NoneOf => {
                let r = self.temp(&e.ty);
                self.emit(Some(r), Op::Use(Operand::Const(Const::Null)), line);
                Operand::Reg(r)
            }
            ExprKind::Some(inner) => {
                let v = self.value(inner);
                let boxed = match optional_box(inner.ty) {
                    // A scalar goes into a one-field box; a tuple is boxed as it is.
                    Some(box_ty) => {
                        let t = if box_ty == inner.ty { v } else { self.op_value(Op::MakeTuple(vec![v]), &box_ty, line) };
                        let b = self.new_reg(crate::mir::RegTy::Boxed(box_ty), None);
                        self.emit(Some(b), Op::BoxTuple(t), line);
                        Operand::Reg(b)
                    }
                    None => v,
                };
                let r = self.temp(&e.ty);
                self.emit(Some(r), Op::Use(boxed), line);
                Operand::Reg(r)
            }
            ExprKind::Unwrap(_) | ExprKind::UnwrapChecked(..) => {
                let (opt, msg) = match &e.kind {
                    ExprKind::UnwrapChecked(opt, msg) => (opt, Some(msg)),
                    ExprKind::Unwrap(opt) => (opt, None),
                    _ => unreachable!("matched above"),
                };
                let v = self.value(opt);
                if let Some(msg) = msg {
                    let none = self.op_value(Op::Same(v.clone(), Operand::Const(Const::Null)), &Ty::BOOL, line);
                    let some = self.op_value(Op::Unary(UnOp::Not, none), &Ty::BOOL, line);
                    self.raise_unless(some, ExcKind::Attribute, msg, line);
                }
                match optional_box(e.ty) {
                    Some(box_ty) => {
                        let t = self.temp(&box_ty);
                        self.emit(Some(t), Op::UnboxTuple(v), line);
                        if box_ty == e.ty {
                            Operand::Reg(t)
                        } else {
                            self.op_value(Op::TupleGet(Operand::Reg(t), 0), &e.ty, line)
                        }
                    }
                    None => {
                        let r = self.temp(&e.ty);
                        self.emit(Some(r), Op::Use(v), line);
                        Operand::Reg(r)
                    }
                }
            }
            ExprKind::InFrame { name, outer, expr } => {
                self.frames.push((name.clone(), *outer));
                let v = self.value(expr);
                self.frames.pop();
                v
            }
            ExprKind::IsNone(opt) => {
                let v = self.value(opt);
                self.op_value(Op::Same(v, Operand::Const(Const::Null)), &Ty::BOOL, line)
            }
            ExprKind::Same(a, b) => {
                let (va, vb) = (self.value(a), self.value(b));
                self.op_value(Op::Same(va, vb), &Ty::BOOL, line)
            }
            ExprKind::Tuple(items) => {
                let vals = items.iter().map(|i| self.value(i)).collect();
                self.op_value(Op::MakeTuple(vals), &e.ty, line)
            }
            ExprKind::TupleGet(tuple, idx) => {
                let v = self.value(tuple);
                self.op_value(Op::TupleGet(v, *idx), &e.ty, line)
            }
        }
    }

    /// A variable's value: a local is its register (borrowed from it); a global is loaded.
    /// An `lru_cache` function's call (`ExprKind::CachedCall`): one probe of the cache; on a
    /// miss, the body's call, then the store of its result under the same key.
    fn cached_call(&mut self, cache: ir::GlobalId, func: ir::FuncId, key: &'a Expr, args: &'a [Expr], ty: &Ty, line: Line) -> Operand {
        let c = self.load(Place::Global(cache), line);
        let k = self.value(key);
        let result = self.temp(ty);
        let hit = self.rt("mg_lru_get", vec![c.clone(), k.clone()], &Ty::BOOL, Own::Plain, false, line);
        let (yes, no, end) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(hit, yes, no, None);
        self.switch_to(yes);
        let v = self.rt("mg_lru_found", vec![c.clone()], ty, Own::Borrowed, false, line);
        self.emit(Some(result), Op::Use(v), line);
        self.goto(end);
        self.switch_to(no);
        let vals = args.iter().map(|a| self.value(a)).collect();
        let r = self.op_value(Op::Call(func, vals), ty, line);
        // Results that may be instances make the store `calls_back`, hence raising.
        self.rt("mg_lru_put", vec![c, k, r.clone()], &Ty::NONE, Own::Plain, false, line);
        self.emit(Some(result), Op::Use(r), line);
        self.goto(end);
        self.switch_to(end);
        Operand::Reg(result)
    }

    pub(super) fn load(&mut self, place: Place, line: Line) -> Operand {
        self.check_bound(place, line);
        match place {
            Place::Local(l) if self.f.locals[l.0 as usize].cell.is_some() => {
                let ty = self.place_ty(place);
                let cell = Operand::Reg(self.local_reg(l));
                self.op_value(Op::FieldGet(cell, 0), &ty, line)
            }
            Place::Local(l) => Operand::Reg(self.local_reg(l)),
            Place::Global(g) => {
                let ty = self.place_ty(place);
                self.op_value(Op::LoadGlobal(g), &ty, line)
            }
        }
    }

    /// The truth value of `v` (of type `ty`) as a bool.
    pub(super) fn truth(&mut self, v: Operand, ty: &Ty, line: Line) -> Operand {
        match *ty {
            Ty::INT => self.op_value(Op::Unary(UnOp::IntTruth, v), &Ty::BOOL, line),
            Ty::FLOAT => self.op_value(Op::Unary(UnOp::FloatTruth, v), &Ty::BOOL, line),
            Ty::BOOL => v,
            Ty::NONE => Operand::Const(Const::Bool(false)),
            _ => self.rt("mg_slot_truth", vec![Operand::Const(Const::TypeDesc(*ty)), v], &Ty::BOOL, Own::Plain, false, line),
        }
    }

    pub(super) fn binary(&mut self, op: BinOp, l: Operand, r: Operand, ty: &Ty, line: Line) -> Operand {
        let heap_fn = match op {
            BinOp::StrConcat => Some(("mg_str_concat", false)),
            BinOp::StrRepeat => Some(("mg_str_repeat", true)),
            BinOp::ListConcat => Some(("mg_list_concat", false)),
            BinOp::ListRepeat => Some(("mg_list_repeat", true)),
            BinOp::DictMerge => Some(("mg_dict_merge", false)),
            _ => None,
        };
        if let Some((name, raises)) = heap_fn {
            return self.rt(name, vec![l, r], ty, Own::New, raises, line);
        }
        let pure = |this: &mut Self, op: PureBinOp| this.op_value(Op::Binary(op, l.clone(), r.clone()), ty, line);
        let runtime = |this: &mut Self, name: &'static str| this.rt(name, vec![l.clone(), r.clone()], ty, Own::Plain, true, line);
        // `//` and `%` by a constant other than 0 and -1 cannot raise: inline.
        if let (BinOp::IntFloorDiv | BinOp::IntMod, Operand::Const(Const::Int(c))) = (op, &r) {
            if *c != 0 && *c != -1 {
                let pure = if op == BinOp::IntMod { PureBinOp::FloorModConst } else { PureBinOp::FloorDivConst };
                return self.op_value(Op::Binary(pure, l, r), ty, line);
            }
        }
        match op {
            BinOp::IntAdd => self.op_value(Op::Checked(CheckedOp::Add, l, r), ty, line),
            BinOp::IntSub => self.op_value(Op::Checked(CheckedOp::Sub, l, r), ty, line),
            BinOp::IntMul => self.op_value(Op::Checked(CheckedOp::Mul, l, r), ty, line),
            BinOp::IntFloorDiv => self.op_value(Op::Checked(CheckedOp::FloorDiv, l, r), ty, line),
            BinOp::IntMod => self.op_value(Op::Checked(CheckedOp::Mod, l, r), ty, line),
            BinOp::IntPow => runtime(self, "mg_int_pow"),
            BinOp::IntTrueDiv => runtime(self, "mg_int_truediv"),
            BinOp::IntLShift => runtime(self, "mg_int_lshift"),
            BinOp::IntRShift => runtime(self, "mg_int_rshift"),
            BinOp::IntAnd | BinOp::BoolAnd => pure(self, PureBinOp::And),
            BinOp::IntOr | BinOp::BoolOr => pure(self, PureBinOp::Or),
            BinOp::IntXor | BinOp::BoolXor => pure(self, PureBinOp::Xor),
            BinOp::FloatAdd => pure(self, PureBinOp::FloatAdd),
            BinOp::FloatSub => pure(self, PureBinOp::FloatSub),
            BinOp::FloatMul => pure(self, PureBinOp::FloatMul),
            BinOp::FloatDiv => runtime(self, "mg_float_div"),
            BinOp::FloatFloorDiv => runtime(self, "mg_float_floordiv"),
            BinOp::FloatMod => runtime(self, "mg_float_mod"),
            BinOp::FloatPow => runtime(self, "mg_float_pow"),
            other => unreachable!("{other:?} has no scalar form"),
        }
    }

    fn bool_op(&mut self, op: ir::BoolOp, values: &'a [Expr], ty: &Ty) -> Operand {
        let result = self.temp(ty);
        let end = self.new_block();
        for (idx, value) in values.iter().enumerate() {
            let v = self.value(value);
            self.emit(Some(result), Op::Use(v), value.line);
            if idx + 1 == values.len() {
                self.goto(end);
                break;
            }
            let t = self.truth(Operand::Reg(result), ty, value.line);
            let next = self.new_block();
            match op {
                ir::BoolOp::And => self.branch(t, next, end, None),
                ir::BoolOp::Or => self.branch(t, end, next, None),
            }
            self.switch_to(next);
        }
        self.switch_to(end);
        Operand::Reg(result)
    }

    fn compare_chain(&mut self, operands: &'a [Expr], links: &[(CmpOp, Ty)], line: Line) -> Operand {
        let result = self.temp(&Ty::BOOL);
        let end = self.new_block();
        let mut left = self.value(&operands[0]);
        for (idx, (op, ty)) in links.iter().enumerate() {
            let right = self.value(&operands[idx + 1]);
            let (lty, rty) = (&operands[idx].ty, &operands[idx + 1].ty);
            let r = self.compare(*op, left, lty, right.clone(), rty, ty, line);
            self.emit(Some(result), Op::Use(r), line);
            if idx + 1 == links.len() {
                self.goto(end);
            } else {
                let next = self.new_block();
                self.branch(Operand::Reg(result), next, end, None);
                self.switch_to(next);
            }
            left = right;
        }
        self.switch_to(end);
        Operand::Reg(result)
    }

    /// `a OP b` where link type `ty` says how they compare.
    #[allow(clippy::too_many_arguments)]
    fn compare(&mut self, op: CmpOp, a: Operand, aty: &Ty, b: Operand, bty: &Ty, ty: &Ty, line: Line) -> Operand {
        match (*aty, *bty) {
            // int vs float compares exactly, never through a rounding conversion.
            (Ty::INT, Ty::FLOAT) => {
                let r = self.rt("mg_cmp_int_float", vec![a, b], &Ty::INT, Own::Plain, false, line);
                return self.three_way(op, r, line);
            }
            (Ty::FLOAT, Ty::INT) => {
                let r = self.rt("mg_cmp_int_float", vec![b, a], &Ty::INT, Own::Plain, false, line);
                return self.three_way(swap(op), r, line);
            }
            _ => {}
        }
        let a = self.convert_for_compare(a, aty, ty, line);
        let b = self.convert_for_compare(b, bty, ty, line);
        match ty.kind() {
            TyKind::Int | TyKind::Float | TyKind::Bool => self.op_value(Op::Binary(PureBinOp::Cmp(op), a, b), &Ty::BOOL, line),
            TyKind::None => Operand::Const(Const::Bool(op == CmpOp::Eq)),
            // Subset and superset tests (`<`, `<=`, `>`, `>=` between sets).
            TyKind::Set(_) if !matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let which = match op {
                    CmpOp::Lt => 0,
                    CmpOp::Le => 1,
                    CmpOp::Gt => 2,
                    _ => 3,
                };
                self.rt("mg_set_order", vec![a, b, Operand::Const(Const::Int(which))], &Ty::BOOL, Own::Plain, false, line)
            }
            _ => {
                let desc = Operand::Const(Const::TypeDesc(*ty));
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    let eq = self.rt("mg_slot_eq", vec![desc, a, b], &Ty::BOOL, Own::Plain, false, line);
                    if op == CmpOp::Eq {
                        eq
                    } else {
                        self.op_value(Op::Unary(UnOp::Not, eq), &Ty::BOOL, line)
                    }
                } else {
                    let r = self.rt("mg_slot_cmp", vec![desc, a, b], &Ty::INT, Own::Plain, false, line);
                    self.three_way(op, r, line)
                }
            }
        }
    }

    /// Maps a three-way result (-1, 0, 1; 2 for unordered) to the comparison's truth.
    fn three_way(&mut self, op: CmpOp, r: Operand, line: Line) -> Operand {
        let c = |v: i64| Operand::Const(Const::Int(v));
        let cmp = |this: &mut Self, op: CmpOp, v: i64| this.op_value(Op::Binary(PureBinOp::Cmp(op), r.clone(), c(v)), &Ty::BOOL, line);
        match op {
            CmpOp::Eq => cmp(self, CmpOp::Eq, 0),
            CmpOp::Ne => cmp(self, CmpOp::Ne, 0),
            CmpOp::Lt => cmp(self, CmpOp::Eq, -1),
            CmpOp::Le => cmp(self, CmpOp::Le, 0),
            CmpOp::Gt => cmp(self, CmpOp::Eq, 1),
            // 0 or 1, not 2 (NaN).
            CmpOp::Ge => {
                let lo = cmp(self, CmpOp::Ge, 0);
                let hi = cmp(self, CmpOp::Le, 1);
                self.op_value(Op::Binary(PureBinOp::And, lo, hi), &Ty::BOOL, line)
            }
        }
    }

    fn convert_for_compare(&mut self, v: Operand, from: &Ty, to: &Ty, line: Line) -> Operand {
        match (*from, *to) {
            (Ty::BOOL, Ty::INT) => self.op_value(Op::Unary(UnOp::BoolToInt, v), &Ty::INT, line),
            (Ty::BOOL, Ty::FLOAT) => self.op_value(Op::Unary(UnOp::BoolToFloat, v), &Ty::FLOAT, line),
            (Ty::INT, Ty::FLOAT) => self.op_value(Op::Unary(UnOp::IntToFloat, v), &Ty::FLOAT, line),
            _ => v,
        }
    }
}

/// The operator with its operands exchanged: `a < b` is `b > a`.
fn swap(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

/// How a `T | None` holds a `T` (`T` is the inner type): in a box of this tuple type for
/// scalars (`tuple[T]`) and tuples (themselves); `None` when the object itself is the value.
fn optional_box(inner: Ty) -> Option<Ty> {
    match inner.kind() {
        TyKind::Int | TyKind::Float | TyKind::Bool | TyKind::None => Some(Ty::tuple(vec![inner])),
        TyKind::Tuple(_) => Some(inner),
        _ => None,
    }
}
