/* dict[K, V]: insertion-ordered hash table (an entry array plus an index
 * table, like CPython's compact dict). */
#include "mg_internal.h"

/* An empty table: room for 5 entries, an index of 8. */
static void mg_dict_init_table(MgDict *d) {
    d->len = d->n_entries = 0;
    d->cap_entries = 5;
    d->entries = mg_alloc((size_t)d->cap_entries * sizeof(MgDictEntry));
    d->mask = 7;
    d->index = mg_alloc(8 * sizeof(int32_t));
    for (int i = 0; i < 8; i++) d->index[i] = -1;
    d->last = -1;
}

MgDict *mg_dict_new(const MgType *t) {
    MgDict *d = mg_obj_new(sizeof(MgDict), t);
    mg_dict_init_table(d);
    d->factory = NULL;
    d->ordered = 0;
    return d;
}

/* d.clear(): the dict is empty again (a fresh table; a defaultdict keeps its factory)
 * before any old key or value is released, as CPython's dict_clear does. */
void mg_dict_clear(MgDict *d) {
    MgDict old = *d;
    old.factory = NULL;
    mg_dict_init_table(d);
    if (d->ordered) d->ordered++;
    mg_dict_free(&old);
}

void mg_dict_free(MgDict *d) {
    for (int64_t i = 0; i < d->n_entries; i++) {
        if (!d->entries[i].live) continue;
        mg_slot_decref(d->h.type->a, d->entries[i].key);
        mg_slot_decref(d->h.type->b, d->entries[i].value);
    }
    free(d->entries);
    free(d->index);
    if (d->factory) mg_factory_decref(d->factory);
}

/* Index-table position holding `key`, or where it would go (an empty slot) when absent. */
static int64_t mg_dict_probe(const MgDict *d, MgSlot key, int64_t hash, int64_t *found) {
    uint64_t perturb = (uint64_t)hash;
    uint64_t i = (uint64_t)hash & (uint64_t)d->mask;
    int64_t free_pos = -1;
    while (1) {
        int64_t ix = d->index[i];
        if (ix == -1) {
            *found = -1;
            return free_pos >= 0 ? free_pos : (int64_t)i;
        }
        if (ix == -2) {
            if (free_pos < 0) free_pos = (int64_t)i;
        } else {
            const MgDictEntry *e = &d->entries[ix];
            if (e->hash == hash) {
                int eq;
                if (d->h.type->a->kind == MG_T_INT) {
                    eq = e->key == key;
                } else if (d->h.type->a->kind == MG_T_STR) {
                    const MgStr *a = (const MgStr *)(uintptr_t)e->key, *b = (const MgStr *)(uintptr_t)key;
                    eq = a == b || (a->len == b->len && mg_bytes_eq(a->data, b->data, a->len));
                } else {
                    eq = mg_slot_eq(d->h.type->a, e->key, key);
                }
                if (eq) {
                    *found = ix;
                    return (int64_t)i;
                }
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & (uint64_t)d->mask;
    }
}

/* The hash of a key: a str's cached one without a call, else mg_slot_hash. */
static inline int64_t mg_dict_key_hash(const MgDict *d, MgSlot key) {
    if (d->h.type->a->kind == MG_T_STR) {
        MgStr *s = (MgStr *)(uintptr_t)key;
        return s->hash != -1 ? s->hash : mg_str_hash(s);
    }
    return mg_slot_hash(d->h.type->a, key);
}

/* The entry of `key` when it is the entry `d->last` names, else -1.  Programs look the same
 * key up several times in a row (`if k in d: d[k] += 1`, `d[k] = d.get(k, 0) + 1`,
 * `d[k] = v` then `d[k].append(x)`), and this answers the later lookups without probing.
 * The hint is never invalidated: it is checked against the entry (live, same hash, equal
 * key), and keys are unique, so a stale hint only misses.  Only str and int keys, whose
 * comparison runs no user code, so the `__eq__` calls of instance keys stay CPython's. */
static inline int64_t mg_dict_hint(const MgDict *d, MgSlot key, int64_t hash) {
    int64_t ix = d->last;
    if (ix < 0 || ix >= d->n_entries) return -1;
    const MgDictEntry *e = &d->entries[ix];
    if (!e->live || e->hash != hash) return -1;
    if (e->key == key) return ix; /* the same int, or the same str object */
    if (d->h.type->a->kind != MG_T_STR) return -1;
    const MgStr *a = (const MgStr *)(uintptr_t)e->key, *b = (const MgStr *)(uintptr_t)key;
    return a->len == b->len && mg_bytes_eq(a->data, b->data, a->len) ? ix : -1;
}

static inline void mg_dict_remember(const MgDict *d, int64_t ix) {
    int32_t kind = d->h.type->a->kind;
    /* The hint is a cache: setting it does not change the dict's value. */
    if (kind == MG_T_STR || kind == MG_T_INT) ((MgDict *)d)->last = ix;
}

static void mg_dict_rebuild(MgDict *d, int64_t min_size) {
    int64_t size = 8;
    while (size < min_size) size <<= 1;
    int64_t k = 0;
    for (int64_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].live) d->entries[k++] = d->entries[i];
    d->n_entries = k;
    free(d->index);
    d->mask = size - 1;
    d->index = mg_alloc((size_t)size * sizeof(int32_t));
    for (int64_t i = 0; i < size; i++) d->index[i] = -1;
    for (int64_t ix = 0; ix < d->n_entries; ix++) {
        uint64_t perturb = (uint64_t)d->entries[ix].hash;
        uint64_t i = perturb & (uint64_t)d->mask;
        while (d->index[i] != -1) {
            perturb >>= 5;
            i = (i * 5 + perturb + 1) & (uint64_t)d->mask;
        }
        d->index[i] = (int32_t)ix;
    }
}

/* d[key] = value (mg_dict_set in mg_hot.c does it itself for int keys below 2^61). */
void mg_dict_store(MgDict *d, MgSlot key, MgSlot value) {
    int64_t hash = mg_dict_key_hash(d, key), found = mg_dict_hint(d, key, hash), pos = 0;
    if (found < 0) pos = mg_dict_probe(d, key, hash, &found);
    if (found >= 0) {
        mg_dict_remember(d, found);
        mg_slot_incref(d->h.type->b, value);
        mg_slot_decref(d->h.type->b, d->entries[found].value);
        d->entries[found].value = value;
        return;
    }
    mg_dict_insert_at(d, key, value, hash, pos);
}

/* Adds `key` (absent, of hash `hash`) with `value` at index position `pos`, where the
 * probe for it ended (the first deleted slot it passed, else the empty one it stopped at);
 * both take a new reference.  mg_hot.c's mg_dict_set calls it after its own probe. */
void mg_dict_insert_at(MgDict *d, MgSlot key, MgSlot value, int64_t hash, int64_t pos) {
    if (d->n_entries == d->cap_entries || (d->n_entries + 1) * 3 >= (d->mask + 1) * 2) {
        int64_t found;
        mg_dict_rebuild(d, (d->len + 1) * 3);
        pos = mg_dict_probe(d, key, hash, &found);
        if (d->n_entries == d->cap_entries) {
            d->cap_entries = (d->mask + 1) * 2 / 3 + 1;
            d->entries = mg_realloc(d->entries, (size_t)d->cap_entries * sizeof(MgDictEntry));
        }
    }
    mg_slot_incref(d->h.type->a, key);
    mg_slot_incref(d->h.type->b, value);
    d->entries[d->n_entries] = (MgDictEntry){hash, key, value, 1};
    mg_dict_remember(d, d->n_entries);
    d->index[pos] = (int32_t)d->n_entries++;
    d->len++;
    if (d->ordered) d->ordered++;
}

/* The entry of `key`, or -1 (mg_hot.c's mg_dict_find_int answers int keys inline). */
int64_t mg_dict_find(const MgDict *d, MgSlot key) {
    int64_t hash = mg_dict_key_hash(d, key);
    int64_t found = mg_dict_hint(d, key, hash);
    if (found >= 0) return found;
    mg_dict_probe(d, key, hash, &found);
    if (found >= 0) mg_dict_remember(d, found);
    return found;
}

static void mg_raise_key_error(const MgDict *d, MgSlot key) {
    MgBuf b = {0, 0, 0};
    mg_slot_repr_into(&b, d->h.type->a, key);
    mg_raise(MG_KEY, b.data);
    free(b.data);
}

/* d[key], borrowed. */
/* A defaultdict's missing key: the factory's value, inserted (CPython's __missing__);
 * its entry number. */
static int64_t mg_dict_missing(MgDict *d, MgSlot key) {
    MgSlot v = mg_factory_make(d->factory, d->h.type->b);
    mg_dict_set(d, key, v);
    mg_slot_decref(d->h.type->b, v);
    return d->n_entries - 1;
}

/* d[key] for a key mg_dict_get (mg_hot.c) did not find. */
MgSlot mg_dict_missing_get(MgDict *d, MgSlot key) {
    int64_t ix = -1;
    /* A Counter's missing key counts 0, and is not inserted. */
    if (ix < 0 && d->factory && mg_factory_is_counter(d->factory)) return 0;
    /* (The insertion may move the entries: the index first, then the array.) */
    if (ix < 0 && d->factory) ix = mg_dict_missing(d, key);
    if (ix < 0) {
        mg_raise_key_error(d, key);
        return 0;
    }
    return d->entries[ix].value;
}

/* The value slot of `key`, for `d[k] op= v`; NULL after raising KeyError. */
MgSlot *mg_dict_value_ptr(MgDict *d, MgSlot key) {
    int64_t ix = mg_dict_find(d, key);
    if (ix < 0 && d->factory) ix = mg_dict_missing(d, key);
    if (ix < 0) {
        mg_raise_key_error(d, key);
        return NULL;
    }
    return &d->entries[ix].value;
}

/* `d[key] = d.get(key, dflt) + v` for int values and str or int keys (check::stmt fuses
 * the statement when nothing between the lookup and the store can change the dict): one
 * probe, then the sum replaces the value or is inserted where the probe ended.  An
 * overflowing sum raises OverflowError and stores nothing, as the unfused statement. */
void mg_dict_get_add(MgDict *d, MgSlot key, int64_t dflt, int64_t v) {
    int64_t hash = mg_dict_key_hash(d, key), found = mg_dict_hint(d, key, hash), pos = 0;
    if (found < 0) pos = mg_dict_probe(d, key, hash, &found);
    int64_t sum;
    if (__builtin_add_overflow(found >= 0 ? (int64_t)d->entries[found].value : dflt, v, &sum)) {
        mg_raise_overflow();
        return;
    }
    if (found >= 0) {
        mg_dict_remember(d, found);
        d->entries[found].value = (MgSlot)sum;
        return;
    }
    mg_dict_insert_at(d, key, (MgSlot)sum, hash, pos);
}


/* One probe: 1 and the value (borrowed) in *out when `key` is present, else 0 (nothing
 * raised, nothing inserted, whatever the dict's factory). */
int32_t mg_dict_lookup(const MgDict *d, MgSlot key, MgSlot *out) {
    int64_t ix = mg_dict_find(d, key);
    if (ix < 0) return 0;
    *out = d->entries[ix].value;
    return 1;
}

/* `d[key]` as CPython's PyObject_GetItem finds it for the runtime's own callers
 * (str.translate, str.format_map): a defaultdict's or Counter's factory answers a missing
 * key (inserting as `d[key]` does); a plain dict gives 0 when the key is absent. */
int32_t mg_dict_subscript(MgDict *d, MgSlot key, MgSlot *out) {
    if (!d->factory) return mg_dict_lookup(d, key, out);
    *out = mg_dict_get(d, key);
    return mg_current_exc == NULL;
}

int64_t mg_dict_len(const MgDict *d) { return d->len; }

static void mg_dict_remove_at(MgDict *d, MgSlot key, int64_t ix) {
    int64_t found;
    int64_t pos = mg_dict_probe(d, key, d->entries[ix].hash, &found);
    d->index[pos] = -2;
    d->entries[ix].live = 0;
    d->len--;
    if (d->ordered) d->ordered++;
}

void mg_dict_del(MgDict *d, MgSlot key) {
    int64_t ix = mg_dict_find(d, key);
    /* Counter.__delitem__ ignores a missing key. */
    if (ix < 0 && d->factory && mg_factory_is_counter(d->factory)) return;
    if (ix < 0) {
        mg_raise_key_error(d, key);
        return;
    }
    MgDictEntry e = d->entries[ix];
    mg_dict_remove_at(d, key, ix);
    mg_slot_decref(d->h.type->a, e.key);
    mg_slot_decref(d->h.type->b, e.value);
}

/* d.pop(key[, default]): a new reference to the value. */
MgSlot mg_dict_pop(MgDict *d, MgSlot key, MgSlot dflt, int32_t has_default) {
    int64_t ix = mg_dict_find(d, key);
    if (ix < 0) {
        if (has_default) {
            mg_slot_incref(d->h.type->b, dflt);
            return dflt;
        }
        mg_raise_key_error(d, key);
        return 0;
    }
    MgDictEntry e = d->entries[ix];
    mg_dict_remove_at(d, key, ix);
    mg_slot_decref(d->h.type->a, e.key);
    return e.value;
}

/* d.setdefault(key, default), borrowed. */
MgSlot mg_dict_setdefault(MgDict *d, MgSlot key, MgSlot dflt) {
    int64_t ix = mg_dict_find(d, key);
    if (ix >= 0) return d->entries[ix].value;
    mg_dict_set(d, key, dflt);
    return dflt;
}

void mg_dict_update(MgDict *d, const MgDict *other) {
    int64_t n = other->n_entries;
    for (int64_t i = 0; i < n; i++)
        if (other->entries[i].live) mg_dict_set(d, other->entries[i].key, other->entries[i].value);
}

/* d.copy(): a defaultdict's copy keeps its factory. */
MgDict *mg_dict_copy(const MgDict *d) {
    MgDict *r = mg_dict_new(d->h.type);
    mg_dict_update(r, d);
    if (d->factory) r->factory = mg_factory_incref(d->factory);
    if (d->ordered) r->ordered = 1;
    return r;
}

/* dict(d): a plain dict of the same items. */
MgDict *mg_dict_copy_plain(const MgDict *d) {
    MgDict *r = mg_dict_new(d->h.type);
    mg_dict_update(r, d);
    return r;
}

/* Iteration: the next live entry at or after `pos`, or -1 at the end. */

/* list(d.keys()) (which = 0) or list(d.values()) (which = 1). */
/* The keys (which 0), values (1) or (key, value) tuples (2) of a dict, as a list. */
MgList *mg_dict_to_list(const MgDict *d, int32_t which, const MgType *list_t) {
    MgList *l = mg_list_new(list_t, d->len);
    for (int64_t i = 0; i < d->n_entries; i++) {
        const MgDictEntry *e = &d->entries[i];
        if (!e->live) continue;
        if (which == 2) {
            MgTuple *t = mg_tuple_new(list_t->a);
            mg_slot_incref(d->h.type->a, e->key);
            mg_slot_incref(d->h.type->b, e->value);
            t->items[0] = e->key;
            t->items[1] = e->value;
            MgSlot s = (MgSlot)(uintptr_t)t;
            mg_list_append(l, s);
            mg_decref(t);
        } else {
            mg_list_append(l, which ? e->value : e->key);
        }
    }
    return l;
}

int32_t mg_dict_eq(const MgDict *a, const MgDict *b) {
    if (a->factory && b->factory && mg_factory_is_counter(a->factory) && mg_factory_is_counter(b->factory)) return mg_counter_eq(a, b);
    if (a->len != b->len) return 0;
    for (int64_t i = 0; i < a->n_entries; i++) {
        if (!a->entries[i].live) continue;
        int64_t ix = mg_dict_find(b, a->entries[i].key);
        if (ix < 0 || !mg_slot_eq(a->h.type->b, a->entries[i].value, b->entries[ix].value)) return 0;
    }
    /* Two OrderedDicts are equal only with their keys in the same order (CPython compares
     * as dicts first, then the keys pairwise with ==). */
    if (a->ordered && b->ordered) {
        int64_t j = 0;
        for (int64_t i = 0; i < a->n_entries; i++) {
            if (!a->entries[i].live) continue;
            while (!b->entries[j].live) j++;
            if (!mg_slot_eq(a->h.type->a, a->entries[i].key, b->entries[j].key)) return 0;
            j++;
        }
    }
    return 1;
}

void mg_dict_repr_into(MgBuf *b, const MgType *t, const MgDict *d) {
    if (d->factory && mg_factory_is_counter(d->factory)) {
        mg_counter_repr_into(b, t, d);
        return;
    }
    if (d->ordered) {
        /* Python 3.11: `OrderedDict([('a', 1)])`, `OrderedDict()` when empty. */
        mg_buf_puts(b, "OrderedDict(");
        if (d->len > 0) mg_buf_puts(b, "[");
        int first = 1;
        for (int64_t i = 0; i < d->n_entries; i++) {
            if (!d->entries[i].live) continue;
            mg_buf_puts(b, first ? "(" : ", (");
            first = 0;
            mg_slot_repr_into(b, t->a, d->entries[i].key);
            mg_buf_puts(b, ", ");
            mg_slot_repr_into(b, t->b, d->entries[i].value);
            mg_buf_puts(b, ")");
        }
        mg_buf_puts(b, d->len > 0 ? "])" : ")");
        return;
    }
    if (d->factory) {
        /* `defaultdict(<class 'int'>, {...})` */
        mg_buf_puts(b, "defaultdict(");
        mg_factory_repr_into(b, d->factory);
        mg_buf_puts(b, ", ");
    }
    mg_buf_puts(b, "{");
    int first = 1;
    for (int64_t i = 0; i < d->n_entries; i++) {
        if (!d->entries[i].live) continue;
        if (!first) mg_buf_puts(b, ", ");
        first = 0;
        mg_slot_repr_into(b, t->a, d->entries[i].key);
        mg_buf_puts(b, ": ");
        mg_slot_repr_into(b, t->b, d->entries[i].value);
    }
    mg_buf_puts(b, d->factory ? "})" : "}");
}

/* The repr of a view (`which`: 0 keys, 1 values, 2 items) of `d`. */
void mg_dict_view_repr_into(MgBuf *b, int32_t which, const MgDict *d) {
    static const char *const names[] = {"dict_keys([", "dict_values([", "dict_items(["};
    if (d->ordered) mg_buf_puts(b, "o");
    mg_buf_puts(b, names[which]);
    int first = 1;
    for (int64_t i = 0; i < d->n_entries; i++) {
        if (!d->entries[i].live) continue;
        if (!first) mg_buf_puts(b, ", ");
        first = 0;
        if (which == 2) mg_buf_puts(b, "(");
        if (which != 1) mg_slot_repr_into(b, d->h.type->a, d->entries[i].key);
        if (which == 2) mg_buf_puts(b, ", ");
        if (which != 0) mg_slot_repr_into(b, d->h.type->b, d->entries[i].value);
        if (which == 2) mg_buf_puts(b, ")");
    }
    mg_buf_puts(b, "])");
}

/* `v in d.values()`: compared with ==, in order. */
int32_t mg_dict_values_contains(const MgDict *d, MgSlot v) {
    for (int64_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].live && mg_slot_eq(d->h.type->b, d->entries[i].value, v)) return 1;
    return 0;
}

/* print(d.keys()), print(d.values()), print(d.items()). */
void mg_dict_print_view(const MgDict *d, int32_t which) {
    MgBuf b = {0, 0, 0};
    mg_dict_view_repr_into(&b, which, d);
    fwrite(b.data, 1, (size_t)b.len, MG_OUT);
    free(b.data);
}

/* A display of constant keys and values (see mg_list_from_slots), set in source order as
 * the display would: a repeated key keeps its first position and its last value. */
MgDict *mg_dict_from_slots(const MgType *t, const MgSlot *keys, const MgSlot *values, int64_t n) {
    MgDict *d = mg_dict_new(t);
    for (int64_t i = 0; i < n; i++) mg_dict_set(d, keys[i], values[i]);
    return d;
}

/* `a | b` (dict_or): a copy of `a` updated with `b`, in `b`'s order for new keys. */
MgDict *mg_dict_merge(const MgDict *a, const MgDict *b) {
    /* An OrderedDict on the right answers first (its __ror__, a subclass's reflected
     * method): an OrderedDict of a's items updated with b's. */
    MgDict *d = b->ordered && !a->ordered && !a->factory ? mg_dict_copy_plain(a) : mg_dict_copy(a);
    if (b->ordered) d->ordered = 1;
    mg_dict_update(d, b);
    return d;
}

/* d.popitem(): the last entry, removed, as a (key, value) tuple; KeyError when empty. */
MgTuple *mg_dict_popitem(MgDict *d, const MgType *tuple_t) {
    int64_t ix = d->n_entries - 1;
    while (ix >= 0 && !d->entries[ix].live) ix--;
    if (ix < 0) {
        mg_raise(MG_KEY, d->ordered ? "'dictionary is empty'" : "'popitem(): dictionary is empty'");
        return NULL;
    }
    MgDictEntry e = d->entries[ix];
    mg_dict_remove_at(d, e.key, ix);
    /* Nothing live follows: the next insertion reuses the slot, as CPython's dk_nentries. */
    d->n_entries = ix;
    MgTuple *t = mg_tuple_new(tuple_t);
    t->items[0] = e.key;
    t->items[1] = e.value;
    return t;
}

/* ---- collections.OrderedDict: a dict with `ordered` set (see MgDict). ---- */

/* OrderedDict(x): a new OrderedDict of the items of the dict `d` (made for the purpose). */
MgDict *mg_odict_from(const MgDict *d) {
    MgDict *r = mg_dict_copy_plain(d);
    r->ordered = 1;
    return r;
}

/* The error of an iteration whose dict changed (`mg_dict_version`). */
void mg_dict_changed_during_iteration(const MgDict *d) {
    mg_raise(MG_RUNTIME, d->ordered ? "OrderedDict mutated during iteration" : "dictionary changed size during iteration");
}

/* The AttributeError of an OrderedDict method called on another dict. */
static int mg_odict_only(const MgDict *d, const char *method) {
    if (d->ordered) return 1;
    const char *type = d->factory ? "collections.defaultdict" : "dict";
    char msg[128];
    snprintf(msg, sizeof msg, "'%s' object has no attribute '%s'", type, method);
    mg_raise(MG_ATTRIBUTE, msg);
    return 0;
}

/* od.move_to_end(key, last): the entry moves to the end (or the front), KeyError when
 * the key is missing. */
void mg_odict_move_to_end(MgDict *d, MgSlot key, int32_t last) {
    if (!mg_odict_only(d, "move_to_end")) return;
    int64_t ix = mg_dict_find(d, key);
    if (ix < 0) {
        mg_raise_key_error(d, key);
        return;
    }
    int64_t end = last ? d->n_entries - 1 : 0;
    while (!d->entries[end].live) end += last ? -1 : 1;
    if (end == ix) return;
    MgDictEntry e = d->entries[ix];
    if (last) {
        /* Out of its place, then in again at the end with its hash: the references move. */
        mg_dict_remove_at(d, e.key, ix);
        int64_t found;
        int64_t pos = mg_dict_probe(d, e.key, e.hash, &found);
        mg_dict_insert_at(d, e.key, e.value, e.hash, pos);
        mg_slot_decref(d->h.type->a, e.key);
        mg_slot_decref(d->h.type->b, e.value);
        return;
    }
    /* To the front: the live entries in their new order, then a fresh index. */
    MgDictEntry *moved = mg_alloc((size_t)d->cap_entries * sizeof(MgDictEntry));
    int64_t k = 0;
    moved[k++] = e;
    for (int64_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].live && i != ix) moved[k++] = d->entries[i];
    free(d->entries);
    d->entries = moved;
    d->n_entries = k;
    d->last = -1;
    mg_dict_rebuild(d, d->mask + 1);
    d->ordered += 2;
}

/* od.popitem(last): the last (or first) entry, removed, as a (key, value) tuple.  On
 * another dict, the TypeError of dict.popitem given an argument (`keyword`: as `last=`). */
MgTuple *mg_odict_popitem(MgDict *d, int32_t last, int32_t keyword, const MgType *tuple_t) {
    if (!d->ordered) {
        mg_raise(MG_TYPE, keyword ? "dict.popitem() takes no keyword arguments" : "dict.popitem() takes no arguments (1 given)");
        return NULL;
    }
    if (last) return mg_dict_popitem(d, tuple_t);
    int64_t ix = 0;
    while (ix < d->n_entries && !d->entries[ix].live) ix++;
    if (ix == d->n_entries) {
        mg_raise(MG_KEY, "'dictionary is empty'");
        return NULL;
    }
    MgDictEntry e = d->entries[ix];
    mg_dict_remove_at(d, e.key, ix);
    MgTuple *t = mg_tuple_new(tuple_t);
    t->items[0] = e.key;
    t->items[1] = e.value;
    return t;
}
