//! Lowering of str, list, dict and set operations, and of `for` loops over them.

use inkwell::basic_block::BasicBlock;
use inkwell::module::Linkage;
use inkwell::values::{BasicValueEnum, IntValue, PointerValue};
use inkwell::{AddressSpace, IntPredicate};

use crate::check::ir::{Expr, ExprKind, Iter, Line, Method, Place, SetBuild, Stmt};
use crate::check::types::Ty;
use crate::codegen::abi;
use crate::codegen::func::{FnGen, Val};
use crate::codegen::runtime::ExcKind;
use crate::codegen::CodegenError;

type Result<T> = std::result::Result<T, CodegenError>;

/// Can a display with these items be static data?  Non-empty, and every item a literal.
fn is_constant_display<'e>(mut items: impl Iterator<Item = &'e Expr>) -> bool {
    let mut any = false;
    let all = items.all(|item| {
        any = true;
        matches!(item.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::None | ExprKind::Str(_))
    });
    any && all
}

/// Type-based alias classes for what generated code touches directly: object headers
/// (a list's length and item pointer) and container slots never overlap, which lets LLVM
/// keep a list's length and items in registers across stores to its elements.
#[derive(Clone, Copy)]
pub(super) enum Tbaa {
    Header,
    Slot,
}

/// Loop state of one iterator, as `iter_init` set it up.
enum IterState<'ctx> {
    /// A list (forward or reversed), a str, a set or a dict, owned for the loop's duration,
    /// with its position slot.
    /// `size0`: for sets and dicts, the size when the loop started (Python raises
    /// RuntimeError when it changes during the iteration).
    Container { kind: ContainerIter, obj: Val<'ctx>, pos: PointerValue<'ctx>, elem_tys: Vec<Ty>, size0: Option<IntValue<'ctx>> },
    Range { counter: PointerValue<'ctx>, stop: IntValue<'ctx>, step: IntValue<'ctx> },
    Enumerate { inner: Box<IterState<'ctx>>, counter: PointerValue<'ctx> },
    Zip(Box<IterState<'ctx>>, Box<IterState<'ctx>>),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ContainerIter {
    List,
    Reversed,
    Str,
    Set,
    DictKeys,
    DictValues,
    DictItems,
}

impl<'s, 'a, 'ctx> FnGen<'s, 'a, 'ctx> {
    /// A list, set or dict display.  When every item is a constant, the items are static data
    /// (`const_slots`) and one runtime call builds the container from it; otherwise each item
    /// is evaluated and added in order.  Both add items in source order, which decides the
    /// iteration order of sets and of dicts with repeated keys.
    pub(super) fn literal(&mut self, e: &Expr) -> Result<Val<'ctx>> {
        let desc = self.type_desc(&e.ty)?;
        let i64_ty = self.ctx().i64_type();
        match &e.kind {
            ExprKind::ListLit(items) => {
                let n = i64_ty.const_int(items.len() as u64, false);
                if is_constant_display(items.iter()) {
                    let slots = self.const_slots(items.iter())?;
                    let list = self.call("mg_list_from_slots", &[desc.into(), slots.into(), n.into()])?;
                    return self.new_temp(list);
                }
                let list = self.call("mg_list_new", &[desc.into(), n.into()])?;
                let list = self.new_temp(list)?;
                for item in items {
                    let v = self.expr(item)?;
                    let slot = self.to_slot(v.v, &item.ty)?;
                    self.call_void("mg_list_append", &[list.v.into(), slot.into()])?;
                    self.release(v)?;
                }
                Ok(list)
            }
            ExprKind::SetLit { items, build } => {
                let set = if is_constant_display(items.iter()) {
                    let slots = self.const_slots(items.iter())?;
                    let n = i64_ty.const_int(items.len() as u64, false);
                    let set = self.call("mg_set_from_slots", &[desc.into(), slots.into(), n.into()])?;
                    self.new_temp(set)?
                } else {
                    let set = self.call("mg_set_new", &[desc.into()])?;
                    let set = self.new_temp(set)?;
                    for item in items {
                        let v = self.expr(item)?;
                        let slot = self.to_slot(v.v, &item.ty)?;
                        self.call_void("mg_set_add", &[set.v.into(), slot.into()])?;
                        self.release(v)?;
                    }
                    set
                };
                let finish = match build {
                    SetBuild::Items => return Ok(set),
                    // CPython builds such a literal from a frozenset constant; the merge changes the order.
                    SetBuild::ConstantLiteral => "mg_set_from_constants",
                    SetBuild::FrozenConstant => "mg_set_frozen_constant",
                };
                let Some(slot) = set.temp else { return Ok(set) };
                let null = self.ctx().ptr_type(AddressSpace::default()).const_null();
                self.builder.build_store(slot, null)?;
                let merged = self.call(finish, &[set.v])?;
                self.new_temp(merged)
            }
            ExprKind::DictLit(pairs) => {
                let Ty::Dict(kt, vt) = &e.ty else { return Err(CodegenError::Internal("dict literal without dict type".into())) };
                if is_constant_display(pairs.iter().flat_map(|(k, v)| [k, v])) {
                    let keys = self.const_slots(pairs.iter().map(|(k, _)| k))?;
                    let values = self.const_slots(pairs.iter().map(|(_, v)| v))?;
                    let n = i64_ty.const_int(pairs.len() as u64, false);
                    let dict = self.call("mg_dict_from_slots", &[desc.into(), keys.into(), values.into(), n.into()])?;
                    return self.new_temp(dict);
                }
                let dict = self.call("mg_dict_new", &[desc.into()])?;
                let dict = self.new_temp(dict)?;
                for (k, v) in pairs {
                    let kv = self.expr(k)?;
                    let vv = self.expr(v)?;
                    let ks = self.to_slot(kv.v, kt)?;
                    let vs = self.to_slot(vv.v, vt)?;
                    self.call_void("mg_dict_set", &[dict.v.into(), ks.into(), vs.into()])?;
                    self.release(kv)?;
                    self.release(vv)?;
                }
                Ok(dict)
            }
            _ => Err(CodegenError::Internal("not a literal".into())),
        }
    }

    /// A private constant array of the slots of `items`, all constants of one type: the
    /// values' bits for int, float, bool and None, pointers to the immortal literals for str.
    fn const_slots<'e>(&mut self, items: impl Iterator<Item = &'e Expr>) -> Result<PointerValue<'ctx>> {
        let ctx = self.ctx();
        let i64_ty = ctx.i64_type();
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let mut ints = Vec::new();
        let mut ptrs = Vec::new();
        for item in items {
            match &item.kind {
                ExprKind::Int(v) => ints.push(i64_ty.const_int(*v as u64, true)),
                ExprKind::Float(v) => ints.push(i64_ty.const_int(v.to_bits(), false)),
                ExprKind::Bool(b) => ints.push(i64_ty.const_int(*b as u64, false)),
                ExprKind::None => ints.push(i64_ty.const_zero()),
                ExprKind::Str(text) => ptrs.push(self.str_literal(text)?),
                _ => return Err(CodegenError::Internal("constant display with a non-constant item".into())),
            }
        }
        let array = match (ints.is_empty(), ptrs.is_empty()) {
            (false, true) => i64_ty.const_array(&ints),
            (true, false) => ptr_ty.const_array(&ptrs),
            _ => return Err(CodegenError::Internal("constant display of mixed or no slots".into())),
        };
        let global = self.s.module.add_global(array.get_type(), None, "mg.slots");
        global.set_linkage(Linkage::Private);
        global.set_constant(true);
        global.set_unnamed_addr(true);
        global.set_initializer(&array);
        Ok(global.as_pointer_value())
    }

    pub(super) fn get_item(&mut self, container: &Expr, index: &Expr, ty: &Ty, line: Line) -> Result<Val<'ctx>> {
        let c = self.expr(container)?;
        let i = self.expr(index)?;
        let result = match &container.ty {
            Ty::Str => {
                let v = self.call_checked("mg_str_getitem", &[c.v, i.v], line)?;
                self.new_temp(v)?
            }
            Ty::List(_) => {
                let item = self.list_item_ptr(c.v.into_pointer_value(), i.v.into_int_value(), "list index out of range", line)?;
                let slot = self.builder.build_load(self.ctx().i64_type(), item, "item")?.into_int_value();
                self.tbaa(slot.as_instruction(), Tbaa::Slot)?;
                let v = self.from_slot(slot, ty)?;
                self.borrowed_from(c, v, ty)?
            }
            Ty::Dict(kt, _) => {
                let ks = self.to_slot(i.v, kt)?;
                let slot = self.call_checked("mg_dict_get", &[c.v, ks.into()], line)?;
                let v = self.from_slot(slot.into_int_value(), ty)?;
                self.borrowed_from(c, v, ty)?
            }
            other => return Err(CodegenError::Internal(format!("indexing {other}"))),
        };
        self.release(i)?;
        self.release(c)?;
        Ok(result)
    }

    pub(super) fn slice(&mut self, value: &Expr, start: Option<&Expr>, stop: Option<&Expr>, step: Option<&Expr>, line: Line) -> Result<Val<'ctx>> {
        let v = self.expr(value)?;
        let i64_ty = self.ctx().i64_type();
        let mut flags = 0u64;
        let start_v = match start {
            Some(e) => {
                flags |= 1;
                self.scalar(e)?
            }
            None => i64_ty.const_zero().into(),
        };
        let stop_v = match stop {
            Some(e) => {
                flags |= 2;
                self.scalar(e)?
            }
            None => i64_ty.const_zero().into(),
        };
        let step_v = match step {
            Some(e) => self.scalar(e)?,
            None => i64_ty.const_int(1, false).into(),
        };
        let flags = self.ctx().i32_type().const_int(flags, false);
        let name = if value.ty == Ty::Str { "mg_str_slice" } else { "mg_list_slice" };
        let r = self.call_checked(name, &[v.v, start_v, stop_v, step_v, flags.into()], line)?;
        let result = self.new_temp(r)?;
        self.release(v)?;
        Ok(result)
    }

    pub(super) fn contains(&mut self, container: &Expr, item: &Expr, _line: Line) -> Result<Val<'ctx>> {
        let i = self.expr(item)?;
        let c = self.expr(container)?;
        let r = match &container.ty {
            Ty::Str => self.call("mg_str_contains", &[c.v, i.v])?,
            Ty::List(_) | Ty::Set(_) | Ty::Dict(..) => {
                let slot = self.to_slot(i.v, &item.ty)?;
                let name = match &container.ty {
                    Ty::List(_) => "mg_list_contains",
                    Ty::Set(_) => "mg_set_contains",
                    _ => "mg_dict_contains",
                };
                self.call(name, &[c.v, slot.into()])?
            }
            other => return Err(CodegenError::Internal(format!("`in` on {other}"))),
        };
        let b = self.builder.build_int_truncate(r.into_int_value(), self.ctx().bool_type(), "in")?;
        self.release(i)?;
        self.release(c)?;
        Ok(Val::plain(b))
    }

    pub(super) fn method(&mut self, method: Method, args: &[Expr], ty: &Ty, line: Line) -> Result<Val<'ctx>> {
        let mut vals = Vec::with_capacity(args.len());
        for arg in args {
            vals.push(self.expr(arg)?);
        }
        let recv = vals[0].v;
        let elem_ty = match &args[0].ty {
            Ty::List(e) | Ty::Set(e) => Some((**e).clone()),
            _ => None,
        };
        let (key_ty, val_ty) = match &args[0].ty {
            Ty::Dict(k, v) => (Some((**k).clone()), Some((**v).clone())),
            _ => (None, None),
        };
        let i32c = |this: &Self, v: u64| this.ctx().i32_type().const_int(v, false);
        let null: BasicValueEnum<'ctx> = self.ctx().ptr_type(AddressSpace::default()).const_null().into();
        let i64z: BasicValueEnum<'ctx> = self.ctx().i64_type().const_zero().into();
        // How the result comes back: a new reference, a borrowed slot, an owned slot, or nothing.
        enum Out<'ctx> {
            New(BasicValueEnum<'ctx>),
            Plain(BasicValueEnum<'ctx>),
            BorrowedSlot(IntValue<'ctx>),
            OwnedSlot(IntValue<'ctx>),
            Nothing,
        }
        let slot_of = |this: &mut Self, i: usize, t: &Option<Ty>| -> Result<BasicValueEnum<'ctx>> {
            let t = t.clone().ok_or_else(|| CodegenError::Internal("method element type".into()))?;
            Ok(this.to_slot(vals[i].v, &t)?.into())
        };
        let bool_of = |this: &mut Self, v: BasicValueEnum<'ctx>| -> Result<BasicValueEnum<'ctx>> { Ok(this.builder.build_int_truncate(v.into_int_value(), this.ctx().bool_type(), "b")?.into()) };
        let out = match method {
            Method::StrSplit => {
                let sep = vals.get(1).map_or(null, |v| v.v);
                let desc = self.type_desc(&Ty::list(Ty::Str))?;
                Out::New(self.call_checked("mg_str_split", &[recv, sep, desc.into()], line)?)
            }
            Method::StrJoin => Out::New(self.call("mg_str_join", &[recv, vals[1].v])?),
            Method::StrStrip(which) => {
                let chars = vals.get(1).map_or(null, |v| v.v);
                Out::New(self.call("mg_str_strip", &[recv, chars, i32c(self, which as u64).into()])?)
            }
            Method::StrCase(map) => Out::New(self.call("mg_str_case", &[recv, i32c(self, map as u64).into()])?),
            Method::StrReplace => Out::New(self.call("mg_str_replace", &[recv, vals[1].v, vals[2].v])?),
            Method::StrFind => Out::Plain(self.call("mg_str_find", &[recv, vals[1].v])?),
            Method::StrCount => Out::Plain(self.call("mg_str_count", &[recv, vals[1].v])?),
            Method::StrStartsWith => {
                let r = self.call("mg_str_startswith", &[recv, vals[1].v])?;
                Out::Plain(bool_of(self, r)?)
            }
            Method::StrEndsWith => {
                let r = self.call("mg_str_endswith", &[recv, vals[1].v])?;
                Out::Plain(bool_of(self, r)?)
            }
            Method::StrIs(class) => {
                let r = self.call("mg_str_is", &[recv, i32c(self, class as u64).into()])?;
                Out::Plain(bool_of(self, r)?)
            }
            Method::ListAppend => {
                let v = slot_of(self, 1, &elem_ty)?;
                self.call_void("mg_list_append", &[recv.into(), v.into()])?;
                Out::Nothing
            }
            Method::ListPop => {
                let (idx, has) = match vals.get(1) {
                    Some(v) => (v.v, 1),
                    None => (i64z, 0),
                };
                let slot = self.call_checked("mg_list_pop", &[recv, idx, i32c(self, has).into()], line)?;
                Out::OwnedSlot(slot.into_int_value())
            }
            Method::ListInsert => {
                let v = slot_of(self, 2, &elem_ty)?;
                self.call_void("mg_list_insert", &[recv.into(), vals[1].v.into(), v.into()])?;
                Out::Nothing
            }
            Method::ListExtend => {
                self.call_void("mg_list_extend", &[recv.into(), vals[1].v.into()])?;
                Out::Nothing
            }
            Method::ListRemove => {
                let v = slot_of(self, 1, &elem_ty)?;
                self.call_void("mg_list_remove", &[recv.into(), v.into()])?;
                self.check_exc(line)?;
                Out::Nothing
            }
            Method::ListIndex => {
                let v = slot_of(self, 1, &elem_ty)?;
                Out::Plain(self.call_checked("mg_list_index", &[recv, v], line)?)
            }
            Method::ListCount => {
                let v = slot_of(self, 1, &elem_ty)?;
                Out::Plain(self.call("mg_list_count", &[recv, v])?)
            }
            Method::ListSort { reverse } => {
                self.call_void("mg_list_sort", &[recv.into(), i32c(self, reverse as u64).into()])?;
                Out::Nothing
            }
            Method::ListReverse => {
                self.call_void("mg_list_reverse", &[recv.into()])?;
                Out::Nothing
            }
            Method::ListCopy => Out::New(self.call("mg_list_copy", &[recv])?),
            Method::DictGet => {
                let k = slot_of(self, 1, &key_ty)?;
                let d = slot_of(self, 2, &val_ty)?;
                Out::BorrowedSlot(self.call("mg_dict_get_default", &[recv, k, d])?.into_int_value())
            }
            Method::DictPop => {
                let k = slot_of(self, 1, &key_ty)?;
                let (d, has) = match vals.get(2) {
                    Some(_) => (slot_of(self, 2, &val_ty)?, 1),
                    None => (i64z, 0),
                };
                Out::OwnedSlot(self.call_checked("mg_dict_pop", &[recv, k, d, i32c(self, has).into()], line)?.into_int_value())
            }
            Method::DictSetDefault => {
                let k = slot_of(self, 1, &key_ty)?;
                let d = slot_of(self, 2, &val_ty)?;
                Out::BorrowedSlot(self.call("mg_dict_setdefault", &[recv, k, d])?.into_int_value())
            }
            Method::DictUpdate => {
                self.call_void("mg_dict_update", &[recv.into(), vals[1].v.into()])?;
                Out::Nothing
            }
            Method::DictCopy => Out::New(self.call("mg_dict_copy", &[recv])?),
            Method::DictKeysList | Method::DictValuesList => {
                let desc = self.type_desc(ty)?;
                let which = i32c(self, (method == Method::DictValuesList) as u64);
                Out::New(self.call("mg_dict_to_list", &[recv, which.into(), desc.into()])?)
            }
            Method::SetAdd => {
                let v = slot_of(self, 1, &elem_ty)?;
                self.call_void("mg_set_add", &[recv.into(), v.into()])?;
                Out::Nothing
            }
            Method::SetRemove => {
                let v = slot_of(self, 1, &elem_ty)?;
                self.call_void("mg_set_remove", &[recv.into(), v.into()])?;
                self.check_exc(line)?;
                Out::Nothing
            }
            Method::SetDiscard => {
                let v = slot_of(self, 1, &elem_ty)?;
                self.call("mg_set_discard", &[recv, v])?;
                Out::Nothing
            }
            Method::SetIsSubset => {
                let r = self.call("mg_set_issubset", &[recv, vals[1].v])?;
                Out::Plain(bool_of(self, r)?)
            }
            Method::SetCopy => Out::New(self.call("mg_set_copy", &[recv])?),
            Method::SetUnion | Method::SetIntersection | Method::SetDifference => {
                let name = match method {
                    Method::SetUnion => "mg_set_union",
                    Method::SetIntersection => "mg_set_intersection",
                    _ => "mg_set_difference",
                };
                let [others, n] = self.set_others(&vals[1..])?;
                Out::New(self.call(name, &[recv, others, n])?)
            }
            Method::SetSymmetricDifference => Out::New(self.call("mg_set_symmetric_difference", &[recv, vals[1].v])?),
            Method::SetUpdate | Method::SetIntersectionUpdate | Method::SetDifferenceUpdate => {
                let name = match method {
                    Method::SetUpdate => "mg_set_update",
                    Method::SetIntersectionUpdate => "mg_set_intersection_update",
                    _ => "mg_set_difference_update",
                };
                let [others, n] = self.set_others(&vals[1..])?;
                self.call_void(name, &[recv.into(), others.into(), n.into()])?;
                Out::Nothing
            }
            Method::SetSymmetricDifferenceUpdate => {
                self.call_void("mg_set_symmetric_difference_update", &[recv.into(), vals[1].v.into()])?;
                Out::Nothing
            }
            Method::SetIsSuperset | Method::SetIsDisjoint => {
                let name = if method == Method::SetIsSuperset { "mg_set_issuperset" } else { "mg_set_isdisjoint" };
                let r = self.call(name, &[recv, vals[1].v])?;
                Out::Plain(bool_of(self, r)?)
            }
            Method::SetPop => Out::OwnedSlot(self.call_checked("mg_set_pop", &[recv], line)?.into_int_value()),
            Method::SetClear => {
                self.call_void("mg_set_clear", &[recv.into()])?;
                Out::Nothing
            }
        };
        let result = match out {
            Out::New(v) => self.new_temp(v)?,
            Out::Plain(v) => Val::plain(v),
            Out::Nothing => Val::plain(self.ctx().bool_type().const_zero()),
            Out::OwnedSlot(slot) => {
                let v = self.from_slot(slot, ty)?;
                if ty.is_heap() {
                    self.new_temp(v)?
                } else {
                    Val::plain(v)
                }
            }
            Out::BorrowedSlot(slot) => {
                // The value may be the default argument, a temporary released below: own it.
                let v = self.from_slot(slot, ty)?;
                if ty.is_heap() {
                    self.call_void("mg_incref", &[v.into()])?;
                    self.new_temp(v)?
                } else {
                    Val::plain(v)
                }
            }
        };
        for v in vals {
            self.release(v)?;
        }
        Ok(result)
    }

    /// The sets after a method's receiver as the runtime's `*others` arguments: a pointer
    /// to an array of them (an entry-block slot) and their count.
    fn set_others(&mut self, others: &[Val<'ctx>]) -> Result<[BasicValueEnum<'ctx>; 2]> {
        let ctx = self.ctx();
        let ptr_ty = ctx.ptr_type(AddressSpace::default());
        let n = ctx.i64_type().const_int(others.len() as u64, false);
        if others.is_empty() {
            return Ok([ptr_ty.const_null().into(), n.into()]);
        }
        let array_ty = ptr_ty.array_type(others.len() as u32);
        let array = self.entry_alloca(array_ty.into(), "others")?;
        for (idx, other) in others.iter().enumerate() {
            let zero = ctx.i64_type().const_zero();
            let idx = ctx.i64_type().const_int(idx as u64, false);
            // SAFETY (of the generated code): `idx` is inside the array just allocated.
            let elem = unsafe { self.builder.build_in_bounds_gep(array_ty, array, &[zero, idx], "other")? };
            self.builder.build_store(elem, other.v)?;
        }
        Ok([array.into(), n.into()])
    }

    pub(super) fn tbaa(&self, inst: Option<inkwell::values::InstructionValue<'ctx>>, class: Tbaa) -> Result<()> {
        let Some(inst) = inst else { return Ok(()) };
        let ctx = self.ctx();
        let root = ctx.metadata_node(&[ctx.metadata_string("multigen tbaa").into()]);
        let name = match class {
            Tbaa::Header => "mg object header",
            Tbaa::Slot => "mg container slot",
        };
        let zero = ctx.i64_type().const_zero();
        let ty = ctx.metadata_node(&[ctx.metadata_string(name).into(), root.into(), zero.into()]);
        let tag = ctx.metadata_node(&[ty.into(), ty.into(), zero.into()]);
        inst.set_metadata(tag, ctx.get_kind_id("tbaa")).map_err(|e| CodegenError::Internal(format!("tbaa: {e:?}")))
    }

    /// Address of `list[idx]` after Python's index normalisation and bounds check, emitted
    /// inline: the out-of-range path raises IndexError(`msg`) and unwinds directly.
    pub(super) fn list_item_ptr(&mut self, list: PointerValue<'ctx>, idx: IntValue<'ctx>, msg: &str, line: Line) -> Result<PointerValue<'ctx>> {
        let i64_ty = self.ctx().i64_type();
        let len = self.list_len_inline(list)?;
        let negative = self.builder.build_int_compare(IntPredicate::SLT, idx, i64_ty.const_zero(), "neg")?;
        let wrapped = self.builder.build_int_add(idx, len, "wrapped")?;
        let idx = self.builder.build_select(negative, wrapped, idx, "idx")?.into_int_value();
        let in_range = self.builder.build_int_compare(IntPredicate::ULT, idx, len, "inrange")?;
        self.raise_unless(in_range, ExcKind::Index, msg, line)?;
        let items = self.list_items_inline(list)?;
        // SAFETY (of the generated code): idx < len <= cap, checked just above.
        Ok(unsafe { self.builder.build_in_bounds_gep(i64_ty, items, &[idx], "item")? })
    }

    pub(super) fn set_item(&mut self, container: &Expr, index: &Expr, value: &Expr, line: Line) -> Result<()> {
        // Python evaluates the right-hand side first, then the target's container and index.
        let v = self.expr(value)?;
        let c = self.expr(container)?;
        let i = self.expr(index)?;
        let vs = self.to_slot(v.v, &value.ty)?;
        match &container.ty {
            Ty::List(_) => {
                let item = self.list_item_ptr(c.v.into_pointer_value(), i.v.into_int_value(), "list assignment index out of range", line)?;
                if value.ty.is_heap() {
                    let i64_ty = self.ctx().i64_type();
                    let old = self.builder.build_load(i64_ty, item, "old")?.into_int_value();
                    self.tbaa(old.as_instruction(), Tbaa::Slot)?;
                    self.call_void("mg_incref", &[v.v.into()])?;
                    let store = self.builder.build_store(item, vs)?;
                    self.tbaa(Some(store), Tbaa::Slot)?;
                    let old = self.builder.build_int_to_ptr(old, self.ctx().ptr_type(AddressSpace::default()), "oldp")?;
                    self.call_void("mg_decref", &[old.into()])?;
                } else {
                    let store = self.builder.build_store(item, vs)?;
                    self.tbaa(Some(store), Tbaa::Slot)?;
                }
            }
            Ty::Dict(kt, _) => {
                let ks = self.to_slot(i.v, kt)?;
                self.call_void("mg_dict_set", &[c.v.into(), ks.into(), vs.into()])?;
            }
            other => return Err(CodegenError::Internal(format!("item assignment on {other}"))),
        }
        self.release(v)?;
        self.release(i)?;
        self.release(c)
    }

    pub(super) fn update_item(&mut self, container: &Expr, index: &Expr, value: &Expr, line: Line) -> Result<()> {
        let c = self.expr(container)?;
        let i = self.expr(index)?;
        let i64_ty = self.ctx().i64_type();
        let item = match &container.ty {
            Ty::List(_) => self.list_item_ptr(c.v.into_pointer_value(), i.v.into_int_value(), "list index out of range", line)?,
            Ty::Dict(kt, _) => {
                let ks = self.to_slot(i.v, kt)?;
                let p = self.call("mg_dict_value_ptr", &[c.v, ks.into()])?.into_pointer_value();
                let found = self.builder.build_is_not_null(p, "found")?;
                let found = self.expect(found, true)?;
                let ok = self.new_block("update.ok");
                let unwind = self.unwind_block(line)?;
                self.builder.build_conditional_branch(found, ok, unwind)?;
                self.builder.position_at_end(ok);
                p
            }
            other => return Err(CodegenError::Internal(format!("update of {other}"))),
        };
        let old = self.builder.build_load(i64_ty, item, "cur")?.into_int_value();
        self.tbaa(old.as_instruction(), Tbaa::Slot)?;
        let current = self.from_slot(old, &value.ty)?;
        let saved = self.item_value.replace(current);
        let v = self.expr(value)?;
        self.item_value = saved;
        let v = self.into_owned(v, &value.ty)?;
        let vs = self.to_slot(v, &value.ty)?;
        let store = self.builder.build_store(item, vs)?;
        self.tbaa(Some(store), Tbaa::Slot)?;
        if value.ty.is_heap() {
            self.call_void("mg_decref", &[current.into()])?;
        }
        self.release(i)?;
        self.release(c)
    }

    pub(super) fn del_item(&mut self, container: &Expr, index: &Expr, line: Line) -> Result<()> {
        let c = self.expr(container)?;
        let i = self.expr(index)?;
        match &container.ty {
            Ty::List(_) => self.call_void("mg_list_delitem", &[c.v.into(), i.v.into()])?,
            Ty::Dict(kt, _) => {
                let ks = self.to_slot(i.v, kt)?;
                self.call_void("mg_dict_del", &[c.v.into(), ks.into()])?;
            }
            other => return Err(CodegenError::Internal(format!("del on {other}"))),
        }
        self.check_exc(line)?;
        self.release(i)?;
        self.release(c)
    }

    pub(super) fn for_iter(&mut self, targets: &[Place], iter: &Iter, body: &[Stmt], orelse: &[Stmt], line: Line) -> Result<()> {
        let state = self.iter_init(iter, line)?;
        let head = self.new_block("iter.head");
        let body_bb = self.new_block("iter.body");
        let else_bb = self.new_block("iter.else");
        let end = self.new_block("iter.end");
        self.builder.build_unconditional_branch(head)?;
        self.builder.position_at_end(head);
        let values = self.iter_next(&state, else_bb, line)?;
        self.builder.build_unconditional_branch(body_bb)?;
        self.builder.position_at_end(body_bb);
        for (place, (val, ty)) in targets.iter().zip(values) {
            self.assign(*place, val, &ty)?;
        }
        self.loops.push((head, end));
        self.block(body)?;
        self.loops.pop();
        self.branch_if_open(head)?;
        self.builder.position_at_end(else_bb);
        self.block(orelse)?;
        self.branch_if_open(end)?;
        self.builder.position_at_end(end);
        self.iter_finish(state)
    }

    fn iter_init(&mut self, iter: &Iter, line: Line) -> Result<IterState<'ctx>> {
        let i64_ty = self.ctx().i64_type();
        let (kind, e) = match iter {
            Iter::List(e) => (ContainerIter::List, e),
            Iter::Reversed(e) => (ContainerIter::Reversed, e),
            Iter::Str(e) => (ContainerIter::Str, e),
            Iter::Set(e) => (ContainerIter::Set, e),
            Iter::DictKeys(e) => (ContainerIter::DictKeys, e),
            Iter::DictValues(e) => (ContainerIter::DictValues, e),
            Iter::DictItems(e) => (ContainerIter::DictItems, e),
            Iter::Range { start, stop, step } => {
                let start_v = self.scalar(start)?.into_int_value();
                let stop_v = self.scalar(stop)?.into_int_value();
                let step_v = self.scalar(step)?.into_int_value();
                self.check_range_step(step_v, line)?;
                let counter = self.entry_alloca(i64_ty.into(), "range.i")?;
                self.builder.build_store(counter, start_v)?;
                return Ok(IterState::Range { counter, stop: stop_v, step: step_v });
            }
            Iter::Enumerate(inner, start) => {
                let start_v = self.scalar(start)?;
                let inner = self.iter_init(inner, line)?;
                let counter = self.entry_alloca(i64_ty.into(), "enum.i")?;
                self.builder.build_store(counter, start_v)?;
                return Ok(IterState::Enumerate { inner: Box::new(inner), counter });
            }
            Iter::Zip(a, b) => {
                let a = self.iter_init(a, line)?;
                let b = self.iter_init(b, line)?;
                return Ok(IterState::Zip(Box::new(a), Box::new(b)));
            }
        };
        // The loop owns what it iterates, as Python's iterator does: rebinding the variable
        // inside the loop must not free it.
        let v = self.expr(e)?;
        let owned = self.into_owned(v, &e.ty)?;
        let obj = self.new_temp(owned)?;
        let pos = self.entry_alloca(i64_ty.into(), "iter.pos")?;
        let start = if kind == ContainerIter::Reversed {
            let len = self.call("mg_list_len", &[obj.v])?.into_int_value();
            self.builder.build_int_sub(len, i64_ty.const_int(1, false), "last")?
        } else {
            i64_ty.const_zero()
        };
        self.builder.build_store(pos, start)?;
        let elem_tys = match (&e.ty, kind) {
            (Ty::List(t) | Ty::Set(t), _) => vec![(**t).clone()],
            (Ty::Str, _) => vec![Ty::Str],
            (Ty::Dict(k, _), ContainerIter::DictKeys) => vec![(**k).clone()],
            (Ty::Dict(_, v), ContainerIter::DictValues) => vec![(**v).clone()],
            (Ty::Dict(k, v), _) => vec![(**k).clone(), (**v).clone()],
            (other, _) => return Err(CodegenError::Internal(format!("iterating {other}"))),
        };
        let size0 = match kind {
            ContainerIter::Set => Some(self.call("mg_set_len", &[obj.v])?.into_int_value()),
            ContainerIter::DictKeys | ContainerIter::DictValues | ContainerIter::DictItems => Some(self.call("mg_dict_len", &[obj.v])?.into_int_value()),
            _ => None,
        };
        Ok(IterState::Container { kind, obj, pos, elem_tys, size0 })
    }

    /// Emits the "next value" step: branches to `done` when exhausted, else returns the values.
    fn iter_next(&mut self, state: &IterState<'ctx>, done: BasicBlock<'ctx>, line: Line) -> Result<Vec<(Val<'ctx>, Ty)>> {
        let i64_ty = self.ctx().i64_type();
        let one = i64_ty.const_int(1, false);
        match state {
            IterState::Range { counter, stop, step } => {
                let i = self.builder.build_load(i64_ty, *counter, "i")?.into_int_value();
                let up = self.builder.build_int_compare(IntPredicate::SLT, i, *stop, "up")?;
                let down = self.builder.build_int_compare(IntPredicate::SGT, i, *stop, "down")?;
                let positive = self.builder.build_int_compare(IntPredicate::SGT, *step, i64_ty.const_zero(), "pos")?;
                let more = self.builder.build_select(positive, up, down, "more")?.into_int_value();
                self.advance(more, done)?;
                // An increment past the int range ends the loop: park the counter at the far end.
                let (next, overflow) = self.overflow_op("llvm.sadd.with.overflow", i, *step)?;
                let far = self.builder.build_select(positive, i64_ty.const_int(i64::MAX as u64, true), i64_ty.const_int(i64::MIN as u64, true), "far")?;
                let next = self.builder.build_select(overflow, far.into_int_value(), next, "next")?;
                self.builder.build_store(*counter, next)?;
                Ok(vec![(Val::plain(i), Ty::Int)])
            }
            IterState::Enumerate { inner, counter } => {
                let mut values = self.iter_next(inner, done, line)?;
                let i = self.builder.build_load(i64_ty, *counter, "n")?.into_int_value();
                let next = self.checked_int_op("llvm.sadd.with.overflow", i, one, line)?;
                self.builder.build_store(*counter, next)?;
                values.insert(0, (Val::plain(i), Ty::Int));
                Ok(values)
            }
            IterState::Zip(a, b) => {
                let mut values = self.iter_next(a, done, line)?;
                values.extend(self.iter_next(b, done, line)?);
                Ok(values)
            }
            IterState::Container { kind, obj, pos, elem_tys, size0 } => {
                if let Some(size0) = size0 {
                    let (len_fn, msg) = if *kind == ContainerIter::Set { ("mg_set_len", "Set changed size during iteration") } else { ("mg_dict_len", "dictionary changed size during iteration") };
                    let now = self.call(len_fn, &[obj.v])?.into_int_value();
                    let same = self.builder.build_int_compare(IntPredicate::EQ, now, *size0, "same")?;
                    self.raise_unless(same, ExcKind::Runtime, msg, line)?;
                }
                let p = self.builder.build_load(i64_ty, *pos, "pos")?.into_int_value();
                match kind {
                    ContainerIter::List | ContainerIter::Reversed => {
                        let (len, items) = self.list_header(obj.v.into_pointer_value())?;
                        let more = if *kind == ContainerIter::List {
                            self.builder.build_int_compare(IntPredicate::SLT, p, len, "more")?
                        } else {
                            let nonneg = self.builder.build_int_compare(IntPredicate::SGE, p, i64_ty.const_zero(), "nonneg")?;
                            let below = self.builder.build_int_compare(IntPredicate::SLT, p, len, "below")?;
                            self.builder.build_and(nonneg, below, "more")?
                        };
                        self.advance(more, done)?;
                        // SAFETY (of the generated code): 0 <= p < len was checked just above.
                        let item = unsafe { self.builder.build_in_bounds_gep(i64_ty, items, &[p], "item")? };
                        let slot = self.builder.build_load(i64_ty, item, "slot")?.into_int_value();
                        self.tbaa(slot.as_instruction(), Tbaa::Slot)?;
                        let next = if *kind == ContainerIter::List { self.builder.build_int_add(p, one, "next")? } else { self.builder.build_int_sub(p, one, "next")? };
                        self.builder.build_store(*pos, next)?;
                        let v = self.from_slot(slot, &elem_tys[0])?;
                        Ok(vec![(Val::plain(v), elem_tys[0].clone())])
                    }
                    ContainerIter::Str => {
                        let len = self.call("mg_str_len_bytes", &[obj.v])?.into_int_value();
                        let more = self.builder.build_int_compare(IntPredicate::SLT, p, len, "more")?;
                        self.advance(more, done)?;
                        let c = self.call("mg_str_next_char", &[obj.v, (*pos).into()])?;
                        let c = self.new_temp(c)?;
                        Ok(vec![(c, Ty::Str)])
                    }
                    ContainerIter::Set | ContainerIter::DictKeys | ContainerIter::DictValues | ContainerIter::DictItems => {
                        let next_fn = if *kind == ContainerIter::Set { "mg_set_next" } else { "mg_dict_next" };
                        let at = self.call(next_fn, &[obj.v, p.into()])?.into_int_value();
                        let more = self.builder.build_int_compare(IntPredicate::SGE, at, i64_ty.const_zero(), "more")?;
                        self.advance(more, done)?;
                        let next = self.builder.build_int_add(at, one, "next")?;
                        self.builder.build_store(*pos, next)?;
                        let mut out = Vec::new();
                        let fetch: &[&str] = match kind {
                            ContainerIter::Set => &["mg_set_entry_key"],
                            ContainerIter::DictKeys => &["mg_dict_entry_key"],
                            ContainerIter::DictValues => &["mg_dict_entry_value"],
                            _ => &["mg_dict_entry_key", "mg_dict_entry_value"],
                        };
                        for (name, ty) in fetch.iter().zip(elem_tys) {
                            let slot = self.call(name, &[obj.v, at.into()])?.into_int_value();
                            let v = self.from_slot(slot, ty)?;
                            out.push((Val::plain(v), ty.clone()));
                        }
                        Ok(out)
                    }
                }
            }
        }
    }

    /// A list's length and item pointer, loaded directly.
    fn list_header(&mut self, list: PointerValue<'ctx>) -> Result<(IntValue<'ctx>, PointerValue<'ctx>)> {
        Ok((self.list_len_inline(list)?, self.list_items_inline(list)?))
    }

    /// `list->len`, at its offset in `MgList` (runtime/mg_object.h, through `codegen::abi`).
    fn list_len_inline(&mut self, list: PointerValue<'ctx>) -> Result<IntValue<'ctx>> {
        let i64_ty = self.ctx().i64_type();
        let p = self.field_ptr(list, abi::mg_list::LEN, "len.p")?;
        let len = self.builder.build_load(i64_ty, p, "len")?.into_int_value();
        self.tbaa(len.as_instruction(), Tbaa::Header)?;
        Ok(len)
    }

    /// `list->items`.
    fn list_items_inline(&mut self, list: PointerValue<'ctx>) -> Result<PointerValue<'ctx>> {
        let ptr_ty = self.ctx().ptr_type(AddressSpace::default());
        let p = self.field_ptr(list, abi::mg_list::ITEMS, "items.p")?;
        let items = self.builder.build_load(ptr_ty, p, "items")?.into_pointer_value();
        self.tbaa(items.as_instruction(), Tbaa::Header)?;
        Ok(items)
    }

    /// The address of `field` in the object at `obj`.
    fn field_ptr(&mut self, obj: PointerValue<'ctx>, field: abi::Field, name: &str) -> Result<PointerValue<'ctx>> {
        let i8_ty = self.ctx().i8_type();
        let offset = self.ctx().i64_type().const_int(field.offset, false);
        // SAFETY (of the generated code): `obj` points to a live object that has this field.
        Ok(unsafe { self.builder.build_in_bounds_gep(i8_ty, obj, &[offset], name)? })
    }

    /// Continues in a fresh block when `more`, else branches to `done`.
    fn advance(&mut self, more: IntValue<'ctx>, done: BasicBlock<'ctx>) -> Result<()> {
        let next = self.new_block("iter.next");
        self.builder.build_conditional_branch(more, next, done)?;
        self.builder.position_at_end(next);
        Ok(())
    }

    fn iter_finish(&mut self, state: IterState<'ctx>) -> Result<()> {
        match state {
            IterState::Container { obj, .. } => self.release(obj),
            IterState::Range { .. } => Ok(()),
            IterState::Enumerate { inner, .. } => self.iter_finish(*inner),
            IterState::Zip(a, b) => {
                self.iter_finish(*a)?;
                self.iter_finish(*b)
            }
        }
    }
}
