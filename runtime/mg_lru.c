/* functools.lru_cache: the cache of one decorated function, as CPython's C
 * `_lru_cache_wrapper` keeps it (Modules/_functoolsmodule.c).
 *
 * A cache lives as long as the program (its function is module-level): generated code
 * holds it as a handle, an int in a hidden global.  Its dict maps each key (the argument,
 * or the tuple of the arguments) to the result when the cache is unbounded; a bounded
 * cache maps it to a link of a circular list in recency order (CPython's `lru_list_elem`:
 * the oldest after the root, the newest before it), which holds the result.  A hit moves
 * its link to the newest end; a miss that finds the cache full reuses the oldest link for
 * the new key, as `bounded_lru_cache_wrapper` does. */
#include "mg_internal.h"

typedef struct MgLruLink {
    int64_t prev, next;
    MgSlot key;    /* borrowed from the dict, which owns the key */
    MgSlot result; /* owned */
} MgLruLink;

typedef struct MgLru {
    MgDict *map;            /* key -> result (unbounded), or key -> link number */
    const MgType *result_t; /* the results' type (a bounded cache releases them) */
    int64_t maxsize;        /* -1: None */
    int64_t hits, misses;
    MgLruLink *links; /* links[0] is the root of the list */
    int64_t n_links, cap_links;
    MgSlot found; /* the result of the last hit (borrowed) */
} MgLru;

static MgLru *mg_lru(int64_t handle) { return (MgLru *)(uintptr_t)handle; }

int64_t mg_lru_new(const MgType *map_t, const MgType *result_t, int64_t maxsize) {
    MgLru *c = mg_alloc(sizeof(MgLru));
    c->map = mg_dict_new(map_t);
    c->result_t = result_t;
    c->maxsize = maxsize;
    c->hits = c->misses = 0;
    c->cap_links = maxsize > 0 ? 8 : 0;
    c->links = maxsize > 0 ? mg_alloc((size_t)c->cap_links * sizeof(MgLruLink)) : NULL;
    c->n_links = 1;
    if (c->links) c->links[0] = (MgLruLink){0, 0, 0, 0};
    c->found = 0;
    return (int64_t)(uintptr_t)c;
}

static void mg_lru_unlink(MgLru *c, int64_t i) {
    MgLruLink *l = &c->links[i];
    c->links[l->prev].next = l->next;
    c->links[l->next].prev = l->prev;
}

/* Before the root: the newest end. */
static void mg_lru_append(MgLru *c, int64_t i) {
    int64_t last = c->links[0].prev;
    c->links[i].prev = last;
    c->links[i].next = 0;
    c->links[last].next = i;
    c->links[0].prev = i;
}

/* 1 and the result in `found` on a hit (counted, the link made the newest), else 0 (a
 * miss, counted). */
int32_t mg_lru_get(int64_t handle, MgSlot key) {
    MgLru *c = mg_lru(handle);
    if (c->maxsize == 0) {
        c->misses++;
        return 0;
    }
    MgSlot v;
    if (!mg_dict_lookup(c->map, key, &v)) {
        c->misses++;
        return 0;
    }
    c->hits++;
    if (c->maxsize > 0) {
        mg_lru_unlink(c, (int64_t)v);
        mg_lru_append(c, (int64_t)v);
        v = c->links[v].result;
    }
    c->found = v;
    return 1;
}

MgSlot mg_lru_found(int64_t handle) { return mg_lru(handle)->found; }

/* After a miss: stores `result` for `key` (both borrowed). The call may have stored the key
 * already (a recursion with the same arguments): then an unbounded cache replaces the
 * result, and a bounded one keeps its link as it is, as CPython's wrappers do. */
void mg_lru_put(int64_t handle, MgSlot key, MgSlot result) {
    MgLru *c = mg_lru(handle);
    if (c->maxsize == 0) return;
    if (c->maxsize < 0) {
        mg_dict_set(c->map, key, result);
        return;
    }
    if (mg_dict_contains(c->map, key)) return;
    mg_slot_incref(c->result_t, result);
    if (mg_dict_len(c->map) < c->maxsize) {
        if (c->n_links == c->cap_links) {
            c->cap_links *= 2;
            c->links = mg_realloc(c->links, (size_t)c->cap_links * sizeof(MgLruLink));
        }
        int64_t i = c->n_links++;
        c->links[i].result = result;
        mg_dict_set(c->map, key, (MgSlot)i);
        c->links[i].key = key; /* the slot the dict now holds a reference to */
        mg_lru_append(c, i);
        return;
    }
    /* Full: the oldest link takes the new key and result. */
    int64_t i = c->links[0].next;
    mg_lru_unlink(c, i);
    MgSlot old_result = c->links[i].result;
    mg_dict_del(c->map, c->links[i].key);
    c->links[i].result = result;
    mg_dict_set(c->map, key, (MgSlot)i);
    c->links[i].key = key; /* the slot the dict now holds a reference to */
    mg_lru_append(c, i);
    mg_slot_decref(c->result_t, old_result);
}

/* cache_info()'s counts: 0 hits, 1 misses, 2 currsize. */
int64_t mg_lru_stat(int64_t handle, int32_t which) {
    MgLru *c = mg_lru(handle);
    return which == 0 ? c->hits : which == 1 ? c->misses : mg_dict_len(c->map);
}

/* repr(f.cache_info()). */
MgStr *mg_lru_info(int64_t handle) {
    MgLru *c = mg_lru(handle);
    char tmp[160], max[24];
    if (c->maxsize < 0)
        snprintf(max, sizeof max, "None");
    else
        snprintf(max, sizeof max, "%lld", (long long)c->maxsize);
    int n = snprintf(tmp, sizeof tmp, "CacheInfo(hits=%lld, misses=%lld, maxsize=%s, currsize=%lld)", (long long)c->hits, (long long)c->misses, max, (long long)mg_dict_len(c->map));
    return mg_str_from(tmp, n);
}

/* cache_clear(): empty, counts reset; the results are released last, after the cache is
 * consistent again. */
void mg_lru_clear(int64_t handle) {
    MgLru *c = mg_lru(handle);
    c->hits = c->misses = 0;
    int64_t n = c->n_links;
    MgLruLink *old = c->links;
    if (c->maxsize > 0) {
        c->links = mg_alloc((size_t)c->cap_links * sizeof(MgLruLink));
        c->links[0] = (MgLruLink){0, 0, 0, 0};
        c->n_links = 1;
    }
    mg_dict_clear(c->map);
    if (c->maxsize > 0) {
        for (int64_t i = 1; i < n; i++) mg_slot_decref(c->result_t, old[i].result);
        free(old);
    }
}
