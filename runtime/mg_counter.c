/* collections.Counter[T]: a dict from T to int (MgDict) marked by the shared Counter
 * factory, which changes what CPython's Counter changes: `c[k]` of a missing key is 0 and
 * inserts nothing (mg_dict_get), `del c[k]` ignores a missing key (mg_dict_del), equality
 * between Counters treats missing keys as 0, and the repr lists the most common first. */
#include "mg_internal.h"

/* Adds `n` to the count of `key`. */
static void mg_counter_add(MgDict *c, MgSlot key, int64_t n) {
    MgSlot *v = mg_dict_value_ptr(c, key); /* inserts 0 first when missing */
    if (__builtin_add_overflow((int64_t)*v, n, (int64_t *)v)) mg_raise_overflow();
}

/* Counter(xs): each item counted, in the order of first appearance. */
MgDict *mg_counter_new(const MgType *t, const MgList *items) {
    MgDict *c = mg_dict_new(t);
    c->factory = mg_counter_factory();
    mg_counter_update(c, items);
    return c;
}

void mg_counter_update(MgDict *c, const MgList *items) {
    for (int64_t i = 0; i < items->len && !mg_current_exc; i++) mg_counter_add(c, items->items[i], 1);
}

/* c.update(other) of a Counter: the counts added. */
void mg_counter_update_counts(MgDict *c, const MgDict *other) {
    /* Over a snapshot: `c.update(c)` doubles every count once. */
    int64_t n = other->n_entries;
    for (int64_t i = 0; i < n && !mg_current_exc; i++)
        if (other->entries[i].live) mg_counter_add(c, other->entries[i].key, (int64_t)other->entries[i].value);
}

int64_t mg_counter_total(const MgDict *c) {
    int64_t total = 0;
    for (int64_t i = 0; i < c->n_entries; i++)
        if (c->entries[i].live && __builtin_add_overflow(total, (int64_t)c->entries[i].value, &total)) {
            mg_raise_overflow();
            return 0;
        }
    return total;
}

/* The live entries by count, highest first, ties in insertion order (a stable sort, as
 * CPython's `sorted(..., key=itemgetter(1), reverse=True)` and `nlargest` give). */
static int64_t *mg_counter_order(const MgDict *c, int64_t *n_out) {
    int64_t n = 0;
    int64_t *ix = mg_alloc((size_t)(c->len ? c->len : 1) * sizeof(int64_t));
    for (int64_t i = 0; i < c->n_entries; i++)
        if (c->entries[i].live) ix[n++] = i;
    /* Insertion sort for short runs, merge sort otherwise: stable either way. */
    int64_t *tmp = mg_alloc((size_t)(n ? n : 1) * sizeof(int64_t));
    for (int64_t width = 1; width < n; width *= 2) {
        for (int64_t lo = 0; lo < n; lo += 2 * width) {
            int64_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            int64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                /* The right run's entry goes first only when its count is strictly higher. */
                if ((int64_t)c->entries[ix[j]].value > (int64_t)c->entries[ix[i]].value) tmp[k++] = ix[j++];
                else tmp[k++] = ix[i++];
            }
            while (i < mid) tmp[k++] = ix[i++];
            while (j < hi) tmp[k++] = ix[j++];
        }
        memcpy(ix, tmp, (size_t)n * sizeof(int64_t));
    }
    free(tmp);
    *n_out = n;
    return ix;
}

/* most_common() and most_common(n): (item, count) tuples, most common first. */
MgList *mg_counter_most_common(const MgDict *c, int64_t n, int32_t has_n, const MgType *list_t) {
    int64_t len;
    int64_t *ix = mg_counter_order(c, &len);
    if (has_n && n < len) len = n < 0 ? 0 : n;
    MgList *l = mg_list_new(list_t, len);
    for (int64_t i = 0; i < len; i++) {
        const MgDictEntry *e = &c->entries[ix[i]];
        MgTuple *t = mg_tuple_new(list_t->a);
        mg_slot_incref(c->h.type->a, e->key);
        t->items[0] = e->key;
        t->items[1] = e->value;
        mg_list_append(l, (MgSlot)(uintptr_t)t);
        mg_decref(t);
    }
    free(ix);
    return l;
}

/* list(c.elements()): each item repeated by its count (none for counts below 1), in
 * insertion order. */
MgList *mg_counter_elements(const MgDict *c, const MgType *list_t) {
    MgList *l = mg_list_new(list_t, 0);
    for (int64_t i = 0; i < c->n_entries; i++) {
        const MgDictEntry *e = &c->entries[i];
        if (!e->live) continue;
        for (int64_t k = 0; k < (int64_t)e->value; k++) mg_list_append(l, e->key);
    }
    return l;
}

/* Counter == Counter (3.10+): equal counts, a missing key counting 0. */
int32_t mg_counter_eq(const MgDict *a, const MgDict *b) {
    for (int pass = 0; pass < 2; pass++) {
        const MgDict *x = pass ? b : a, *y = pass ? a : b;
        for (int64_t i = 0; i < x->n_entries; i++) {
            if (!x->entries[i].live) continue;
            int64_t want = (int64_t)x->entries[i].value;
            if ((int64_t)mg_dict_get_default(y, x->entries[i].key, 0) != want) return 0;
        }
    }
    return 1;
}

/* `Counter({'a': 2, 'b': 1})`, most common first; `Counter()` when empty. */
void mg_counter_repr_into(MgBuf *b, const MgType *t, const MgDict *d) {
    if (d->len == 0) {
        mg_buf_puts(b, "Counter()");
        return;
    }
    int64_t n;
    int64_t *ix = mg_counter_order(d, &n);
    mg_buf_puts(b, "Counter({");
    for (int64_t i = 0; i < n; i++) {
        if (i) mg_buf_puts(b, ", ");
        mg_slot_repr_into(b, t->a, d->entries[ix[i]].key);
        mg_buf_puts(b, ": ");
        mg_slot_repr_into(b, t->b, d->entries[ix[i]].value);
    }
    mg_buf_puts(b, "})");
    free(ix);
}
