/* The hot helpers: small functions on the hot paths of generated code (Python's integer
 * and float arithmetic, math, reference counting, instance allocation, list append).
 *
 * build.rs compiles this one file twice:
 * - to LLVM bitcode (mg_runtime_hot.bc), which codegen links into every module before
 *   optimisation and internalises (codegen::link_runtime), so that these helpers inline
 *   into generated code and unused ones are dropped;
 * - to a native object in libmg_runtime.a like every other runtime file, for the rest of
 *   the runtime (which calls mg_incref, mg_decref, mg_list_append) and for hosts.
 * The module's copies are internal, so they never clash with the native ones, in the JIT
 * or in an AOT executable.
 *
 * So everything defined here lands in every module that uses it: keep it small, and
 * define no data here (a module's internal copy of a variable would be a second, private
 * variable; reading the runtime's own exported data, as the str helpers read
 * mg_ascii_chars, is fine).  What these helpers call (mg_raise, mg_raise_overflow, mg_dealloc,
 * mg_list_grow) stays external and must be visible, not MG_HIDDEN: the JIT resolves the
 * module's references by name in the native runtime.  build.rs checks both rules.
 */
#include "mg_internal.h"

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
    /* Zero has no leading one for the scaling below (and clz of 0 is undefined). */
    if (a == 0) return negate ? -0.0 : 0.0;
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

/* pow(a, b, m) as CPython's long_pow: the result has the sign of m; a negative exponent
 * takes the inverse of a modulo m (Python 3.8). */
int64_t mg_int_powmod(int64_t a, int64_t b, int64_t m) {
    if (m == 0) {
        mg_raise(MG_VALUE, "pow() 3rd argument cannot be 0");
        return 0;
    }
    int negative_output = m < 0;
    unsigned __int128 c = m < 0 ? (unsigned __int128)(-(__int128)m) : (unsigned __int128)m;
    if (c == 1) return 0;
    __int128 base = (__int128)a % (__int128)c;
    if (base < 0) base += (__int128)c;
    unsigned __int128 x = (unsigned __int128)base;
    unsigned __int128 e = b < 0 ? (unsigned __int128)(-(__int128)b) : (unsigned __int128)b;
    if (b < 0) {
        /* The inverse by the extended Euclidean algorithm. */
        __int128 r0 = (__int128)c, r1 = (__int128)x, t0 = 0, t1 = 1;
        while (r1 != 0) {
            __int128 q = r0 / r1, t = r0 - q * r1;
            r0 = r1;
            r1 = t;
            t = t0 - q * t1;
            t0 = t1;
            t1 = t;
        }
        if (r0 != 1) {
            mg_raise(MG_VALUE, "base is not invertible for the given modulus");
            return 0;
        }
        if (t0 < 0) t0 += (__int128)c;
        x = (unsigned __int128)t0;
    }
    unsigned __int128 z = 1 % c;
    while (e) {
        if (e & 1) z = z * x % c;
        x = x * x % c;
        e >>= 1;
    }
    __int128 r = (__int128)z;
    if (negative_output && r != 0) r -= (__int128)c;
    return (int64_t)r;
}

/* math.hypot(x, y) as CPython computes it (vector_norm in Modules/mathmodule.c), not
 * libm's hypot, which rounds differently about once in a thousand calls: scale by a power
 * of two so the larger coordinate lies in [0.5, 1), square exactly (fma), sum the squares
 * with compensation around a starting 1.0, take the square root, and correct it by one
 * Newton step computed the same way. */
static double mg_norm2(double a, double b) {
    double max = a > b ? a : b;
    int e;
    frexp(max, &e);
    if (e < -1023) return DBL_MIN * mg_norm2(a / DBL_MIN, b / DBL_MIN); /* subnormals */
    double scale = ldexp(1.0, -e), csum = 1.0, frac1 = 0.0, frac2 = 0.0;
    double v[2] = {a * scale, b * scale};
    for (int i = 0; i < 2; i++) {
        double sq = v[i] * v[i], sq_lo = fma(v[i], v[i], -sq);
        double sum = csum + sq, sum_lo = (csum - sum) + sq;
        csum = sum;
        frac1 += sq_lo;
        frac2 += sum_lo;
    }
    double h = sqrt(csum - 1.0 + (frac1 + frac2));
    double sq = -h * h, sq_lo = fma(-h, h, -sq);
    double sum = csum + sq, sum_lo = (csum - sum) + sq;
    csum = sum;
    frac1 += sq_lo;
    frac2 += sum_lo;
    h += (csum - 1.0 + (frac1 + frac2)) / (2.0 * h);
    return h / scale;
}

double mg_math_hypot(double x, double y) {
    x = fabs(x);
    y = fabs(y);
    if (isinf(x) || isinf(y)) return INFINITY; /* even with a NaN, as CPython */
    if (isnan(x) || isnan(y)) return NAN;
    if (x == 0.0 && y == 0.0) return 0.0;
    return mg_norm2(x, y);
}

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

/* ---- reference counting ------------------------------------------------------ */

void mg_incref(void *p) {
    MgObj *o = p;
    if (o && o->rc >= 0) o->rc++;
}

void mg_decref(void *p) {
    MgObj *o = p;
    if (o && o->rc >= 0 && --o->rc == 0) mg_dealloc(o);
}

/* ---- instances -------------------------------------------------------------- */

/* A new instance with every field zero (null: a field is set by __init__ before it is
 * read).  Inlined into the constructor with the descriptor a constant, this is a few
 * stores, which the stores of __init__ then overwrite: the old value it releases is
 * known to be null, so the release goes away. */
MgInstance *mg_instance_new(const MgType *t) {
    size_t size = sizeof(MgInstance) + (size_t)t->n * sizeof(MgSlot);
    /* `t` is a constant where this inlines: the test folds away. */
    MgInstance *p = t->tracked ? mg_gc_alloc(size, t) : mg_obj_alloc(size);
    p->h.rc = 1;
    p->h.type = t;
    for (int32_t i = 0; i < t->n; i++) p->fields[i] = 0;
    return p;
}

/* ---- list append: generated code reads and writes elements itself ------------ */

void mg_list_append(MgList *l, MgSlot v) {
    if (l->len == l->cap) mg_list_grow(l);
    if (l->h.type->a->kind >= MG_T_STR) mg_incref((void *)(uintptr_t)v);
    l->items[l->len++] = v;
}

/* ---- truth: `while pq:`, `if items:` ---------------------------------------------
 * Generated code passes the type descriptor as a constant, so where this inlines the
 * switch folds to one load and compare. */
int32_t mg_slot_truth(const MgType *t, MgSlot v) {
    switch ((enum MgTypeKind)t->kind) {
    case MG_T_STR: return ((MgStr *)(uintptr_t)v)->len != 0;
    case MG_T_LIST: case MG_T_VARTUPLE: return ((MgList *)(uintptr_t)v)->len != 0;
    case MG_T_DICT: case MG_T_DICTVIEW: return ((MgDict *)(uintptr_t)v)->len != 0;
    case MG_T_DEQUE: return ((MgDeque *)(uintptr_t)v)->len != 0;
    default: return mg_slot_truth_any(t, v);
    }
}

/* ---- dict: lookups of int keys, and iteration --------------------------------
 * A dict[int, V] lookup that finds its key, or finds it absent, probes here, inline in
 * generated code; every other case (other keys, ints of 2^61 and beyond, whose hash is
 * not themselves, a missing key that raises or that a factory fills, a store that inserts)
 * goes to mg_dict.c, which probes the same table the same way. */

/* The entry of int `key` in `d`: its number, -1 when absent, -2 when the caller must ask
 * mg_dict_find (not an int key, or one whose hash is not itself).  When absent, *pos is
 * where mg_dict_probe would put the key (the first deleted index slot passed, else the
 * empty one), and *hash its hash. */
static inline int64_t mg_dict_find_int_at(const MgDict *d, MgSlot key, int64_t *pos, int64_t *hash_out) {
    if (d->h.type->a->kind != MG_T_INT) return -2;
    int64_t k = (int64_t)key;
    /* mg_hash_int: an int below 2^61 - 1 in magnitude is its own hash, but -1 hashes to -2. */
    const int64_t modulus = ((int64_t)1 << 61) - 1;
    if (k <= -modulus || k >= modulus) return -2;
    int64_t hash = k == -1 ? -2 : k;
    *hash_out = hash;
    const MgDictEntry *entries = d->entries;
    int64_t ix = d->last; /* the hint, checked as mg_dict_hint checks it */
    if (ix >= 0 && ix < d->n_entries && entries[ix].live && entries[ix].key == key) return ix;
    uint64_t mask = (uint64_t)d->mask, perturb = (uint64_t)hash, i = (uint64_t)hash & mask;
    int64_t free_pos = -1;
    while (1) {
        int32_t x = d->index[i];
        if (x == -1) {
            *pos = free_pos >= 0 ? free_pos : (int64_t)i;
            return -1;
        }
        if (x == -2 && free_pos < 0) free_pos = (int64_t)i;
        /* Equal int keys have equal hashes: the key decides. */
        if (x >= 0 && entries[x].key == key) {
            ((MgDict *)d)->last = x; /* the hint is a cache, as mg_dict_remember's */
            return x;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

static inline int64_t mg_dict_find_int(const MgDict *d, MgSlot key) {
    int64_t pos, hash;
    return mg_dict_find_int_at(d, key, &pos, &hash);
}

static inline int64_t mg_dict_find_hot(const MgDict *d, MgSlot key) {
    int64_t ix = mg_dict_find_int(d, key);
    return ix == -2 ? mg_dict_find(d, key) : ix;
}

int32_t mg_dict_contains(const MgDict *d, MgSlot key) { return mg_dict_find_hot(d, key) >= 0; }

/* d[key], borrowed; a missing key raises KeyError or is a factory's (mg_dict_missing_get). */
MgSlot mg_dict_get(MgDict *d, MgSlot key) {
    int64_t ix = mg_dict_find_hot(d, key);
    return ix >= 0 ? d->entries[ix].value : mg_dict_missing_get(d, key);
}

/* d.get(key, default), borrowed. */
MgSlot mg_dict_get_default(const MgDict *d, MgSlot key, MgSlot dflt) {
    int64_t ix = mg_dict_find_hot(d, key);
    return ix < 0 ? dflt : d->entries[ix].value;
}

/* d[key] = value: an int key's value is replaced, or the key inserted where this probe
 * ended (`if v not in d: d[v] = x` probes twice, not three times); the rest is
 * mg_dict_store's. */
void mg_dict_set(MgDict *d, MgSlot key, MgSlot value) {
    int64_t pos = 0, hash = 0, ix = mg_dict_find_int_at(d, key, &pos, &hash);
    if (ix == -2) {
        mg_dict_store(d, key, value);
        return;
    }
    if (ix == -1) {
        mg_dict_insert_at(d, key, value, hash, pos);
        return;
    }
    const MgType *vt = d->h.type->b;
    MgSlot old = d->entries[ix].value;
    if (vt->kind >= MG_T_STR) {
        mg_slot_incref(vt, value);
        d->entries[ix].value = value;
        mg_slot_decref(vt, old);
        return;
    }
    d->entries[ix].value = value;
}

/* Iteration: the next live entry from `pos`, or -1; an entry's key and value. */
int64_t mg_dict_next(const MgDict *d, int64_t pos) {
    while (pos < d->n_entries && !d->entries[pos].live) pos++;
    return pos < d->n_entries ? pos : -1;
}

MgSlot mg_dict_entry_key(const MgDict *d, int64_t ix) { return d->entries[ix].key; }
MgSlot mg_dict_entry_value(const MgDict *d, int64_t ix) { return d->entries[ix].value; }

/* ---- str: what `for ch in s` and `ord(ch)` do per character ------------------- */

int64_t mg_str_len_bytes(const MgStr *s) { return s->len; }

int64_t mg_str_len(const MgStr *s) { return s->nchars; }

/* What an iteration over a dict compares at each step: its size, or an OrderedDict's count
 * of structural changes (mg_dict.c). */
int64_t mg_dict_version(const MgDict *d) { return d->ordered ? d->ordered : d->len; }

/* Where an iteration over `d` resumes after yielding entry `at`: the next entry (a dict
 * looks for a live one then, after checking its size); an OrderedDict finds its successor
 * now, as CPython's odict iterator does, and -1 when there is none ends the iteration
 * before any check, so a change made while its last key was being handled goes unseen. */
int64_t mg_dict_after(const MgDict *d, int64_t at) {
    if (!d->ordered) return at + 1;
    for (int64_t i = at + 1; i < d->n_entries; i++)
        if (d->entries[i].live) return i;
    return -1;
}

/* Iteration without a pointer to the position: the character starting at byte `pos`, as a
 * new str (an ASCII character is the shared immortal one, once made), and the byte offset
 * after it.  Strings hold valid UTF-8 (a lone surrogate in its three-byte form), so the
 * lead byte gives the length. */
MgStr *mg_str_char_at(const MgStr *s, int64_t pos) {
    unsigned char c = (unsigned char)s->data[pos];
    if (c < 0x80 && mg_ascii_chars[c]) return mg_ascii_chars[c];
    return mg_str_char_new(s, pos);
}

/* s[idx]: a character of an ASCII string is a shared immortal str, once made. */
MgStr *mg_str_getitem(const MgStr *s, int64_t idx) {
    if (s->nchars == s->len) {
        int64_t i = idx < 0 ? idx + s->len : idx;
        if (i >= 0 && i < s->len) {
            MgStr *c = mg_ascii_chars[(unsigned char)s->data[i]];
            if (c) return c;
        }
    }
    return mg_str_getitem_slow(s, idx);
}

int64_t mg_str_char_end(const MgStr *s, int64_t pos) {
    unsigned char c = (unsigned char)s->data[pos];
    return pos + 1 + (c >= 0xC0) + (c >= 0xE0) + (c >= 0xF0);
}

int64_t mg_str_ord(const MgStr *s) {
    if (s->len == 1) return (unsigned char)s->data[0];
    return mg_str_ord_slow(s);
}
