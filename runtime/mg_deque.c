/* collections.deque[T]: a ring buffer of slots.
 *
 * CPython's deque (Modules/_collectionsmodule.c) is a list of 64-slot blocks; what a
 * program can observe of it is the order of the items, `maxlen` trimming from the other
 * end, its messages, and `state`, the counter of mutations that makes an iterator raise
 * RuntimeError("deque mutated during iteration").  This keeps the items in one array of
 * a power-of-two capacity (item i at `(head + i) & (cap - 1)`) and bumps `state` exactly
 * where CPython does: every append and pop (also the ones maxlen trimming does), rotate
 * of more than one item, clear of a non-empty deque; not item assignment, reverse,
 * count, index, nor an extend that adds nothing. */
#include "mg_internal.h"

#define MG_AT(d, i) ((d)->items[((d)->head + (i)) & ((d)->cap - 1)])

static int mg_deque_is_obj(const MgDeque *d) { return mg_is_obj(d->h.type->a); }

MgDeque *mg_deque_new(const MgType *t, int64_t maxlen, int32_t has_maxlen) {
    if (has_maxlen && maxlen < 0) {
        mg_raise(MG_VALUE, "maxlen must be non-negative");
        return NULL;
    }
    MgDeque *d = mg_obj_new(sizeof(MgDeque), t);
    d->len = 0;
    d->cap = 0;
    d->head = 0;
    d->maxlen = has_maxlen ? maxlen : -1;
    d->state = 0;
    d->items = NULL;
    return d;
}

/* Room for one more item: doubles the array, unrolling the ring to start at 0. */
static void mg_deque_grow(MgDeque *d) {
    if (d->len < d->cap) return;
    int64_t cap = d->cap ? d->cap * 2 : 8;
    MgSlot *items = mg_alloc((size_t)cap * sizeof(MgSlot));
    for (int64_t i = 0; i < d->len; i++) items[i] = MG_AT(d, i);
    free(d->items);
    d->items = items;
    d->cap = cap;
    d->head = 0;
}

/* The leftmost item, its reference handed to the caller (the deque is not empty). */
static MgSlot mg_deque_take_left(MgDeque *d) {
    MgSlot v = d->items[d->head];
    d->head = (d->head + 1) & (d->cap - 1);
    d->len--;
    d->state++;
    return v;
}

static MgSlot mg_deque_take_right(MgDeque *d) {
    MgSlot v = MG_AT(d, d->len - 1);
    d->len--;
    d->state++;
    return v;
}

/* Appends `v` (a reference the deque now owns), trimming the left end past maxlen. */
static void mg_deque_push_right(MgDeque *d, MgSlot v) {
    mg_deque_grow(d);
    MG_AT(d, d->len) = v;
    d->len++;
    if (d->maxlen >= 0 && d->len > d->maxlen) mg_slot_decref(d->h.type->a, mg_deque_take_left(d));
    else d->state++;
}

static void mg_deque_push_left(MgDeque *d, MgSlot v) {
    mg_deque_grow(d);
    d->head = (d->head - 1) & (d->cap - 1);
    d->items[d->head] = v;
    d->len++;
    if (d->maxlen >= 0 && d->len > d->maxlen) mg_slot_decref(d->h.type->a, mg_deque_take_right(d));
    else d->state++;
}

void mg_deque_append(MgDeque *d, MgSlot v) {
    mg_slot_incref(d->h.type->a, v);
    mg_deque_push_right(d, v);
}

void mg_deque_appendleft(MgDeque *d, MgSlot v) {
    mg_slot_incref(d->h.type->a, v);
    mg_deque_push_left(d, v);
}

/* pop() (left == 0) and popleft(): the item's reference passes to the caller. */
MgSlot mg_deque_pop(MgDeque *d, int32_t left) {
    if (d->len == 0) {
        mg_raise(MG_INDEX, "pop from an empty deque");
        return 0;
    }
    return left ? mg_deque_take_left(d) : mg_deque_take_right(d);
}

/* extend(xs) / extendleft(xs) of a list (the checker turns other iterables into one).
 * With maxlen 0 CPython only consumes the iterable. */
void mg_deque_extend(MgDeque *d, const MgList *xs, int32_t left) {
    if (d->maxlen == 0) return;
    int64_t n = xs->len;
    for (int64_t i = 0; i < n; i++) {
        MgSlot v = xs->items[i];
        mg_slot_incref(d->h.type->a, v);
        if (left) mg_deque_push_left(d, v);
        else mg_deque_push_right(d, v);
    }
}

MgDeque *mg_deque_from_list(const MgType *t, const MgList *xs, int64_t maxlen, int32_t has_maxlen) {
    MgDeque *d = mg_deque_new(t, maxlen, has_maxlen);
    if (d) mg_deque_extend(d, xs, 0);
    return d;
}

/* The items, in order, as a new list of type `t`: list(d), and what sum(d), sorted(d) ... read. */
MgList *mg_deque_to_list(const MgDeque *d, const MgType *t) {
    MgList *l = mg_list_new(t, d->len);
    for (int64_t i = 0; i < d->len; i++) {
        MgSlot v = MG_AT(d, i);
        mg_slot_incref(d->h.type->a, v);
        l->items[i] = v;
    }
    l->len = d->len;
    return l;
}

/* `deque(d)`, `d.copy()`: the same items and maxlen. */
MgDeque *mg_deque_copy(const MgDeque *d) {
    MgDeque *c = mg_deque_new(d->h.type, d->maxlen, d->maxlen >= 0);
    for (int64_t i = 0; i < d->len; i++) mg_deque_append(c, MG_AT(d, i));
    return c;
}

/* CPython's _deque_rotate: n reduced to [-len/2, len/2]; a change of state when len > 1. */
void mg_deque_rotate(MgDeque *d, int64_t n) {
    int64_t len = d->len, half = len >> 1;
    if (len <= 1) return;
    if (n > half || n < -half) {
        n %= len;
        if (n > half) n -= len;
        else if (n < -half) n += len;
    }
    d->state++;
    /* Moving the head moves every item at once; the slots between the ends are free. */
    if (len < d->cap) {
        /* Items leave one end and enter the other through the free slots. */
        for (; n > 0; n--) {
            MgSlot v = MG_AT(d, len - 1);
            d->head = (d->head - 1) & (d->cap - 1);
            d->items[d->head] = v;
        }
        for (; n < 0; n++) {
            MgSlot v = d->items[d->head];
            d->head = (d->head + 1) & (d->cap - 1);
            MG_AT(d, len - 1) = v;
        }
    } else {
        d->head = (d->head - n) & (d->cap - 1);
    }
}

void mg_deque_clear(MgDeque *d) {
    if (d->len == 0) return;
    d->state++;
    /* Empty first, release after: a released item cannot reach a half-cleared deque. */
    int64_t n = d->len, head = d->head, cap = d->cap;
    MgSlot *items = d->items;
    d->len = 0;
    d->head = 0;
    d->cap = 0;
    d->items = NULL;
    if (mg_is_obj(d->h.type->a))
        for (int64_t i = 0; i < n; i++) mg_decref((void *)(uintptr_t)items[(head + i) & (cap - 1)]);
    free(items);
}

int64_t mg_deque_len(const MgDeque *d) { return d->len; }

/* The maxlen, -1 for None. */
int64_t mg_deque_maxlen(const MgDeque *d) { return d->maxlen; }

/* Borrowed item `idx` (negative counts from the end). */
MgSlot mg_deque_get(const MgDeque *d, int64_t idx) {
    if (idx < 0) idx += d->len;
    if ((uint64_t)idx >= (uint64_t)d->len) {
        mg_raise(MG_INDEX, "deque index out of range");
        return 0;
    }
    return MG_AT(d, idx);
}

/* d[idx] = v: not a change of state for iterators (CPython's deque_ass_item). */
void mg_deque_set(MgDeque *d, int64_t idx, MgSlot v) {
    if (idx < 0) idx += d->len;
    if ((uint64_t)idx >= (uint64_t)d->len) {
        mg_raise(MG_INDEX, "deque index out of range");
        return;
    }
    mg_slot_incref(d->h.type->a, v);
    MgSlot old = MG_AT(d, idx);
    MG_AT(d, idx) = v;
    mg_slot_decref(d->h.type->a, old);
}

/* Removes item `idx` (in range), as CPython's deque_del_item: rotate, pop, rotate back. */
static void mg_deque_del_at(MgDeque *d, int64_t idx) {
    mg_deque_rotate(d, -idx);
    MgSlot v = mg_deque_take_left(d);
    mg_deque_rotate(d, idx);
    mg_slot_decref(d->h.type->a, v);
}

void mg_deque_delitem(MgDeque *d, int64_t idx) {
    if (idx < 0) idx += d->len;
    if ((uint64_t)idx >= (uint64_t)d->len) {
        mg_raise(MG_INDEX, "deque index out of range");
        return;
    }
    mg_deque_del_at(d, idx);
}

int32_t mg_deque_contains(const MgDeque *d, MgSlot v) {
    for (int64_t i = 0; i < d->len; i++)
        if (mg_slot_eq(d->h.type->a, MG_AT(d, i), v)) return 1;
    return 0;
}

int64_t mg_deque_count(const MgDeque *d, MgSlot v) {
    int64_t n = 0;
    for (int64_t i = 0; i < d->len; i++) n += mg_slot_eq(d->h.type->a, MG_AT(d, i), v);
    return n;
}

static void mg_deque_raise_missing(const MgDeque *d, MgSlot v) {
    MgBuf b = {0, 0, 0};
    mg_slot_repr_into(&b, d->h.type->a, v);
    mg_buf_puts(&b, " is not in deque");
    mg_raise(MG_VALUE, b.data);
    free(b.data);
}

/* index(x, start, stop), bounds clamped as CPython's deque_index clamps them. */
int64_t mg_deque_index(const MgDeque *d, MgSlot v, int64_t start, int64_t stop) {
    int64_t n = d->len;
    if (start < 0) start = start + n < 0 ? 0 : start + n;
    if (stop < 0) stop = stop + n < 0 ? 0 : stop + n;
    if (stop > n) stop = n;
    for (int64_t i = start; i < stop; i++)
        if (mg_slot_eq(d->h.type->a, MG_AT(d, i), v)) return i;
    mg_deque_raise_missing(d, v);
    return -1;
}

void mg_deque_remove(MgDeque *d, MgSlot v) {
    for (int64_t i = 0; i < d->len; i++) {
        if (mg_slot_eq(d->h.type->a, MG_AT(d, i), v)) {
            mg_deque_del_at(d, i);
            return;
        }
    }
    mg_deque_raise_missing(d, v);
}

/* insert(i, x): list.insert's position, IndexError when a bounded deque is full. */
void mg_deque_insert(MgDeque *d, int64_t idx, MgSlot v) {
    int64_t n = d->len;
    if (d->maxlen >= 0 && n >= d->maxlen) {
        mg_raise(MG_INDEX, "deque already at its maximum size");
        return;
    }
    if (idx >= n) {
        mg_deque_append(d, v);
        return;
    }
    if (idx <= -n || idx == 0) {
        mg_deque_appendleft(d, v);
        return;
    }
    mg_deque_rotate(d, -idx);
    if (idx < 0) mg_deque_append(d, v);
    else mg_deque_appendleft(d, v);
    mg_deque_rotate(d, idx);
}

void mg_deque_reverse(MgDeque *d) {
    for (int64_t i = 0, j = d->len - 1; i < j; i++, j--) {
        MgSlot t = MG_AT(d, i);
        MG_AT(d, i) = MG_AT(d, j);
        MG_AT(d, j) = t;
    }
}

/* The mutation counter, which a `for` loop reads when it starts. */
int64_t mg_deque_state(const MgDeque *d) { return d->state; }

/* Whether a loop at `pos` that started at `state0` has an item left (a reversed loop counts
 * down to -1); RuntimeError when the deque changed since. */
int32_t mg_deque_iter_more(const MgDeque *d, int64_t pos, int64_t state0) {
    /* A reversed iterator (pos counting down) ends after its last item before it looks at
     * the deque's state, as CPython's dequereviter_next does; the forward one looks first. */
    if (pos < 0) return 0;
    if (d->state != state0) {
        mg_raise(MG_RUNTIME, "deque mutated during iteration");
        return 0;
    }
    return pos >= 0 && pos < d->len;
}

int32_t mg_deque_eq(const MgDeque *a, const MgDeque *b) {
    if (a->len != b->len) return 0;
    for (int64_t i = 0; i < a->len; i++)
        if (!mg_slot_eq(a->h.type->a, MG_AT(a, i), MG_AT(b, i))) return 0;
    return 1;
}

/* `deque([1, 2])`, `deque([1, 2], maxlen=3)`. */
void mg_deque_repr_into(MgBuf *b, const MgType *t, const MgDeque *d) {
    mg_buf_puts(b, "deque([");
    for (int64_t i = 0; i < d->len; i++) {
        if (i) mg_buf_puts(b, ", ");
        mg_slot_repr_into(b, t->a, MG_AT(d, i));
    }
    mg_buf_puts(b, "]");
    if (d->maxlen >= 0) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, ", maxlen=%lld", (long long)d->maxlen);
        mg_buf_puts(b, tmp);
    }
    mg_buf_puts(b, ")");
}

/* For mg_dealloc: releases the items and the array. */
void mg_deque_free(MgDeque *d) {
    if (mg_deque_is_obj(d))
        for (int64_t i = 0; i < d->len; i++) mg_decref((void *)(uintptr_t)MG_AT(d, i));
    free(d->items);
}
