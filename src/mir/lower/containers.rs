//! Lowering of container displays, items, slices, `in`, methods, builtins and `print`.
//!
//! Runtime functions take container elements as 8-byte slots; codegen converts operands
//! to the declared parameter types, so lowering passes values as they are.

use crate::check::ir::{Builtin, ConstItem, Expr, ExprKind, Line, Method, SetBuild};
use crate::check::types::{Ty, TyKind};
use crate::mir::lower::Lower;
use crate::mir::{Const, ExcKind, Op, Operand, Own, PureBinOp, RegTy, UnOp};

/// The message of `sum(xs)` of an empty float container (CPython returns the int `0`).
const SUM_OF_NO_FLOATS: &str = "sum() of an empty list of floats: CPython returns the int 0, which multigen's float result cannot hold; write sum(xs, 0.0)";

/// The code `mg_tuple_compare` takes for a comparison operator.
fn cmp_code(op: crate::check::ir::CmpOp) -> i64 {
    use crate::check::ir::CmpOp;
    match op {
        CmpOp::Eq => 0,
        CmpOp::Ne => 1,
        CmpOp::Lt => 2,
        CmpOp::Le => 3,
        CmpOp::Gt => 4,
        CmpOp::Ge => 5,
    }
}

fn desc(ty: &Ty) -> Operand {
    Operand::Const(Const::TypeDesc(*ty))
}

fn int(v: i64) -> Operand {
    Operand::Const(Const::Int(v))
}

/// Can a display with these items be static data?  Non-empty, and every item a literal.
fn is_constant_display<'e>(mut items: impl Iterator<Item = &'e Expr>) -> bool {
    let mut any = false;
    let all = items.all(|item| {
        any = true;
        matches!(item.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::None | ExprKind::Str(_))
    });
    any && all
}

fn const_of_item(item: &ConstItem) -> Const {
    match item {
        ConstItem::Int(v) => Const::Int(*v),
        ConstItem::Float(bits) => Const::Float(f64::from_bits(*bits)),
        ConstItem::Bool(b) => Const::Bool(*b),
        ConstItem::Str(s) => Const::Str(s.clone()),
        ConstItem::Tuple(_) => unreachable!("tuples are not slot constants"),
    }
}

/// The items of a constant display as one constant array of slots, in source order (which
/// decides the iteration order of sets and of dicts with repeated keys).
fn const_slots<'e>(items: impl Iterator<Item = &'e Expr>) -> Operand {
    let consts = items
        .map(|item| match &item.kind {
            ExprKind::Int(v) => Const::Int(*v),
            ExprKind::Float(v) => Const::Float(*v),
            ExprKind::Bool(b) => Const::Bool(*b),
            ExprKind::None => Const::None,
            ExprKind::Str(s) => Const::Str(s.clone()),
            _ => unreachable!("is_constant_display checked every item"),
        })
        .collect();
    Operand::Const(Const::Slots(consts))
}

impl<'a> Lower<'a> {
    pub(super) fn literal(&mut self, e: &'a Expr) -> Operand {
        let line = e.line;
        match &e.kind {
            ExprKind::ListLit(items) if is_constant_display(items.iter()) => {
                let slots = const_slots(items.iter());
                self.rt("mg_list_from_slots", vec![desc(&e.ty), slots, int(items.len() as i64)], &e.ty, Own::New, false, line)
            }
            ExprKind::ListLit(items) => {
                let list = self.rt("mg_list_new", vec![desc(&e.ty), int(items.len() as i64)], &e.ty, Own::New, false, line);
                for item in items {
                    let v = self.value(item);
                    self.rt_void("mg_list_append", vec![list.clone(), v], false, line);
                }
                list
            }
            ExprKind::SetLit { items, build } => {
                let tuple_constants = *build != SetBuild::Items && items.iter().any(|i| matches!(i.kind, ExprKind::Tuple(_)));
                let set = if tuple_constants {
                    // Constant tuples are not static data: add them one by one, in the order
                    // of the module's first display of the same constants.
                    let elem = e.ty.set_elem().unwrap_or(Ty::NONE);
                    let key = ConstItem::key(&items.iter().filter_map(ConstItem::of).collect::<Vec<_>>());
                    let order: Vec<ConstItem> = self.frozen.get(&key).cloned().unwrap_or_else(|| items.iter().filter_map(ConstItem::of).collect());
                    let set = self.rt("mg_set_new", vec![desc(&e.ty)], &e.ty, Own::New, false, line);
                    for item in &order {
                        let v = self.const_item_value(item, elem, line);
                        self.rt_void("mg_set_add", vec![set.clone(), v], false, line);
                    }
                    set
                } else if is_constant_display(items.iter()) {
                    // A frozenset constant: the module's first display of the same constants
                    // decides the order the items go in (`ir::Program::set_constants`).
                    let first = match build {
                        SetBuild::Items => None,
                        _ => self.frozen.get(&ConstItem::key(&items.iter().filter_map(ConstItem::of).collect::<Vec<_>>())),
                    };
                    let (slots, n) = match first {
                        Some(first) => (Operand::Const(Const::Slots(first.iter().map(const_of_item).collect())), first.len()),
                        None => (const_slots(items.iter()), items.len()),
                    };
                    self.rt("mg_set_from_slots", vec![desc(&e.ty), slots, int(n as i64)], &e.ty, Own::New, false, line)
                } else {
                    let set = self.rt("mg_set_new", vec![desc(&e.ty)], &e.ty, Own::New, false, line);
                    for item in items {
                        let v = self.value(item);
                        self.rt_void("mg_set_add", vec![set.clone(), v], false, line);
                    }
                    set
                };
                // CPython builds a display of constants from a frozenset constant; the merge
                // changes the order (see `ir::SetBuild`). Both functions consume their argument.
                let finish = match build {
                    SetBuild::Items => return set,
                    SetBuild::ConstantLiteral => "mg_set_from_constants",
                    SetBuild::FrozenConstant => "mg_set_frozen_constant",
                };
                self.rt_steal(finish, vec![set], &e.ty, Own::New, false, 0b1, line)
            }
            ExprKind::DictLit(pairs) if is_constant_display(pairs.iter().flat_map(|(k, v)| [k, v])) => {
                let keys = const_slots(pairs.iter().map(|(k, _)| k));
                let values = const_slots(pairs.iter().map(|(_, v)| v));
                self.rt("mg_dict_from_slots", vec![desc(&e.ty), keys, values, int(pairs.len() as i64)], &e.ty, Own::New, false, line)
            }
            ExprKind::DictLit(pairs) => {
                let dict = self.rt("mg_dict_new", vec![desc(&e.ty)], &e.ty, Own::New, false, line);
                for (k, v) in pairs {
                    let kv = self.value(k);
                    let vv = self.value(v);
                    self.rt_void("mg_dict_set", vec![dict.clone(), kv, vv], false, line);
                }
                dict
            }
            _ => unreachable!("not a display"),
        }
    }

    /// A constant as a value of type `ty` (tuples built field by field).
    fn const_item_value(&mut self, item: &ConstItem, ty: Ty, line: Line) -> Operand {
        match (item, ty.tuple_fields()) {
            (ConstItem::Tuple(items), Some(fields)) => {
                let vals = items.iter().zip(fields).map(|(i, f)| self.const_item_value(i, *f, line)).collect();
                self.op_value(Op::MakeTuple(vals), &ty, line)
            }
            (item, _) => Operand::Const(const_of_item(item)),
        }
    }

    pub(super) fn get_item(&mut self, container: &'a Expr, index: &'a Expr, ty: &Ty, line: Line) -> Operand {
        let c = self.value(container);
        let i = self.value(index);
        match container.ty.kind() {
            TyKind::Str => self.rt("mg_str_getitem", vec![c, i], ty, Own::New, true, line),
            TyKind::List(_) | TyKind::VarTuple(_) => self.op_value(Op::ListGet(c, i), ty, line),
            TyKind::Dict(..) | TyKind::Counter(_) => self.rt("mg_dict_get", vec![c, i], ty, Own::Borrowed, true, line),
            TyKind::Range => self.rt("mg_range_getitem", vec![c, i], ty, Own::Plain, true, line),
            TyKind::Deque(_) => self.rt("mg_deque_get", vec![c, i], ty, Own::Borrowed, true, line),

            other => unreachable!("indexing {other:?}"),
        }
    }

    pub(super) fn slice(&mut self, value: &'a Expr, start: Option<&'a Expr>, stop: Option<&'a Expr>, step: Option<&'a Expr>, line: Line) -> Operand {
        let v = self.value(value);
        let mut flags = 0;
        let start_v = match start {
            Some(e) => {
                flags |= 1;
                self.value(e)
            }
            None => int(0),
        };
        let stop_v = match stop {
            Some(e) => {
                flags |= 2;
                self.value(e)
            }
            None => int(0),
        };
        let step_v = match step {
            Some(e) => self.value(e),
            None => int(1),
        };
        let name = match value.ty.kind() {
            TyKind::Str => "mg_str_slice",
            TyKind::Range => "mg_range_slice",
            _ => "mg_list_slice",
        };
        self.rt(name, vec![v, start_v, stop_v, step_v, int(flags)], &value.ty, Own::New, true, line)
    }

    pub(super) fn contains(&mut self, container: &'a Expr, item: &'a Expr, line: Line) -> Operand {
        let i = self.value(item);
        let c = self.value(container);
        let name = match container.ty.kind() {
            TyKind::Str => "mg_str_contains",
            TyKind::List(_) | TyKind::VarTuple(_) => "mg_list_contains",
            TyKind::Set(_) => "mg_set_contains",
            TyKind::Deque(_) => "mg_deque_contains",
            TyKind::Dict(..) | TyKind::Counter(_) => "mg_dict_contains",
            TyKind::Range => "mg_range_contains",
            // Fields may be numbers of another type than the item: the item's type travels too.
            TyKind::Tuple(_) => return self.rt("mg_tuple_contains", vec![c, desc(&item.ty), i], &Ty::BOOL, Own::Plain, false, line),
            other => unreachable!("`in` on {other:?}"),
        };
        self.rt(name, vec![c, i], &Ty::BOOL, Own::Plain, false, line)
    }

    pub(super) fn method(&mut self, method: Method, args: &'a [Expr], ty: &Ty, line: Line) -> Operand {
        let vals: Vec<Operand> = args.iter().map(|a| self.value(a)).collect();
        let recv = vals[0].clone();
        let arg = |i: usize| vals[i].clone();
        let opt = |i: usize| vals.get(i).cloned().unwrap_or(Operand::Const(Const::Null));
        let none = Operand::Const(Const::None);
        let n = |v: bool| int(v as i64);
        match method {
            Method::StrSplit => self.rt("mg_str_split", vec![recv, opt(1), desc(&Ty::list(Ty::STR))], ty, Own::New, true, line),
            Method::StrJoin => self.rt("mg_str_join", vec![recv, arg(1)], ty, Own::New, false, line),
            Method::StrStrip(which) => self.rt("mg_str_strip", vec![recv, opt(1), int(which as i64)], ty, Own::New, false, line),
            Method::StrCase(map) => self.rt("mg_str_case", vec![recv, int(map as i64)], ty, Own::New, false, line),
            Method::StrReplace if vals.len() > 3 => self.rt("mg_str_replace_n", vec![recv, arg(1), arg(2), arg(3)], ty, Own::New, false, line),
            Method::StrReplace => self.rt("mg_str_replace", vec![recv, arg(1), arg(2)], ty, Own::New, false, line),
            // With a start (and an end): CPython's index adjustment, then the search in the window.
            Method::StrFind | Method::StrRFind | Method::StrIndex(_) if vals.len() > 2 => {
                let (right, raise) = match method {
                    Method::StrFind => (false, false),
                    Method::StrRFind => (true, false),
                    Method::StrIndex(right) => (right, true),
                    _ => unreachable!("matched above"),
                };
                let (start, end, flags) = window(&vals);
                self.rt("mg_str_find_in", vec![recv, arg(1), start, end, flags, n(right), n(raise)], ty, Own::Plain, raise, line)
            }
            Method::StrCount if vals.len() > 2 => {
                let (start, end, flags) = window(&vals);
                self.rt("mg_str_count_in", vec![recv, arg(1), start, end, flags], ty, Own::Plain, false, line)
            }
            Method::StrStartsWith | Method::StrEndsWith if vals.len() > 2 => {
                let (start, end, flags) = window(&vals);
                self.rt("mg_str_affix_in", vec![recv, arg(1), start, end, flags, n(method == Method::StrEndsWith)], ty, Own::Plain, false, line)
            }
            Method::StrFind => self.rt("mg_str_find", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::StrRFind => self.rt("mg_str_rfind", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::StrIndex(right) => self.rt("mg_str_index", vec![recv, arg(1), n(right)], ty, Own::Plain, true, line),
            Method::StrPartition(right) => self.rt("mg_str_partition", vec![recv, arg(1), desc(ty), n(right)], ty, Own::New, true, line),
            Method::StrSplitMax(right) => {
                let maxsplit = vals.get(2).cloned().unwrap_or(int(-1));
                self.rt("mg_str_split_max", vec![recv, opt(1), maxsplit, desc(&Ty::list(Ty::STR)), n(right)], ty, Own::New, true, line)
            }
            Method::StrSplitlines => {
                let keepends = vals.get(1).cloned().unwrap_or(int(0));
                self.rt("mg_str_splitlines", vec![recv, keepends, desc(&Ty::list(Ty::STR))], ty, Own::New, false, line)
            }
            Method::StrRemoveAffix(suffix) => self.rt("mg_str_removeaffix", vec![recv, arg(1), n(suffix)], ty, Own::New, false, line),
            Method::StrPad(how) => self.rt("mg_str_pad", vec![recv, arg(1), opt(2), int(how as i64)], ty, Own::New, true, line),
            Method::StrZfill => self.rt("mg_str_zfill", vec![recv, arg(1)], ty, Own::New, false, line),
            Method::StrExpandtabs => {
                let tabsize = vals.get(1).cloned().unwrap_or(int(8));
                self.rt("mg_str_expandtabs", vec![recv, tabsize], ty, Own::New, false, line)
            }
            Method::StrIsAscii => self.rt("mg_str_isascii", vec![recv], ty, Own::Plain, false, line),
            Method::StrTranslate => self.rt("mg_str_translate", vec![recv, arg(1)], ty, Own::New, true, line),
            Method::StrFormatMap => self.rt("mg_str_format_map", vec![recv, arg(1)], ty, Own::New, true, line),
            Method::RangeIndex => self.rt("mg_range_index", vec![recv, arg(1)], ty, Own::Plain, true, line),
            Method::RangeCount => self.rt("mg_range_count", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::RangeField(which) => self.rt("mg_range_field", vec![recv, int(which as i64)], ty, Own::Plain, false, line),
            Method::StrCount => self.rt("mg_str_count", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::StrStartsWith => self.rt("mg_str_startswith", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::StrEndsWith => self.rt("mg_str_endswith", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::StrIs(class) => self.rt("mg_str_is", vec![recv, int(class as i64)], ty, Own::Plain, false, line),
            Method::ListAppend => {
                self.rt_void("mg_list_append", vec![recv, arg(1)], false, line);
                none
            }
            Method::ListPop => {
                let (idx, has) = match vals.get(1) {
                    Some(v) => (v.clone(), true),
                    None => (int(0), false),
                };
                self.rt("mg_list_pop", vec![recv, idx, n(has)], ty, Own::New, true, line)
            }
            Method::ListInsert => {
                self.rt_void("mg_list_insert", vec![recv, arg(1), arg(2)], false, line);
                none
            }
            Method::ListExtend => {
                self.rt_void("mg_list_extend", vec![recv, arg(1)], false, line);
                none
            }
            Method::ListRemove => {
                self.rt_void("mg_list_remove", vec![recv, arg(1)], true, line);
                none
            }
            Method::ListIndex => self.rt("mg_list_index", vec![recv, arg(1)], ty, Own::Plain, true, line),
            Method::ListIndexRange => {
                let stop = vals.get(3).cloned().unwrap_or(int(i64::MAX));
                self.rt("mg_list_index_range", vec![recv, arg(1), arg(2), stop], ty, Own::Plain, true, line)
            }
            Method::ListIRepeat => {
                self.rt_void("mg_list_irepeat", vec![recv, arg(1)], true, line);
                none
            }
            Method::DictPopItem => self.rt("mg_dict_popitem", vec![recv, desc(ty)], ty, Own::New, true, line),
            Method::ODictPopItem => self.rt("mg_odict_popitem", vec![recv, arg(1), arg(2), desc(ty)], ty, Own::New, true, line),
            Method::ODictMoveToEnd => {
                self.rt_void("mg_odict_move_to_end", vec![recv, arg(1), arg(2)], true, line);
                Operand::Const(Const::None)
            }
            Method::ListCount => self.rt("mg_list_count", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::ListSort { reverse } => {
                self.rt_void("mg_list_sort", vec![recv, n(reverse)], false, line);
                none
            }
            Method::ListSortKeyed { reverse } => {
                self.rt_void("mg_list_sort_keyed", vec![recv, arg(1), n(reverse)], false, line);
                none
            }
            Method::ListReverse => {
                self.rt_void("mg_list_reverse", vec![recv], false, line);
                none
            }
            Method::ListCopy => self.rt("mg_list_copy", vec![recv], ty, Own::New, false, line),
            // The result may be the default argument: borrowed from the operands.
            Method::DictGet => self.rt("mg_dict_get_default", vec![recv, arg(1), arg(2)], ty, Own::Borrowed, false, line),
            Method::DictPop => {
                let (d, has) = match vals.get(2) {
                    Some(v) => (v.clone(), true),
                    None => (int(0), false),
                };
                // Without a default the popped value is the dict's reference, handed over;
                // with one, it may be the default: `mg_dict_pop` returns a new reference either way.
                self.rt("mg_dict_pop", vec![recv, arg(1), d, n(has)], ty, Own::New, true, line)
            }
            Method::DictGetAdd => {
                self.rt_void("mg_dict_get_add", vec![recv, arg(1), arg(2), arg(3)], true, line);
                none
            }
            Method::DictSetDefault => self.rt("mg_dict_setdefault", vec![recv, arg(1), arg(2)], ty, Own::Borrowed, false, line),
            Method::DictUpdate => {
                self.rt_void("mg_dict_update", vec![recv, arg(1)], false, line);
                none
            }
            Method::DictCopy => self.rt("mg_dict_copy", vec![recv], ty, Own::New, false, line),
            Method::DictKeysList | Method::DictValuesList | Method::DictItemsList => {
                let which = match method {
                    Method::DictKeysList => 0,
                    Method::DictValuesList => 1,
                    _ => 2,
                };
                self.rt("mg_dict_to_list", vec![recv, Operand::Const(Const::Int(which)), desc(ty)], ty, Own::New, false, line)
            }
            Method::SetAdd => {
                self.rt_void("mg_set_add", vec![recv, arg(1)], false, line);
                none
            }
            Method::SetRemove => {
                self.rt_void("mg_set_remove", vec![recv, arg(1)], true, line);
                none
            }
            Method::SetDiscard => {
                self.rt("mg_set_discard", vec![recv, arg(1)], &Ty::BOOL, Own::Plain, false, line);
                none
            }
            Method::SetIsSubset => self.rt("mg_set_issubset", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::SetCopy => self.rt("mg_set_copy", vec![recv], ty, Own::New, false, line),
            // CPython's `*others` methods: the other sets go as one array.
            Method::SetUnion | Method::SetIntersection | Method::SetDifference => {
                let name = match method {
                    Method::SetUnion => "mg_set_union",
                    Method::SetIntersection => "mg_set_intersection",
                    _ => "mg_set_difference",
                };
                self.rt_packed(name, vals.clone(), ty, Own::New, line)
            }
            Method::SetSymmetricDifference => self.rt("mg_set_symmetric_difference", vec![recv, arg(1)], ty, Own::New, false, line),
            Method::SetUpdate | Method::SetIntersectionUpdate | Method::SetDifferenceUpdate => {
                let name = match method {
                    Method::SetUpdate => "mg_set_update",
                    Method::SetIntersectionUpdate => "mg_set_intersection_update",
                    _ => "mg_set_difference_update",
                };
                self.rt_packed(name, vals.clone(), &Ty::NONE, Own::Plain, line);
                none
            }
            Method::SetSymmetricDifferenceUpdate => {
                self.rt_void("mg_set_symmetric_difference_update", vec![recv, arg(1)], false, line);
                none
            }
            Method::SetIsSuperset => self.rt("mg_set_issuperset", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::SetIsDisjoint => self.rt("mg_set_isdisjoint", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::SetPop => self.rt("mg_set_pop", vec![recv], ty, Own::New, true, line),
            Method::FileRead => self.rt("mg_file_read", vec![recv], ty, Own::New, true, line),
            Method::FileWrite => self.rt("mg_file_write", vec![recv, arg(1)], ty, Own::Plain, true, line),
            Method::FileWriteLines => {
                self.rt_void("mg_file_writelines", vec![recv, arg(1)], true, line);
                none
            }
            Method::FileFlush => {
                self.rt_void("mg_file_flush", vec![recv], true, line);
                none
            }
            Method::FileReadLine => self.rt("mg_file_readline", vec![recv], ty, Own::New, true, line),
            Method::FileReadLines => self.rt("mg_file_readlines", vec![recv, desc(ty)], ty, Own::New, true, line),
            Method::FileClose => {
                self.rt_void("mg_file_close", vec![recv], false, line);
                none
            }
            Method::FileClosed => self.rt("mg_file_closed", vec![recv], ty, Own::Plain, false, line),
            Method::FileName => self.rt("mg_file_name", vec![recv], ty, Own::New, false, line),
            Method::FileMode => self.rt("mg_file_mode", vec![recv], ty, Own::New, false, line),
            Method::FileEnter => {
                self.rt_void("mg_file_enter", vec![recv], true, line);
                none
            }
            Method::SetClear => {
                self.rt_void("mg_set_clear", vec![recv], false, line);
                none
            }
            Method::ListClear => {
                self.rt_void("mg_list_clear", vec![recv], false, line);
                none
            }
            Method::DictClear => {
                self.rt_void("mg_dict_clear", vec![recv], false, line);
                none
            }
            Method::DequeAppend { left } => {
                self.rt_void(if left { "mg_deque_appendleft" } else { "mg_deque_append" }, vec![recv, arg(1)], false, line);
                none
            }
            // The popped item is the deque's reference, handed over.
            Method::DequePop { left } => self.rt("mg_deque_pop", vec![recv, n(left)], ty, Own::New, true, line),
            Method::DequeExtend { left } => {
                self.rt_void("mg_deque_extend", vec![recv, arg(1), n(left)], false, line);
                none
            }
            Method::DequeRotate => {
                self.rt_void("mg_deque_rotate", vec![recv, arg(1)], false, line);
                none
            }
            Method::DequeClear => {
                self.rt_void("mg_deque_clear", vec![recv], false, line);
                none
            }
            Method::DequeCount => self.rt("mg_deque_count", vec![recv, arg(1)], ty, Own::Plain, false, line),
            Method::DequeIndex => self.rt("mg_deque_index", vec![recv, arg(1), arg(2), arg(3)], ty, Own::Plain, true, line),
            Method::DequeRemove => {
                self.rt_void("mg_deque_remove", vec![recv, arg(1)], true, line);
                none
            }
            Method::DequeInsert => {
                self.rt_void("mg_deque_insert", vec![recv, arg(1), arg(2)], true, line);
                none
            }
            Method::DequeReverse => {
                self.rt_void("mg_deque_reverse", vec![recv], false, line);
                none
            }
            Method::DequeCopy => self.rt("mg_deque_copy", vec![recv], ty, Own::New, false, line),
            Method::DequeMaxlen => self.rt("mg_deque_maxlen", vec![recv], ty, Own::Plain, false, line),

        }
    }

    pub(super) fn builtin(&mut self, builtin: Builtin, args: &'a [Expr], ty: &Ty, line: Line) -> Operand {
        if matches!(builtin, Builtin::DictKeysView | Builtin::DictValuesView | Builtin::DictItemsView | Builtin::DictGetOrNone) {
            unreachable!("dict views are printed by `print` itself");
        }
        let vals: Vec<Operand> = args.iter().map(|a| self.value(a)).collect();
        let arg = |i: usize| vals[i].clone();
        let arg_ty = |i: usize| args[i].ty;
        let plain = |this: &mut Self, name: &'static str, raises: bool| this.rt(name, vals.clone(), ty, Own::Plain, raises, line);
        match builtin {
            Builtin::IntAbs => plain(self, "mg_int_abs", true),
            Builtin::FloatAbs | Builtin::MathFabs => plain(self, "mg_math_fabs", false),
            Builtin::MathAtan2 => plain(self, "mg_math_atan2", false),
            Builtin::MathHypot => plain(self, "mg_math_hypot", false),
            Builtin::MathSqrt => plain(self, "mg_math_sqrt", true),
            Builtin::MathFloor => plain(self, "mg_math_floor", true),
            Builtin::MathCeil => plain(self, "mg_math_ceil", true),
            Builtin::MathSin => plain(self, "mg_math_sin", true),
            Builtin::MathCos => plain(self, "mg_math_cos", true),
            Builtin::MathTan => plain(self, "mg_math_tan", true),
            Builtin::MathExp => plain(self, "mg_math_exp", true),
            Builtin::MathLog => plain(self, "mg_math_log", true),
            Builtin::MathIsqrt => plain(self, "mg_math_isqrt", true),
            Builtin::MathGcd => plain(self, "mg_math_gcd", true),
            Builtin::MathF1(which) => self.rt("mg_math_f1", vec![int(which as i64), arg(0)], ty, Own::Plain, true, line),
            Builtin::MathCopysign => plain(self, "mg_math_copysign", false),
            Builtin::MathF2(which) => self.rt("mg_math_f2", vec![int(which as i64), arg(0), arg(1)], ty, Own::Plain, which != 3, line),
            Builtin::MathIs(which) => self.rt("mg_math_is", vec![int(which as i64), arg(0)], ty, Own::Plain, false, line),
            Builtin::MathLdexp => plain(self, "mg_math_ldexp", true),
            Builtin::MathPart(which) => self.rt("mg_math_part", vec![int(which as i64), arg(0)], ty, Own::Plain, false, line),
            Builtin::MathFrexpExp => plain(self, "mg_math_frexp_exp", false),
            Builtin::TimeSeconds(which) => self.rt("mg_time_seconds", vec![int(which as i64)], ty, Own::Plain, false, line),
            Builtin::TimeNs(which) => self.rt("mg_time_ns", vec![int(which as i64)], ty, Own::Plain, false, line),
            Builtin::ODictFrom => self.rt("mg_odict_from", vec![arg(0)], ty, Own::New, false, line),
            Builtin::TimeSleep => {
                self.rt_void("mg_time_sleep", vals.clone(), true, line);
                Operand::Const(Const::None)
            }
            Builtin::MathTrunc => plain(self, "mg_float_to_int", true),
            Builtin::MathLcm => plain(self, "mg_math_lcm", true),
            Builtin::MathFactorial => plain(self, "mg_math_factorial", true),
            Builtin::MathComb => plain(self, "mg_math_comb", true),
            Builtin::MathPerm => plain(self, "mg_math_perm", true),
            Builtin::MathLogBase => plain(self, "mg_math_log_base", true),
            Builtin::MathIsclose => plain(self, "mg_math_isclose", true),
            Builtin::MathFsum => self.rt("mg_math_fsum", vec![arg(0), int((arg_ty(0) == Ty::list(Ty::INT)) as i64)], ty, Own::Plain, true, line),
            Builtin::MathProd if *ty == Ty::INT => self.rt("mg_math_prod_int", vec![arg(0), int(1)], ty, Own::Plain, true, line),
            Builtin::MathProd => self.rt("mg_math_prod_float", vec![arg(0), Operand::Const(Const::Float(1.0))], ty, Own::Plain, true, line),
            Builtin::IntMin | Builtin::IntMax | Builtin::FloatMin | Builtin::FloatMax => {
                // Python keeps the current best unless a later item is strictly better.
                let better = if matches!(builtin, Builtin::IntMax | Builtin::FloatMax) { crate::mir::CmpOp::Gt } else { crate::mir::CmpOp::Lt };
                let mut best = arg(0);
                for item in &vals[1..] {
                    let b = self.op_value(Op::Binary(PureBinOp::Cmp(better), item.clone(), best.clone()), &Ty::BOOL, line);
                    best = self.op_value(Op::Select(b, item.clone(), best), ty, line);
                }
                best
            }
            Builtin::Len => match arg_ty(0).kind() {
                TyKind::List(_) | TyKind::VarTuple(_) => self.op_value(Op::ListLen(arg(0)), &Ty::INT, line),
                TyKind::Str => plain(self, "mg_str_len", false),
                TyKind::Dict(..) => plain(self, "mg_dict_len", false),
                TyKind::Range => plain(self, "mg_range_len", true),
                TyKind::DictView(..) => plain(self, "mg_dict_len", false),
                TyKind::Deque(_) => plain(self, "mg_deque_len", false),
                TyKind::Counter(_) => plain(self, "mg_dict_len", false),

                _ => plain(self, "mg_set_len", false),
            },
            Builtin::StrOf | Builtin::ReprOf | Builtin::AsciiOf => {
                let name = match builtin {
                    Builtin::StrOf => "mg_str_of",
                    Builtin::ReprOf => "mg_repr_of",
                    _ => "mg_ascii_of",
                };
                self.rt(name, vec![desc(&arg_ty(0)), arg(0)], ty, Own::New, false, line)
            }
            Builtin::Format => {
                let name = match arg_ty(0).kind() {
                    TyKind::Int => "mg_format_int_spec",
                    TyKind::Bool => "mg_format_int_spec",
                    TyKind::Float => "mg_format_float_spec",
                    TyKind::Str => "mg_format_str_spec",
                    other => unreachable!("format() of {other:?}"),
                };
                let mut call_args = vec![arg(0), arg(1)];
                if name == "mg_format_int_spec" {
                    call_args.push(int((arg_ty(0) == Ty::BOOL) as i64));
                }
                self.rt(name, call_args, ty, Own::New, true, line)
            }
            // One call on the pieces, passed as one array.
            Builtin::StrBuild => {
                let call = Op::Runtime(crate::mir::RtCall { name: "mg_str_build", args: vals.clone(), raises: false, result: Own::New, steals: 0, pack_from: Some(0), calls_back: false });
                self.op_value(call, ty, line)
            }
            Builtin::RoundFloatToInt => plain(self, "mg_round_float_int", true),
            Builtin::RoundFloat => plain(self, "mg_round_float", true),
            Builtin::RoundInt => plain(self, "mg_round_int", true),
            Builtin::Sum if vals.len() == 1 => {
                let len = self.op_value(Op::ListLen(arg(0)), &Ty::INT, line);
                let nonempty = self.op_value(Op::Binary(PureBinOp::Cmp(crate::mir::CmpOp::Gt), len, int(0)), &Ty::BOOL, line);
                self.raise_unless(nonempty, ExcKind::NotImplemented, SUM_OF_NO_FLOATS, line);
                self.rt("mg_list_sum_float", vec![arg(0), Operand::Const(Const::Float(0.0))], ty, Own::Plain, false, line)
            }
            Builtin::Sum => {
                if *ty == Ty::FLOAT {
                    let start = match arg_ty(1).kind() {
                        TyKind::Float => arg(1),
                        _ => self.op_value(Op::Unary(UnOp::IntToFloat, arg(1)), &Ty::FLOAT, line),
                    };
                    self.rt("mg_list_sum_float", vec![arg(0), start], ty, Own::Plain, false, line)
                } else {
                    plain(self, "mg_list_sum_int", true)
                }
            }
            Builtin::ClassName => self.rt("mg_class_name", vec![arg(0)], ty, Own::New, false, line),
            Builtin::StrPercent => self.rt("mg_str_percent", vec![arg(0), arg(1), arg(2), arg(3)], ty, Own::New, true, line),
            Builtin::StrFormat => self.rt("mg_str_format", vec![arg(0), arg(1), arg(2), arg(3)], ty, Own::New, true, line),
            Builtin::ExcLink => self.rt("mg_exc_link", vec![arg(0), arg(1)], ty, Own::New, true, line),
            Builtin::ExcArgs => self.rt("mg_exc_args", vec![arg(0)], ty, Own::New, true, line),
            Builtin::ExcArgsUnknown => self.rt("mg_exc_args_unknown", vec![], ty, Own::New, false, line),
            Builtin::MinMaxKeyed { is_max } => self.rt("mg_list_minmax_keyed", vec![arg(0), arg(1), int(is_max as i64)], ty, Own::Borrowed, true, line),
            Builtin::SortedKeyed { reverse } => self.rt("mg_list_sorted_keyed", vec![arg(0), arg(1), int(reverse as i64)], ty, Own::New, false, line),
            Builtin::ListMin | Builtin::ListMax => self.rt("mg_list_minmax", vec![arg(0), int((builtin == Builtin::ListMax) as i64)], ty, Own::Borrowed, true, line),
            Builtin::Sorted { reverse } => self.rt("mg_list_sorted", vec![arg(0), int(reverse as i64)], ty, Own::New, false, line),
            Builtin::Any | Builtin::All => self.rt("mg_list_any_all", vec![arg(0), int((builtin == Builtin::All) as i64)], ty, Own::Plain, false, line),
            Builtin::Ord => plain(self, "mg_str_ord", true),
            Builtin::Chr => self.rt("mg_str_chr", vals.clone(), ty, Own::New, true, line),
            Builtin::IntFromStr => plain(self, "mg_int_from_str", true),
            Builtin::StreamWrite => plain(self, "mg_stream_write", true),
            // With three strings the values are `int | None`: a code point in a `tuple[int]`
            // box, None as null.
            Builtin::StrMakeTrans if vals.len() == 1 => self.rt("mg_str_maketrans_dict", vec![arg(0), desc(ty)], ty, Own::New, true, line),
            Builtin::StrMakeTrans => {
                let z = vals.get(2).cloned().unwrap_or(Operand::Const(Const::Null));
                self.rt("mg_str_maketrans", vec![arg(0), arg(1), z, desc(ty), desc(&Ty::tuple(vec![Ty::INT]))], ty, Own::New, true, line)
            }
            Builtin::StreamFlush => {
                self.rt_void("mg_stream_flush", vec![arg(0)], false, line);
                Operand::Const(Const::None)
            }
            Builtin::IntFromStrBase => plain(self, "mg_int_from_str_base", true),
            Builtin::IntPowMod => plain(self, "mg_int_powmod", true),
            Builtin::FloatFromStr => plain(self, "mg_float_from_str", true),
            Builtin::ListFromStr => self.rt("mg_list_from_str", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::ListFromList => self.rt("mg_list_copy", vec![arg(0)], ty, Own::New, false, line),
            Builtin::ListFromVarTuple => self.rt("mg_list_copy_as", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::VarTupleFrom => match arg_ty(0).kind() {
                TyKind::Str => self.rt("mg_list_from_str", vec![arg(0), desc(ty)], ty, Own::New, false, line),
                TyKind::Set(_) => self.rt("mg_set_to_list", vec![arg(0), desc(ty)], ty, Own::New, false, line),
                _ => self.rt("mg_list_copy_as", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            },
            Builtin::VarTupleOf => {
                let fields = arg_ty(0).tuple_fields().unwrap_or_default();
                let list = self.rt("mg_list_new", vec![desc(ty), int(fields.len() as i64)], ty, Own::New, false, line);
                for (i, f) in fields.iter().enumerate() {
                    let v = self.op_value(Op::TupleGet(arg(0), i as u32), f, line);
                    self.rt_void("mg_list_append", vec![list.clone(), v], false, line);
                }
                list
            }
            Builtin::ListFromSet => self.rt("mg_set_to_list", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::SetFromList => self.rt("mg_set_from_list", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::SetFromDict => self.rt("mg_set_from_dict", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::SetFromStr => {
                let chars_ty = Ty::list(Ty::STR);
                let chars = self.rt("mg_list_from_str", vec![arg(0), desc(&chars_ty)], &chars_ty, Own::New, false, line);
                self.rt("mg_set_from_list", vec![chars, desc(ty)], ty, Own::New, false, line)
            }
            Builtin::SysArgv => {
                let script = Operand::Const(Const::CStr(self.file.name.clone()));
                self.rt("mg_sys_argv", vec![desc(ty), script], ty, Own::New, false, line)
            }
            Builtin::Stdin => self.rt("mg_file_stdin", vec![], ty, Own::New, true, line),
            Builtin::Input => self.rt("mg_input", vec![arg(0)], ty, Own::New, true, line),
            Builtin::DefaultDictNew => {
                let mut all = vec![desc(ty)];
                all.extend(vals.iter().cloned());
                let call = Op::Runtime(crate::mir::RtCall { name: "mg_defaultdict_new", args: all, raises: false, result: Own::New, steals: 0, pack_from: Some(1), calls_back: false });
                self.op_value(call, ty, line)
            }
            Builtin::CounterNew => self.rt("mg_counter_new", vec![desc(ty), arg(0)], ty, Own::New, true, line),
            Builtin::CounterMostCommon => {
                let (n, has) = match vals.get(1) {
                    Some(v) => (v.clone(), 1),
                    None => (int(0), 0),
                };
                self.rt("mg_counter_most_common", vec![arg(0), n, int(has), desc(ty)], ty, Own::New, false, line)
            }
            Builtin::CounterUpdate { subtract } => {
                self.rt_void("mg_counter_update", vec![arg(0), arg(1), int(if subtract { -1 } else { 1 })], true, line);
                Operand::Const(Const::None)
            }
            Builtin::CounterUpdateCounts { subtract } => {
                self.rt_void("mg_counter_update_counts", vec![arg(0), arg(1), int(if subtract { -1 } else { 1 })], true, line);
                Operand::Const(Const::None)
            }
            Builtin::CounterOp(op) => self.rt("mg_counter_op", vec![arg(0), arg(1), int(op as i64)], ty, Own::New, true, line),
            Builtin::CounterTotal => self.rt("mg_counter_total", vec![arg(0)], ty, Own::Plain, true, line),
            Builtin::CounterElements => self.rt("mg_counter_elements", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::DictFromDict => self.rt("mg_dict_copy_plain", vec![arg(0)], ty, Own::New, false, line),
            Builtin::DequeFromList => self.rt("mg_deque_from_list", vec![desc(ty), arg(0), arg(1), arg(2)], ty, Own::New, true, line),
            Builtin::ListFromDeque => self.rt("mg_deque_to_list", vec![arg(0), desc(ty)], ty, Own::New, false, line),
            Builtin::HeapPush => {
                self.rt_void("mg_heapq_push", vec![arg(0), arg(1)], false, line);
                Operand::Const(Const::None)
            }
            // The item leaves the list: its reference is handed over.
            Builtin::HeapPop => self.rt("mg_heapq_pop", vec![arg(0)], ty, Own::New, true, line),
            Builtin::Heapify => {
                self.rt_void("mg_heapq_heapify", vec![arg(0)], false, line);
                Operand::Const(Const::None)
            }
            Builtin::HeapPushPop => self.rt("mg_heapq_pushpop", vec![arg(0), arg(1)], ty, Own::New, false, line),
            Builtin::HeapReplace => self.rt("mg_heapq_replace", vec![arg(0), arg(1)], ty, Own::New, true, line),
            Builtin::HeapNSmallest { largest } => self.rt("mg_heapq_nsmallest", vec![arg(0), arg(1), int(largest as i64)], ty, Own::New, false, line),
            Builtin::HeapNSmallestKeyed { largest } => self.rt("mg_heapq_nsmallest_keyed", vec![arg(0), arg(1), arg(2), int(largest as i64)], ty, Own::New, false, line),
            Builtin::Bisect { right } => self.rt("mg_bisect", vec![arg(0), arg(1), arg(2), arg(3), int(right as i64)], ty, Own::Plain, true, line),
            Builtin::BisectBounds => self.rt("mg_bisect_bounds", vec![arg(0), arg(1), arg(2)], ty, Own::Plain, true, line),
            Builtin::Less => self.rt("mg_less", vec![desc(&arg_ty(0)), arg(0), arg(1)], ty, Own::Plain, false, line),
            Builtin::Insort { right } => {
                self.rt_void("mg_insort", vec![arg(0), arg(1), arg(2), arg(3), int(right as i64)], true, line);
                Operand::Const(Const::None)
            }
            Builtin::RandomSeed => {
                match vals.first() {
                    Some(n) => self.rt_void("mg_random_seed", vec![n.clone()], false, line),
                    None => self.rt_void("mg_random_seed_os", vec![], false, line),
                }
                Operand::Const(Const::None)
            }
            Builtin::RandomRandom => plain(self, "mg_random_random", false),
            Builtin::RandomGetrandbits => plain(self, "mg_random_getrandbits", true),
            Builtin::RandomRandrange if vals.len() == 1 => plain(self, "mg_random_randrange1", true),
            Builtin::RandomRandrange => plain(self, "mg_random_randrange", true),
            Builtin::RandomRandint => plain(self, "mg_random_randint", true),
            Builtin::RandomChoiceIndex => plain(self, "mg_random_choice_index", true),
            Builtin::RandomShuffle => {
                self.rt_void("mg_random_shuffle", vec![arg(0)], false, line);
                Operand::Const(Const::None)
            }
            Builtin::RandomSample => {
                let name = if matches!(arg_ty(0).kind(), TyKind::Range) { "mg_random_sample_range" } else { "mg_random_sample" };
                self.rt(name, vec![arg(0), arg(1), desc(ty)], ty, Own::New, true, line)
            }
            Builtin::RandomChoices { cumulative } => {
                let weights = vals.get(3).cloned().unwrap_or(Operand::Const(Const::Null));
                if matches!(arg_ty(0).kind(), TyKind::Range) {
                    self.rt("mg_random_choices_range", vec![arg(0), weights, int(cumulative as i64), arg(1), desc(ty)], ty, Own::New, true, line)
                } else {
                    self.rt("mg_random_choices", vec![arg(0), weights, int(cumulative as i64), arg(1), arg(2), desc(ty)], ty, Own::New, true, line)
                }
            }
            Builtin::RandomUniform if arg_ty(0) == Ty::INT => plain(self, "mg_random_uniform_int", false),
            Builtin::RandomUniform => plain(self, "mg_random_uniform", false),
            Builtin::RandomGauss => plain(self, "mg_random_gauss", false),
            Builtin::RandomNormal => plain(self, "mg_random_normalvariate", false),
            Builtin::RandomExpovariate => plain(self, "mg_random_expovariate", true),
            Builtin::RandomTriangular => plain(self, "mg_random_triangular", false),
            Builtin::FileOpen => self.rt("mg_file_open", vec![arg(0), arg(1), arg(2)], ty, Own::New, true, line),
            // A view is the dict itself: the same reference, another static type.
            Builtin::DictAsView | Builtin::ViewDict => {
                let r = self.temp(ty);
                self.emit(Some(r), Op::Use(arg(0)), line);
                Operand::Reg(r)
            }
            Builtin::DictValuesContains => self.rt("mg_dict_values_contains", vec![arg(0), arg(1)], ty, Own::Plain, false, line),
            Builtin::RangeNew => self.rt("mg_range_new", vals.clone(), ty, Own::New, true, line),
            Builtin::ListFromRange => self.rt("mg_range_list", vec![arg(0), desc(ty)], ty, Own::New, true, line),
            Builtin::RangeList => self.rt("mg_list_range", vec![arg(0), arg(1), arg(2), desc(ty)], ty, Own::New, true, line),
            Builtin::DictKeysView | Builtin::DictValuesView | Builtin::DictItemsView | Builtin::DictGetOrNone => unreachable!(),
            Builtin::UnpackCheck => plain(self, "mg_unpack_check", true),
            Builtin::Hash => self.rt("mg_slot_hash", vec![desc(&arg_ty(0)), arg(0)], ty, Own::Plain, false, line),
            Builtin::TupleCompare(op) => {
                let code = Operand::Const(Const::Int(cmp_code(op)));
                self.rt("mg_tuple_compare", vec![desc(&arg_ty(0)), arg(0), desc(&arg_ty(1)), arg(1), code], ty, Own::Plain, false, line)
            }
        }
    }

    pub(super) fn set_item(&mut self, container: &'a Expr, index: &'a Expr, value: &'a Expr, line: Line) {
        // Python evaluates the right-hand side first, then the target's container and index.
        let v = self.value(value);
        let c = self.value(container);
        let i = self.value(index);
        match container.ty.kind() {
            TyKind::List(_) => self.emit_raising(None, Op::ListSet(c, i, v), line),
            TyKind::Dict(..) | TyKind::Counter(_) => self.rt_void("mg_dict_set", vec![c, i, v], false, line),
            TyKind::Deque(_) => self.rt_void("mg_deque_set", vec![c, i, v], true, line),
            other => unreachable!("item assignment on {other:?}"),
        }
    }

    pub(super) fn update_item(&mut self, container: &'a Expr, index: &'a Expr, value: &'a Expr, line: Line) {
        let c = self.value(container);
        let i = self.value(index);
        match container.ty.kind() {
            TyKind::List(_) => {
                let cur = self.op_value(Op::ListGet(c.clone(), i.clone()), &value.ty, line);
                let saved = self.item_value.replace(cur);
                let v = self.value(value);
                self.item_value = saved;
                // The index was checked by the read; the store cannot fail.
                self.emit_raising(None, Op::ListSet(c, i, v), line);
            }
            TyKind::Dict(..) | TyKind::Counter(_) => {
                let slot = self.new_reg(RegTy::SlotPtr, None);
                self.emit_raising(Some(slot), Op::DictValuePtr(c.clone(), i), line);
                let cur = self.op_value(Op::LoadSlot(c.clone(), Operand::Reg(slot)), &value.ty, line);
                let saved = self.item_value.replace(cur);
                let v = self.value(value);
                self.item_value = saved;
                self.emit(None, Op::StoreSlot(c, Operand::Reg(slot), v), line);
            }
            // Read, compute, store back: the store checks the index again, as CPython's
            // `d[i] += v` (BINARY_SUBSCR, then STORE_SUBSCR) does.
            TyKind::Deque(_) => {
                let cur = self.rt("mg_deque_get", vec![c.clone(), i.clone()], &value.ty, Own::Borrowed, true, line);
                let saved = self.item_value.replace(cur);
                let v = self.value(value);
                self.item_value = saved;
                self.rt_void("mg_deque_set", vec![c, i, v], true, line);
            }
            other => unreachable!("update of {other:?}"),
        }
    }

    pub(super) fn del_item(&mut self, container: &'a Expr, index: &'a Expr, line: Line) {
        let c = self.value(container);
        let i = self.value(index);
        let name = match container.ty.kind() {
            TyKind::List(_) => "mg_list_delitem",
            TyKind::Deque(_) => "mg_deque_delitem",
            _ => "mg_dict_del",
        };
        self.rt_void(name, vec![c, i], true, line);
    }

    pub(super) fn print(&mut self, args: &'a [Expr], sep: Option<&'a Expr>, end: Option<&'a Expr>, line: Line) {
        // Evaluate every argument first: an argument that raises prints nothing, as in CPython.
        // Dict views and `d.get(k)` keep their operands (the dict, the key) for printing.
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            let v = match &arg.kind {
                ExprKind::Builtin(Builtin::DictKeysView | Builtin::DictValuesView | Builtin::DictItemsView, inner) => vec![self.value(&inner[0])],
                ExprKind::Builtin(Builtin::DictGetOrNone, inner) => vec![self.value(&inner[0]), self.value(&inner[1])],
                ExprKind::Str(_) => Vec::new(),
                _ => vec![self.value(arg)],
            };
            values.push(v);
        }
        let literal_or_value = |this: &mut Self, e: Option<&'a Expr>, default: &str| match e.map(|e| &e.kind) {
            Some(ExprKind::Str(s)) => Err(s.clone()),
            Some(_) => Ok(this.value(e.expect("checked above"))),
            None => Err(default.to_string()),
        };
        let sep_v = literal_or_value(self, sep, " ");
        let end_v = literal_or_value(self, end, "\n");
        for (idx, (arg, vals)) in args.iter().zip(values).enumerate() {
            if idx > 0 {
                self.print_text_or_str(&sep_v, line);
            }
            match (&arg.ty, &arg.kind) {
                (_, ExprKind::Str(s)) => self.print_literal(s, line),
                (_, ExprKind::Builtin(b @ (Builtin::DictKeysView | Builtin::DictValuesView | Builtin::DictItemsView), _)) => {
                    let which = match b {
                        Builtin::DictKeysView => 0,
                        Builtin::DictValuesView => 1,
                        _ => 2,
                    };
                    self.rt_void("mg_dict_print_view", vec![vals[0].clone(), int(which)], false, line);
                }
                (ty, ExprKind::Builtin(Builtin::DictGetOrNone, _)) => {
                    let (d, k) = (vals[0].clone(), vals[1].clone());
                    let found = self.rt("mg_dict_contains", vec![d.clone(), k.clone()], &Ty::BOOL, Own::Plain, false, line);
                    let (yes, no, done) = (self.new_block(), self.new_block(), self.new_block());
                    self.branch(found, yes, no, None);
                    self.switch_to(yes);
                    let v = self.rt("mg_dict_get_default", vec![d, k.clone(), k], ty, Own::Borrowed, false, line);
                    self.print_value(v, ty, line);
                    self.goto(done);
                    self.switch_to(no);
                    self.rt_void("mg_print_none", vec![], false, line);
                    self.goto(done);
                    self.switch_to(done);
                }
                (ty, _) => self.print_value(vals[0].clone(), ty, line),
            }
        }
        self.print_text_or_str(&end_v, line);
    }

    fn print_text_or_str(&mut self, v: &Result<Operand, String>, line: Line) {
        match v {
            Ok(s) => self.print_value(s.clone(), &Ty::STR, line),
            Err(text) => self.print_literal(text, line),
        }
    }

    fn print_value(&mut self, v: Operand, ty: &Ty, line: Line) {
        match *ty {
            Ty::INT => self.rt_void("mg_print_int", vec![v], false, line),
            Ty::FLOAT => self.rt_void("mg_print_float", vec![v], false, line),
            Ty::BOOL => self.rt_void("mg_print_bool", vec![v], false, line),
            // A str holding a lone surrogate raises UnicodeEncodeError, as CPython's stdout does.
            Ty::STR => self.rt_void("mg_print_str_value", vec![v], true, line),
            Ty::NONE => self.rt_void("mg_print_none", vec![], false, line),
            // A partial object's repr raises NotImplementedError (`mg_func_repr`).
            _ => self.rt_void("mg_print_value", vec![desc(ty), v], matches!(ty.kind(), TyKind::Function { .. }), line),
        }
    }

    fn print_literal(&mut self, text: &str, line: Line) {
        if !text.is_empty() {
            self.rt_void("mg_print_str", vec![Operand::Const(Const::CStr(text.to_string())), int(text.len() as i64)], false, line);
        }
    }

}

/// The optional start and end of `find`, `count`, `startswith` and their kin (the third and
/// fourth values of the call) and the flags saying which were given.
fn window(vals: &[Operand]) -> (Operand, Operand, Operand) {
    let start = vals.get(2).cloned().unwrap_or(int(0));
    let end = vals.get(3).cloned().unwrap_or(int(0));
    (start, end, int(if vals.len() > 3 { 3 } else { 1 }))
}
