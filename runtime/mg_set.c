/* set[T]: CPython 3.11's Objects/setobject.c, path for path, so that sets iterate and
 * print in CPython's order.  The order of a set is decided by its table: where each key
 * landed, which depends on the table size, the probe sequence, the dummies left by
 * deletions, and the order keys were inserted in.  So not only the probing is copied:
 * every operation takes the route CPython takes (which operand is walked, when a copy
 * or a pre-sized resize happens, the shortcuts for identical operands), and the static
 * helpers below carry the names of the CPython functions they mirror. */
#include "mg_internal.h"

#define MG_SET_MINSIZE 8
#define MG_LINEAR_PROBES 9
#define MG_PERTURB_SHIFT 5

MgSet *mg_set_new(const MgType *t) {
    MgSet *s = mg_obj_new(sizeof(MgSet), t);
    s->fill = s->used = 0;
    s->mask = MG_SET_MINSIZE - 1;
    s->finger = 0;
    s->table = calloc(MG_SET_MINSIZE, sizeof(MgSetEntry));
    if (!s->table) abort();
    return s;
}

void mg_set_free(MgSet *s) {
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].state == 1) mg_slot_decref(s->h.type->a, s->table[i].key);
    free(s->table);
}

/* ---- the table ---------------------------------------------------------------------- */

/* set_insert_clean: `key` is known to be absent and the table has no dummies. */
static void mg_set_insert_clean(MgSetEntry *table, uint64_t mask, MgSlot key, int64_t hash) {
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & mask;
    MgSetEntry *entry;
    while (1) {
        entry = &table[i];
        if (entry->state == 0) goto found_null;
        if (i + MG_LINEAR_PROBES <= mask) {
            for (int j = 0; j < MG_LINEAR_PROBES; j++) {
                entry++;
                if (entry->state == 0) goto found_null;
            }
        }
        perturb >>= MG_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_null:
    entry->key = key;
    entry->hash = hash;
    entry->state = 1;
}

/* set_table_resize: the smallest power of two above `minused`, keys reinserted in table order. */
static void mg_set_table_resize(MgSet *s, int64_t minused) {
    int64_t newsize = MG_SET_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
    /* CPython leaves a minimum-size table without dummies alone: rebuilding it could
     * move keys (reinsertion in table order is not the order they arrived in). */
    if (newsize == MG_SET_MINSIZE && s->mask == MG_SET_MINSIZE - 1 && s->fill == s->used) return;
    MgSetEntry *old = s->table;
    int64_t oldmask = s->mask;
    MgSetEntry *table = calloc((size_t)newsize, sizeof(MgSetEntry));
    if (!table) abort();
    s->mask = newsize - 1;
    s->table = table;
    s->fill = s->used;
    for (int64_t i = 0; i <= oldmask; i++)
        if (old[i].state == 1) mg_set_insert_clean(table, (uint64_t)s->mask, old[i].key, old[i].hash);
    free(old);
}

/* set_add_entry: adds `key` (borrowed; the set takes its own reference).  A key that
 * lands on a dummy reuses the *last* dummy its probe sequence passed, as CPython does. */
static void mg_set_add_entry(MgSet *s, MgSlot key, int64_t hash) {
    const MgType *t = s->h.type->a;
    MgSetEntry *freeslot = NULL, *entry;
    uint64_t mask = (uint64_t)s->mask;
    uint64_t i = (uint64_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (1) {
        entry = &s->table[i];
        int probes = (i + MG_LINEAR_PROBES <= mask) ? MG_LINEAR_PROBES : 0;
        do {
            if (entry->state == 0) goto found_unused_or_dummy;
            if (entry->state == 1) {
                if (entry->hash == hash && mg_slot_eq(t, entry->key, key)) return;
            } else {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= MG_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    mg_slot_incref(t, key);
    if (freeslot != NULL) {
        s->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        freeslot->state = 1;
        return;
    }
    s->fill++;
    s->used++;
    entry->key = key;
    entry->hash = hash;
    entry->state = 1;
    if ((uint64_t)s->fill * 5 < mask * 3) return;
    mg_set_table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

void mg_set_add(MgSet *s, MgSlot key) { mg_set_add_entry(s, key, mg_slot_hash(s->h.type->a, key)); }

/* set_lookkey, for a key that is present; NULL when it is not. */
static MgSetEntry *mg_set_lookup(const MgSet *s, MgSlot key, int64_t hash) {
    const MgType *t = s->h.type->a;
    uint64_t mask = (uint64_t)s->mask;
    uint64_t i = (uint64_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (1) {
        MgSetEntry *entry = &s->table[i];
        int probes = (i + MG_LINEAR_PROBES <= mask) ? MG_LINEAR_PROBES : 0;
        do {
            if (entry->state == 0) return NULL;
            if (entry->state == 1 && entry->hash == hash && mg_slot_eq(t, entry->key, key)) return entry;
            entry++;
        } while (probes--);
        perturb >>= MG_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

int32_t mg_set_contains(const MgSet *s, MgSlot key) { return mg_set_lookup(s, key, mg_slot_hash(s->h.type->a, key)) != NULL; }

int64_t mg_set_len(const MgSet *s) { return s->used; }

/* set_discard_entry: leaves a dummy; returns 1 if the key was present. */
static int32_t mg_set_discard_entry(MgSet *s, MgSlot key, int64_t hash) {
    MgSetEntry *e = mg_set_lookup(s, key, hash);
    if (!e) return 0;
    MgSlot old = e->key;
    e->state = 2;
    e->hash = -1;
    s->used--;
    mg_slot_decref(s->h.type->a, old);
    return 1;
}

int32_t mg_set_discard(MgSet *s, MgSlot key) { return mg_set_discard_entry(s, key, mg_slot_hash(s->h.type->a, key)); }

void mg_set_remove(MgSet *s, MgSlot key) {
    if (mg_set_discard(s, key)) return;
    MgBuf b = {0, 0, 0};
    mg_slot_repr_into(&b, s->h.type->a, key);
    mg_raise(MG_KEY, b.data);
    free(b.data);
}

/* set_clear_internal: back to an empty minimum-size table (the finger stays). */
static void mg_set_clear_internal(MgSet *s) {
    MgSetEntry *old = s->table;
    int64_t oldmask = s->mask;
    s->table = calloc(MG_SET_MINSIZE, sizeof(MgSetEntry));
    if (!s->table) abort();
    s->mask = MG_SET_MINSIZE - 1;
    s->fill = s->used = 0;
    for (int64_t i = 0; i <= oldmask; i++)
        if (old[i].state == 1) mg_slot_decref(s->h.type->a, old[i].key);
    free(old);
}

void mg_set_clear(MgSet *s) { mg_set_clear_internal(s); }

/* set_pop: the first active entry at or after the finger, wrapping around.
 * Returns the key, owned by the caller. */
MgSlot mg_set_pop(MgSet *s) {
    if (s->used == 0) {
        mg_raise(MG_KEY, "'pop from an empty set'");
        return 0;
    }
    MgSetEntry *entry = s->table + (s->finger & s->mask);
    MgSetEntry *limit = s->table + s->mask;
    while (entry->state != 1) {
        entry++;
        if (entry > limit) entry = s->table;
    }
    MgSlot key = entry->key;
    entry->state = 2;
    entry->hash = -1;
    s->used--;
    s->finger = entry - s->table + 1;
    return key;
}

/* set_swap_bodies: exchanges the tables (not the fingers). */
static void mg_set_swap_bodies(MgSet *a, MgSet *b) {
    int64_t t;
    t = a->fill, a->fill = b->fill, b->fill = t;
    t = a->used, a->used = b->used, b->used = t;
    t = a->mask, a->mask = b->mask, b->mask = t;
    MgSetEntry *table = a->table;
    a->table = b->table;
    b->table = table;
}

/* ---- building sets from other sets --------------------------------------------------- */

/* set_merge (set_update_internal with a set): one resize up front, then a copy of the
 * table when it has the same size and no dummies, or clean inserts into an empty table,
 * or ordinary insertions. */
static void mg_set_merge(MgSet *s, const MgSet *other) {
    if (other == s || other->used == 0) return;
    if ((s->fill + other->used) * 5 >= s->mask * 3) mg_set_table_resize(s, (s->used + other->used) * 2);
    const MgType *t = s->h.type->a;
    if (s->fill == 0 && s->mask == other->mask && other->fill == other->used) {
        for (int64_t i = 0; i <= other->mask; i++) {
            if (other->table[i].state == 1) {
                mg_slot_incref(t, other->table[i].key);
                s->table[i] = other->table[i];
            }
        }
        s->fill = other->fill;
        s->used = other->used;
        return;
    }
    if (s->fill == 0) {
        s->fill = s->used = other->used;
        for (int64_t i = 0; i <= other->mask; i++) {
            if (other->table[i].state == 1) {
                mg_slot_incref(t, other->table[i].key);
                mg_set_insert_clean(s->table, (uint64_t)s->mask, other->table[i].key, other->table[i].hash);
            }
        }
        return;
    }
    for (int64_t i = 0; i <= other->mask; i++)
        if (other->table[i].state == 1) mg_set_add_entry(s, other->table[i].key, other->table[i].hash);
}

/* set_copy, and set(s): a new set merged from `a`. */
MgSet *mg_set_copy(const MgSet *a) {
    MgSet *s = mg_set_new(a->h.type);
    mg_set_merge(s, a);
    return s;
}

/* A set literal whose items are all constants and at least three: CPython's compiler
 * builds a frozenset constant (items added in source order), then its constant merging
 * rebuilds that frozenset from its own iteration order, and at run time the literal
 * merges the result into a new set.  Each step can reorder colliding keys. */
/* The frozenset constant itself, as the compiler's constant merging rebuilds it. */
MgSet *mg_set_frozen_constant(MgSet *frozen) {
    MgSet *rebuilt = mg_set_new(frozen->h.type);
    for (int64_t i = 0; i <= frozen->mask; i++)
        if (frozen->table[i].state == 1) mg_set_add_entry(rebuilt, frozen->table[i].key, frozen->table[i].hash);
    mg_decref(frozen);
    return rebuilt;
}

MgSet *mg_set_from_constants(MgSet *frozen) {
    MgSet *rebuilt = mg_set_frozen_constant(frozen);
    MgSet *s = mg_set_copy(rebuilt);
    mg_decref(rebuilt);
    return s;
}

/* set(xs) for a list (and for a str, through the list of its characters): items added one by one. */
MgSet *mg_set_from_list(const MgList *l, const MgType *t) {
    MgSet *s = mg_set_new(t);
    for (int64_t i = 0; i < l->len; i++) mg_set_add(s, l->items[i]);
    return s;
}

/* set(d): set_update_internal's dict path, one resize up front, then the keys in dict order. */
MgSet *mg_set_from_dict(const MgDict *d, const MgType *t) {
    MgSet *s = mg_set_new(t);
    if ((s->fill + d->len) * 5 >= s->mask * 3) mg_set_table_resize(s, (s->used + d->len) * 2);
    for (int64_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].live) mg_set_add_entry(s, d->entries[i].key, d->entries[i].hash);
    return s;
}

/* ---- the operations: CPython's functions, then the entry points codegen calls -------- */

/* set_intersection: a copy when both operands are the same object; otherwise the
 * smaller operand (the right one on a tie) is walked and its keys found in the other
 * are added one by one. */
static MgSet *set_intersection(const MgSet *so, const MgSet *other) {
    if (so == other) return mg_set_copy(so);
    MgSet *result = mg_set_new(so->h.type);
    if (other->used > so->used) {
        const MgSet *t = so;
        so = other;
        other = t;
    }
    for (int64_t i = 0; i <= other->mask; i++) {
        const MgSetEntry *e = &other->table[i];
        if (e->state == 1 && mg_set_lookup(so, e->key, e->hash)) mg_set_add_entry(result, e->key, e->hash);
    }
    return result;
}

/* set_difference_update_internal: `s -= s` clears; a much larger `other` is first
 * intersected with `s`; then `other`'s keys are discarded, and if more than a quarter
 * of the table are dummies, the table is rebuilt. */
static void set_difference_update_internal(MgSet *s, const MgSet *other) {
    if (s == other) {
        mg_set_clear_internal(s);
        return;
    }
    MgSet *narrowed = NULL;
    if ((other->used >> 3) > s->used) other = narrowed = set_intersection(s, other);
    for (int64_t i = 0; i <= other->mask; i++)
        if (other->table[i].state == 1) mg_set_discard_entry(s, other->table[i].key, other->table[i].hash);
    if (narrowed) mg_decref(narrowed);
    if ((uint64_t)(s->fill - s->used) <= (uint64_t)s->mask / 4) return;
    mg_set_table_resize(s, s->used > 50000 ? s->used * 2 : s->used * 4);
}

/* set_difference: a copy with `other` taken out when `so` is much larger (set_copy_and_difference);
 * otherwise `so` is walked and the keys missing from `other` added one by one. */
static MgSet *set_difference(const MgSet *so, const MgSet *other) {
    if ((so->used >> 2) > other->used) {
        MgSet *result = mg_set_copy(so);
        set_difference_update_internal(result, other);
        return result;
    }
    MgSet *result = mg_set_new(so->h.type);
    for (int64_t i = 0; i <= so->mask; i++) {
        const MgSetEntry *e = &so->table[i];
        if (e->state == 1 && !mg_set_lookup(other, e->key, e->hash)) mg_set_add_entry(result, e->key, e->hash);
    }
    return result;
}

/* set_symmetric_difference_update: `s ^= s` clears; otherwise `other` is walked, each key
 * discarded from `s`, or added when it was not there. */
static void set_symmetric_difference_update(MgSet *s, const MgSet *other) {
    if (s == other) {
        mg_set_clear_internal(s);
        return;
    }
    for (int64_t i = 0; i <= other->mask; i++) {
        const MgSetEntry *e = &other->table[i];
        if (e->state == 1 && !mg_set_discard_entry(s, e->key, e->hash)) mg_set_add_entry(s, e->key, e->hash);
    }
}

/* s.union(*others) and s | t (set_union, set_or): a copy of `so`, then each other set
 * merged in, skipping `so` itself. */
MgSet *mg_set_union(const MgSet *so, MgSet **others, int64_t n) {
    MgSet *result = mg_set_copy(so);
    for (int64_t i = 0; i < n; i++)
        if (others[i] != so) mg_set_merge(result, others[i]);
    return result;
}

/* s.intersection(*others) and s & t (set_intersection_multi, set_and). */
MgSet *mg_set_intersection(const MgSet *so, MgSet **others, int64_t n) {
    if (n == 0) return mg_set_copy(so);
    MgSet *result = set_intersection(so, others[0]);
    for (int64_t i = 1; i < n; i++) {
        MgSet *next = set_intersection(result, others[i]);
        mg_decref(result);
        result = next;
    }
    return result;
}

/* s.difference(*others) and s - t (set_difference_multi, set_sub). */
MgSet *mg_set_difference(const MgSet *so, MgSet **others, int64_t n) {
    if (n == 0) return mg_set_copy(so);
    MgSet *result = set_difference(so, others[0]);
    for (int64_t i = 1; i < n; i++) set_difference_update_internal(result, others[i]);
    return result;
}

/* s.symmetric_difference(t) and s ^ t: a copy of `t` updated with `so`. */
MgSet *mg_set_symmetric_difference(const MgSet *so, const MgSet *other) {
    MgSet *result = mg_set_copy(other);
    set_symmetric_difference_update(result, so);
    return result;
}

/* s.update(*others) and s |= t. */
void mg_set_update(MgSet *s, MgSet **others, int64_t n) {
    for (int64_t i = 0; i < n; i++) mg_set_merge(s, others[i]);
}

/* s.intersection_update(*others) and s &= t: the intersection is built as a new set,
 * whose table then replaces the receiver's (set_swap_bodies). */
void mg_set_intersection_update(MgSet *s, MgSet **others, int64_t n) {
    MgSet *tmp = mg_set_intersection(s, others, n);
    mg_set_swap_bodies(s, tmp);
    mg_decref(tmp);
}

/* s.difference_update(*others) and s -= t. */
void mg_set_difference_update(MgSet *s, MgSet **others, int64_t n) {
    for (int64_t i = 0; i < n; i++) set_difference_update_internal(s, others[i]);
}

/* s.symmetric_difference_update(t) and s ^= t. */
void mg_set_symmetric_difference_update(MgSet *s, const MgSet *other) { set_symmetric_difference_update(s, other); }

/* ---- predicates and comparisons (their results do not depend on the tables' order) --- */

/* set_issubset. */
int32_t mg_set_issubset(const MgSet *a, const MgSet *b) {
    if (a->used > b->used) return 0;
    for (int64_t i = 0; i <= a->mask; i++)
        if (a->table[i].state == 1 && !mg_set_lookup(b, a->table[i].key, a->table[i].hash)) return 0;
    return 1;
}

int32_t mg_set_issuperset(const MgSet *a, const MgSet *b) { return mg_set_issubset(b, a); }

/* set_isdisjoint: walks the smaller operand. */
int32_t mg_set_isdisjoint(const MgSet *a, const MgSet *b) {
    if (a == b) return a->used == 0;
    if (b->used > a->used) {
        const MgSet *t = a;
        a = b;
        b = t;
    }
    for (int64_t i = 0; i <= b->mask; i++)
        if (b->table[i].state == 1 && mg_set_lookup(a, b->table[i].key, b->table[i].hash)) return 0;
    return 1;
}

int32_t mg_set_eq(const MgSet *a, const MgSet *b) { return a->used == b->used && mg_set_issubset(a, b); }

/* set_richcompare for `<` (op 0), `<=` (1), `>` (2), `>=` (3): subset and superset tests. */
int32_t mg_set_order(const MgSet *a, const MgSet *b, int32_t op) {
    switch (op) {
    case 0: return a->used < b->used && mg_set_issubset(a, b);
    case 1: return mg_set_issubset(a, b);
    case 2: return a->used > b->used && mg_set_issuperset(a, b);
    default: return mg_set_issuperset(a, b);
    }
}

/* ---- iteration and printing --------------------------------------------------------- */

/* Iteration: the next active entry at or after `pos`, or -1. */
int64_t mg_set_next(const MgSet *s, int64_t pos) {
    while (pos <= s->mask && s->table[pos].state != 1) pos++;
    return pos <= s->mask ? pos : -1;
}

MgSlot mg_set_entry_key(const MgSet *s, int64_t pos) { return s->table[pos].key; }

MgList *mg_set_to_list(const MgSet *s, const MgType *list_t) {
    MgList *l = mg_list_new(list_t, s->used);
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].state == 1) mg_list_append(l, s->table[i].key);
    return l;
}

void mg_set_repr_into(MgBuf *b, const MgType *t, const MgSet *s) {
    if (s->used == 0) {
        mg_buf_puts(b, "set()");
        return;
    }
    mg_buf_puts(b, "{");
    int first = 1;
    for (int64_t i = 0; i <= s->mask; i++) {
        if (s->table[i].state != 1) continue;
        if (!first) mg_buf_puts(b, ", ");
        first = 0;
        mg_slot_repr_into(b, t->a, s->table[i].key);
    }
    mg_buf_puts(b, "}");
}

/* A display of constants (see mg_list_from_slots), added one by one in source order as
 * BUILD_SET does; codegen then applies mg_set_from_constants or mg_set_frozen_constant
 * when CPython builds that display another way (ir::SetBuild). */
MgSet *mg_set_from_slots(const MgType *t, const MgSlot *slots, int64_t n) {
    MgSet *s = mg_set_new(t);
    for (int64_t i = 0; i < n; i++) mg_set_add(s, slots[i]);
    return s;
}
