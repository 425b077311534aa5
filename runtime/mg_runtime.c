/* multigen runtime: the one library that JIT and AOT programs both use.
 *
 * Each runtime file is a translation unit of its own; build.rs compiles them all with
 * clang-19 into libmg_runtime.a, which is linked into the multigen binary (where the JIT
 * maps generated code's references to it) and into every AOT executable, so both modes
 * run the very same runtime.  The small helpers on hot paths (arithmetic, math,
 * reference counting) are in mg_hot.c, which is also compiled to the bitcode codegen
 * links into every module.  The files share what they need through mg_internal.h.
 *
 * This file is the core: exceptions and tracebacks, output and printing, process start
 * and end.
 *
 * Error model (see ARCHITECTURE.md, "Exceptions"): a raising operation stores
 * an exception in `mg_current_exc` and returns a dummy value.  Generated code
 * tests `mg_current_exc` after every operation that may raise and, when set,
 * records a traceback frame and returns to its caller.  This is the design that
 * try/except (Tier 2) extends: an except clause is a branch target instead of
 * the function's return.
 */
#include "mg_internal.h"

#include <unistd.h>

const char *const MG_EXC_NAMES[] = {
    "ZeroDivisionError", "OverflowError", "AssertionError", "ValueError", "SystemExit",
    "IndexError",        "KeyError",      "TypeError",      "RuntimeError",
    "UnboundLocalError", "NameError",         "UnicodeEncodeError", "RecursionError",
    "NotImplementedError", "AttributeError", "OSError", "FileNotFoundError", "IsADirectoryError",
    "NotADirectoryError", "PermissionError", "UnicodeDecodeError", "EOFError",
    "UnsupportedOperation",
};

/* Non-NULL while an exception propagates. */
MgExc *mg_current_exc = NULL;

/* The exception an except clause is handling (innermost), or NULL. */
MgExc *mg_handling = NULL;


/* Where print() writes (MG_OUT): stdout, unless a host (the JIT library API) captures output. */
FILE *mg_out = NULL;

void mg_set_output(FILE *f) { mg_out = f; }

/* Output capture for hosts: print() goes to a memory buffer between begin and end.  One
 * stream, made at the first capture and kept (a host calls in again and again: opening a
 * stream per call cost more than a small call itself), writing through to a growable buffer;
 * outside a capture print() writes to stdout again. */
static char *mg_capture_buf;
static size_t mg_capture_len, mg_capture_cap;
static FILE *mg_capture_file;

static ssize_t mg_capture_write(void *cookie, const char *data, size_t n) {
    (void)cookie;
    if (mg_capture_len + n > mg_capture_cap) {
        size_t cap = mg_capture_cap ? mg_capture_cap : 256;
        while (cap < mg_capture_len + n) cap *= 2;
        char *grown = realloc(mg_capture_buf, cap);
        if (!grown) abort();
        mg_capture_buf = grown;
        mg_capture_cap = cap;
    }
    memcpy(mg_capture_buf + mg_capture_len, data, n);
    mg_capture_len += n;
    return (ssize_t)n;
}

void mg_capture_begin(void) {
    if (mg_out) return;
    if (!mg_capture_file) {
        mg_capture_file = fopencookie(NULL, "w", (cookie_io_functions_t){.write = mg_capture_write});
        if (!mg_capture_file) abort();
    }
    mg_out = mg_capture_file;
}

/* Ends capturing; returns the text (free it with mg_free; NULL when nothing was printed)
 * and its length in *len. */
char *mg_capture_end(int64_t *len) {
    *len = 0;
    if (!mg_out || mg_out != mg_capture_file) return NULL;
    fflush(mg_capture_file);
    mg_out = NULL;
    if (mg_capture_len == 0) return NULL;
    char *buf = malloc(mg_capture_len + 1);
    if (!buf) abort();
    memcpy(buf, mg_capture_buf, mg_capture_len);
    buf[mg_capture_len] = 0;
    *len = (int64_t)mg_capture_len;
    mg_capture_len = 0;
    return buf;
}

void mg_free(void *p) { free(p); }

/* For hosts, which see objects only through functions (the layouts are this runtime's own). */
MgType *mg_type_new(int32_t kind, const MgType *a, const MgType *b) {
    MgType *t = malloc(sizeof(MgType));
    if (!t) abort();
    *t = (MgType){.kind = kind, .a = a, .b = b};
    return t;
}

const char *mg_str_data(const MgStr *s) { return s->data; }

/* For hosts: an object's reference count (the Python package checks that compiled code kept
 * no reference to an argument it will copy back). */
int64_t mg_refcount(void *p) { return p ? ((const MgObj *)p)->rc : 0; }

/* For hosts: takes the pending exception (NULL if none), leaving none pending. */
MgExc *mg_take_exception(void) {
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    return e;
}

const char *mg_exc_type_name(const MgExc *e) { return e->cls ? e->cls->name : MG_EXC_NAMES[e->kind]; }
const char *mg_exc_message(const MgExc *e) { return e->msg ? e->msg : ""; }
int64_t mg_exc_exit_code(const MgExc *e) { return e->exit_code; }
int32_t mg_exc_n_frames(const MgExc *e) { return e->n_frames; }

/* Frame `i`, innermost first. */
void mg_exc_frame(const MgExc *e, int32_t i, const char **file, int32_t *line, const char **func, const char **src) {
    *file = e->frames[i].file;
    *line = e->frames[i].line;
    *func = e->frames[i].func;
    *src = e->frames[i].src;
}

static void mg_exc_free(MgExc *e);
void mg_exc_release(MgExc *e) { mg_exc_free(e); }

char *mg_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r) memcpy(r, s, n);
    return r;
}

/* Releases one reference to an exception record. */
static void mg_exc_free(MgExc *e) {
    if (!e || --e->rc > 0) return;
    free(e->msg);
    free(e->repr_args);
    free(e->frames);
    mg_decref(e->value);
    mg_exc_free(e->context);
    mg_exc_free(e->cause);
    free(e);
}

void mg_exc_decref(MgExc *e) { mg_exc_free(e); }

/* Makes `e` the pending exception; what is being handled becomes its context. */
void mg_exc_set_pending(MgExc *e) {
    if (mg_handling && mg_handling != e && !e->context) {
        mg_handling->rc++;
        e->context = mg_handling;
    }
    mg_exc_free(mg_current_exc);
    mg_current_exc = e;
}

MgExc *mg_exc_new(const MgType *cls, int32_t kind, const char *msg) {
    MgExc *e = calloc(1, sizeof(MgExc));
    if (!e) abort();
    e->rc = 1;
    e->kind = kind;
    e->cls = cls;
    e->msg = msg ? mg_strdup(msg) : NULL;
    return e;
}

void mg_raise(int32_t kind, const char *msg) { mg_exc_set_pending(mg_exc_new(mg_exc_kind_class(kind), kind, msg)); }

/* Raises an exception whose arguments are not one str (OSError's `(errno, strerror)`,
 * UnicodeDecodeError's five): `repr_args` is the text between the parentheses of its
 * repr, and `e.args` stops loudly (mg_exc_args). */
void mg_raise_with_args(int32_t kind, const char *msg, const char *repr_args) {
    MgExc *e = mg_exc_new(mg_exc_kind_class(kind), kind, msg);
    e->repr_args = mg_strdup(repr_args);
    mg_exc_set_pending(e);
}

void mg_raise_overflow(void) { mg_raise(MG_OVERFLOW, "integer overflow"); }

/* Raises with the text of a str object (assert messages). */
void mg_raise_str(int32_t kind, const MgStr *msg) { mg_raise(kind, msg->data); }

void mg_raise_system_exit(int64_t code) {
    mg_raise(MG_SYSTEM_EXIT, NULL);
    mg_current_exc->exit_code = code;
}

/* Records one traceback frame while an exception leaves a function. */
void mg_tb_add(const char *file, int32_t line, const char *func, const char *src) {
    MgExc *e = mg_current_exc;
    if (!e) return;
    if (e->reraised) {
        /* `raise` in an except clause: this frame's line is the original one, recorded. */
        e->reraised = 0;
        return;
    }
    if (e->n_frames == e->cap_frames) {
        int32_t cap = e->cap_frames ? e->cap_frames * 2 : 8;
        MgFrame *f = realloc(e->frames, (size_t)cap * sizeof(MgFrame));
        if (!f) return; /* out of memory: drop frames, keep the exception */
        e->frames = f;
        e->cap_frames = cap;
    }
    e->frames[e->n_frames++] = (MgFrame){file, func, src, line};
}

/* ---- process start and end ------------------------------------------- */

/* The program's arguments, for sys.argv (mg_list.c). */
int mg_argc;
char **mg_argv;

/* The standard streams buffered as CPython buffers them, so that what goes to stdout and
 * stderr interleaves the same way when both go to one file: stdout by lines on a terminal
 * and in 8 KiB blocks otherwise (io.DEFAULT_BUFFER_SIZE), stderr by lines, both written
 * through under PYTHONUNBUFFERED.  Once per process, before either stream is used (a JIT
 * host's own output goes through Rust, which does not use C's streams). */
static void mg_buffer_streams(void) {
    static int done;
    if (done) return;
    done = 1;
    const char *unbuffered = getenv("PYTHONUNBUFFERED");
    if (unbuffered && unbuffered[0]) {
        setvbuf(stdout, NULL, _IONBF, 0);
        setvbuf(stderr, NULL, _IONBF, 0);
        return;
    }
    /* glibc ignores the size unless it is given the buffer (it would use st_blksize,
     * 4096 for a pipe). */
    static char out_buf[8192], err_buf[8192];
    if (!isatty(STDOUT_FILENO)) setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
    setvbuf(stderr, err_buf, _IOLBF, sizeof err_buf);
}

void mg_init(int32_t argc, char **argv) {
    mg_buffer_streams();
    mg_argc = argc;
    mg_argv = argv;
    mg_exc_free(mg_current_exc);
    mg_current_exc = NULL;
}

/* Ends the program: flushes stdout, prints an uncaught exception as CPython
 * does and returns the process exit status. */
int32_t mg_finish(void) {
    fflush(stdout);
    const char *stats = getenv("MULTIGEN_ALLOC_STATS");
    if (stats && stats[0] && strcmp(stats, "0") != 0) {
        fprintf(stderr, "multigen: %lld objects allocated\n", (long long)mg_objects_allocated);
        fprintf(stderr, "multigen: %lld cycle collections, %lld objects collected, %lld tracked objects alive\n", (long long)mg_gc_collections,
                (long long)mg_gc_collected, (long long)mg_gc_live);
    }
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    if (!e) return 0;
    int32_t status = 1;
    if (e->kind == MG_SYSTEM_EXIT) {
        status = (int32_t)(e->exit_code & 0xff);
    } else {
        mg_print_traceback(e);
        fflush(stderr);
    }
    mg_exc_free(e);
    return status;
}

/* CPython's report of an uncaught exception: its cause or context first, then its own
 * traceback and `Name: message`. */
void mg_print_traceback(const MgExc *e) {
    if (e->cause) {
        mg_print_traceback(e->cause);
        fputs("\nThe above exception was the direct cause of the following exception:\n\n", stderr);
    } else if (e->context && !e->suppress_context) {
        mg_print_traceback(e->context);
        fputs("\nDuring handling of the above exception, another exception occurred:\n\n", stderr);
    }
    if (e->n_frames > 0) fputs("Traceback (most recent call last):\n", stderr);
    /* As CPython: a frame repeated more than three times in a row (recursion) prints
     * three times, then "[Previous line repeated N more times]". */
    const MgFrame *last = NULL;
    int32_t repeats = 0;
    for (int32_t i = e->n_frames - 1; i >= 0; i--) {
        MgFrame *f = &e->frames[i];
        int same = last && last->line == f->line && strcmp(last->file, f->file) == 0 && strcmp(last->func, f->func) == 0;
        if (!same) {
            if (repeats > 3) fprintf(stderr, "  [Previous line repeated %d more time%s]\n", repeats - 3, repeats - 3 == 1 ? "" : "s");
            repeats = 0;
        }
        last = f;
        if (++repeats > 3) continue;
        fprintf(stderr, "  File \"%s\", line %d, in %s\n", f->file, f->line, f->func);
        if (f->src && f->src[0]) fprintf(stderr, "    %s\n", f->src);
    }
    if (repeats > 3) fprintf(stderr, "  [Previous line repeated %d more time%s]\n", repeats - 3, repeats - 3 == 1 ? "" : "s");
    fputs(mg_exc_module_prefix(e), stderr);
    fputs(mg_exc_type_name(e), stderr);
    if (e->msg && e->msg[0]) {
        fputs(": ", stderr);
        mg_fputs_stderr_text(e->msg, stderr);
    }
    fputc('\n', stderr);
}

/* ---- printing ---------------------------------------------------------- */

void mg_print_str(const char *s, int64_t len) { fwrite(s, 1, (size_t)len, MG_OUT); }

void mg_print_int(int64_t v) {
    char tmp[24];
    int n = mg_format_int(tmp, v);
    fwrite(tmp, 1, (size_t)n, MG_OUT);
}

void mg_print_bool(int8_t v) { fputs(v ? "True" : "False", MG_OUT); }

void mg_print_none(void) { fputs("None", MG_OUT); }

/* CPython's float repr: the shortest digit string that reads back as the same
 * double, in fixed notation when the decimal exponent is in [-4, 16), else in
 * scientific notation with at least two exponent digits.  Writes at most 32
 * bytes into `out` and returns the length. */
int32_t mg_float_repr(double x, char *out) {
    if (isnan(x)) return (int32_t)(strcpy(out, "nan"), 3);
    if (isinf(x)) {
        strcpy(out, x < 0 ? "-inf" : "inf");
        return x < 0 ? 4 : 3;
    }
    if (x == 0.0) {
        strcpy(out, signbit(x) ? "-0.0" : "0.0");
        return signbit(x) ? 4 : 3;
    }
    char tmp[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
        if (strtod(tmp, NULL) == x) break;
    }
    /* tmp is "[-]d[.ddd]e[+-]XX": split into sign, digits and exponent. */
    const char *p = tmp;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    char digits[24];
    int n_digits = 0;
    while (*p && *p != 'e') {
        if (*p != '.') digits[n_digits++] = *p;
        p++;
    }
    int exp10 = atoi(p + 1);
    while (n_digits > 1 && digits[n_digits - 1] == '0') n_digits--;

    char *o = out;
    if (neg) *o++ = '-';
    if (exp10 >= -4 && exp10 < 16) {
        if (exp10 >= 0) {
            for (int i = 0; i <= exp10; i++) *o++ = i < n_digits ? digits[i] : '0';
            *o++ = '.';
            if (n_digits > exp10 + 1)
                for (int i = exp10 + 1; i < n_digits; i++) *o++ = digits[i];
            else
                *o++ = '0';
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int i = 0; i < -exp10 - 1; i++) *o++ = '0';
            for (int i = 0; i < n_digits; i++) *o++ = digits[i];
        }
    } else {
        *o++ = digits[0];
        if (n_digits > 1) {
            *o++ = '.';
            for (int i = 1; i < n_digits; i++) *o++ = digits[i];
        }
        o += sprintf(o, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    }
    *o = 0;
    return (int32_t)(o - out);
}

void mg_print_float(double x) {
    char buf[40];
    int32_t n = mg_float_repr(x, buf);
    fwrite(buf, 1, (size_t)n, MG_OUT);
}

