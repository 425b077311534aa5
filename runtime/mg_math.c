/* The rest of `math`: the one-argument float functions through CPython's math_1 (its
 * error rules: a NaN from a non-NaN argument is a domain error, an infinity from a finite
 * one a range error where the function can overflow, else a domain error), and the
 * integer functions, whose results past 64 bits raise OverflowError as every int does. */
#include "mg_internal.h"

#include <errno.h>

/* glibc's cbrt under its other name: linked into the `multigen` process, the runtime's
 * `cbrt` would bind to the Rust toolchain's own (compiler_builtins), which rounds the last
 * bit differently from the libm CPython calls; other libm functions there are exact. */
extern double cbrtf64(double) __attribute__((weak));
static double mg_cbrt(double x) { return cbrtf64 ? cbrtf64(x) : cbrt(x); }

static double mg_degrees(double x) { return x * (180.0 / 3.141592653589793); }
static double mg_radians(double x) { return x * (3.141592653589793 / 180.0); }

/* By the index of `Builtin::MathF1` in `MATH_FLOAT_FNS` (src/check/builtins.rs): the function and whether it can
 * overflow (1), or is not checked at all (2: degrees and radians, which CPython computes
 * by a plain multiplication). */
static const struct {
    double (*f)(double);
    int can_overflow;
} mg_math_f1_table[] = {
    {acos, 0}, {acosh, 0}, {asin, 0}, {asinh, 0}, {atan, 0}, {atanh, 0}, {mg_cbrt, 0}, {cosh, 1},
    {erf, 0}, {erfc, 0}, {expm1, 1}, {exp2, 1}, {log1p, 0}, {log2, 0}, {log10, 0}, {sinh, 1},
    {tanh, 0}, {mg_degrees, 2}, {mg_radians, 2},
};

double mg_math_f1(int64_t which, double x) {
    if (which < 0 || which >= (int64_t)(sizeof mg_math_f1_table / sizeof mg_math_f1_table[0])) abort();
    errno = 0;
    double r = mg_math_f1_table[which].f(x);
    int can_overflow = mg_math_f1_table[which].can_overflow;
    if (can_overflow == 2) return r;
    if (isnan(r) && !isnan(x)) errno = EDOM;
    else if (isinf(r) && isfinite(x)) errno = can_overflow ? ERANGE : EDOM;
    if (errno == EDOM) {
        mg_raise(MG_VALUE, "math domain error");
        return 0.0;
    }
    /* ERANGE with a small result is an underflow, which CPython ignores. */
    if (errno == ERANGE && fabs(r) >= 1.5) {
        mg_raise(MG_OVERFLOW, "math range error");
        return 0.0;
    }
    return r;
}

double mg_math_copysign(double x, double y) { return copysign(x, y); }

/* An int result, or OverflowError past 64 bits. */
static int64_t mg_int_result(__int128 v) {
    if (v > INT64_MAX || v < INT64_MIN) {
        mg_raise_overflow();
        return 0;
    }
    return (int64_t)v;
}

int64_t mg_math_lcm(int64_t a, int64_t b) {
    if (a == 0 || b == 0) return 0;
    int64_t g = mg_math_gcd(a, b);
    if (mg_current_exc) return 0;
    __int128 l = (__int128)(a / g) * b;
    return mg_int_result(l < 0 ? -l : l);
}

int64_t mg_math_factorial(int64_t n) {
    if (n < 0) {
        mg_raise(MG_VALUE, "factorial() not defined for negative values");
        return 0;
    }
    __int128 r = 1;
    for (int64_t i = 2; i <= n; i++) {
        r *= i;
        if (r > INT64_MAX) return mg_int_result(r);
    }
    return (int64_t)r;
}

static int mg_comb_args(int64_t n, int64_t k) {
    if (n < 0) {
        mg_raise(MG_VALUE, "n must be a non-negative integer");
        return 0;
    }
    if (k < 0) {
        mg_raise(MG_VALUE, "k must be a non-negative integer");
        return 0;
    }
    return 1;
}

/* comb(n, k): n! / (k! (n - k)!), 0 when k > n; each step's product is exact. */
int64_t mg_math_comb(int64_t n, int64_t k) {
    if (!mg_comb_args(n, k)) return 0;
    if (k > n) return 0;
    if (k > n - k) k = n - k;
    __int128 r = 1;
    for (int64_t i = 0; i < k; i++) {
        r = r * (n - i) / (i + 1);
        if (r > INT64_MAX) return mg_int_result(r);
    }
    return (int64_t)r;
}

/* perm(n, k): n! / (n - k)!, 0 when k > n. */
int64_t mg_math_perm(int64_t n, int64_t k) {
    if (!mg_comb_args(n, k)) return 0;
    if (k > n) return 0;
    __int128 r = 1;
    for (int64_t i = 0; i < k; i++) {
        r *= n - i;
        if (r > INT64_MAX) return mg_int_result(r);
    }
    return (int64_t)r;
}

/* math.isclose(a, b, rel_tol=1e-09, abs_tol=0.0), CPython's math_isclose_impl. */
int32_t mg_math_isclose(double a, double b, double rel_tol, double abs_tol) {
    if (rel_tol < 0.0 || abs_tol < 0.0) {
        mg_raise(MG_VALUE, "tolerances must be non-negative");
        return 0;
    }
    if (a == b) return 1;
    if (isinf(a) || isinf(b)) return 0;
    double diff = fabs(b - a);
    return diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) || diff <= abs_tol;
}

/* math.log(x, base): CPython's two logarithms and one division. */
double mg_math_log_base(double x, double base) {
    if (isnan(x) || isnan(base)) return x + base;
    if (x <= 0.0 || base <= 0.0) {
        mg_raise(MG_VALUE, "math domain error");
        return 0.0;
    }
    double den = log(base);
    if (den == 0.0) {
        mg_raise(MG_ZERO_DIVISION, "float division by zero");
        return 0.0;
    }
    return log(x) / den;
}

/* math.fsum(xs): CPython's msum (Shewchuk's partials), correctly rounded, with its errors
 * for overflow and for infinities of both signs.  `xs` holds floats (`is_int`: ints, each
 * converted as float(x) converts it). */
double mg_math_fsum(const MgList *xs, int32_t is_int) {
    int64_t m = 32, n = 0;
    double stack[32], *p = stack;
    double special_sum = 0.0, inf_sum = 0.0, lo = 0.0;
    for (int64_t k = 0; k < xs->len; k++) {
        double x = is_int ? (double)(int64_t)xs->items[k] : mg_slot_f(xs->items[k]);
        double xsave = x;
        int64_t i = 0;
        for (int64_t j = 0; j < n; j++) {
            double y = p[j];
            if (fabs(x) < fabs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y, yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                if (isfinite(xsave)) {
                    if (p != stack) free(p);
                    mg_raise(MG_OVERFLOW, "intermediate overflow in fsum");
                    return 0.0;
                }
                if (isinf(xsave)) inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                if (n >= m) {
                    double *grown = mg_alloc((size_t)(2 * m) * sizeof(double));
                    memcpy(grown, p, (size_t)n * sizeof(double));
                    if (p != stack) free(p);
                    p = grown;
                    m *= 2;
                }
                p[n++] = x;
            }
        }
    }
    double hi = 0.0;
    if (special_sum != 0.0) {
        if (p != stack) free(p);
        if (isnan(inf_sum)) {
            mg_raise(MG_VALUE, "-inf + inf in fsum");
            return 0.0;
        }
        return special_sum;
    }
    if (n > 0) {
        hi = p[--n];
        while (n > 0) {
            double x = hi, y = p[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) break;
        }
        /* Half-even rounding across several partials. */
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            double y = lo * 2.0, x = hi + y, yr = x - hi;
            if (y == yr) hi = x;
        }
    }
    if (p != stack) free(p);
    return hi;
}

/* math.prod(xs) of ints: OverflowError past 64 bits, as every int product. */
int64_t mg_math_prod_int(const MgList *xs, int64_t start) {
    /* A zero factor makes the product 0 however large it was before (CPython's big ints
     * hold the product on the way); past 64 bits otherwise, it stays past them. */
    for (int64_t k = 0; k < xs->len; k++)
        if ((int64_t)xs->items[k] == 0) return 0;
    __int128 r = start;
    for (int64_t k = 0; k < xs->len; k++) {
        r *= (int64_t)xs->items[k];
        if (r > INT64_MAX || r < INT64_MIN) return mg_int_result(r);
    }
    return (int64_t)r;
}

/* math.prod(xs) of floats, from `start`; of no floats, NotImplementedError (as sum()'s). */
double mg_math_prod_float(const MgList *xs, double start) {
    if (xs->len == 0) {
        mg_raise(MG_NOT_IMPLEMENTED, "math.prod() of an empty list of floats: CPython returns the int 1, which multigen's float result cannot hold");
        return 0.0;
    }
    double r = start;
    for (int64_t k = 0; k < xs->len; k++) r *= mg_slot_f(xs->items[k]);
    return r;
}
