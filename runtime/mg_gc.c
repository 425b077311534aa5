/* The cycle collector: frees groups of objects that only reference one another, which
 * reference counting alone never frees.  CPython's algorithm (Modules/gcmodule.c, with
 * two generations: see mg_gc_tracked below), in four steps over the objects collected:
 *   1. copy each object's count into `refs`;
 *   2. subtract, for every reference one tracked object holds to another, one from the
 *      target's `refs`: what is left counts the references from outside (registers,
 *      globals, untracked holders, the runtime's own pointers);
 *   3. everything reachable from an object with `refs > 0` is alive (move_unreachable:
 *      one walk over the list, no mark stack);
 *   4. the rest is garbage: hold each alive, clear its references, then let go, which
 *      frees it.
 *
 * Which objects are tracked: those whose type says `tracked` (mg_object.h), which codegen
 * sets on a class whose fields mention a class and on a list, dict, set or tuple whose
 * element types mention one.  Every cycle passes through an instance (a container type
 * cannot contain itself without a class in between), and every object on a cycle holds a
 * reference that leads to an instance, so its static type mentions a class: the cycle is
 * made of tracked objects only.  An untracked object never holds a tracked one, so an
 * untracked holder is always an outside reference.  `list[int]`, `dict[str, int]`, strs
 * and classes of scalars are not tracked and cost the collector nothing.
 *
 * Where the links live: a tracked object is allocated with an MgGcHead just before its
 * MgObj header, so the object pointer (what generated code and mg_object.h's layouts see)
 * does not change and untracked objects carry no extra word.  mg_dealloc unlinks it.
 *
 * When it runs: at the allocation of a tracked object, once the tracked objects allocated
 * minus those freed since the last collection pass a threshold (700, as CPython's first
 * generation, plus the number of tracked objects alive after the last collection): a
 * young collection, or a full one when the old generation grew by a quarter since the last
 * full one, so that a program holding many objects does a bounded amount of collecting
 * work per allocation.  That is
 * safe because every reference the program can still use is counted somewhere outside the
 * garbage (see ARCHITECTURE.md, "Values and memory"): generated code owns what its live
 * registers hold, and keeps a borrowed view only of an object read out of a live owned
 * register's object, which is reachable from it; the runtime's functions borrow their
 * arguments from such registers, and an object they are still building is counted by the
 * pointer they hold.  `MULTIGEN_GC_THRESHOLD=N` sets the 700 (1 collects before every
 * tracked allocation, whatever survives, which the tests use to stress that argument;
 * 0 never collects). */
#include "mg_internal.h"

/* MgGcHead, mg_gc_untrack and mg_gc_free are in mg_internal.h (mg_dealloc inlines them). */

/* Two generations, as CPython's youngest and oldest: circular lists with a sentinel.
 * New objects are young; the survivors of a collection become old.  A young collection
 * looks at young objects only (a reference from an old object counts as one from outside,
 * which only keeps objects alive), so long-lived data is not walked again at every
 * collection; a full collection, when the old generation has grown by a quarter since
 * the last one, looks at everything. */
static MgGcHead mg_gc_tracked = {&mg_gc_tracked, &mg_gc_tracked, 0};
static MgGcHead mg_gc_old = {&mg_gc_old, &mg_gc_old, 0};

#define MG_GC_BASE 700
#define MG_GC_TENTATIVE (-1) /* refs of an object moved to the unreachable list */

static int64_t mg_gc_base = -1;     /* until the environment is read */
static int64_t mg_gc_threshold;     /* pending allocations that trigger a collection */
int64_t mg_gc_pending;              /* tracked allocations minus frees since the last one */
int64_t mg_gc_old_count;            /* objects in the old generation */
static int64_t mg_gc_old_at_full;   /* ... right after the last full collection */
static int mg_gc_running;

int64_t mg_gc_live, mg_gc_collections, mg_gc_collected;

static MgObj *mg_gc_obj(MgGcHead *h) { return (MgObj *)(h + 1); }

static void mg_gc_link(MgGcHead *list, MgGcHead *h) {
    h->prev = list->prev;
    h->next = list;
    list->prev->next = h;
    list->prev = h;
}

static void mg_gc_unlink(MgGcHead *h) {
    h->prev->next = h->next;
    h->next->prev = h->prev;
}

/* ---- traversal: the tracked objects an object references ------------------------- */

typedef void (*MgGcVisit)(MgGcHead *child);

static void mg_gc_visit_slot(const MgType *t, MgSlot s, MgGcVisit visit) {
    if (!mg_is_obj(t) || !s) return;
    MgObj *c = (MgObj *)(uintptr_t)s;
    /* The object's own type decides (a field typed by a base class may hold a subclass). */
    if (c->type->tracked) visit(mg_gc_head(c));
}

/* The switch lists every kind and has no default, so -Wswitch points here for a new one. */
static void mg_gc_traverse(MgObj *o, MgGcVisit visit) {
    const MgType *t = o->type;
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_LIST: case MG_T_VARTUPLE: {
        const MgList *l = (const MgList *)o;
        if (mg_is_obj(t->a))
            for (int64_t i = 0; i < l->len; i++) mg_gc_visit_slot(t->a, l->items[i], visit);
        break;
    }
    case MG_T_DICT: {
        const MgDict *d = (const MgDict *)o;
        for (int64_t i = 0; i < d->n_entries; i++) {
            if (!d->entries[i].live) continue;
            mg_gc_visit_slot(t->a, d->entries[i].key, visit);
            mg_gc_visit_slot(t->b, d->entries[i].value, visit);
        }
        break;
    }
    case MG_T_DEQUE: {
        const MgDeque *d = (const MgDeque *)o;
        if (mg_is_obj(t->a))
            for (int64_t i = 0; i < d->len; i++) mg_gc_visit_slot(t->a, d->items[(d->head + i) & (d->cap - 1)], visit);
        break;
    }
    case MG_T_SET: {
        const MgSet *s = (const MgSet *)o;
        for (int64_t i = 0; i <= s->mask; i++)
            if (s->table[i].state == 1) mg_gc_visit_slot(t->a, s->table[i].key, visit);
        break;
    }
    case MG_T_TUPLE: {
        const MgTuple *p = (const MgTuple *)o;
        for (int64_t i = 0; i < p->len; i++) mg_gc_visit_slot(t->fields[i], p->items[i], visit);
        break;
    }
    case MG_T_INSTANCE: {
        const MgInstance *p = (const MgInstance *)o;
        for (int32_t i = 0; i < t->n; i++) mg_gc_visit_slot(t->fields[i], p->fields[i], visit);
        break;
    }
    case MG_T_STR: case MG_T_OPTIONAL: case MG_T_INT: case MG_T_FLOAT: case MG_T_BOOL: case MG_T_NONE: case MG_T_FILE: case MG_T_RANGE: case MG_T_DICTVIEW: case MG_T_GEN: break;
    }
}

/* Releases every reference `o` holds and leaves it a valid empty object, which mg_dealloc
 * then frees without releasing anything twice (CPython's tp_clear).  A slot is emptied
 * before its reference is released. */
static void mg_gc_clear(MgObj *o) {
    const MgType *t = o->type;
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_LIST: case MG_T_VARTUPLE: {
        MgList *l = (MgList *)o;
        int64_t n = l->len;
        l->len = 0;
        if (mg_is_obj(t->a))
            for (int64_t i = 0; i < n; i++) mg_decref((void *)(uintptr_t)l->items[i]);
        break;
    }
    case MG_T_DICT: {
        MgDict *d = (MgDict *)o;
        for (int64_t i = 0; i < d->n_entries; i++) {
            MgDictEntry *e = &d->entries[i];
            if (!e->live) continue;
            e->live = 0;
            d->len--;
            mg_slot_decref(t->a, e->key);
            mg_slot_decref(t->b, e->value);
        }
        break;
    }
    case MG_T_DEQUE: mg_deque_clear((MgDeque *)o); break;
    case MG_T_SET: {
        MgSet *s = (MgSet *)o;
        for (int64_t i = 0; i <= s->mask; i++) {
            if (s->table[i].state != 1) continue;
            s->table[i].state = 2;
            s->used--;
            mg_slot_decref(t->a, s->table[i].key);
        }
        break;
    }
    case MG_T_TUPLE: {
        MgTuple *p = (MgTuple *)o;
        for (int64_t i = 0; i < p->len; i++) {
            if (!mg_is_obj(t->fields[i])) continue;
            MgSlot s = p->items[i];
            p->items[i] = 0;
            mg_decref((void *)(uintptr_t)s);
        }
        break;
    }
    case MG_T_INSTANCE: {
        MgInstance *p = (MgInstance *)o;
        for (int32_t i = 0; i < t->n; i++) {
            if (!mg_is_obj(t->fields[i])) continue;
            MgSlot s = p->fields[i];
            p->fields[i] = 0;
            mg_decref((void *)(uintptr_t)s);
        }
        break;
    }
    case MG_T_STR: case MG_T_OPTIONAL: case MG_T_INT: case MG_T_FLOAT: case MG_T_BOOL: case MG_T_NONE: case MG_T_FILE: case MG_T_RANGE: case MG_T_DICTVIEW: case MG_T_GEN: break;
    }
}

/* ---- collection ------------------------------------------------------------------ */

static MgGcHead mg_gc_unreachable;

/* Only references between the objects being collected are subtracted. */
static void mg_gc_subtract(MgGcHead *child) {
    if (child->refs != MG_GC_OLDGEN) child->refs--;
}

/* A child of a reachable object is reachable: if the walk already moved it to the
 * unreachable list, it goes back to the end of the tracked list, where the walk will
 * reach it again; if the walk has not reached it yet, `refs = 1` tells it so. */
static void mg_gc_reach(MgGcHead *child) {
    if (child->refs == MG_GC_OLDGEN) return;
    if (child->refs == MG_GC_TENTATIVE) {
        mg_gc_unlink(child);
        mg_gc_link(&mg_gc_tracked, child);
        child->refs = 1;
    } else if (child->refs == 0) {
        child->refs = 1;
    }
}

/* Moves every object of `from` to the end of `to`. */
static void mg_gc_splice(MgGcHead *to, MgGcHead *from) {
    if (from->next == from) return;
    from->next->prev = to->prev;
    to->prev->next = from->next;
    from->prev->next = to;
    to->prev = from->prev;
    from->next = from->prev = from;
}

/* A collection of the young generation, or of everything when `full`. */
static void mg_gc_collect_gen(int full) {
    if (mg_gc_running) return;
    mg_gc_running = 1;
    MgGcHead *list = &mg_gc_tracked, *h;
    if (full) {
        mg_gc_splice(list, &mg_gc_old);
        mg_gc_old_count = 0;
    }
    for (h = list->next; h != list; h = h->next) h->refs = mg_gc_obj(h)->rc;
    for (h = list->next; h != list; h = h->next) mg_gc_traverse(mg_gc_obj(h), mg_gc_subtract);

    /* move_unreachable: objects left at 0 go to the unreachable list until a reachable
     * object references them. */
    MgGcHead *garbage = &mg_gc_unreachable;
    garbage->next = garbage->prev = garbage;
    for (h = list->next; h != list;) {
        if (h->refs > 0) {
            /* Read the successor after the traversal: it may have appended objects. */
            mg_gc_traverse(mg_gc_obj(h), mg_gc_reach);
            h = h->next;
        } else {
            MgGcHead *next = h->next;
            mg_gc_unlink(h);
            mg_gc_link(garbage, h);
            h->refs = MG_GC_TENTATIVE;
            h = next;
        }
    }

    /* Hold every garbage object alive while their references are cleared, so that none
     * is freed while another still points to it; then let go: each count falls to zero
     * and mg_dealloc frees the (empty) object. */
    int64_t n = 0;
    for (h = garbage->next; h != garbage; h = h->next) {
        mg_gc_obj(h)->rc++;
        n++;
    }
    for (h = garbage->next; h != garbage; h = h->next) mg_gc_clear(mg_gc_obj(h));
    while (garbage->next != garbage) {
        h = garbage->next;
        MgObj *o = mg_gc_obj(h);
        if (o->rc == 1) {
            mg_decref(o); /* unlinks it (mg_gc_untrack) and frees it */
        } else {
            /* Something outside still counts it (impossible if every reference is
             * counted): keep it, emptied, rather than free memory in use. */
            o->rc--;
            mg_gc_unlink(h);
            mg_gc_link(list, h);
            n--;
        }
    }
    /* The survivors are old now. */
    for (h = list->next; h != list; h = h->next) {
        h->refs = MG_GC_OLDGEN;
        mg_gc_old_count++;
    }
    mg_gc_splice(&mg_gc_old, list);
    if (full) mg_gc_old_at_full = mg_gc_old_count;
    mg_gc_collections++;
    mg_gc_collected += n;
    mg_gc_pending = 0;
    /* A base of 1 is the stress mode: a full collection at every tracked allocation. */
    /* The next collection after as many new objects (net) as are alive: the work of a
     * collection is then paid by as many allocations (binary trees of instances: 9
     * collections instead of 20 with half, 11,000 with a fixed 700). */
    mg_gc_threshold = mg_gc_base == 1 ? 0 : mg_gc_base + mg_gc_live;
    mg_gc_running = 0;
}

void mg_gc_collect(void) { mg_gc_collect_gen(1); }

/* When the young generation is due: a full collection if the old one has grown by a
 * quarter since the last (CPython's rule for its oldest generation), else a young one. */
static void mg_gc_collect_due(void) {
    int64_t grown = mg_gc_old_count - mg_gc_old_at_full;
    mg_gc_collect_gen(mg_gc_base == 1 || (grown > mg_gc_base && grown > mg_gc_old_at_full / 4));
}

/* ---- allocation and release ------------------------------------------------------ */

static void mg_gc_configure(void) {
    const char *s = getenv("MULTIGEN_GC_THRESHOLD");
    mg_gc_base = s && *s ? strtoll(s, NULL, 10) : MG_GC_BASE;
    if (mg_gc_base < 0) mg_gc_base = MG_GC_BASE;
    mg_gc_threshold = mg_gc_base == 1 ? 0 : mg_gc_base;
}

void *mg_gc_alloc(size_t n, const MgType *t) {
    if (mg_gc_base < 0) mg_gc_configure();
    /* Collect before allocating, so that the new object is never seen half made. */
    if (mg_gc_base > 0 && mg_gc_pending >= mg_gc_threshold) mg_gc_collect_due();
    MgGcHead *h = mg_obj_alloc_inline(sizeof(MgGcHead) + n);
    mg_gc_link(&mg_gc_tracked, h);
    h->refs = 0;
    mg_gc_pending++;
    mg_gc_live++;
    MgObj *o = mg_gc_obj(h);
    o->rc = 1;
    o->type = t;
    return o;
}

