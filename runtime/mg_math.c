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

/* gamma and lgamma as CPython computes them (Modules/mathmodule.c, m_tgamma and m_lgamma,
 * not libm's): Lanczos' approximation with N = 13 and g = 6.024680040776729583740234375
 * as a rational function, the reflection formula below 0, and the same special cases,
 * in the same order of operations, so the results agree to the bit.  They set errno as
 * CPython's do (EDOM at poles, ERANGE on overflow), which `mg_math_f1` reads. */
#define MG_LANCZOS_N 13
static const double mg_lanczos_g = 6.024680040776729583740234375;
static const double mg_lanczos_g_minus_half = 5.524680040776729583740234375;
static const double mg_lanczos_num[MG_LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
/* The denominator's coefficients: x (x + 1) ... (x + 11) expanded. */
static const double mg_lanczos_den[MG_LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
};
/* gamma(n) = (n-1)! for n = 1 to 23, each the double nearest the exact value. */
static const double mg_gamma_integral[23] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0,
    3628800.0, 39916800.0, 479001600.0, 6227020800.0, 87178291200.0,
    1307674368000.0, 20922789888000.0, 355687428096000.0,
    6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0,
};
static const double mg_pi = 3.141592653589793238462643383279502884197;
static const double mg_logpi = 1.144729885849400174143427351353058711647;

/* The Lanczos sum for x > 0: Horner's rule in x below 5, in 1/x above (no overflow). */
static double mg_lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = MG_LANCZOS_N - 1; i >= 0; i--) {
            num = num * x + mg_lanczos_num[i];
            den = den * x + mg_lanczos_den[i];
        }
    } else {
        for (int i = 0; i < MG_LANCZOS_N; i++) {
            num = num / x + mg_lanczos_num[i];
            den = den / x + mg_lanczos_den[i];
        }
    }
    return num / den;
}

/* sin(pi * x) for finite x, exact at the multiples of 1/2 (reduced to [0, 2) first). */
static double mg_sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(mg_pi * y); break;
    case 1: r = cos(mg_pi * (y - 0.5)); break;
    case 2: r = sin(mg_pi * (1.0 - y)); break; /* not -sin(pi*(y-1)): +0.0 at y == 1 */
    case 3: r = -cos(mg_pi * (y - 1.5)); break;
    default: r = sin(mg_pi * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

static double mg_tgamma(double x) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) return x;
        errno = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return copysign(HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return NAN;
        }
        if (x <= 23.0) return mg_gamma_integral[(int)x - 1];
    }
    double absx = fabs(x);
    if (absx < 1e-20) {
        double r = 1.0 / x;
        if (isinf(r)) errno = ERANGE;
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0) return 0.0 / mg_sinpi(x);
        errno = ERANGE;
        return HUGE_VAL;
    }
    /* y = absx + g - 1/2 rounded; z corrects for that rounding (see CPython's comment). */
    double y = absx + mg_lanczos_g_minus_half, z;
    if (absx > mg_lanczos_g_minus_half) {
        double q = y - absx;
        z = q - mg_lanczos_g_minus_half;
    } else {
        double q = y - mg_lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * mg_lanczos_g / y;
    double r;
    if (x < 0.0) {
        r = -mg_pi / mg_sinpi(absx) / absx * exp(y) / mg_lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = mg_lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (isinf(r)) errno = ERANGE;
    return r;
}

static double mg_lgamma(double x) {
    if (!isfinite(x)) return isnan(x) ? x : HUGE_VAL;
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM;
            return HUGE_VAL;
        }
        return 0.0;
    }
    double absx = fabs(x);
    if (absx < 1e-20) return -log(absx);
    double r = log(mg_lanczos_sum(absx)) - mg_lanczos_g;
    r += (absx - 0.5) * (log(absx + mg_lanczos_g - 0.5) - 1);
    if (x < 0.0) r = mg_logpi - log(fabs(mg_sinpi(absx))) - log(absx) - r;
    if (isinf(r)) errno = ERANGE;
    return r;
}

/* math.ulp(x): the gap to the next float away from zero (below the largest float, the
 * gap to the one before it). */
static double mg_ulp(double x) {
    if (isnan(x)) return x;
    x = fabs(x);
    if (isinf(x)) return x;
    double up = nextafter(x, INFINITY);
    if (isinf(up)) return x - nextafter(x, -INFINITY);
    return up - x;
}

static double mg_degrees(double x) { return x * (180.0 / 3.141592653589793); }
static double mg_radians(double x) { return x * (3.141592653589793 / 180.0); }

/* By the index of `Builtin::MathF1` in `MATH_FLOAT_FNS` (src/check/builtins.rs): the function and whether it can
 * overflow (1), or is not checked at all (2: degrees, radians and ulp, which CPython
 * returns as computed), or sets errno itself (3: gamma and lgamma, CPython's math_1a). */
static const struct {
    double (*f)(double);
    int can_overflow;
} mg_math_f1_table[] = {
    {acos, 0}, {acosh, 0}, {asin, 0}, {asinh, 0}, {atan, 0}, {atanh, 0}, {mg_cbrt, 0}, {cosh, 1},
    {erf, 0}, {erfc, 0}, {expm1, 1}, {exp2, 1}, {log1p, 0}, {log2, 0}, {log10, 0}, {sinh, 1},
    {tanh, 0}, {mg_degrees, 2}, {mg_radians, 2}, {mg_tgamma, 3}, {mg_lgamma, 3}, {mg_ulp, 2},
};

/* CPython's is_error: errno (set by the computation) turned into the exception; a range
 * error whose result is small was an underflow, which CPython ignores. */
static double mg_math_errno(double r) {
    if (errno == EDOM) {
        mg_raise(MG_VALUE, "math domain error");
        return 0.0;
    }
    if (errno == ERANGE && fabs(r) >= 1.5) {
        mg_raise(MG_OVERFLOW, "math range error");
        return 0.0;
    }
    return r;
}

double mg_math_f1(int64_t which, double x) {
    if (which < 0 || which >= (int64_t)(sizeof mg_math_f1_table / sizeof mg_math_f1_table[0])) abort();
    errno = 0;
    double r = mg_math_f1_table[which].f(x);
    int can_overflow = mg_math_f1_table[which].can_overflow;
    if (can_overflow == 2) return r;
    if (can_overflow == 3) return mg_math_errno(r);
    if (isnan(r) && !isnan(x)) errno = EDOM;
    else if (isinf(r) && isfinite(x)) errno = can_overflow ? ERANGE : EDOM;
    return mg_math_errno(r);
}

double mg_math_copysign(double x, double y) { return copysign(x, y); }

/* math.remainder: x - n*y for the multiple n*y nearest x, ties to even n (exact). */
static double mg_remainder(double x, double y) {
    if (isfinite(x) && isfinite(y)) {
        if (y == 0.0) return NAN;
        double absx = fabs(x), absy = fabs(y);
        double m = fmod(absx, absy);
        /* Compare m with absy - m rather than with absy / 2, which may be inexact. */
        double c = absy - m, r;
        if (m < c) r = m;
        else if (m > c) r = -c;
        else r = m - 2.0 * fmod(0.5 * (absx - m), absy);
        return copysign(1.0, x) * r;
    }
    if (isnan(x)) return x;
    if (isnan(y)) return y;
    if (isinf(x)) return NAN;
    return x;
}

/* math.pow: IEEE special values first, then libm, with CPython's math_pow errors
 * (0.0 ** negative is a domain error here, not ZeroDivisionError as for `**`). */
static double mg_pow(double x, double y) {
    errno = 0;
    if (!isfinite(x) || !isfinite(y)) {
        if (isnan(x)) return y == 0.0 ? 1.0 : x;
        if (isnan(y)) return x == 1.0 ? 1.0 : y;
        if (isinf(x)) {
            int odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
            if (y > 0.0) return odd_y ? x : fabs(x);
            if (y == 0.0) return 1.0;
            return odd_y ? copysign(0.0, x) : 0.0;
        }
        if (fabs(x) == 1.0) return 1.0;
        if (y > 0.0 && fabs(x) > 1.0) return y;
        if (y < 0.0 && fabs(x) < 1.0) return -y;
        return 0.0;
    }
    double r = pow(x, y);
    if (isnan(r)) errno = EDOM;
    else if (isinf(r)) errno = x == 0.0 ? EDOM : ERANGE;
    return r;
}

/* math.fmod: C's fmod, but fmod(finite, ±inf) is x, and a NaN from non-NaNs an error. */
static double mg_fmod(double x, double y) {
    errno = 0;
    if (isinf(y) && isfinite(x)) return x;
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) errno = EDOM;
    return r;
}

/* CPython's math_2 error rules around a two-argument function. */
static double mg_math_2(double r, double x, double y) {
    errno = 0;
    if (isnan(r)) {
        if (!isnan(x) && !isnan(y)) errno = EDOM;
    } else if (isinf(r)) {
        if (isfinite(x) && isfinite(y)) errno = ERANGE;
    }
    return r;
}

/* The two-argument float functions by `Builtin::MathF2`'s index: fmod, remainder, pow,
 * nextafter (which never fails). */
double mg_math_f2(int64_t which, double x, double y) {
    double r;
    switch (which) {
    case 0: r = mg_fmod(x, y); break;
    case 1: r = mg_math_2(mg_remainder(x, y), x, y); break;
    case 2: r = mg_pow(x, y); break;
    default: return nextafter(x, y);
    }
    return mg_math_errno(r);
}

/* isnan (0), isinf (1), isfinite (2). */
int32_t mg_math_is(int64_t which, double x) {
    switch (which) {
    case 0: return isnan(x) != 0;
    case 1: return isinf(x) != 0;
    default: return isfinite(x) != 0;
    }
}

/* math.ldexp(x, i): x * 2**i, OverflowError when that is infinite and x was finite. */
double mg_math_ldexp(double x, int64_t i) {
    errno = 0;
    double r;
    if (x == 0.0 || !isfinite(x)) r = x;
    else if (i > INT32_MAX) {
        r = copysign(HUGE_VAL, x);
        errno = ERANGE;
    } else if (i < INT32_MIN) r = copysign(0.0, x);
    else {
        r = ldexp(x, (int)i);
        if (isinf(r)) errno = ERANGE;
    }
    return mg_math_errno(r);
}

/* The float parts of math.frexp(x) (the mantissa: 0) and math.modf(x) (fraction 1,
 * integral part 2); `mg_math_frexp_exp` is frexp's exponent. */
double mg_math_part(int64_t which, double x) {
    if (which == 0) {
        int e = 0;
        return isnan(x) || isinf(x) || x == 0.0 ? x : frexp(x, &e);
    }
    if (isinf(x)) return which == 1 ? copysign(0.0, x) : x;
    if (isnan(x)) return x;
    double ip;
    double frac = modf(x, &ip);
    return which == 1 ? frac : ip;
}

int64_t mg_math_frexp_exp(double x) {
    int e = 0;
    if (!isnan(x) && !isinf(x) && x != 0.0) frexp(x, &e);
    return e;
}

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
