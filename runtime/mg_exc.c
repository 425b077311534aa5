/* Exceptions as objects: the built-in exception classes (generated from the table in
 * src/codegen/runtime_fns.rs), matching a pending exception against classes, handling it
 * in an except clause, `finally` and raising instances, with context and cause.
 *
 * An exception instance has three hidden fields: `str(e)`, the text of `repr(e)` between
 * the parentheses (`ValueError('x')`) and `e.args` as a tuple[str, ...] (the marker
 * list below when the arguments were not all str). The runtime raises by kind (mg_raise)
 * without an object; one is made when an except clause binds the exception. */
#include "mg_internal.h"

static const MgType mg_type_args = {.kind = MG_T_VARTUPLE, .a = &mg_type_str};
/* The `e.args` of an exception whose arguments were not all str: a tuple[str, ...] cannot
 * hold them, so reading it stops loudly (mg_exc_args). */
static const MgType mg_type_args_unknown = {.kind = MG_T_VARTUPLE, .a = &mg_type_str};
static const MgType *const mg_exc_fields[] = {&mg_type_str, &mg_type_str, &mg_type_args};

MgList *mg_exc_args_unknown(void) { return mg_list_new(&mg_type_args_unknown, 0); }

MgList *mg_exc_args(MgInstance *v) {
    MgList *args = (MgList *)(uintptr_t)v->fields[2];
    if (!args || args->h.type == &mg_type_args_unknown) {
        mg_raise(MG_NOT_IMPLEMENTED, "multigen holds e.args only when every argument is a str");
        return NULL;
    }
    mg_incref(args);
    return args;
}

#include "mg_exc_classes.h"

/* The class of an exception the runtime raises by kind. */
const MgType *mg_exc_kind_class(int32_t kind) {
    const char *name = MG_EXC_NAMES[kind];
    for (size_t i = 0; i < sizeof mg_exc_classes / sizeof mg_exc_classes[0]; i++)
        if (strcmp(mg_exc_classes[i]->name, name) == 0) return mg_exc_classes[i];
    return &mg_exc_class_Exception;
}

static int mg_derives(const MgType *t, const MgType *cls) {
    for (; t; t = t->base)
        if (t == cls) return 1;
    return 0;
}

int32_t mg_is_exception_class(const MgType *t) { return mg_derives(t, &mg_exc_class_BaseException); }

/* Whether the pending exception is an instance of `cls` (or of a class derived from it). */
int32_t mg_exc_matches(const MgType *cls) { return mg_current_exc && mg_derives(mg_current_exc->cls, cls); }

/* An except clause takes the pending exception: it is handled until mg_exc_end_handler. */
MgExc *mg_exc_begin_handler(void) {
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    e->prev_handling = mg_handling;
    mg_handling = e;
    return e;
}

void mg_exc_end_handler(MgExc *e) {
    mg_handling = e->prev_handling;
    e->prev_handling = NULL;
    mg_exc_decref(e);
}

/* The exception object (a new reference), made from the kind and message if needed. */
MgInstance *mg_exc_value(MgExc *e) {
    if (!e->value) {
        MgInstance *v = mg_instance_new(e->cls);
        const char *msg = e->msg ? e->msg : "";
        v->fields[0] = (MgSlot)(uintptr_t)mg_str_from(msg, (int64_t)strlen(msg));
        /* CPython's repr of a runtime error: its one argument, a str. */
        MgBuf b = {0, 0, 0};
        /* A KeyError's message is already the key's repr (CPython's str(KeyError(k))). */
        if (e->repr_args)
            mg_buf_puts(&b, e->repr_args);
        else if (e->msg && mg_derives(e->cls, &mg_exc_class_KeyError))
            mg_buf_puts(&b, e->msg);
        else if (e->msg)
            mg_str_repr_into(&b, (MgStr *)(uintptr_t)v->fields[0]);
        v->fields[1] = (MgSlot)(uintptr_t)mg_str_from(b.data ? b.data : "", b.len);
        free(b.data);
        /* The runtime's one argument is its message, a str; a KeyError's is the key and
         * SystemExit's the exit code, which the message only spells. */
        MgList *args;
        if (e->repr_args || mg_derives(e->cls, &mg_exc_class_KeyError) || mg_derives(e->cls, &mg_exc_class_SystemExit)) {
            args = mg_exc_args_unknown();
        } else {
            args = mg_list_new(&mg_type_args, e->msg ? 1 : 0);
            if (e->msg) mg_list_append(args, v->fields[0]);
        }
        v->fields[2] = (MgSlot)(uintptr_t)args;
        e->value = v;
    }
    mg_incref(e->value);
    return e->value;
}

/* `finally` on an exception path: the pending exception waits while the clause runs. */
MgExc *mg_exc_stash(void) {
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    /* While the clause runs, the exception is the one being handled, as CPython's
     * PUSH_EXC_INFO makes it: what the clause (or a function it calls) raises gets it as
     * its context. */
    if (e) {
        e->prev_handling = mg_handling;
        mg_handling = e;
    }
    return e;
}

/* The clause is over: the stashed exception is no longer being handled. */
static void mg_exc_end_stash(MgExc *e) {
    if (e && mg_handling == e) {
        mg_handling = e->prev_handling;
        e->prev_handling = NULL;
    }
}

/* The recursion depth of the function being entered: generated code stores it before
 * every call of a function on a cycle of the call graph and checks it on entry. */
int32_t mg_recursion_depth = 0;

/* What a traceback prints before an exception's class name: CPython qualifies the
 * classes of modules other than builtins and __main__. */
const char *mg_exc_module_prefix(const MgExc *e) {
    if (e->cls == &mg_exc_class_FrozenInstanceError) return "dataclasses.";
    if (e->cls == &mg_exc_class_UnsupportedOperation) return "io.";
    if (e->cls->module) {
        static char prefix[256];
        snprintf(prefix, sizeof prefix, "%s.", e->cls->module);
        return prefix;
    }
    return "";
}

void mg_raise_recursion(void) { mg_raise(MG_RECURSION, "maximum recursion depth exceeded"); }

/* A `return` (or `break`) in the clause drops the exception, as in Python. */
void mg_exc_drop(MgExc *e) {
    mg_exc_end_stash(e);
    mg_exc_decref(e);
}

/* After the clause: the exception is pending again. */
void mg_exc_unstash(MgExc *e) {
    mg_exc_end_stash(e);
    mg_exc_set_pending(e);
}

/* The clause raised: its exception is pending, with the waiting one as its context. */
void mg_exc_unstash_as_context(MgExc *e) {
    mg_exc_end_stash(e);
    if (mg_current_exc && !mg_current_exc->context) {
        mg_current_exc->context = e;
        return;
    }
    mg_exc_decref(e);
}

static MgExc *mg_exc_of_value(MgInstance *v) {
    /* The exception being handled, when `v` is its object: its traceback comes along. */
    for (MgExc *h = mg_handling; h; h = h->prev_handling) {
        if (h->value == v) {
            h->rc++;
            return h;
        }
    }
    MgStr *s = (MgStr *)(uintptr_t)v->fields[0];
    MgExc *e = mg_exc_new(v->h.type, -1, s->data);
    mg_incref(v);
    e->value = v;
    return e;
}

/* `raise obj`: str(obj) is the class's `__str__` when it has one, else its message. */
void mg_raise_instance(MgInstance *v) {
    MgExc *existing = NULL;
    for (MgExc *h = mg_handling; h; h = h->prev_handling)
        if (h->value == v) existing = h;
    MgBuf b = {0, 0, 0};
    mg_slot_str_into(&b, v->h.type, (MgSlot)(uintptr_t)v);
    if (mg_current_exc) { /* `__str__` raised */
        free(b.data);
        return;
    }
    MgExc *e = mg_exc_new(v->h.type, -1, b.data ? b.data : "");
    free(b.data);
    mg_incref(v);
    e->value = v;
    (void)existing;
    mg_exc_set_pending(e);
}

/* `raise obj from cause` and `raise obj from None` (cause NULL). */
void mg_raise_from(MgInstance *v, MgInstance *cause) {
    mg_raise_instance(v);
    MgExc *e = mg_current_exc;
    if (!e || e->value != v) return;
    e->suppress_context = 1;
    if (cause) e->cause = mg_exc_of_value(cause);
}

/* `e.__cause__` (or `e.__context__`) of the exception object `v`, a new reference or NULL
 * for None.  The links live with the raised exception, which the clause handling `v` (or
 * one enclosing it) knows; elsewhere they are refused loudly rather than read as None. */
MgInstance *mg_exc_link(MgInstance *v, int8_t context) {
    for (MgExc *h = mg_handling; h; h = h->prev_handling) {
        if (h->value != v) continue;
        MgExc *link = context ? h->context : h->cause;
        return link ? mg_exc_value(link) : NULL;
    }
    mg_raise(MG_NOT_IMPLEMENTED, "multigen reads e.__cause__ and e.__context__ only inside an except clause handling e");
    return NULL;
}

/* A bare `raise` in an except clause: the handled exception again, its traceback as is. */
void mg_reraise(void) {
    MgExc *e = mg_handling;
    e->rc++;
    e->reraised = 1;
    MgExc *prev = mg_handling;
    mg_handling = NULL; /* not its own context */
    mg_exc_set_pending(e);
    mg_handling = prev;
}

/* repr(e) of an exception object: `Name(args)`. */
void mg_exc_repr_into(MgBuf *b, const MgInstance *v) {
    mg_buf_puts(b, v->h.type->name);
    mg_buf_puts(b, "(");
    MgStr *args = (MgStr *)(uintptr_t)v->fields[1];
    mg_buf_put(b, args->data, args->len);
    mg_buf_puts(b, ")");
}
