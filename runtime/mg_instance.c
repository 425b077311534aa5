/* Instances of user-defined classes: objects whose fields are slots at fixed indices
 * (generated code reads and writes them inline), and the calls back into generated code
 * for the dunder methods the runtime needs (enum MgDunder in mg_object.h). */
#include "mg_internal.h"

/* mg_instance_new is in mg_hot.c: inlined, its zeroed fields are known to generated code. */

/* type(v).__name__ (None for a null `C | None`). */
MgStr *mg_class_name(const MgInstance *v) {
    const char *name = v ? v->h.type->name : "NoneType";
    return mg_str_from(name, (int64_t)strlen(name));
}

/* repr() of a function value (a function object's class names the function by its
 * qualname, `ir::Closure`): `<function make_multiplier.<locals>.mul at 0x7f...>`. */
MgStr *mg_func_repr(MgSlot self) {
    const MgObj *o = (const MgObj *)(uintptr_t)self;
    char tmp[64];
    snprintf(tmp, sizeof tmp, " at %p>", (const void *)o);
    MgBuf b = {0, 0, 0};
    if (o->type->name[0] == '!') {
        /* What is not a function in CPython: an lru_cache wrapper prints as an object of
         * its class; a partial object's repr names its function and arguments, which
         * multigen does not keep. */
        if (strcmp(o->type->name, "!functools.partial") == 0) {
            mg_raise(MG_NOT_IMPLEMENTED, "multigen cannot print a functools.partial object");
            return mg_str_from("", 0);
        }
        mg_buf_puts(&b, "<");
        mg_buf_puts(&b, o->type->name + 1);
        mg_buf_puts(&b, " object");
        mg_buf_puts(&b, tmp);
    } else {
        mg_buf_puts(&b, "<function ");
        mg_buf_puts(&b, o->type->name);
        mg_buf_puts(&b, tmp);
    }
    MgStr *r = mg_str_from(b.data, b.len);
    free(b.data);
    return r;
}

/* Identity hash, as CPython's _Py_HashPointer: the address rotated by 4 bits. */
static int64_t mg_pointer_hash(MgSlot s) {
    uint64_t y = (uint64_t)s;
    y = (y >> 4) | (y << 60);
    int64_t h = (int64_t)y;
    return h == -1 ? -2 : h;
}

/* The static type of a slot may be a base class: dunders and names come from the
 * object's own class, as Python's dynamic dispatch does. */
static const MgType *mg_class_of(MgSlot s) { return ((const MgObj *)(uintptr_t)s)->type; }

/* A dunder callback, or NULL (the built-in exception classes have none). The callback
 * is about to run: a recursion it starts counts its depth from 1, as one that a function
 * off every cycle of the call graph starts (generated code reads the depth only on entry
 * to a recursive function, after its caller stored it). */
static void *mg_dunder(const MgType *t, int which) {
    mg_recursion_depth = 1;
    return t->dunders ? t->dunders[which] : NULL;
}

int32_t mg_instance_eq(const MgType *t, MgSlot a, MgSlot b) {
    t = mg_class_of(a);
    int32_t (*eq)(MgSlot, MgSlot) = (int32_t (*)(MgSlot, MgSlot))mg_dunder(t, MG_DUNDER_EQ);
    if (!eq) return a == b;
    int32_t r = eq(a, b);
    return r < 0 ? 0 : r;
}

/* -1, 0, 1 through `__lt__` (both ways); 2 when neither is less or on an exception. */
int32_t mg_instance_cmp(const MgType *t, MgSlot a, MgSlot b) {
    t = mg_class_of(a);
    int32_t (*lt)(MgSlot, MgSlot) = (int32_t (*)(MgSlot, MgSlot))mg_dunder(t, MG_DUNDER_LT);
    if (!lt) return 2;
    int32_t r = lt(a, b);
    if (r != 0) return r < 0 ? 2 : -1;
    r = lt(b, a);
    if (r != 0) return r < 0 ? 2 : 1;
    return 0;
}

/* `a < b` between instances: the class's `__lt__`, called once (heapq and bisect compare
 * with `<` alone). 0 or 1, -1 on exception. */
int32_t mg_instance_lt(MgSlot a, MgSlot b) {
    int32_t (*lt)(MgSlot, MgSlot) = (int32_t (*)(MgSlot, MgSlot))mg_dunder(mg_class_of(a), MG_DUNDER_LT);
    if (!lt) return 0;
    return lt(a, b);
}

int64_t mg_instance_hash(const MgType *t, MgSlot s) {
    t = mg_class_of(s);
    int64_t (*hash)(MgSlot) = (int64_t (*)(MgSlot))mg_dunder(t, MG_DUNDER_HASH);
    if (!hash) return mg_pointer_hash(s);
    int64_t h = hash(s);
    return h == -1 ? 0 : h;
}

/* repr(x) (or str(x) when `as_str`): the class's method, else CPython's default form. */
void mg_instance_repr_into(MgBuf *b, const MgType *t, MgSlot s, int as_str) {
    t = mg_class_of(s);
    MgStr *(*f)(MgSlot) = NULL;
    if (as_str) f = (MgStr * (*)(MgSlot)) mg_dunder(t, MG_DUNDER_STR);
    if (!f) f = (MgStr * (*)(MgSlot)) mg_dunder(t, MG_DUNDER_REPR);
    if (!f && mg_is_exception_class(t)) {
        /* str(e) is the message; repr(e) is `Name(args)`. */
        const MgInstance *v = (const MgInstance *)(uintptr_t)s;
        if (as_str) {
            const MgStr *m = (const MgStr *)(uintptr_t)v->fields[0];
            mg_buf_put(b, m->data, m->len);
        } else {
            mg_exc_repr_into(b, v);
        }
        return;
    }
    if (f) {
        MgStr *r = f(s);
        if (!r) return;
        mg_buf_put(b, r->data, r->len);
        mg_decref(r);
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, " object at %p>", (void *)(uintptr_t)s);
    mg_buf_puts(b, "<");
    mg_buf_puts(b, t->module ? t->module : "__main__");
    mg_buf_puts(b, ".");
    mg_buf_puts(b, t->name);
    mg_buf_puts(b, tmp);
}
