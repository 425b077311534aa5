/* range(start, stop, step) as a value: CPython's Objects/rangeobject.c over 64-bit ints
 * (a result that would need a bigger int raises OverflowError, as every int result here
 * does).  A `for` over a `range(...)` call never makes one: generated code counts. */
#include "mg_internal.h"

static const MgType mg_type_range = {.kind = MG_T_RANGE};

/* CPython's compute_range_length, or -1 past 64 bits. */
static int64_t mg_range_length(int64_t lo, int64_t hi, int64_t step) {
    __int128 n = 0;
    if (step > 0 && lo < hi) n = ((__int128)hi - lo - 1) / step + 1;
    if (step < 0 && lo > hi) n = ((__int128)lo - hi - 1) / -(__int128)step + 1;
    return n > INT64_MAX ? -1 : (int64_t)n;
}

MgRange *mg_range_new(int64_t start, int64_t stop, int64_t step) {
    if (step == 0) {
        mg_raise(MG_VALUE, "range() arg 3 must not be zero");
        return NULL;
    }
    MgRange *r = mg_obj_new(sizeof(MgRange), &mg_type_range);
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->len = mg_range_length(start, stop, step);
    return r;
}

size_t mg_range_size(void) { return sizeof(MgRange); }

int64_t mg_range_len(const MgRange *r) {
    if (r->len < 0) {
        mg_raise(MG_OVERFLOW, "Python int too large to convert to C ssize_t");
        return 0;
    }
    return r->len;
}

/* r.start, r.stop, r.step (0, 1, 2). */
int64_t mg_range_field(const MgRange *r, int64_t which) { return which == 0 ? r->start : which == 1 ? r->stop : r->step; }

/* The i-th item, 0 <= i < len: between start and stop, so within 64 bits. */
static int64_t mg_range_item(const MgRange *r, int64_t i) { return (int64_t)((__int128)r->start + (__int128)i * r->step); }

int64_t mg_range_getitem(const MgRange *r, int64_t i) {
    if (r->len < 0) { /* CPython indexes past 64 bits; a 64-bit index stays in range here */
        if (i < 0) {
            mg_raise(MG_OVERFLOW, "Python int too large to convert to C ssize_t");
            return 0;
        }
        return mg_range_item(r, i);
    }
    if (i < 0) i += r->len;
    if (i < 0 || i >= r->len) {
        mg_raise(MG_INDEX, "range object index out of range");
        return 0;
    }
    return mg_range_item(r, i);
}

/* r[a:b:c]: CPython's compute_slice, a range of the items the slice picks. */
MgRange *mg_range_slice(const MgRange *r, int64_t start, int64_t stop, int64_t step, int32_t flags) {
    int64_t len = mg_range_len(r);
    if (mg_current_exc) return NULL;
    if (mg_slice_indices(len, &start, &stop, step, flags) < 0) return NULL;
    __int128 lo = (__int128)r->start + (__int128)start * r->step;
    __int128 hi = (__int128)r->start + (__int128)stop * r->step;
    __int128 st = (__int128)r->step * step;
    if (lo < INT64_MIN || lo > INT64_MAX || hi < INT64_MIN || hi > INT64_MAX || st < INT64_MIN || st > INT64_MAX) {
        mg_raise_overflow();
        return NULL;
    }
    return mg_range_new((int64_t)lo, (int64_t)hi, (int64_t)st);
}

int32_t mg_range_contains(const MgRange *r, int64_t x) {
    if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return 0;
    return ((__int128)x - r->start) % r->step == 0;
}

int64_t mg_range_count(const MgRange *r, int64_t x) { return mg_range_contains(r, x); }

int64_t mg_range_index(const MgRange *r, int64_t x) {
    if (!mg_range_contains(r, x)) {
        char msg[48];
        snprintf(msg, sizeof msg, "%lld is not in range", (long long)x);
        mg_raise(MG_VALUE, msg);
        return 0;
    }
    return (int64_t)(((__int128)x - r->start) / r->step);
}

/* CPython's range_equals: the same items. */
int32_t mg_range_eq(const MgRange *a, const MgRange *b) {
    if (a == b) return 1;
    if (a->len != b->len) return 0;
    if (a->len == 0) return 1;
    if (a->start != b->start) return 0;
    if (a->len == 1) return 1;
    return a->step == b->step;
}

int32_t mg_range_truth(const MgRange *r) { return r->len != 0; }

void mg_range_repr_into(MgBuf *b, const MgRange *r) {
    char text[80];
    if (r->step == 1) snprintf(text, sizeof text, "range(%lld, %lld)", (long long)r->start, (long long)r->stop);
    else snprintf(text, sizeof text, "range(%lld, %lld, %lld)", (long long)r->start, (long long)r->stop, (long long)r->step);
    mg_buf_puts(b, text);
}

/* list(r), the items in order. */
MgList *mg_range_list(const MgRange *r, const MgType *list_t) { return mg_list_range(r->start, r->stop, r->step, list_t); }
