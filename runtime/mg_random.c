/* The `random` module: CPython's hidden `Random()` instance, one per process.
 *
 * The generator is Modules/_randommodule.c's Mersenne Twister (MT19937, seeded by
 * `init_by_array` with the absolute value of an int seed split into 32-bit words, least
 * significant first; `random()` takes 53 bits from two outputs), and the functions are
 * CPython 3.11's Lib/random.py algorithms on top of it (`_randbelow_with_getrandbits`,
 * `randrange`, `shuffle`, `sample`, `gauss` with its `gauss_next`, ...), so a program
 * seeded with `random.seed(n)` draws exactly CPython's numbers.  Errors carry the frames of
 * random.py that CPython's traceback shows (its 3.11 line numbers and source lines). */
#include "mg_internal.h"

#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* ---- the Mersenne Twister (Modules/_randommodule.c) ----------------------------------- */

#define MT_N 624
#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

static uint32_t mt[MT_N];
/* The next word of `mt` to temper; MT_N: regenerate first.  MT_N + 1 until the first
 * seeding: the first draw seeds from the OS, as CPython seeds its instance at import. */
static int mt_index = MT_N + 1;
/* Random.gauss_next: the second value of the last pair gauss() made, which seed() drops. */
static double gauss_next;
static int has_gauss_next;

static void init_genrand(uint32_t s) {
    mt[0] = s;
    for (int i = 1; i < MT_N; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    mt_index = MT_N;
}

static void init_by_array(const uint32_t *key, size_t key_length) {
    init_genrand(19650218U);
    size_t i = 1, j = 0;
    for (size_t k = MT_N > key_length ? MT_N : key_length; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j; /* non linear */
        i++;
        j++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
        if (j >= key_length) j = 0;
    }
    for (size_t k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i; /* non linear */
        i++;
        if (i >= MT_N) {
            mt[0] = mt[MT_N - 1];
            i = 1;
        }
    }
    mt[0] = 0x80000000U; /* MSB is 1; assuring non-zero initial array */
}

/* random_seed_urandom, falling back on the time and process id as CPython does. */
static void seed_from_os(void) {
    uint32_t key[MT_N];
    size_t got = 0;
    while (got < sizeof key) {
        ssize_t n = getrandom((char *)key + got, sizeof key - got, 0);
        if (n <= 0) break;
        got += (size_t)n;
    }
    if (got < sizeof key) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint32_t fallback[4] = {(uint32_t)ts.tv_sec, (uint32_t)((uint64_t)ts.tv_sec >> 32), (uint32_t)ts.tv_nsec, (uint32_t)getpid()};
        init_by_array(fallback, 4);
        return;
    }
    init_by_array(key, MT_N);
}

static void regenerate(void) {
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    if (mt_index > MT_N) seed_from_os();
    uint32_t y;
    int kk;
    for (kk = 0; kk < MT_N - MT_M; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    for (; kk < MT_N - 1; kk++) {
        y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 0x1U];
    }
    y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 0x1U];
    mt_index = 0;
}

static inline uint32_t genrand_uint32(void) {
    if (__builtin_expect(mt_index >= MT_N, 0)) regenerate();
    uint32_t y = mt[mt_index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

/* `random.seed(n)`: the key is |n| in 32-bit words, least significant first ([0] for 0). */
void mg_random_seed(int64_t n) {
    uint64_t u = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint32_t key[2] = {(uint32_t)u, (uint32_t)(u >> 32)};
    init_by_array(key, key[1] ? 2 : 1);
    has_gauss_next = 0;
}

/* `random.seed()` / `random.seed(None)`. */
void mg_random_seed_os(void) {
    seed_from_os();
    has_gauss_next = 0;
}

/* random_random: a 53-bit float in [0, 1). */
double mg_random_random(void) {
    uint32_t a = genrand_uint32() >> 5, b = genrand_uint32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* getrandbits(k) for 0 <= k <= 128, the words least significant first. */
static unsigned __int128 getrandbits128(int k) {
    if (k == 0) return 0;
    if (k <= 32) return genrand_uint32() >> (32 - k);
    unsigned __int128 r = 0;
    for (int shift = 0; k > 0; shift += 32, k -= 32) {
        uint32_t w = genrand_uint32();
        if (k < 32) w >>= (32 - k);
        r |= (unsigned __int128)w << shift;
    }
    return r;
}

static int bit_length128(unsigned __int128 n) {
    int k = 0;
    while (n) {
        k++;
        n >>= 1;
    }
    return k;
}

/* _randbelow_with_getrandbits: an int in [0, n), n > 0. */
static unsigned __int128 randbelow(unsigned __int128 n) {
    int k = bit_length128(n);
    unsigned __int128 r = getrandbits128(k);
    while (r >= n) r = getrandbits128(k);
    return r;
}

/* `random.getrandbits(k)`: past 63 bits, the words are drawn as CPython draws them and a
 * value that does not fit the subset's int raises OverflowError. */
int64_t mg_random_getrandbits(int64_t k) {
    if (k < 0) {
        mg_raise(MG_VALUE, "number of bits must be non-negative");
        return 0;
    }
    if (k <= 64) {
        unsigned __int128 r = getrandbits128((int)k);
        if (r > INT64_MAX) {
            mg_raise_overflow();
            return 0;
        }
        return (int64_t)r;
    }
    uint64_t low = 0, high = 0;
    for (int64_t shift = 0; k > 0; shift += 32, k -= 32) {
        uint32_t w = genrand_uint32();
        if (k < 32) w >>= (32 - k);
        if (shift < 64) low |= (uint64_t)w << shift;
        else high |= w;
    }
    if (high || low > INT64_MAX) {
        mg_raise_overflow();
        return 0;
    }
    return (int64_t)low;
}

/* ---- the frames of random.py in CPython's tracebacks ---------------------------------- */

/* Where CPython 3.11 keeps random.py depends on the installation; this is where a default
 * build (`make install`, the official container images) puts it. */
#define RANDOM_PY "/usr/local/lib/python3.11/random.py"

static void raise_in(int32_t kind, const char *msg, int32_t line, const char *func, const char *src) {
    mg_raise(kind, msg);
    mg_tb_add(RANDOM_PY, line, func, src);
}

/* ---- integers ------------------------------------------------------------------------- */

/* `v` in decimal into `buf` (48 bytes): randrange's messages print exact values, which
 * may not fit 64 bits (randint's `b + 1`, a width). */
static const char *format_i128(char *buf, __int128 v) {
    unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    char *p = buf + 47;
    *p = 0;
    do *--p = (char)('0' + (int)(u % 10)); while ((u /= 10) > 0);
    if (v < 0) *--p = '-';
    return p;
}

/* `randrange(start, stop, step)` of Lib/random.py with every value exact (Python's ints),
 * which 128 bits hold for 64-bit arguments; the result always fits 64 bits. */
static int64_t randrange(__int128 istart, __int128 istop, __int128 istep) {
    __int128 width = istop - istart;
    if (istep == 1) {
        if (width > 0) return (int64_t)(istart + (__int128)randbelow((unsigned __int128)width));
        char msg[160], a[48], b[48], w[48];
        snprintf(msg, sizeof msg, "empty range for randrange() (%s, %s, %s)", format_i128(a, istart), format_i128(b, istop), format_i128(w, width));
        raise_in(MG_VALUE, msg, 345, "randrange", "raise ValueError(\"empty range for randrange() (%d, %d, %d)\" % (istart, istop, width))");
        return 0;
    }
    __int128 n;
    if (istep > 0) n = width + istep - 1;
    else if (istep < 0) n = width + istep + 1;
    else {
        raise_in(MG_VALUE, "zero step for randrange()", 353, "randrange", "raise ValueError(\"zero step for randrange()\")");
        return 0;
    }
    /* Floor division, as Python's `//`. */
    __int128 q = n / istep;
    if ((n % istep != 0) && ((n < 0) != (istep < 0))) q--;
    if (q <= 0) {
        raise_in(MG_VALUE, "empty range for randrange()", 355, "randrange", "raise ValueError(\"empty range for randrange()\")");
        return 0;
    }
    return (int64_t)(istart + istep * (__int128)randbelow((unsigned __int128)q));
}

/* `randrange(stop)`. */
int64_t mg_random_randrange1(int64_t stop) {
    if (stop > 0) return (int64_t)randbelow((unsigned __int128)stop);
    raise_in(MG_VALUE, "empty range for randrange()", 313, "randrange", "raise ValueError(\"empty range for randrange()\")");
    return 0;
}

/* `randrange(start, stop[, step])`. */
int64_t mg_random_randrange(int64_t start, int64_t stop, int64_t step) {
    return randrange(start, stop, step);
}

/* `randint(a, b)`: `randrange(a, b + 1)`, b + 1 exact. */
int64_t mg_random_randint(int64_t a, int64_t b) {
    int64_t r = randrange(a, (__int128)b + 1, 1);
    if (mg_current_exc) mg_tb_add(RANDOM_PY, 362, "randint", "return self.randrange(a, b+1)");
    return r;
}

/* ---- sequences ------------------------------------------------------------------------ */

/* The index `choice(seq)` reads, for a sequence of `len` items. */
int64_t mg_random_choice_index(int64_t len) {
    if (len > 0) return (int64_t)randbelow((unsigned __int128)len);
    raise_in(MG_INDEX, "Cannot choose from an empty sequence", 373, "choice", "raise IndexError('Cannot choose from an empty sequence')");
    return 0;
}

/* `shuffle(x)`: from the end, each item swapped with one at or before it. */
void mg_random_shuffle(MgList *x) {
    for (int64_t i = x->len - 1; i >= 1; i--) {
        int64_t j = (int64_t)randbelow((unsigned __int128)(i + 1));
        MgSlot t = x->items[i];
        x->items[i] = x->items[j];
        x->items[j] = t;
    }
}

/* The positions `sample(population, k)` picks from `n` items, in selection order, by the
 * branch CPython takes: a pool of the unselected ones when an n-item list is smaller than a
 * k-item set, else rejection of positions already selected.  NULL with ValueError raised. */
static int64_t *sample_positions(int64_t n, int64_t k) {
    if (k < 0 || k > n) {
        raise_in(MG_VALUE, "Sample larger than population or is negative", 456, "sample", "raise ValueError(\"Sample larger than population or is negative\")");
        return NULL;
    }
    int64_t *result = malloc((size_t)(k ? k : 1) * sizeof(int64_t));
    if (!result) mg_out_of_memory();
    /* setsize = 21, plus 4 ** ceil(log(k * 3, 4)) for k > 5 (math.log: two logs, a division). */
    __int128 setsize = 21;
    if (k > 5) {
        double e = ceil(log((double)((__int128)k * 3)) / log(4.0));
        setsize = e >= 32 ? ((__int128)1 << 120) : setsize + ((__int128)1 << (2 * (int)e));
    }
    if (n <= setsize) {
        int64_t *pool = malloc((size_t)(n ? n : 1) * sizeof(int64_t));
        if (!pool) mg_out_of_memory();
        for (int64_t i = 0; i < n; i++) pool[i] = i;
        for (int64_t i = 0; i < k; i++) {
            int64_t j = (int64_t)randbelow((unsigned __int128)(n - i));
            result[i] = pool[j];
            pool[j] = pool[n - i - 1]; /* move non-selected item into vacancy */
        }
        free(pool);
        return result;
    }
    /* The selected positions, in an open-addressed table of 2k to 4k slots (-1: empty). */
    int64_t cap = 8;
    while (cap < 2 * k) cap *= 2;
    int64_t *table = malloc((size_t)cap * sizeof(int64_t));
    if (!table) mg_out_of_memory();
    memset(table, 0xff, (size_t)cap * sizeof(int64_t));
    for (int64_t i = 0; i < k; i++) {
        for (;;) {
            int64_t j = (int64_t)randbelow((unsigned __int128)n);
            uint64_t h = ((uint64_t)j * 0x9E3779B97F4A7C15ULL) >> 7;
            int64_t slot = (int64_t)(h & (uint64_t)(cap - 1));
            while (table[slot] != -1 && table[slot] != j) slot = (slot + 1) & (cap - 1);
            if (table[slot] == j) continue;
            table[slot] = j;
            result[i] = j;
            break;
        }
    }
    free(table);
    return result;
}

/* A new list of type `list_t` of the `k` items of `population` at `pos`, which it frees. */
static MgList *gather(const MgList *population, int64_t *pos, int64_t k, const MgType *list_t) {
    MgList *r = mg_list_new(list_t, k);
    const MgType *t = list_t->a;
    for (int64_t i = 0; i < k; i++) {
        MgSlot v = population->items[pos[i]];
        mg_slot_incref(t, v);
        r->items[r->len++] = v;
    }
    free(pos);
    return r;
}

/* `sample(population, k)` of a list (or a `tuple[T, ...]`): a new list of type `list_t`. */
MgList *mg_random_sample(const MgList *population, int64_t k, const MgType *list_t) {
    int64_t *pos = sample_positions(population->len, k);
    if (!pos) return NULL;
    return gather(population, pos, k, list_t);
}

/* `sample(range(...), k)`: the range's items at the positions, without listing the range. */
MgList *mg_random_sample_range(const MgRange *population, int64_t k, const MgType *list_t) {
    if (population->len < 0) {
        mg_raise(MG_OVERFLOW, "Python int too large to convert to C ssize_t");
        mg_tb_add(RANDOM_PY, 441, "sample", "n = len(population)");
        return NULL;
    }
    int64_t *pos = sample_positions(population->len, k);
    if (!pos) return NULL;
    MgList *r = mg_list_new(list_t, k);
    for (int64_t i = 0; i < k; i++) r->items[r->len++] = (MgSlot)(population->start + pos[i] * population->step);
    free(pos);
    return r;
}

/* ---- real-valued distributions -------------------------------------------------------- */

/* `uniform(a, b)`: a + (b - a) * random(). */
double mg_random_uniform(double a, double b) {
    return a + (b - a) * mg_random_random();
}

/* `uniform(a, b)` of two ints: `b - a` is an exact int, converted (correctly rounded, as
 * Python converts an int meeting a float) before it is multiplied, and so is `a`. */
double mg_random_uniform_int(int64_t a, int64_t b) {
    double width = (double)((__int128)b - a);
    return (double)a + width * mg_random_random();
}

/* `gauss(mu, sigma)`: Box-Muller pairs, the second value kept for the next call. */
double mg_random_gauss(double mu, double sigma) {
    double z;
    if (has_gauss_next) {
        has_gauss_next = 0;
        z = gauss_next;
    } else {
        double x2pi = mg_random_random() * (2.0 * 3.141592653589793); /* math.tau */
        double g2rad = sqrt(-2.0 * log(1.0 - mg_random_random()));
        z = cos(x2pi) * g2rad;
        gauss_next = sin(x2pi) * g2rad;
        has_gauss_next = 1;
    }
    return mu + z * sigma;
}

/* `normalvariate(mu, sigma)`: Kinderman and Monahan's ratio of uniforms. */
double mg_random_normalvariate(double mu, double sigma) {
    /* NV_MAGICCONST, computed by the C library as CPython computes it at import (a volatile
     * operand: the compiler's own folding of exp could round differently). */
    static volatile double minus_half = -0.5;
    const double nv_magicconst = 4 * exp(minus_half) / sqrt(2.0);
    double z;
    for (;;) {
        double u1 = mg_random_random();
        double u2 = 1.0 - mg_random_random();
        z = nv_magicconst * (u1 - 0.5) / u2;
        double zz = z * z / 4.0;
        if (zz <= -log(u2)) break;
    }
    return mu + z * sigma;
}

/* `expovariate(lambd)`. */
double mg_random_expovariate(double lambd) {
    double x = -log(1.0 - mg_random_random());
    if (lambd == 0.0) {
        raise_in(MG_ZERO_DIVISION, "float division by zero", 628, "expovariate", "return -_log(1.0 - self.random()) / lambd");
        return 0;
    }
    return x / lambd;
}

/* `triangular(low, high, mode)` of floats (`has_mode` 0: mode None, the midpoint). */
double mg_random_triangular(double low, double high, double mode, int32_t has_mode) {
    double u = mg_random_random();
    double c = 0.5;
    if (has_mode) {
        if (high - low == 0.0) return low; /* ZeroDivisionError caught */
        c = (mode - low) / (high - low);
    }
    if (u > c) {
        u = 1.0 - u;
        c = 1.0 - c;
        double t = low;
        low = high;
        high = t;
    }
    return low + (high - low) * sqrt(u * c);
}

/* ---- choices -------------------------------------------------------------------------- */

/* What indexing each kind of population past its end raises (`choices` of an empty one). */
static const char *const INDEX_ERRORS[] = {"list index out of range", "tuple index out of range", "string index out of range", "deque index out of range", "range object index out of range"};

/* The positions `choices(population, weights, cum_weights=..., k=k)` picks from `n` items:
 * `floor(random() * n)` without weights, else a bisection of the cumulative weights at
 * `random() * total`, as Lib/random.py.  `cumulative` 0: `weights` are weights (NULL: none),
 * 1: cumulative weights.  NULL with the exception raised. */
static int64_t *choices_positions(int64_t n, const MgList *weights, int32_t cumulative, int64_t k, int32_t index_error) {
    if (k < 0) k = 0;
    int64_t *result = malloc((size_t)(k ? k : 1) * sizeof(int64_t));
    if (!result) mg_out_of_memory();
    if (!weights) {
        double fn = (double)n;
        for (int64_t i = 0; i < k; i++) {
            int64_t j = (int64_t)floor(mg_random_random() * fn);
            if (j >= n) {
                free(result);
                mg_raise(MG_INDEX, INDEX_ERRORS[index_error]);
                mg_tb_add(RANDOM_PY, 493, "<listcomp>", "return [population[floor(random() * n)] for i in _repeat(None, k)]");
                mg_tb_add(RANDOM_PY, 493, "choices", "return [population[floor(random() * n)] for i in _repeat(None, k)]");
                return NULL;
            }
            result[i] = j;
        }
        return result;
    }
    int is_int = weights->h.type->a->kind == MG_T_INT;
    int64_t m = weights->len;
    /* The cumulative weights: exact ints (OverflowError past 64 bits) or floats. */
    int64_t *icum = malloc((size_t)(m ? m : 1) * sizeof(int64_t));
    double *fcum = malloc((size_t)(m ? m : 1) * sizeof(double));
    if (!icum || !fcum) mg_out_of_memory();
    for (int64_t i = 0; i < m; i++) {
        MgSlot w = weights->items[i];
        if (is_int) {
            if (cumulative || i == 0) icum[i] = (int64_t)w;
            else if (__builtin_add_overflow(icum[i - 1], (int64_t)w, &icum[i])) {
                mg_raise_overflow();
                mg_tb_add(RANDOM_PY, 495, "choices", "cum_weights = list(_accumulate(weights))");
                goto fail;
            }
        } else {
            fcum[i] = cumulative || i == 0 ? mg_slot_f(w) : fcum[i - 1] + mg_slot_f(w);
        }
    }
    if (m != n) {
        raise_in(MG_VALUE, "The number of weights does not match the population", 506, "choices", "raise ValueError('The number of weights does not match the population')");
        goto fail;
    }
    if (n == 0) {
        raise_in(MG_INDEX, "list index out of range", 507, "choices", "total = cum_weights[-1] + 0.0   # convert to float");
        goto fail;
    }
    double total = is_int ? (double)icum[n - 1] : fcum[n - 1] + 0.0;
    if (total <= 0.0) {
        raise_in(MG_VALUE, "Total of weights must be greater than zero", 509, "choices", "raise ValueError('Total of weights must be greater than zero')");
        goto fail;
    }
    if (!isfinite(total)) {
        raise_in(MG_VALUE, "Total of weights must be finite", 511, "choices", "raise ValueError('Total of weights must be finite')");
        goto fail;
    }
    for (int64_t i = 0; i < k; i++) {
        double x = mg_random_random() * total;
        /* bisect_right(cum_weights, x, 0, n - 1), comparing an int with a float exactly. */
        int64_t lo = 0, hi = n - 1;
        while (lo < hi) {
            int64_t mid = (lo + hi) / 2;
            int below = is_int ? mg_cmp_int_float(icum[mid], x) == 1 : x < fcum[mid];
            if (below) hi = mid;
            else lo = mid + 1;
        }
        result[i] = lo;
    }
    free(icum);
    free(fcum);
    return result;
fail:
    free(icum);
    free(fcum);
    free(result);
    return NULL;
}

/* `choices(population, weights, cum_weights=..., k=k)` of a list (a `tuple[T, ...]`, or a str
 * or deque as a list of its items; `index_error` says which, for the empty one's message). */
MgList *mg_random_choices(const MgList *population, const MgList *weights, int32_t cumulative, int64_t k, int32_t index_error, const MgType *list_t) {
    int64_t *pos = choices_positions(population->len, weights, cumulative, k, index_error);
    if (!pos) return NULL;
    if (k < 0) k = 0;
    return gather(population, pos, k, list_t);
}

/* `choices(range(...), ...)`: the range's items at the positions. */
MgList *mg_random_choices_range(const MgRange *population, const MgList *weights, int32_t cumulative, int64_t k, const MgType *list_t) {
    if (population->len < 0) {
        mg_raise(MG_OVERFLOW, "Python int too large to convert to C ssize_t");
        mg_tb_add(RANDOM_PY, 488, "choices", "n = len(population)");
        return NULL;
    }
    int64_t *pos = choices_positions(population->len, weights, cumulative, k, 4);
    if (!pos) return NULL;
    if (k < 0) k = 0;
    MgList *r = mg_list_new(list_t, k);
    for (int64_t i = 0; i < k; i++) r->items[r->len++] = (MgSlot)(population->start + pos[i] * population->step);
    free(pos);
    return r;
}
