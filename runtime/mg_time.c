/* `time`: the clocks as CPython 3.11 reads them (clock_gettime, nanoseconds as one 64-bit
 * count, converted to seconds as `_PyTime_AsSecondsDouble` does) and `sleep` with its
 * argument checks and rounding (`_PyTime_FromSecondsObject`, rounding up to the next
 * nanosecond, as _PyTime_ROUND_TIMEOUT does). */
#include "mg_internal.h"

#include <errno.h>
#include <time.h>

/* time (0: CLOCK_REALTIME), perf_counter and monotonic (1: CLOCK_MONOTONIC). */
int64_t mg_time_ns(int64_t which) {
    struct timespec ts;
    clock_gettime(which == 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

double mg_time_seconds(int64_t which) {
    int64_t ns = mg_time_ns(which);
    /* Whole seconds are converted exactly; otherwise one rounding of the count, then the
     * division. */
    if (ns % 1000000000 == 0) return (double)(ns / 1000000000);
    return (double)ns / 1e9;
}

void mg_time_sleep(double secs) {
    if (isnan(secs)) {
        mg_raise(MG_VALUE, "Invalid value NaN (not a number)");
        return;
    }
    double d = ceil(secs * 1e9);
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
        mg_raise(MG_OVERFLOW, "timestamp out of range for platform time_t");
        return;
    }
    int64_t ns = (int64_t)d;
    if (ns < 0) {
        mg_raise(MG_VALUE, "sleep length must be non-negative");
        return;
    }
    /* Output written so far is flushed by nothing here, as in CPython: a sleeping program's
     * buffered stdout stays buffered. */
    struct timespec req = {.tv_sec = ns / 1000000000, .tv_nsec = ns % 1000000000};
    while (nanosleep(&req, &req) != 0 && errno == EINTR) {
    }
}
