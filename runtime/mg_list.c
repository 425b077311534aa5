/* list[T]: a growable array of slots.  Append is hot: it is in mg_hot.c, and inlined
 * into generated code, which reads and writes elements itself. */
#include "mg_internal.h"

/* For hosts (the executor): generated code reads lengths and elements inline. */
int64_t mg_list_len(const MgList *l) { return l->len; }

/* Borrowed element `idx` (negative counts from the end). */
MgSlot mg_list_get(const MgList *l, int64_t idx) {
    if (idx < 0) idx += l->len;
    if ((uint64_t)idx >= (uint64_t)l->len) {
        mg_raise(MG_INDEX, "list index out of range");
        return 0;
    }
    return l->items[idx];
}

MgList *mg_list_new(const MgType *t, int64_t cap) {
    MgList *l = mg_obj_new(sizeof(MgList), t);
    l->len = 0;
    l->cap = cap > 0 ? cap : 0;
    if (l->cap > INT64_MAX / (int64_t)sizeof(MgSlot)) mg_out_of_memory();
    l->items = l->cap ? mg_alloc((size_t)l->cap * sizeof(MgSlot)) : NULL;
    return l;
}

/* xs.clear(): the list is empty before any item is released, as CPython's list_clear. */
void mg_list_clear(MgList *l) {
    MgSlot *items = l->items;
    int64_t n = l->len;
    l->items = NULL;
    l->len = l->cap = 0;
    if (mg_is_obj(l->h.type->a))
        for (int64_t i = 0; i < n; i++) mg_decref((void *)(uintptr_t)items[i]);
    free(items);
}

static void mg_list_reserve(MgList *l, int64_t n) {
    if (n <= l->cap) return;
    int64_t cap = l->cap ? l->cap : 4;
    while (cap < n) cap += cap >> 1 > 4 ? cap >> 1 : 4;
    l->items = mg_realloc(l->items, (size_t)cap * sizeof(MgSlot));
    l->cap = cap;
}

void mg_list_grow(MgList *l) { mg_list_reserve(l, l->len + 1); }

MgSlot mg_list_pop(MgList *l, int64_t idx, int32_t has_idx) {
    if (l->len == 0) {
        mg_raise(MG_INDEX, "pop from empty list");
        return 0;
    }
    if (!has_idx) idx = l->len - 1;
    if (idx < 0) idx += l->len;
    if (idx < 0 || idx >= l->len) {
        mg_raise(MG_INDEX, "pop index out of range");
        return 0;
    }
    MgSlot v = l->items[idx];
    memmove(l->items + idx, l->items + idx + 1, (size_t)(l->len - idx - 1) * sizeof(MgSlot));
    l->len--;
    return v; /* the list's reference passes to the caller */
}

void mg_list_insert(MgList *l, int64_t idx, MgSlot v) {
    if (idx < 0) {
        idx += l->len;
        if (idx < 0) idx = 0;
    }
    if (idx > l->len) idx = l->len;
    mg_list_reserve(l, l->len + 1);
    memmove(l->items + idx + 1, l->items + idx, (size_t)(l->len - idx) * sizeof(MgSlot));
    mg_slot_incref(l->h.type->a, v);
    l->items[idx] = v;
    l->len++;
}

void mg_list_extend(MgList *l, const MgList *other) {
    int64_t n = other->len; /* `l.extend(l)` doubles the list once */
    mg_list_reserve(l, l->len + n);
    memcpy(l->items + l->len, other->items, (size_t)n * sizeof(MgSlot));
    if (mg_is_obj(l->h.type->a))
        for (int64_t i = 0; i < n; i++) mg_incref((void *)(uintptr_t)other->items[i]);
    l->len += n;
}

static int64_t mg_list_find(const MgList *l, MgSlot v) {
    for (int64_t i = 0; i < l->len; i++)
        if (mg_slot_eq(l->h.type->a, l->items[i], v)) return i;
    return -1;
}

int32_t mg_list_contains(const MgList *l, MgSlot v) { return mg_list_find(l, v) >= 0; }

void mg_list_remove(MgList *l, MgSlot v) {
    int64_t i = mg_list_find(l, v);
    if (i < 0) {
        mg_raise(MG_VALUE, "list.remove(x): x not in list");
        return;
    }
    MgSlot old = mg_list_pop(l, i, 1);
    mg_slot_decref(l->h.type->a, old);
}

/* list.index(x, start, stop) (tuple.index too): start and stop clamped as slice bounds
 * (negative ones count from the end); `mg_list_index` is the whole list. */
int64_t mg_list_index_range(const MgList *l, MgSlot v, int64_t start, int64_t stop) {
    if (start < 0) start = start + l->len < 0 ? 0 : start + l->len;
    if (stop < 0) stop = stop + l->len < 0 ? 0 : stop + l->len;
    int64_t i = -1;
    /* The length is read at each step: an __eq__ may shrink the list (CPython's loop). */
    for (int64_t k = start; k < stop && k < l->len; k++) {
        if (mg_slot_eq(l->h.type->a, l->items[k], v)) {
            i = k;
            break;
        }
    }
    if (i < 0 && l->h.type->kind == MG_T_VARTUPLE) {
        mg_raise(MG_VALUE, "tuple.index(x): x not in tuple");
    } else if (i < 0) {
        MgBuf b = {0, 0, 0};
        mg_slot_repr_into(&b, l->h.type->a, v);
        mg_buf_puts(&b, " is not in list");
        mg_raise(MG_VALUE, b.data);
        free(b.data);
    }
    return i;
}

int64_t mg_list_index(const MgList *l, MgSlot v) { return mg_list_index_range(l, v, 0, INT64_MAX); }

int64_t mg_list_count(const MgList *l, MgSlot v) {
    int64_t n = 0;
    for (int64_t i = 0; i < l->len; i++) n += mg_slot_eq(l->h.type->a, l->items[i], v);
    return n;
}

void mg_list_reverse(MgList *l) {
    for (int64_t i = 0, j = l->len - 1; i < j; i++, j--) {
        MgSlot t = l->items[i];
        l->items[i] = l->items[j];
        l->items[j] = t;
    }
}

/* Stable merge sort with Python's `<` of records of `w` slots (an item; or a key and its
 * item, for `key=`), ordered by their first slot. */
static void mg_merge_sort(const MgType *t, MgSlot *a, MgSlot *tmp, int64_t n, int w) {
    size_t rec = (size_t)w * sizeof(MgSlot);
    if (n < 2) return;
    if (n <= 16) {
        MgSlot v[2];
        for (int64_t i = 1; i < n; i++) {
            memcpy(v, a + i * w, rec);
            int64_t j = i;
            while (j > 0 && mg_slot_cmp(t, v[0], a[(j - 1) * w]) == -1) {
                memcpy(a + j * w, a + (j - 1) * w, rec);
                j--;
            }
            memcpy(a + j * w, v, rec);
        }
        return;
    }
    int64_t mid = n / 2;
    mg_merge_sort(t, a, tmp, mid, w);
    mg_merge_sort(t, a + mid * w, tmp, n - mid, w);
    int64_t i = 0, j = mid, k = 0;
    while (i < mid && j < n) {
        int64_t from = mg_slot_cmp(t, a[j * w], a[i * w]) == -1 ? j++ : i++;
        memcpy(tmp + (k++) * w, a + from * w, rec);
    }
    while (i < mid) memcpy(tmp + (k++) * w, a + (i++) * w, rec);
    while (j < n) memcpy(tmp + (k++) * w, a + (j++) * w, rec);
    memcpy(a, tmp, (size_t)n * rec);
}

/* Reverses `n` records of `w` slots. */
static void mg_reverse_records(MgSlot *a, int64_t n, int w) {
    MgSlot t[2];
    size_t rec = (size_t)w * sizeof(MgSlot);
    for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
        memcpy(t, a + i * w, rec);
        memcpy(a + i * w, a + j * w, rec);
        memcpy(a + j * w, t, rec);
    }
}

/* As CPython: `reverse` reverses, sorts stably and reverses back, so that equal items keep
 * their order. */
static void mg_sort_records(const MgType *t, MgSlot *a, int64_t n, int w, int32_t reverse) {
    if (reverse) mg_reverse_records(a, n, w);
    MgSlot *tmp = mg_alloc((size_t)(n ? n : 1) * (size_t)w * sizeof(MgSlot));
    mg_merge_sort(t, a, tmp, n, w);
    free(tmp);
    if (reverse) mg_reverse_records(a, n, w);
}

void mg_list_sort(MgList *l, int32_t reverse) { mg_sort_records(l->h.type->a, l->items, l->len, 1, reverse); }

/* `l.sort(key=...)`: `keys` holds the key of each item (computed by generated code, in
 * order, as CPython calls the key function before comparing anything). */
void mg_list_sort_keyed(MgList *l, const MgList *keys, int32_t reverse) {
    int64_t n = l->len < keys->len ? l->len : keys->len;
    MgSlot *pairs = mg_alloc((size_t)(n ? n : 1) * 2 * sizeof(MgSlot));
    for (int64_t i = 0; i < n; i++) {
        pairs[2 * i] = keys->items[i];
        pairs[2 * i + 1] = l->items[i];
    }
    mg_sort_records(keys->h.type->a, pairs, n, 2, reverse);
    for (int64_t i = 0; i < n; i++) l->items[i] = pairs[2 * i + 1];
    free(pairs);
}

MgList *mg_list_copy(const MgList *l) {
    MgList *r = mg_list_new(l->h.type, l->len);
    mg_list_extend(r, l);
    return r;
}

/* A copy of `l` of type `t`: a list of a `tuple[T, ...]` (or the other way round). */
MgList *mg_list_copy_as(const MgList *l, const MgType *t) {
    MgList *r = mg_list_new(t, l->len);
    mg_list_extend(r, l);
    return r;
}

MgList *mg_list_sorted(const MgList *l, int32_t reverse) {
    MgList *r = mg_list_copy(l);
    mg_list_sort(r, reverse);
    return r;
}

MgList *mg_list_sorted_keyed(const MgList *l, const MgList *keys, int32_t reverse) {
    MgList *r = mg_list_copy(l);
    mg_list_sort_keyed(r, keys, reverse);
    return r;
}

MgList *mg_list_concat(const MgList *a, const MgList *b) {
    MgList *r = mg_list_new(a->h.type, a->len + b->len);
    mg_list_extend(r, a);
    mg_list_extend(r, b);
    return r;
}

MgList *mg_list_repeat(const MgList *a, int64_t n) {
    int64_t total = 0;
    if (n > 0 && __builtin_mul_overflow(a->len, n, &total)) {
        mg_raise(MG_OVERFLOW, "cannot fit 'int' into an index-sized integer");
        return NULL;
    }
    MgList *r = mg_list_new(a->h.type, total);
    if (total == 0) return r;
    if (a->len == 1 && !mg_is_obj(a->h.type->a)) {
        MgSlot v = a->items[0];
        for (int64_t i = 0; i < total; i++) r->items[i] = v;
        r->len = total;
        return r;
    }
    for (int64_t i = 0; i < n; i++) mg_list_extend(r, a);
    return r;
}

int32_t mg_list_eq(const MgList *a, const MgList *b) {
    if (a->len != b->len) return 0;
    for (int64_t i = 0; i < a->len; i++)
        if (!mg_slot_eq(a->h.type->a, a->items[i], b->items[i])) return 0;
    return 1;
}

/* Lexicographic, as Python compares lists. */
int32_t mg_list_cmp(const MgList *a, const MgList *b) {
    int64_t n = a->len < b->len ? a->len : b->len;
    for (int64_t i = 0; i < n; i++) {
        if (mg_slot_eq(a->h.type->a, a->items[i], b->items[i])) continue;
        return mg_slot_cmp(a->h.type->a, a->items[i], b->items[i]);
    }
    return a->len < b->len ? -1 : a->len > b->len;
}

MgList *mg_list_slice(const MgList *l, int64_t start, int64_t stop, int64_t step, int32_t flags) {
    int64_t n = mg_slice_indices(l->len, &start, &stop, step, flags);
    if (n < 0) return NULL;
    MgList *r = mg_list_new(l->h.type, n);
    for (int64_t i = 0, idx = start; i < n; i++, idx += step) {
        mg_slot_incref(l->h.type->a, l->items[idx]);
        r->items[r->len++] = l->items[idx];
    }
    return r;
}

void mg_list_delitem(MgList *l, int64_t idx) {
    if (idx < 0) idx += l->len;
    if (idx < 0 || idx >= l->len) {
        mg_raise(MG_INDEX, "list assignment index out of range");
        return;
    }
    MgSlot old = mg_list_pop(l, idx, 1);
    mg_slot_decref(l->h.type->a, old);
}

/* sum() of a list of ints or floats (plain left-to-right addition, as CPython 3.11).
 * The int sum is one operation: OverflowError only when its exact result does not fit,
 * not when a partial sum leaves 64 bits on the way ([2**63-1, 1, -1] sums to 2**63-1).
 * A 128-bit accumulator cannot overflow: it would take 2**64 items. */
int64_t mg_list_sum_int(const MgList *l, int64_t start) {
    __int128 acc = start;
    for (int64_t i = 0; i < l->len; i++) acc += (int64_t)l->items[i];
    if (acc > INT64_MAX || acc < INT64_MIN) {
        mg_raise_overflow();
        return 0;
    }
    return (int64_t)acc;
}

double mg_list_sum_float(const MgList *l, double start) {
    double acc = start;
    for (int64_t i = 0; i < l->len; i++) acc += mg_slot_f(l->items[i]);
    return acc;
}

/* min()/max() of a list: the first extreme element, borrowed. */
MgSlot mg_list_minmax(const MgList *l, int32_t is_max) {
    if (l->len == 0) {
        mg_raise(MG_VALUE, is_max ? "max() arg is an empty sequence" : "min() arg is an empty sequence");
        return 0;
    }
    MgSlot best = l->items[0];
    const MgType *t = l->h.type->a;
    for (int64_t i = 1; i < l->len; i++) {
        int32_t better;
        if (t->kind == MG_T_INSTANCE) {
            /* CPython's one rich comparison per item: `item < best` for min, `item > best`
             * for max, which a class with only `__lt__` answers as `best < item`. */
            better = is_max ? mg_instance_lt(best, l->items[i]) : mg_instance_lt(l->items[i], best);
            if (better < 0) return 0;
        } else {
            int32_t c = mg_slot_cmp(t, l->items[i], best);
            better = (is_max && c == 1) || (!is_max && c == -1);
        }
        if (better) best = l->items[i];
    }
    return best;
}

/* min()/max() with `key=`: the first item whose key is extreme, borrowed. */
MgSlot mg_list_minmax_keyed(const MgList *l, const MgList *keys, int32_t is_max) {
    if (l->len == 0 || keys->len == 0) {
        mg_raise(MG_VALUE, is_max ? "max() arg is an empty sequence" : "min() arg is an empty sequence");
        return 0;
    }
    int64_t best = 0;
    for (int64_t i = 1; i < keys->len && i < l->len; i++) {
        int32_t c = mg_slot_cmp(keys->h.type->a, keys->items[i], keys->items[best]);
        if ((is_max && c == 1) || (!is_max && c == -1)) best = i;
    }
    return l->items[best];
}

/* any()/all() of a list. */
int32_t mg_list_any_all(const MgList *l, int32_t want_all) {
    for (int64_t i = 0; i < l->len; i++) {
        int32_t truth = mg_slot_truth(l->h.type->a, l->items[i]);
        if (want_all && !truth) return 0;
        if (!want_all && truth) return 1;
    }
    return want_all;
}

/* list(range(start, stop, step)). */
MgList *mg_list_range(int64_t start, int64_t stop, int64_t step, const MgType *t) {
    if (step == 0) {
        mg_raise(MG_VALUE, "range() arg 3 must not be zero");
        return NULL;
    }
    int64_t n = 0;
    if (step > 0 && start < stop) n = (int64_t)(((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1);
    if (step < 0 && start > stop) n = (int64_t)(((uint64_t)start - (uint64_t)stop - 1) / ((uint64_t)(-(step + 1)) + 1) + 1);
    MgList *l = mg_list_new(t, n);
    for (int64_t i = 0; i < n; i++) l->items[i] = (MgSlot)(start + i * step);
    l->len = n;
    return l;
}

/* sys.argv: the program's arguments, with the Python file's name as argv[0] in
 * both modes (an AOT executable's own path would differ from CPython's). */
MgList *mg_sys_argv(const MgType *t, const char *script) {
    MgList *l = mg_list_new(t, mg_argc > 0 ? mg_argc : 1);
    for (int i = 0; i < (mg_argc > 0 ? mg_argc : 1); i++) {
        MgStr *arg = mg_str_from_os(i == 0 ? script : mg_argv[i]);
        mg_list_append(l, (MgSlot)(uintptr_t)arg);
        mg_decref(arg);
    }
    return l;
}

/* list(s) of a str: its characters. */
MgList *mg_list_from_str(const MgStr *s, const MgType *t) {
    MgList *l = mg_list_new(t, s->nchars);
    int64_t pos = 0;
    while (pos < s->len) {
        MgStr *c = mg_str_next_char(s, &pos);
        l->items[l->len++] = (MgSlot)(uintptr_t)c;
    }
    return l;
}

/* A display whose items are all constants: codegen emits them as a constant array of slots
 * (str items point to immortal literals) and builds the list with one call. */
MgList *mg_list_from_slots(const MgType *t, const MgSlot *slots, int64_t n) {
    MgList *l = mg_list_new(t, n);
    if (n > 0) memcpy(l->items, slots, (size_t)n * sizeof(MgSlot));
    l->len = n;
    if (mg_is_obj(t->a))
        for (int64_t i = 0; i < n; i++) mg_incref((void *)(uintptr_t)slots[i]);
    return l;
}

/* `xs *= n` (list_inplace_repeat): the list itself repeated, so aliases see it; n <= 0
 * empties it. */
void mg_list_irepeat(MgList *l, int64_t n) {
    if (n <= 0 || l->len == 0) {
        if (mg_is_obj(l->h.type->a))
            for (int64_t i = 0; i < l->len; i++) mg_decref((void *)(uintptr_t)l->items[i]);
        l->len = 0;
        return;
    }
    int64_t len = l->len, total;
    if (__builtin_mul_overflow(len, n, &total)) {
        mg_raise(MG_OVERFLOW, "cannot fit 'int' into an index-sized integer");
        return;
    }
    for (int64_t k = 1; k < n; k++)
        for (int64_t i = 0; i < len; i++) mg_list_append(l, l->items[i]);
}
