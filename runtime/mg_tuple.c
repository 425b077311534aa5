/* Boxed tuples: what a container slot holds for a tuple value. Generated code keeps
 * tuples unboxed (a struct of their fields) and boxes one only to store it in a container
 * or pass it to a function here; a box is immutable, its fields typed by `t->fields`. */

#include "mg_internal.h"

MgTuple *mg_tuple_new(const MgType *t) {
    MgTuple *p = mg_obj_new(sizeof(MgTuple) + (size_t)t->n * sizeof(MgSlot), t);
    p->len = t->n;
    memset(p->items, 0, (size_t)t->n * sizeof(MgSlot));
    return p;
}

/* For hosts (the executor reads results through accessors). */
MgSlot mg_tuple_item(const MgTuple *p, int64_t i) { return p->items[i]; }

void mg_tuple_free(MgTuple *p) {
    const MgType *t = p->h.type;
    for (int64_t i = 0; i < p->len; i++) mg_slot_decref(t->fields[i], p->items[i]);
}

static int mg_is_number(const MgType *t) { return t->kind == MG_T_INT || t->kind == MG_T_BOOL || t->kind == MG_T_FLOAT; }

/* Three-way comparison of two fields of possibly different types (the checker allows only
 * equal types or int/float/bool mixes): -1, 0, 1, or 2 when unordered (NaN). */
static int32_t mg_field_cmp(const MgType *ta, MgSlot x, const MgType *tb, MgSlot y) {
    if (ta->kind == tb->kind && ta->kind != MG_T_TUPLE) return mg_slot_cmp(ta, x, y);
    if (ta->kind == MG_T_TUPLE) return mg_tuple_cmp3(ta, x, tb, y);
    if (mg_is_number(ta) && mg_is_number(tb)) {
        if (ta->kind == MG_T_FLOAT && tb->kind == MG_T_FLOAT) return mg_slot_cmp(ta, x, y);
        if (ta->kind != MG_T_FLOAT && tb->kind != MG_T_FLOAT) return (int64_t)x < (int64_t)y ? -1 : (int64_t)x > (int64_t)y;
        double f;
        if (ta->kind == MG_T_FLOAT) {
            memcpy(&f, &x, sizeof f);
            int32_t c = mg_cmp_int_float((int64_t)y, f);
            return c == 2 ? 2 : -c;
        }
        memcpy(&f, &y, sizeof f);
        return mg_cmp_int_float((int64_t)x, f);
    }
    return 2;
}

static int32_t mg_field_eq(const MgType *ta, MgSlot x, const MgType *tb, MgSlot y) {
    if (ta->kind == tb->kind && ta->kind != MG_T_TUPLE) return mg_slot_eq(ta, x, y);
    return mg_field_cmp(ta, x, tb, y) == 0;
}

/* Python's tuple comparison: the first fields that differ decide, else the lengths. */
int32_t mg_tuple_cmp3(const MgType *ta, MgSlot a, const MgType *tb, MgSlot b) {
    const MgTuple *x = (const MgTuple *)(uintptr_t)a, *y = (const MgTuple *)(uintptr_t)b;
    int64_t n = x->len < y->len ? x->len : y->len;
    for (int64_t i = 0; i < n; i++) {
        if (mg_field_eq(ta->fields[i], x->items[i], tb->fields[i], y->items[i])) continue;
        return mg_field_cmp(ta->fields[i], x->items[i], tb->fields[i], y->items[i]);
    }
    return x->len < y->len ? -1 : x->len > y->len;
}

int32_t mg_tuple_eq(const MgType *ta, MgSlot a, const MgType *tb, MgSlot b) {
    const MgTuple *x = (const MgTuple *)(uintptr_t)a, *y = (const MgTuple *)(uintptr_t)b;
    if (x->len != y->len) return 0;
    for (int64_t i = 0; i < x->len; i++)
        if (!mg_field_eq(ta->fields[i], x->items[i], tb->fields[i], y->items[i])) return 0;
    return 1;
}

/* `a OP b` for tuples of possibly different types (op: 0 ==, 1 !=, 2 <, 3 <=, 4 >, 5 >=). */
int32_t mg_tuple_compare(const MgType *ta, const MgTuple *a, const MgType *tb, const MgTuple *b, int32_t op) {
    MgSlot x = (MgSlot)(uintptr_t)a, y = (MgSlot)(uintptr_t)b;
    if (op <= 1) return mg_tuple_eq(ta, x, tb, y) == (op == 0);
    int32_t c = mg_tuple_cmp3(ta, x, tb, y);
    if (c == 2) return 0;
    switch (op) {
    case 2: return c < 0;
    case 3: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
    }
}

int32_t mg_tuple_contains(const MgTuple *p, const MgType *item_t, MgSlot item) {
    for (int64_t i = 0; i < p->len; i++)
        if (mg_field_eq(p->h.type->fields[i], p->items[i], item_t, item)) return 1;
    return 0;
}

/* Unpacking a list into `before` targets, a starred one (`starred`), then `after` targets:
 * CPython's ValueError when the length does not fit. */
void mg_unpack_check(const MgList *l, int64_t before, int64_t after, int8_t starred) {
    char msg[128];
    int64_t n = l->len, want = before + after;
    if (starred) {
        if (n >= want) return;
        snprintf(msg, sizeof msg, "not enough values to unpack (expected at least %lld, got %lld)", (long long)want, (long long)n);
    } else if (n < want) {
        snprintf(msg, sizeof msg, "not enough values to unpack (expected %lld, got %lld)", (long long)want, (long long)n);
    } else if (n > want) {
        snprintf(msg, sizeof msg, "too many values to unpack (expected %lld)", (long long)want);
    } else {
        return;
    }
    mg_raise(MG_VALUE, msg);
}

/* CPython's tuplehash (xxHash-based, 3.8+), so that sets and dicts of tuples iterate in
 * CPython's order. */
/* CPython's tuple hash (xxHash-based, Objects/tupleobject.c) of `n` items, item `i` of
 * type `types[i]` (or `types[0]` for all when `one_type`). */
static int64_t mg_items_hash(const MgType *const *types, int one_type, const MgSlot *items, int64_t n) {
    const uint64_t prime1 = 11400714785074694791ULL, prime2 = 14029467366897019727ULL, prime5 = 2870177450012600261ULL;
    uint64_t acc = prime5;
    for (int64_t i = 0; i < n; i++) {
        uint64_t lane = (uint64_t)mg_slot_hash(types[one_type ? 0 : i], items[i]);
        acc += lane * prime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= prime1;
    }
    acc += (uint64_t)n ^ (prime5 ^ 3527539UL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (int64_t)acc;
}

int64_t mg_tuple_hash(const MgTuple *p) { return mg_items_hash(p->h.type->fields, 0, p->items, p->len); }

/* A `tuple[T, ...]` hashes as the tuple of its items. */
int64_t mg_vartuple_hash(const MgList *l) { return mg_items_hash(&l->h.type->a, 1, l->items, l->len); }

void mg_tuple_repr_into(MgBuf *b, const MgTuple *p) {
    mg_buf_puts(b, "(");
    for (int64_t i = 0; i < p->len; i++) {
        if (i) mg_buf_puts(b, ", ");
        mg_slot_repr_into(b, p->h.type->fields[i], p->items[i]);
    }
    mg_buf_puts(b, p->len == 1 ? ",)" : ")");
}

