/* set[T]: CPython's setobject.c algorithm (linear probes, perturbation, the
 * same resize points), so that sets of ints iterate and print in CPython's order. */
#ifndef MG_HOT_ONLY

#define MG_SET_MINSIZE 8
#define MG_LINEAR_PROBES 9
#define MG_PERTURB_SHIFT 5

MgSet *mg_set_new(const MgType *t) {
    MgSet *s = mg_obj_alloc(sizeof(MgSet));
    s->h.rc = 1;
    s->h.type = t;
    s->fill = s->used = 0;
    s->mask = MG_SET_MINSIZE - 1;
    s->table = calloc(MG_SET_MINSIZE, sizeof(MgSetEntry));
    if (!s->table) abort();
    return s;
}

static void mg_set_free(MgSet *s) {
    for (int64_t i = 0; i <= s->mask; i++)
        if (s->table[i].state == 1) mg_slot_decref(s->h.type->a, s->table[i].key);
    free(s->table);
}

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

static void mg_set_table_resize(MgSet *s, int64_t minused) {
    int64_t newsize = MG_SET_MINSIZE;
    while (newsize <= minused) newsize <<= 1;
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

/* Adds `key` (borrowed; the set takes its own reference) with its hash. */
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
            if (entry->state == 1 && entry->hash == hash && mg_slot_eq(t, entry->key, key)) return;
            if (entry->state == 2 && freeslot == NULL) freeslot = entry;
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

/* Returns 1 if the key was present. */
int32_t mg_set_discard(MgSet *s, MgSlot key) {
    MgSetEntry *e = mg_set_lookup(s, key, mg_slot_hash(s->h.type->a, key));
    if (!e) return 0;
    MgSlot old = e->key;
    e->state = 2;
    e->hash = -1;
    s->used--;
    mg_slot_decref(s->h.type->a, old);
    return 1;
}

void mg_set_remove(MgSet *s, MgSlot key) {
    if (mg_set_discard(s, key)) return;
    MgBuf b = {0, 0, 0};
    mg_slot_repr_into(&b, s->h.type->a, key);
    mg_raise(MG_KEY, b.data);
    free(b.data);
}

/* CPython's set_merge: how `set | set`, `set(other_set)` and set literals of constants fill a set. */
static void mg_set_merge(MgSet *s, const MgSet *other) {
    if (other->used == 0) return;
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
    MgSet *s = mg_set_new(rebuilt->h.type);
    mg_set_merge(s, rebuilt);
    mg_decref(rebuilt);
    return s;
}

MgSet *mg_set_copy(const MgSet *a) {
    MgSet *s = mg_set_new(a->h.type);
    mg_set_merge(s, a);
    return s;
}

MgSet *mg_set_from_list(const MgList *l, const MgType *t) {
    MgSet *s = mg_set_new(t);
    for (int64_t i = 0; i < l->len; i++) mg_set_add(s, l->items[i]);
    return s;
}

MgSet *mg_set_union(const MgSet *a, const MgSet *b) {
    MgSet *s = mg_set_copy(a);
    mg_set_merge(s, b);
    return s;
}

MgSet *mg_set_intersection(const MgSet *a, const MgSet *b) {
    MgSet *s = mg_set_new(a->h.type);
    if (b->used > a->used) {
        const MgSet *t = a;
        a = b;
        b = t;
    }
    for (int64_t i = 0; i <= b->mask; i++) {
        const MgSetEntry *e = &b->table[i];
        if (e->state == 1 && mg_set_lookup(a, e->key, e->hash)) mg_set_add_entry(s, e->key, e->hash);
    }
    return s;
}

MgSet *mg_set_difference(const MgSet *a, const MgSet *b) {
    if ((a->used >> 2) > b->used) {
        MgSet *s = mg_set_copy(a);
        for (int64_t i = 0; i <= b->mask; i++)
            if (b->table[i].state == 1) mg_set_discard(s, b->table[i].key);
        return s;
    }
    MgSet *s = mg_set_new(a->h.type);
    for (int64_t i = 0; i <= a->mask; i++) {
        const MgSetEntry *e = &a->table[i];
        if (e->state == 1 && !mg_set_lookup(b, e->key, e->hash)) mg_set_add_entry(s, e->key, e->hash);
    }
    return s;
}

MgSet *mg_set_symmetric_difference(const MgSet *a, const MgSet *b) {
    MgSet *s = mg_set_copy(b);
    for (int64_t i = 0; i <= a->mask; i++) {
        const MgSetEntry *e = &a->table[i];
        if (e->state != 1) continue;
        if (mg_set_lookup(s, e->key, e->hash))
            mg_set_discard(s, e->key);
        else
            mg_set_add_entry(s, e->key, e->hash);
    }
    return s;
}

int32_t mg_set_issubset(const MgSet *a, const MgSet *b) {
    if (a->used > b->used) return 0;
    for (int64_t i = 0; i <= a->mask; i++)
        if (a->table[i].state == 1 && !mg_set_lookup(b, a->table[i].key, a->table[i].hash)) return 0;
    return 1;
}

int32_t mg_set_eq(const MgSet *a, const MgSet *b) { return a->used == b->used && mg_set_issubset(a, b); }

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

static void mg_set_repr_into(MgBuf *b, const MgType *t, const MgSet *s) {
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

#endif /* MG_HOT_ONLY */
