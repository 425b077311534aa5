/* heapq and bisect on list[T].
 *
 * The heap functions are CPython's Modules/_heapqmodule.c (the algorithms of
 * Lib/heapq.py): the same sift-down and sift-up, so the same comparisons in the same
 * order, and a heap list ends up in exactly CPython's order.  Both modules compare with
 * `<` alone (an instance's `__lt__`, called once per comparison); a comparison that
 * raises stops the operation with the exception pending, the list a permutation of its
 * items, as in CPython. */
#include "mg_internal.h"

static int32_t mg_lt(const MgType *t, MgSlot a, MgSlot b);

/* `a < b` between tuples of one type, as CPython's tuple richcompare: the first fields
 * that differ (by `==`) decide by `<`, else the lengths (equal here).  Fields of numbers
 * and strs are compared here, others through `mg_lt`. */
static int32_t mg_tuple_lt(const MgType *t, MgSlot a, MgSlot b) {
    const MgTuple *x = (const MgTuple *)(uintptr_t)a, *y = (const MgTuple *)(uintptr_t)b;
    for (int64_t i = 0; i < x->len; i++) {
        const MgType *f = t->fields[i];
        MgSlot p = x->items[i], q = y->items[i];
        switch (f->kind) {
        case MG_T_INT:
            if (p != q) return (int64_t)p < (int64_t)q;
            continue;
        case MG_T_BOOL:
            if (p != q) return p < q;
            continue;
        case MG_T_FLOAT:
            if (mg_slot_f(p) == mg_slot_f(q)) continue;
            return mg_slot_f(p) < mg_slot_f(q);
        case MG_T_STR: {
            const MgStr *s = (const MgStr *)(uintptr_t)p, *u = (const MgStr *)(uintptr_t)q;
            if (s == u || mg_str_eq(s, u)) continue;
            return mg_str_cmp(s, u) < 0;
        }
        default: {
            int32_t eq = mg_slot_eq(f, p, q);
            if (mg_current_exc) return -1;
            if (eq) continue;
            return mg_lt(f, p, q);
        }
        }
    }
    return 0;
}

/* `a < b`: 1 or 0, -1 when a comparison raised. */
static int32_t mg_lt(const MgType *t, MgSlot a, MgSlot b) {
    switch (t->kind) {
    case MG_T_INT: return (int64_t)a < (int64_t)b;
    case MG_T_INSTANCE: return mg_instance_lt(a, b);
    case MG_T_TUPLE: return mg_tuple_lt(t, a, b);
    default: break;
    }
    int32_t c = mg_slot_cmp(t, a, b);
    if (mg_current_exc) return -1;
    return c == -1;
}

/* How the sifts compare items, decided once per operation rather than per comparison:
 * ints directly, and tuples whose first field is an int or a float (Dijkstra's
 * `(distance, node)`) by that field inline, the rest of the tuple only on a tie.  Each
 * gives what mg_lt gives (those fields' `==` and `<` run no user code). */
enum { MG_HEAP_ANY, MG_HEAP_INT, MG_HEAP_TUPLE_INT, MG_HEAP_TUPLE_FLOAT };

static int mg_heap_order(const MgType *t) {
    if (t->kind == MG_T_INT) return MG_HEAP_INT;
    if (t->kind == MG_T_TUPLE && t->n > 0) {
        if (t->fields[0]->kind == MG_T_INT) return MG_HEAP_TUPLE_INT;
        if (t->fields[0]->kind == MG_T_FLOAT) return MG_HEAP_TUPLE_FLOAT;
    }
    return MG_HEAP_ANY;
}

static inline int32_t mg_heap_lt(int order, const MgType *t, MgSlot a, MgSlot b) {
    switch (order) {
    case MG_HEAP_INT: return (int64_t)a < (int64_t)b;
    case MG_HEAP_TUPLE_INT: {
        int64_t p = (int64_t)((const MgTuple *)(uintptr_t)a)->items[0];
        int64_t q = (int64_t)((const MgTuple *)(uintptr_t)b)->items[0];
        if (p != q) return p < q;
        break;
    }
    case MG_HEAP_TUPLE_FLOAT: {
        double p = mg_slot_f(((const MgTuple *)(uintptr_t)a)->items[0]);
        double q = mg_slot_f(((const MgTuple *)(uintptr_t)b)->items[0]);
        if (!(p == q)) return p < q;
        break;
    }
    default: break;
    }
    return mg_lt(t, a, b);
}

/* _siftdown: moves the item at `pos` up towards `start` while it is below its parent. */
static int mg_siftdown(MgList *heap, int64_t start, int64_t pos) {
    const MgType *t = heap->h.type->a;
    int order = mg_heap_order(t);
    MgSlot *a = heap->items;
    MgSlot newitem = a[pos];
    while (pos > start) {
        int64_t parentpos = (pos - 1) >> 1;
        MgSlot parent = a[parentpos];
        int32_t lt = mg_heap_lt(order, t, newitem, parent);
        if (lt < 0) {
            a[pos] = newitem;
            return -1;
        }
        if (!lt) break;
        a[pos] = parent;
        pos = parentpos;
    }
    a[pos] = newitem;
    return 0;
}

/* _siftup: moves the smaller child up until a leaf, then sifts the item down there. */
static int mg_siftup(MgList *heap, int64_t pos) {
    const MgType *t = heap->h.type->a;
    int order = mg_heap_order(t);
    MgSlot *a = heap->items;
    int64_t end = heap->len, start = pos;
    MgSlot newitem = a[pos];
    int64_t child = 2 * pos + 1;
    while (child < end) {
        int64_t right = child + 1;
        if (right < end) {
            int32_t lt = mg_heap_lt(order, t, a[child], a[right]);
            if (lt < 0) {
                a[pos] = newitem;
                return -1;
            }
            if (!lt) child = right;
        }
        a[pos] = a[child];
        pos = child;
        child = 2 * pos + 1;
    }
    a[pos] = newitem;
    return mg_siftdown(heap, start, pos);
}

void mg_heapq_push(MgList *heap, MgSlot item) {
    mg_list_append(heap, item);
    mg_siftdown(heap, 0, heap->len - 1);
}

/* The smallest item, whose reference passes to the caller. */
MgSlot mg_heapq_pop(MgList *heap) {
    if (heap->len == 0) {
        mg_raise(MG_INDEX, "index out of range");
        return 0;
    }
    MgSlot last = heap->items[--heap->len];
    if (heap->len == 0) return last;
    MgSlot top = heap->items[0];
    heap->items[0] = last;
    mg_siftup(heap, 0);
    return top;
}

void mg_heapq_heapify(MgList *heap) {
    for (int64_t i = heap->len / 2 - 1; i >= 0; i--)
        if (mg_siftup(heap, i) < 0) return;
}

/* heapreplace: pop, then push `item` (IndexError on an empty heap). */
MgSlot mg_heapq_replace(MgList *heap, MgSlot item) {
    if (heap->len == 0) {
        mg_raise(MG_INDEX, "index out of range");
        return 0;
    }
    MgSlot top = heap->items[0];
    mg_slot_incref(heap->h.type->a, item);
    heap->items[0] = item;
    mg_siftup(heap, 0);
    return top;
}

/* heappushpop: push `item`, then pop; `item` itself when it is not above the top. */
MgSlot mg_heapq_pushpop(MgList *heap, MgSlot item) {
    const MgType *t = heap->h.type->a;
    mg_slot_incref(t, item);
    if (heap->len == 0) return item;
    int32_t lt = mg_lt(t, heap->items[0], item);
    if (lt < 0) {
        mg_slot_decref(t, item);
        return 0;
    }
    if (!lt) return item;
    MgSlot top = heap->items[0];
    heap->items[0] = item;
    mg_siftup(heap, 0);
    return top;
}

/* Keeps the first `n` items of a new list (none when n <= 0). */
static MgList *mg_list_keep(MgList *r, int64_t n) {
    if (n < 0) n = 0;
    while (r->len > n) {
        r->len--;
        mg_slot_decref(r->h.type->a, r->items[r->len]);
    }
    return r;
}

/* nsmallest(n, xs) / nlargest: documented, and implemented, as `sorted(xs)[:n]` and
 * `sorted(xs, reverse=True)[:n]` with a stable sort (heapq decorates items with their
 * positions for that). */
MgList *mg_heapq_nsmallest(const MgList *l, int64_t n, int32_t largest) {
    return mg_list_keep(mg_list_sorted(l, largest), n);
}

MgList *mg_heapq_nsmallest_keyed(const MgList *l, const MgList *keys, int64_t n, int32_t largest) {
    return mg_list_keep(mg_list_sorted_keyed(l, keys, largest), n);
}

/* bisect_left (right == 0) and bisect_right of `x` in a[lo:hi] (hi -1: len(a)), as
 * Modules/_bisectmodule.c: the same probes, ValueError for a negative lo, IndexError for
 * a probe past the end. */
int64_t mg_bisect(const MgList *a, MgSlot x, int64_t lo, int64_t hi, int32_t right) {
    const MgType *t = a->h.type->a;
    if (lo < 0) {
        mg_raise(MG_VALUE, "lo must be non-negative");
        return 0;
    }
    if (hi == -1) hi = a->len;
    while (lo < hi) {
        int64_t mid = (int64_t)(((uint64_t)lo + (uint64_t)hi) / 2);
        if (mid >= a->len) {
            mg_raise(MG_INDEX, "list index out of range");
            return 0;
        }
        int32_t lt = right ? mg_lt(t, x, a->items[mid]) : mg_lt(t, a->items[mid], x);
        if (lt < 0) return 0;
        if (right ? lt : !lt) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* The bounds of a bisection with `key=` (whose loop is generated code): ValueError for a
 * negative lo; hi, or len(a) for -1. */
int64_t mg_bisect_bounds(const MgList *a, int64_t lo, int64_t hi) {
    if (lo < 0) {
        mg_raise(MG_VALUE, "lo must be non-negative");
        return 0;
    }
    return hi == -1 ? a->len : hi;
}

/* `a < b` for generated code (bisect's loop with `key=`): 1 or 0 (0 with an exception pending). */
int32_t mg_less(const MgType *t, MgSlot a, MgSlot b) {
    int32_t lt = mg_lt(t, a, b);
    return lt > 0;
}

void mg_insort(MgList *a, MgSlot x, int64_t lo, int64_t hi, int32_t right) {
    int64_t i = mg_bisect(a, x, lo, hi, right);
    if (mg_current_exc) return;
    mg_list_insert(a, i, x);
}
