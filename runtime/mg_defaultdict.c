/* collections.defaultdict: a dict (MgDict) with a default factory, which mg_dict_get and
 * mg_dict_value_ptr call for a missing key (`d[k]`, `d[k] += v`), inserting what it makes,
 * as CPython's __missing__ does; `in`, `get`, `pop` and the rest never call it.
 *
 * The subset's factories make values without running user code (the checker refuses the
 * others): the zero or empty value of the value type (`int`, `list`, `lambda: 0`, ...), a
 * constant (`lambda: 1`, `lambda: "?"`), or another defaultdict (`lambda:
 * defaultdict(int)`), so a lookup never calls back into the program. */
#include "mg_internal.h"

enum MgFactoryKind {
    MG_FACTORY_ZERO = 0,    /* int() 0, float() 0.0, str() "", [] , set(), {} */
    MG_FACTORY_CONST = 1,   /* a constant: an int, a float's bits, a bool, an immortal str */
    MG_FACTORY_NESTED = 2,  /* a defaultdict made with the inner factory */
    MG_FACTORY_COUNTER = 3, /* a collections.Counter: 0 for a missing key, not inserted (mg_counter.c) */
    MG_FACTORY_LAMBDA = 8,  /* flag: a lambda, whose repr is `<function QUALNAME at 0x...>` */
};

struct MgDictFactory {
    int64_t rc;
    int32_t kind;
    MgSlot value;
    MgDictFactory *inner; /* owned */
    const MgStr *repr;    /* immortal: `<class 'int'>`, or a lambda's qualname */
};

int32_t mg_factory_is_counter(const MgDictFactory *f) { return f->kind == MG_FACTORY_COUNTER; }

/* The one factory every Counter shares (its count never reaches 0). */
MgDictFactory *mg_counter_factory(void) {
    static MgDictFactory counter = {1, MG_FACTORY_COUNTER, 0, NULL, NULL};
    return mg_factory_incref(&counter);
}

MgDictFactory *mg_factory_incref(MgDictFactory *f) {
    f->rc++;
    return f;
}

void mg_factory_decref(MgDictFactory *f) {
    while (f && --f->rc == 0) {
        MgDictFactory *inner = f->inner;
        free(f);
        f = inner;
    }
}

MgSlot mg_factory_make(const MgDictFactory *f, const MgType *t) {
    switch (f->kind & 7) {
    case MG_FACTORY_CONST:
        mg_slot_incref(t, f->value);
        return f->value;
    case MG_FACTORY_NESTED: {
        MgDict *d = mg_dict_new(t);
        d->factory = mg_factory_incref(f->inner);
        return (MgSlot)(uintptr_t)d;
    }
    default:
        break;
    }
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_STR: return (MgSlot)(uintptr_t)mg_str_from("", 0);
    case MG_T_LIST: return (MgSlot)(uintptr_t)mg_list_new(t, 0);
    case MG_T_SET: return (MgSlot)(uintptr_t)mg_set_new(t);
    case MG_T_DICT: return (MgSlot)(uintptr_t)mg_dict_new(t);
    /* 0, 0.0 (all bits zero) and False. */
    default: return 0;
    }
}

void mg_factory_repr_into(MgBuf *b, const MgDictFactory *f) {
    if (f->kind & MG_FACTORY_LAMBDA) {
        char addr[32];
        snprintf(addr, sizeof addr, " at %p>", (const void *)f);
        mg_buf_puts(b, "<function ");
        mg_buf_put(b, f->repr->data, f->repr->len);
        mg_buf_puts(b, addr);
    } else {
        mg_buf_put(b, f->repr->data, f->repr->len);
    }
}

/* `defaultdict(factory)`: `spec` holds (kind, value, repr) for each level of nested
 * defaultdicts, outermost first. */
MgDict *mg_defaultdict_new(const MgType *t, const MgSlot *spec, int64_t n) {
    MgDictFactory *inner = NULL;
    for (int64_t i = n - 3; i >= 0; i -= 3) {
        MgDictFactory *f = mg_alloc(sizeof(MgDictFactory));
        f->rc = 1;
        f->kind = (int32_t)spec[i];
        f->value = spec[i + 1];
        f->repr = (const MgStr *)(uintptr_t)spec[i + 2];
        f->inner = inner;
        inner = f;
    }
    MgDict *d = mg_dict_new(t);
    d->factory = inner;
    return d;
}
