/* Generators: a generator function's body runs on a stack of its own, and `yield`
 * switches back to whoever resumed it.
 *
 * A generator function `def f(a, b) -> Iterator[T]` compiles to three functions
 * (src/check/generators.rs): `f` itself, which makes the generator object (this file's
 * MgGen: the arguments as owned slots and the address of the start function); the body,
 * an ordinary function of the same parameters in which `yield v` is a call of
 * mg_gen_yield; and the start function, which reads the arguments back out of the
 * generator (mg_gen_arg) and calls the body.  The first resumption gives the generator a
 * stack and switches to it; the body then runs until it yields (mg_gen_yield stores the
 * item and switches back) or returns (mg_gen_main marks the generator done and switches
 * back for good).  So every local of the body, every reference it owns and every
 * `finally` it is inside keep living on its stack while it is suspended, exactly as the
 * ordinary function they are, and reference counting and error edges need nothing new.
 *
 * Closing a suspended generator (when it is freed) resumes it with GeneratorExit pending
 * at the `yield`, as CPython's gen_close does: the body unwinds through its error edges,
 * releasing what it owns and running its `finally` clauses, and the GeneratorExit it
 * ends with is dropped.
 *
 * An exception leaving the body ends the generator and propagates out of the resumption
 * (`next()`, the consuming loop) with the body's traceback frames already recorded, as
 * CPython prints them; a StopIteration leaving it becomes RuntimeError("generator raised
 * StopIteration") (PEP 479).
 *
 * The switch saves the callee-saved registers of the System V x86-64 ABI on the stack
 * being left and its stack pointer in the generator (mg_ctx_switch; the MXCSR and x87
 * control words are left alone: nothing in a program changes them); stacks are 1 MiB
 * mappings (touched lazily, with a guard page below), recycled through a small pool. */
#include "mg_internal.h"

#include <sys/mman.h>
#include <unistd.h>

#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define MG_HAVE_VALGRIND 1
#endif

#if !defined(__x86_64__)
#error "generators switch stacks with x86-64 code (mg_ctx_switch); port it to this architecture"
#endif

/* Built-in exception classes (mg_exc_classes.h, generated; defined in mg_exc.c). */
extern const MgType mg_exc_class_StopIteration, mg_exc_class_RuntimeError, mg_exc_class_GeneratorExit;

enum { MG_GEN_CREATED, MG_GEN_SUSPENDED, MG_GEN_RUNNING, MG_GEN_DONE };

#define MG_GEN_STACK (1u << 20)
#define MG_GEN_GUARD 4096u
#define MG_GEN_POOL 32

struct MgGen {
    MgObj h;
    int32_t state;
    int32_t closing;          /* resumed by close: the yield raises GeneratorExit */
    void (*start)(struct MgGen *);
    const char *name;         /* the generator function's qualname, for repr */
    MgSlot value;             /* the item the last yield produced (owned until taken) */
    void *sp;                 /* the generator's stack pointer while it is suspended */
    void *resumer_sp;         /* the resumer's while the generator runs */
    char *stack;              /* the mapping, NULL before the first resumption and once done */
    unsigned valgrind_id;
    struct MgGen *prev;       /* the generator running when this one was resumed */
    int64_t nargs;
    int64_t heap_mask;        /* bit i: argument i is an object reference (owned) */
    MgSlot args[];
};

static const MgType mg_type_gen = {.kind = MG_T_GEN};

/* The generator whose body is running (innermost), NULL on the main stack. */
static MgGen *mg_gen_current = NULL;

/* Saves the callee-saved registers and the stack pointer into *save, then continues on
 * the stack `to` (saved the same way, or prepared by mg_gen_prepare). */
void mg_ctx_switch(void **save, void *to) __attribute__((visibility("hidden")));
__asm__(".text\n"
        ".globl mg_ctx_switch\n"
        ".hidden mg_ctx_switch\n"
        ".type mg_ctx_switch,@function\n"
        "mg_ctx_switch:\n"
        "    pushq %rbp\n"
        "    pushq %rbx\n"
        "    pushq %r12\n"
        "    pushq %r13\n"
        "    pushq %r14\n"
        "    pushq %r15\n"
        "    movq %rsp, (%rdi)\n"
        "    movq %rsi, %rsp\n"
        "    popq %r15\n"
        "    popq %r14\n"
        "    popq %r13\n"
        "    popq %r12\n"
        "    popq %rbx\n"
        "    popq %rbp\n"
        "    ret\n"
        ".size mg_ctx_switch, .-mg_ctx_switch\n"
        /* The first switch to a new stack returns here with the generator in %r12. */
        ".type mg_gen_boot,@function\n"
        "mg_gen_boot:\n"
        "    movq %r12, %rdi\n"
        "    call mg_gen_main\n"
        "    ud2\n"
        ".size mg_gen_boot, .-mg_gen_boot\n");

void mg_gen_main(MgGen *g) __attribute__((visibility("hidden"), noreturn, used));
extern char mg_gen_boot[] __attribute__((visibility("hidden")));

/* Runs on the generator's stack: the body, to its end. */
void mg_gen_main(MgGen *g) {
    g->start(g);
    g->state = MG_GEN_DONE;
    mg_ctx_switch(&g->sp, g->resumer_sp);
    abort(); /* a finished generator is never resumed */
}

static char *mg_stack_pool[MG_GEN_POOL];
static int mg_stack_pool_len = 0;

static char *mg_stack_get(void) {
    if (mg_stack_pool_len > 0) return mg_stack_pool[--mg_stack_pool_len];
    void *p = mmap(NULL, MG_GEN_STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (p == MAP_FAILED) {
        fputs("multigen: out of memory for a generator's stack\n", stderr);
        abort();
    }
    mprotect(p, MG_GEN_GUARD, PROT_NONE); /* an overflow faults instead of corrupting */
    return p;
}

static void mg_stack_put(char *s) {
    if (mg_stack_pool_len < MG_GEN_POOL) mg_stack_pool[mg_stack_pool_len++] = s;
    else munmap(s, MG_GEN_STACK);
}

/* A stack whose first switch lands in mg_gen_boot with `g` in %r12 and the stack pointer
 * 16-byte aligned at the call of mg_gen_main. */
static void mg_gen_prepare(MgGen *g) {
    g->stack = mg_stack_get();
#ifdef MG_HAVE_VALGRIND
    g->valgrind_id = VALGRIND_STACK_REGISTER(g->stack + MG_GEN_GUARD, g->stack + MG_GEN_STACK);
#endif
    uint64_t *top = (uint64_t *)(void *)(g->stack + MG_GEN_STACK);
    uint64_t *sp = top - 9;
    sp[0] = 0;                                     /* r15 */
    sp[1] = 0;                                     /* r14 */
    sp[2] = 0;                                     /* r13 */
    sp[3] = (uint64_t)(uintptr_t)g;                /* r12 */
    sp[4] = 0;                                     /* rbx */
    sp[5] = 0;                                     /* rbp */
    sp[6] = (uint64_t)(uintptr_t)mg_gen_boot;      /* return address */
    g->sp = sp;
}

static void mg_gen_release_stack(MgGen *g) {
    if (!g->stack) return;
#ifdef MG_HAVE_VALGRIND
    VALGRIND_STACK_DEREGISTER(g->valgrind_id);
#endif
    mg_stack_put(g->stack);
    g->stack = NULL;
}

/* ---- what generated code calls ----------------------------------------------------- */

/* A new generator of `nargs` arguments, set next by mg_gen_set_arg. */
MgGen *mg_gen_new(int64_t start, const char *name, int64_t nargs, int64_t heap_mask) {
    MgGen *g = mg_obj_new(sizeof(MgGen) + (size_t)nargs * sizeof(MgSlot), &mg_type_gen);
    g->state = MG_GEN_CREATED;
    g->closing = 0;
    g->start = (void (*)(MgGen *))(uintptr_t)start;
    g->name = name;
    g->value = 0;
    g->sp = g->resumer_sp = NULL;
    g->stack = NULL;
    g->valgrind_id = 0;
    g->prev = NULL;
    g->nargs = nargs;
    g->heap_mask = heap_mask;
    for (int64_t i = 0; i < nargs; i++) g->args[i] = 0;
    return g;
}

/* Argument `i` (borrowed from the caller: the generator takes its own reference). */
void mg_gen_set_arg(MgGen *g, int64_t i, MgSlot v) {
    if ((g->heap_mask >> i) & 1) mg_incref((void *)(uintptr_t)v);
    g->args[i] = v;
}

/* Argument `i`, borrowed from the generator (the start function passes it to the body). */
MgSlot mg_gen_arg(MgGen *g, int64_t i) { return g->args[i]; }

/* Runs the generator until it yields (1) or ends (0; an exception may be pending). */
static int mg_gen_resume(MgGen *g) {
    if (g->state == MG_GEN_DONE) return 0;
    if (g->state == MG_GEN_RUNNING) {
        mg_raise(MG_VALUE, "generator already executing");
        return 0;
    }
    if (g->state == MG_GEN_CREATED) mg_gen_prepare(g);
    g->state = MG_GEN_RUNNING;
    g->prev = mg_gen_current;
    mg_gen_current = g;
    int32_t depth = mg_recursion_depth;
    mg_ctx_switch(&g->resumer_sp, g->sp);
    mg_recursion_depth = depth;
    mg_gen_current = g->prev;
    g->prev = NULL;
    if (g->state == MG_GEN_SUSPENDED) return 1;
    mg_gen_release_stack(g);
    /* PEP 479: a StopIteration leaving the body is a bug in it, not its end. */
    if (mg_current_exc && mg_exc_matches(&mg_exc_class_StopIteration)) {
        MgExc *stop = mg_current_exc;
        mg_current_exc = NULL;
        MgExc *e = mg_exc_new(&mg_exc_class_RuntimeError, MG_RUNTIME, "generator raised StopIteration");
        e->cause = stop;
        e->suppress_context = 1;
        mg_exc_set_pending(e);
    }
    return 0;
}

/* `yield v` in the body: hands `v` (stolen) to the resumer and waits to be resumed;
 * raises GeneratorExit when the generator is being closed. */
void mg_gen_yield(MgSlot v) {
    MgGen *g = mg_gen_current;
    g->value = v;
    g->state = MG_GEN_SUSPENDED;
    mg_ctx_switch(&g->sp, g->resumer_sp);
    if (g->closing) mg_exc_set_pending(mg_exc_new(&mg_exc_class_GeneratorExit, -1, NULL));
}

/* The next item: 1 when there is one (mg_iter_value takes it), 0 at the end or when the
 * body raised (pending). */
int32_t mg_iter_advance(MgGen *g) { return mg_gen_resume(g); }

/* The item the last successful mg_iter_advance produced (a new reference). */
MgSlot mg_iter_value(MgGen *g) {
    MgSlot v = g->value;
    g->value = 0;
    return v;
}

/* `next(g)`: the next item, or StopIteration at the end. */
MgSlot mg_iter_next(MgGen *g) {
    if (mg_gen_resume(g)) return mg_iter_value(g);
    if (!mg_current_exc) mg_exc_set_pending(mg_exc_new(&mg_exc_class_StopIteration, -1, NULL));
    return 0;
}

/* CPython's gen_close at deallocation: GeneratorExit at the suspended yield; the body's
 * cleanup runs; what it raises other than GeneratorExit is reported and ignored. */
static void mg_gen_close(MgGen *g) {
    MgExc *pending = mg_current_exc;
    mg_current_exc = NULL;
    g->closing = 1;
    if (mg_gen_resume(g)) {
        /* It yielded again: CPython reports "generator ignored GeneratorExit" and leaves
         * the frame to the cycle collector; here it stays suspended for good. */
        g->value = 0; /* its type is the body's to know: leaked with the frame */
        fprintf(stderr, "Exception ignored in: <generator object %s at %p>\nRuntimeError: generator ignored GeneratorExit\n", g->name, (void *)g);
        g->stack = NULL; /* leaked with its frame: resuming it is never safe again */
    } else if (mg_current_exc && !mg_exc_matches(&mg_exc_class_GeneratorExit)) {
        fflush(stdout);
        fprintf(stderr, "Exception ignored in: <generator object %s at %p>\n", g->name, (void *)g);
        mg_print_traceback(mg_current_exc);
    }
    mg_exc_decref(mg_current_exc);
    mg_current_exc = pending;
}

void mg_gen_free(MgGen *g) {
    if (g->state == MG_GEN_SUSPENDED) mg_gen_close(g);
    mg_gen_release_stack(g);
    for (int64_t i = 0; i < g->nargs; i++)
        if ((g->heap_mask >> i) & 1) mg_decref((void *)(uintptr_t)g->args[i]);
}

size_t mg_gen_size(const MgGen *g) { return sizeof(MgGen) + (size_t)g->nargs * sizeof(MgSlot); }

/* `<generator object countdown at 0x...>`. */
void mg_gen_repr_into(MgBuf *b, const MgGen *g) {
    char addr[32];
    snprintf(addr, sizeof addr, "%p", (const void *)g);
    /* A builtin iterator's name starts with '!': `<map object at 0x...>`. */
    if (g->name[0] == '!') {
        mg_buf_puts(b, "<");
        mg_buf_puts(b, g->name + 1);
        mg_buf_puts(b, " object at ");
    } else {
        mg_buf_puts(b, "<generator object ");
        mg_buf_puts(b, g->name);
        mg_buf_puts(b, " at ");
    }
    mg_buf_puts(b, addr);
    mg_buf_puts(b, ">");
}
