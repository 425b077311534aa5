/* multigen runtime: the one library that JIT and AOT programs both use.
 *
 * build.rs compiles this file twice with clang-19:
 * - with -DMG_HOT_ONLY to LLVM bitcode, holding only the small helpers on hot
 *   paths (arithmetic, math).  Codegen links that bitcode into every module
 *   before optimisation, so they inline into generated code;
 * - to a native object with everything, including the cold part below
 *   (exceptions, tracebacks, printing, process start and end).  It is linked
 *   into the multigen binary, where the JIT maps generated code's references to
 *   it, and into every AOT executable.  The JIT thus compiles only the user's
 *   code, and both modes run the very same runtime.
 *
 * Error model (see ARCHITECTURE.md, "Exceptions"): a raising operation stores
 * an exception in `mg_current_exc` and returns a dummy value.  Generated code
 * tests `mg_current_exc` after every operation that may raise and, when set,
 * records a traceback frame and returns to its caller.  This is the design that
 * try/except (Tier 2) extends: an except clause is a branch target instead of
 * the function's return.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mg_object.h"

/* What hot code needs from the cold part. */
extern MgExc *mg_current_exc;
void mg_raise(int32_t kind, const char *msg);
void mg_raise_overflow(void);

/* ---- cold part: native object only --------------------------------------- */
#ifndef MG_HOT_ONLY

static const char *const MG_EXC_NAMES[] = {
    "ZeroDivisionError", "OverflowError", "AssertionError", "ValueError", "SystemExit",
    "IndexError",        "KeyError",      "TypeError",      "RuntimeError",
    "UnboundLocalError", "NameError",
};

typedef struct MgFrame {
    const char *file;
    const char *func;
    const char *src;
    int32_t line;
} MgFrame;

struct MgExc {
    int32_t kind;
    int64_t exit_code; /* SystemExit only */
    char *msg;         /* owned; NULL for no message */
    MgFrame *frames;   /* innermost first */
    int32_t n_frames, cap_frames;
};

/* Non-NULL while an exception propagates. */
MgExc *mg_current_exc = NULL;

/* Where print() writes: stdout, unless a host (the JIT library API) captures output. */
FILE *mg_out = NULL;
#define MG_OUT (mg_out ? mg_out : stdout)

void mg_set_output(FILE *f) { mg_out = f; }

/* Output capture for hosts: print() goes to a memory buffer between begin and end. */
static char *mg_capture_buf;
static size_t mg_capture_len;

void mg_capture_begin(void) {
    if (!mg_out) mg_out = open_memstream(&mg_capture_buf, &mg_capture_len);
}

/* Ends capturing; returns the text (free it with mg_free) and its length in *len. */
char *mg_capture_end(int64_t *len) {
    if (!mg_out) {
        *len = 0;
        return NULL;
    }
    fclose(mg_out);
    mg_out = NULL;
    char *buf = mg_capture_buf;
    *len = (int64_t)mg_capture_len;
    mg_capture_buf = NULL;
    mg_capture_len = 0;
    return buf;
}

void mg_free(void *p) { free(p); }

/* For hosts: takes the pending exception (NULL if none), leaving none pending. */
MgExc *mg_take_exception(void) {
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    return e;
}

const char *mg_exc_type_name(const MgExc *e) { return MG_EXC_NAMES[e->kind]; }
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

static char *mg_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r) memcpy(r, s, n);
    return r;
}

static void mg_exc_free(MgExc *e) {
    if (!e) return;
    free(e->msg);
    free(e->frames);
    free(e);
}

void mg_raise(int32_t kind, const char *msg) {
    MgExc *e = calloc(1, sizeof(MgExc));
    if (!e) abort();
    e->kind = kind;
    e->msg = msg ? mg_strdup(msg) : NULL;
    mg_exc_free(mg_current_exc);
    mg_current_exc = e;
}

void mg_raise_overflow(void) { mg_raise(MG_OVERFLOW, "integer overflow"); }

/* Raises with the text of a str object (assert messages). */
void mg_raise_str(int32_t kind, const char *str_obj) {
    mg_raise(kind, ((const MgStr *)(const void *)str_obj)->data);
}

void mg_raise_system_exit(int64_t code) {
    mg_raise(MG_SYSTEM_EXIT, NULL);
    mg_current_exc->exit_code = code;
}

/* Records one traceback frame while an exception leaves a function. */
void mg_tb_add(const char *file, int32_t line, const char *func, const char *src) {
    MgExc *e = mg_current_exc;
    if (!e) return;
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

static int mg_argc;
static char **mg_argv;

void mg_init(int32_t argc, char **argv) {
    mg_argc = argc;
    mg_argv = argv;
    mg_exc_free(mg_current_exc);
    mg_current_exc = NULL;
}

/* Ends the program: flushes stdout, prints an uncaught exception as CPython
 * does and returns the process exit status. */
int32_t mg_finish(void) {
    fflush(stdout);
    MgExc *e = mg_current_exc;
    mg_current_exc = NULL;
    if (!e) return 0;
    int32_t status = 1;
    if (e->kind == MG_SYSTEM_EXIT) {
        status = (int32_t)(e->exit_code & 0xff);
    } else {
        fputs("Traceback (most recent call last):\n", stderr);
        for (int32_t i = e->n_frames - 1; i >= 0; i--) {
            MgFrame *f = &e->frames[i];
            fprintf(stderr, "  File \"%s\", line %d, in %s\n", f->file, f->line, f->func);
            if (f->src && f->src[0]) fprintf(stderr, "    %s\n", f->src);
        }
        const char *name = MG_EXC_NAMES[e->kind];
        if (e->msg && e->msg[0])
            fprintf(stderr, "%s: %s\n", name, e->msg);
        else
            fprintf(stderr, "%s\n", name);
        fflush(stderr);
    }
    mg_exc_free(e);
    return status;
}

/* ---- printing ---------------------------------------------------------- */

void mg_print_str(const char *s, int64_t len) { fwrite(s, 1, (size_t)len, MG_OUT); }

static int mg_format_int(char *out, int64_t v);

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

#endif /* MG_HOT_ONLY */

/* ---- integer arithmetic ------------------------------------------------
 * Addition, subtraction and multiplication are emitted inline with LLVM's
 * overflow intrinsics; the operations here need branches on signs. */

int64_t mg_int_floordiv(int64_t a, int64_t b) {
    if (b == 0) {
        mg_raise(MG_ZERO_DIVISION, "integer division or modulo by zero");
        return 0;
    }
    if (a == INT64_MIN && b == -1) {
        mg_raise_overflow();
        return 0;
    }
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}

int64_t mg_int_mod(int64_t a, int64_t b) {
    if (b == 0) {
        mg_raise(MG_ZERO_DIVISION, "integer modulo by zero");
        return 0;
    }
    if (b == -1) return 0;
    int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}

double mg_int_truediv(int64_t a, int64_t b) {
    if (b == 0) {
        mg_raise(MG_ZERO_DIVISION, "division by zero");
        return 0.0;
    }
    /* Both exact as doubles: one rounding, as CPython's fast path. */
    const int64_t exact = (int64_t)1 << 53;
    if (a >= -exact && a <= exact && b >= -exact && b <= exact) return (double)a / (double)b;
    /* Otherwise round the exact quotient once (CPython's long_true_divide): scale the
     * numerator so the integer quotient has at least 55 bits, keep the remainder as a
     * sticky bit, and round to 53 bits, half to even.  Dividing two rounded doubles
     * would round twice and can miss the last bit. */
    int negate = (a < 0) != (b < 0);
    unsigned __int128 n = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint64_t d = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
    int nbits = 64 - __builtin_clzll((uint64_t)n), dbits = 64 - __builtin_clzll(d);
    int shift = 55 + dbits - nbits;
    if (shift < 0) shift = 0;
    n <<= shift;
    unsigned __int128 q = n / d;
    int sticky = n % d != 0;
    int qbits = 128 - (q >> 64 ? __builtin_clzll((uint64_t)(q >> 64)) : 64 + __builtin_clzll((uint64_t)q));
    int extra = qbits - 53;
    uint64_t mant = (uint64_t)(q >> extra);
    unsigned __int128 rest = q & (((unsigned __int128)1 << extra) - 1), half = (unsigned __int128)1 << (extra - 1);
    if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
    double r = ldexp((double)mant, extra - shift);
    return negate ? -r : r;
}

/* `int ** int` with a non-negative exponent (a negative exponent makes a float,
 * which the type checker routes to mg_float_pow). */
int64_t mg_int_pow(int64_t base, int64_t exp) {
    if (exp < 0) {
        mg_raise(MG_VALUE, "negative exponent in int ** int whose type was inferred as int; "
                           "write float(base) ** exp");
        return 0;
    }
    int64_t result = 1;
    while (exp > 0) {
        if (exp & 1) {
            if (__builtin_mul_overflow(result, base, &result)) {
                mg_raise_overflow();
                return 0;
            }
        }
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) {
            mg_raise_overflow();
            return 0;
        }
    }
    return result;
}

int64_t mg_int_lshift(int64_t a, int64_t n) {
    if (n < 0) {
        mg_raise(MG_VALUE, "negative shift count");
        return 0;
    }
    if (a == 0) return 0;
    if (n >= 64) {
        mg_raise_overflow();
        return 0;
    }
    int64_t r = (int64_t)((uint64_t)a << n);
    if ((r >> n) != a) {
        mg_raise_overflow();
        return 0;
    }
    return r;
}

int64_t mg_int_rshift(int64_t a, int64_t n) {
    if (n < 0) {
        mg_raise(MG_VALUE, "negative shift count");
        return 0;
    }
    if (n >= 64) return a < 0 ? -1 : 0;
    return a >> n;
}

int64_t mg_int_abs(int64_t a) {
    if (a == INT64_MIN) {
        mg_raise_overflow();
        return 0;
    }
    return a < 0 ? -a : a;
}

/* ---- float arithmetic -------------------------------------------------- */

double mg_float_div(double a, double b) {
    if (b == 0.0) {
        mg_raise(MG_ZERO_DIVISION, "float division by zero");
        return 0.0;
    }
    return a / b;
}

/* CPython's float_rem. */
double mg_float_mod(double a, double b) {
    if (b == 0.0) {
        mg_raise(MG_ZERO_DIVISION, "float modulo");
        return 0.0;
    }
    double mod = fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) mod += b;
    } else {
        mod = copysign(0.0, b);
    }
    return mod;
}

/* CPython's float_floor_div (via float_divmod). */
double mg_float_floordiv(double a, double b) {
    if (b == 0.0) {
        mg_raise(MG_ZERO_DIVISION, "float floor division by zero");
        return 0.0;
    }
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) div -= 1.0;
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        floordiv = copysign(0.0, a / b);
    }
    return floordiv;
}

/* CPython's float_pow, without complex results. */
double mg_float_pow(double a, double b) {
    if (b == 0.0) return 1.0;
    if (isnan(a)) return a;
    if (isnan(b)) return a == 1.0 ? 1.0 : b;
    if (a == 0.0 && b < 0.0 && !isinf(b)) {
        mg_raise(MG_ZERO_DIVISION, "0.0 cannot be raised to a negative power");
        return 0.0;
    }
    if (a < 0.0 && !isinf(a) && !isinf(b) && floor(b) != b) {
        mg_raise(MG_VALUE, "negative number raised to a fractional power has a complex result, "
                           "which multigen does not support");
        return 0.0;
    }
    double r = pow(a, b);
    if (isinf(r) && !isinf(a) && !isinf(b)) {
        mg_raise(MG_OVERFLOW, "(34, 'Numerical result out of range')");
        return 0.0;
    }
    return r;
}

/* int(x) for a float x: truncation toward zero. */
int64_t mg_float_to_int(double x) {
    if (isnan(x)) {
        mg_raise(MG_VALUE, "cannot convert float NaN to integer");
        return 0;
    }
    if (isinf(x)) {
        mg_raise(MG_OVERFLOW, "cannot convert float infinity to integer");
        return 0;
    }
    double t = trunc(x);
    /* 2**63 is exactly representable; anything at or above it does not fit. */
    if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) {
        mg_raise_overflow();
        return 0;
    }
    return (int64_t)t;
}

/* Compares an int with a float exactly, as CPython does (converting the int to
 * float would round above 2**53).  Returns -1, 0 or 1 for i <, ==, > f, and 2
 * when f is NaN (every ordered comparison is false). */
int32_t mg_cmp_int_float(int64_t i, double f) {
    if (isnan(f)) return 2;
    if (f >= 9223372036854775808.0) return -1;
    if (f < -9223372036854775808.0) return 1;
    double t = trunc(f);
    int64_t ti = (int64_t)t;
    if (i != ti) return i < ti ? -1 : 1;
    double frac = f - t;
    return frac > 0.0 ? -1 : frac < 0.0 ? 1 : 0;
}

/* ---- math -------------------------------------------------------------- */

static double mg_domain_error(void) {
    mg_raise(MG_VALUE, "math domain error");
    return 0.0;
}

double mg_math_sqrt(double x) { return x < 0.0 ? mg_domain_error() : sqrt(x); }

double mg_math_log(double x) { return x <= 0.0 || isnan(x) ? (isnan(x) ? x : mg_domain_error()) : log(x); }

double mg_math_exp(double x) {
    double r = exp(x);
    if (isinf(r) && !isinf(x)) {
        mg_raise(MG_OVERFLOW, "math range error");
        return 0.0;
    }
    return r;
}

double mg_math_sin(double x) { return isinf(x) ? mg_domain_error() : sin(x); }
double mg_math_cos(double x) { return isinf(x) ? mg_domain_error() : cos(x); }
double mg_math_tan(double x) { return isinf(x) ? mg_domain_error() : tan(x); }
double mg_math_atan2(double y, double x) { return atan2(y, x); }
double mg_math_fabs(double x) { return fabs(x); }

int64_t mg_math_floor(double x) { return mg_float_to_int(floor(x)); }
int64_t mg_math_ceil(double x) { return mg_float_to_int(ceil(x)); }

int64_t mg_math_isqrt(int64_t n) {
    if (n < 0) {
        mg_raise(MG_VALUE, "isqrt() argument must be nonnegative");
        return 0;
    }
    int64_t r = (int64_t)sqrt((double)n);
    while (r > 0 && r > n / r) r--;
    while ((r + 1) <= n / (r + 1)) r++;
    return r;
}

int64_t mg_math_gcd(int64_t a, int64_t b) {
    if (a == INT64_MIN || b == INT64_MIN) {
        /* |INT64_MIN| does not fit unless the other operand makes the gcd smaller. */
        if ((a == INT64_MIN && (b == 0 || b == INT64_MIN)) || (b == INT64_MIN && a == 0)) {
            mg_raise_overflow();
            return 0;
        }
    }
    uint64_t x = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint64_t y = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
    while (y) {
        uint64_t t = x % y;
        x = y;
        y = t;
    }
    return (int64_t)x;
}

/* ---- objects, in files of their own (one translation unit, so hot helpers inline) ---- */
#include "mg_object.c"
#include "mg_str.c"
#include "mg_list.c"
#include "mg_dict.c"
#include "mg_set.c"
