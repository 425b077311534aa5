/* Generic operations on objects and slots: allocation and release, equality,
 * ordering, hashing and repr, driven by the static type descriptor.  mg_incref and
 * mg_decref, which generated code inlines, are in mg_hot.c. */
#include "mg_internal.h"

/* mg_decref for exception paths: a call instead of inlined code keeps unwinding small. */
void mg_decref_cold(void *p) { mg_decref(p); }

const MgType mg_type_int = {.kind = MG_T_INT};
const MgType mg_type_float = {.kind = MG_T_FLOAT};
const MgType mg_type_bool = {.kind = MG_T_BOOL};
const MgType mg_type_none = {.kind = MG_T_NONE};
const MgType mg_type_str = {.kind = MG_T_STR};

/* Memory is exhausted (or a size past what memory could hold was asked for): the program
 * ends as CPython's does when nothing catches its MemoryError, stdout flushed, the error
 * on stderr, exit status 1.  (Not catchable here: allocation sites do not unwind.) */
void mg_out_of_memory(void) {
    fflush(stdout);
    fputs("MemoryError\n", stderr);
    exit(1);
}

void *mg_alloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) mg_out_of_memory();
    return p;
}

void *mg_realloc(void *p, size_t n) {
    void *q = realloc(p, n ? n : 1);
    if (!q) mg_out_of_memory();
    return q;
}

/* Small objects (strings of a few dozen bytes, container headers) come and go by the
 * million in string-heavy programs: recycle them through per-size free lists instead of
 * going to malloc each time (mg_obj_alloc_inline and mg_obj_free_inline, mg_internal.h).
 * Blocks on the lists stay reachable, so leak checkers count them as "still
 * reachable", never as lost. */
void *mg_pool[MG_POOL_CLASSES];

/* Fresh small blocks are carved from 64 KiB chunks; each chunk's first word links to
 * the previous chunk, so every chunk stays reachable from `mg_chunks`. */
#define MG_CHUNK_SIZE 65536
static char *mg_chunks, *mg_chunk_next, *mg_chunk_end;

/* Objects allocated so far: `MULTIGEN_ALLOC_STATS=1` prints it at exit (mg_finish), which
 * is how the tests check that a code path allocates nothing. */
int64_t mg_objects_allocated;

/* A block of size class `c` (16 * c bytes) when its free list is empty. */
void *mg_obj_carve(size_t c) {
    size_t size = c << 3;
    if (!mg_chunk_next || mg_chunk_next + size > mg_chunk_end) {
        char *chunk = mg_alloc(MG_CHUNK_SIZE);
        *(char **)chunk = mg_chunks;
        mg_chunks = chunk;
        mg_chunk_next = chunk + 16;
        mg_chunk_end = chunk + MG_CHUNK_SIZE;
    }
    void *p = mg_chunk_next;
    mg_chunk_next += size;
    return p;
}

void *mg_obj_alloc(size_t n) { return mg_obj_alloc_inline(n); }

void mg_obj_free(void *p, size_t n) { mg_obj_free_inline(p, n); }

/* The value a non-None `T | None` slot stands for: the object itself, or the one field
 * of the box of an int, float or bool. */
MgSlot mg_optional_value(const MgType *t, MgSlot s) {
    int boxed = t->a->kind == MG_T_INT || t->a->kind == MG_T_FLOAT || t->a->kind == MG_T_BOOL || t->a->kind == MG_T_NONE;
    return boxed ? ((const MgTuple *)(uintptr_t)s)->items[0] : s;
}

/* The switches over type kinds list every kind and have no default: clang's -Wswitch
 * (an error here) then points at each one a new kind must be added to. */
static size_t mg_obj_size(const MgObj *o) {
    switch ((enum MgTypeKind)o->type->kind) {
    case MG_T_STR: return sizeof(MgStr) + (size_t)((const MgStr *)o)->cap;
    case MG_T_LIST: case MG_T_VARTUPLE: return sizeof(MgList);
    case MG_T_DICT: return sizeof(MgDict);
    case MG_T_SET: return sizeof(MgSet);
    case MG_T_DEQUE: return sizeof(MgDeque);
    case MG_T_TUPLE: return sizeof(MgTuple) + (size_t)((const MgTuple *)o)->len * sizeof(MgSlot);
    case MG_T_INSTANCE: return sizeof(MgInstance) + (size_t)o->type->n * sizeof(MgSlot);
    case MG_T_FILE: return mg_file_size();
    case MG_T_RANGE: return mg_range_size();
    case MG_T_GEN: return mg_gen_size((const MgGen *)o);
    case MG_T_OPTIONAL: case MG_T_DICTVIEW: break; /* slot types, never an object's own */
    case MG_T_INT: case MG_T_FLOAT: case MG_T_BOOL: case MG_T_NONE: break;
    }
    abort(); /* not an object */
}

void mg_slot_incref(const MgType *t, MgSlot s) {
    if (mg_is_obj(t)) mg_incref((void *)(uintptr_t)s);
}

void mg_slot_decref(const MgType *t, MgSlot s) {
    if (mg_is_obj(t)) mg_decref((void *)(uintptr_t)s);
}

/* Releases an instance's fields. */
static void mg_instance_free(MgInstance *p) {
    const MgType *t = p->h.type;
    for (int32_t i = 0; i < t->n; i++)
        if (mg_is_obj(t->fields[i])) mg_decref_inline((void *)(uintptr_t)p->fields[i]);
}

void mg_dealloc(MgObj *o) {
    const MgType *t = o->type;
    if (t->kind == MG_T_STR) {
        /* The most common object to die, and it holds no references. */
        mg_obj_free_inline(o, sizeof(MgStr) + (size_t)((const MgStr *)o)->cap);
        return;
    }
    if (t->kind == MG_T_INSTANCE) {
        /* Instances die by the million in programs of small objects: no call here but
         * the releases of the fields. */
        size_t n = sizeof(MgInstance) + (size_t)t->n * sizeof(MgSlot);
        if (t->tracked) mg_gc_untrack(o);
        mg_instance_free((MgInstance *)o);
        if (t->tracked) mg_gc_free(o, n);
        else mg_obj_free_inline(o, n);
        return;
    }
    int tracked = t->tracked;
    /* Out of the collector's list before its references go (mg_gc.c). */
    if (tracked) mg_gc_untrack(o);
    switch ((enum MgTypeKind)o->type->kind) {
    case MG_T_LIST: case MG_T_VARTUPLE: {
        MgList *l = (MgList *)o;
        if (o->type->a->kind == MG_T_STR) {
            /* A list of strs (split's words): each freed here, without a call per item. */
            for (int64_t i = 0; i < l->len; i++) {
                MgStr *s = (MgStr *)(uintptr_t)l->items[i];
                if (s && s->h.rc >= 0 && --s->h.rc == 0) mg_obj_free_inline(s, sizeof(MgStr) + (size_t)s->cap);
            }
        } else if (mg_is_obj(o->type->a)) {
            for (int64_t i = 0; i < l->len; i++) mg_decref_inline((void *)(uintptr_t)l->items[i]);
        }
        free(l->items);
        break;
    }
    case MG_T_DICT: mg_dict_free((MgDict *)o); break;
    case MG_T_SET: mg_set_free((MgSet *)o); break;
    case MG_T_DEQUE: mg_deque_free((MgDeque *)o); break;
    case MG_T_TUPLE: mg_tuple_free((MgTuple *)o); break;
    case MG_T_INSTANCE: abort(); /* above */
    case MG_T_FILE: mg_file_free((MgFile *)o); break;
    case MG_T_RANGE: break;
    case MG_T_GEN: mg_gen_free((MgGen *)o); break;
    case MG_T_OPTIONAL: case MG_T_DICTVIEW: abort();
    case MG_T_STR: case MG_T_INT: case MG_T_FLOAT: case MG_T_BOOL: case MG_T_NONE: break;
    }
    if (tracked) mg_gc_free(o, mg_obj_size(o));
    else mg_obj_free(o, mg_obj_size(o));
}

/* A new object of `n` bytes and type `t`, its count 1: tracked by the cycle collector when
 * its type says so, else straight from the object pools. */
void *mg_obj_new(size_t n, const MgType *t) {
    if (t->tracked) return mg_gc_alloc(n, t);
    MgObj *o = mg_obj_alloc(n);
    o->rc = 1;
    o->type = t;
    return o;
}

/* ---- buffers --------------------------------------------------------------- */

/* The slow path of mg_buf_reserve (mg_internal.h), which appends inline. */
void mg_buf_grow(MgBuf *b, int64_t extra) {
    int64_t cap = b->cap ? b->cap * 2 : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    if (b->on_stack) {
        char *heap = mg_alloc((size_t)cap);
        memcpy(heap, b->data, (size_t)b->len);
        b->data = heap;
        b->on_stack = 0;
    } else {
        b->data = mg_realloc(b->data, (size_t)cap);
    }
    b->cap = cap;
}

/* Decimal digits of `v` into `out` (at least 21 bytes); returns the length. */
int mg_format_int(char *out, int64_t v) {
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int len = 0;
    if (v < 0) out[len++] = '-';
    while (n) out[len++] = tmp[--n];
    out[len] = 0;
    return len;
}

static void mg_buf_int(MgBuf *b, int64_t v) {
    char tmp[24];
    int n = mg_format_int(tmp, v);
    mg_buf_put(b, tmp, n);
}

static void mg_buf_float(MgBuf *b, double v) {
    char tmp[40];
    int32_t n = mg_float_repr(v, tmp);
    mg_buf_put(b, tmp, n);
}

/* ---- equality, ordering, hashing ------------------------------------------ */

int32_t mg_slot_eq(const MgType *t, MgSlot a, MgSlot b) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_FLOAT: return mg_slot_f(a) == mg_slot_f(b);
    case MG_T_NONE: return 1;
    case MG_T_STR: return mg_str_eq((MgStr *)(uintptr_t)a, (MgStr *)(uintptr_t)b);
    case MG_T_LIST: case MG_T_VARTUPLE: return mg_list_eq((MgList *)(uintptr_t)a, (MgList *)(uintptr_t)b);
    case MG_T_DICT: return mg_dict_eq((MgDict *)(uintptr_t)a, (MgDict *)(uintptr_t)b);
    case MG_T_SET: return mg_set_eq((MgSet *)(uintptr_t)a, (MgSet *)(uintptr_t)b);
    case MG_T_DEQUE: return mg_deque_eq((MgDeque *)(uintptr_t)a, (MgDeque *)(uintptr_t)b);
    case MG_T_TUPLE: return mg_tuple_eq(t, a, t, b);
    case MG_T_INSTANCE: return mg_instance_eq(t, a, b);
    case MG_T_OPTIONAL: return (a == 0 || b == 0) ? a == b : mg_slot_eq(t->a, mg_optional_value(t, a), mg_optional_value(t, b));
    case MG_T_INT: case MG_T_BOOL: return a == b;
    case MG_T_FILE: case MG_T_GEN: return a == b; /* files and generators compare by identity */
    case MG_T_RANGE: return mg_range_eq((const MgRange *)(uintptr_t)a, (const MgRange *)(uintptr_t)b);
    case MG_T_DICTVIEW: break; /* the checker refuses comparing views */
    }
    abort();
}

/* -1, 0, 1; 2 when unordered (NaN). */
int32_t mg_slot_cmp(const MgType *t, MgSlot a, MgSlot b) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_INT: return (int64_t)a < (int64_t)b ? -1 : (int64_t)a > (int64_t)b;
    case MG_T_BOOL: return a < b ? -1 : a > b;
    case MG_T_FLOAT: {
        double x = mg_slot_f(a), y = mg_slot_f(b);
        if (x < y) return -1;
        if (x > y) return 1;
        if (x == y) return 0;
        return 2;
    }
    case MG_T_STR: return mg_str_cmp((MgStr *)(uintptr_t)a, (MgStr *)(uintptr_t)b);
    case MG_T_LIST: case MG_T_VARTUPLE: return mg_list_cmp((MgList *)(uintptr_t)a, (MgList *)(uintptr_t)b);
    case MG_T_TUPLE: return mg_tuple_cmp3(t, a, t, b);
    case MG_T_INSTANCE: return mg_instance_cmp(t, a, b);
    case MG_T_OPTIONAL: return 2;
    /* The checker refuses ordering these (and None). */
    case MG_T_NONE: case MG_T_DICT: case MG_T_SET: case MG_T_FILE: case MG_T_RANGE: case MG_T_DICTVIEW: case MG_T_DEQUE: case MG_T_GEN: return 2;
    }
    abort();
}

#define MG_HASH_BITS 61
#define MG_HASH_MODULUS (((uint64_t)1 << MG_HASH_BITS) - 1)

/* CPython's hash of an int. */
int64_t mg_hash_int(int64_t v) {
    /* Below the modulus in magnitude an int is its own hash (but -1, which means an error
     * in CPython's C API): no division for the usual keys. */
    if (v > -(int64_t)MG_HASH_MODULUS && v < (int64_t)MG_HASH_MODULUS) return v == -1 ? -2 : v;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    int64_t h = (int64_t)(u % MG_HASH_MODULUS);
    if (v < 0) h = -h;
    return h == -1 ? -2 : h;
}

/* CPython's _Py_HashDouble (NaN hashes by identity there; we use 0). */
int64_t mg_hash_float(double v) {
    if (isinf(v)) return v > 0 ? 314159 : -314159;
    if (isnan(v)) return 0;
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & MG_HASH_MODULUS) | x >> (MG_HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= MG_HASH_MODULUS) x -= MG_HASH_MODULUS;
    }
    e = e >= 0 ? e % MG_HASH_BITS : MG_HASH_BITS - 1 - ((-1 - e) % MG_HASH_BITS);
    x = ((x << e) & MG_HASH_MODULUS) | x >> (MG_HASH_BITS - e);
    int64_t h = (int64_t)x * sign;
    return h == -1 ? -2 : h;
}

int64_t mg_slot_hash(const MgType *t, MgSlot s) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_INT: return mg_hash_int((int64_t)s);
    case MG_T_BOOL: return (int64_t)s;
    case MG_T_FLOAT: return mg_hash_float(mg_slot_f(s));
    case MG_T_STR: return mg_str_hash((MgStr *)(uintptr_t)s);
    case MG_T_TUPLE: return mg_tuple_hash((const MgTuple *)(uintptr_t)s);
    case MG_T_VARTUPLE: return mg_vartuple_hash((const MgList *)(uintptr_t)s);
    case MG_T_INSTANCE: return mg_instance_hash(t, s);
    case MG_T_OPTIONAL: break;
    /* Unhashable in the subset (None hashes by address in CPython): the checker refuses. */
    case MG_T_NONE: case MG_T_LIST: case MG_T_DICT: case MG_T_SET: case MG_T_FILE: case MG_T_RANGE: case MG_T_DICTVIEW: case MG_T_DEQUE: case MG_T_GEN: break;
    }
    abort();
}

/* The truth of a value of any type (mg_hot.c's mg_slot_truth answers the containers and
 * numbers inline, and asks here for the rest). */
int32_t mg_slot_truth_any(const MgType *t, MgSlot v) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_FLOAT: return mg_slot_f(v) != 0.0;
    case MG_T_NONE: return 0;
    case MG_T_STR: return ((MgStr *)(uintptr_t)v)->len != 0;
    case MG_T_LIST: case MG_T_VARTUPLE: return ((MgList *)(uintptr_t)v)->len != 0;
    case MG_T_DICT: return ((MgDict *)(uintptr_t)v)->len != 0;
    case MG_T_SET: return ((MgSet *)(uintptr_t)v)->used != 0;
    case MG_T_DEQUE: return ((MgDeque *)(uintptr_t)v)->len != 0;
    case MG_T_TUPLE: return ((MgTuple *)(uintptr_t)v)->len != 0;
    /* The checker calls `__bool__`/`__len__` itself; an instance without them is true. */
    case MG_T_INSTANCE: case MG_T_FILE: case MG_T_GEN: return 1;
    case MG_T_RANGE: return mg_range_truth((const MgRange *)(uintptr_t)v);
    case MG_T_DICTVIEW: return ((MgDict *)(uintptr_t)v)->len != 0;
    case MG_T_OPTIONAL: return v != 0 && mg_slot_truth_any(t->a, mg_optional_value(t, v));
    case MG_T_INT: case MG_T_BOOL: return v != 0;
    }
    abort();
}

/* ---- repr and str ------------------------------------------------------------ */

static void mg_list_repr_into(MgBuf *b, const MgType *t, const MgList *l);

void mg_slot_repr_into(MgBuf *b, const MgType *t, MgSlot s) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_INT: mg_buf_int(b, (int64_t)s); break;
    case MG_T_FLOAT: mg_buf_float(b, mg_slot_f(s)); break;
    case MG_T_BOOL: mg_buf_puts(b, s ? "True" : "False"); break;
    case MG_T_NONE: mg_buf_puts(b, "None"); break;
    case MG_T_STR: mg_str_repr_into(b, (MgStr *)(uintptr_t)s); break;
    case MG_T_LIST: case MG_T_VARTUPLE: mg_list_repr_into(b, t, (MgList *)(uintptr_t)s); break;
    case MG_T_DICT: mg_dict_repr_into(b, t, (MgDict *)(uintptr_t)s); break;
    case MG_T_SET: mg_set_repr_into(b, t, (MgSet *)(uintptr_t)s); break;
    case MG_T_DEQUE: mg_deque_repr_into(b, t, (MgDeque *)(uintptr_t)s); break;
    case MG_T_TUPLE: mg_tuple_repr_into(b, (const MgTuple *)(uintptr_t)s); break;
    case MG_T_INSTANCE: mg_instance_repr_into(b, t, s, 0); break;
    case MG_T_FILE: mg_file_repr_into(b, (const MgFile *)(uintptr_t)s); break;
    case MG_T_RANGE: mg_range_repr_into(b, (const MgRange *)(uintptr_t)s); break;
    case MG_T_DICTVIEW: mg_dict_view_repr_into(b, t->n, (const MgDict *)(uintptr_t)s); break;
    case MG_T_GEN: mg_gen_repr_into(b, (const MgGen *)(uintptr_t)s); break;

    case MG_T_OPTIONAL:
        if (s == 0) mg_buf_puts(b, "None");
        else mg_slot_repr_into(b, t->a, mg_optional_value(t, s));
        break;
    }
}

/* str(x): like repr except that a str is itself. */
void mg_slot_str_into(MgBuf *b, const MgType *t, MgSlot s) {
    if (t->kind == MG_T_STR) {
        const MgStr *str = (MgStr *)(uintptr_t)s;
        mg_buf_put(b, str->data, str->len);
    } else if (t->kind == MG_T_INSTANCE) {
        mg_instance_repr_into(b, t, s, 1);
    } else if (t->kind == MG_T_OPTIONAL && s != 0) {
        mg_slot_str_into(b, t->a, mg_optional_value(t, s));
    } else {
        mg_slot_repr_into(b, t, s);
    }
}

/* `[1, 2]`, or for a `tuple[T, ...]` `(1, 2)` and `(1,)`. */
static void mg_list_repr_into(MgBuf *b, const MgType *t, const MgList *l) {
    int tuple = t->kind == MG_T_VARTUPLE;
    mg_buf_puts(b, tuple ? "(" : "[");
    for (int64_t i = 0; i < l->len; i++) {
        if (i) mg_buf_puts(b, ", ");
        mg_slot_repr_into(b, t->a, l->items[i]);
    }
    mg_buf_puts(b, !tuple ? "]" : l->len == 1 ? ",)" : ")");
}

/* print(x) for a value of any type. */
void mg_print_value(const MgType *t, MgSlot s) {
    if (t->kind == MG_T_STR) {
        mg_print_str_value((MgStr *)(uintptr_t)s);
        return;
    }
    MgBuf b = {0, 0, 0};
    mg_slot_str_into(&b, t, s);
    /* A `__str__`/`__repr__` that raised: print nothing of this value. */
    if (!mg_current_exc) fwrite(b.data, 1, (size_t)b.len, MG_OUT);
    free(b.data);
}
