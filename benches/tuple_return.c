#include <stdio.h>
#include <stdlib.h>

/* Same computation as tuple_return.py: the tuple-returning functions return structs. */
static const long P = 1000003;

typedef struct { long q, r; } DivRes;
typedef struct { long g, x, y; } Egcd;
typedef struct { double re, im; } Complex;

static DivRes divstep(long a, long b) {
    long q = a / b; /* a, b >= 0: C's division is Python's floor division */
    return (DivRes){q, a - q * b};
}

static Egcd egcd(long a, long b) {
    long x0 = 1, x1 = 0, y0 = 0, y1 = 1;
    while (b != 0) {
        DivRes d = divstep(a, b);
        a = b;
        b = d.r;
        long t = x0 - d.q * x1;
        x0 = x1;
        x1 = t;
        t = y0 - d.q * y1;
        y0 = y1;
        y1 = t;
    }
    return (Egcd){a, x0, y0};
}

static Complex cmul(Complex a, Complex b) {
    return (Complex){a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re};
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long inv_sum = 0, gcd_sum = 0, coef_sum = 0;
    for (long i = 1; i <= n; i++) {
        Egcd e = egcd(i, P);
        inv_sum += ((e.x % P) + P) % P; /* Python's x % P for P > 0 */
        gcd_sum += e.g;
        coef_sum += e.y;
    }
    printf("inverses: %ld gcds: %ld coefficients: %ld\n", inv_sum, gcd_sum, coef_sum);
    Complex w = {0.9999995000000417, 0.0009999998333333417};
    Complex z = {1.0, 0.0};
    double sr = 0.0, si = 0.0;
    for (long k = 0; k < 4 * n; k++) {
        z = cmul(z, w);
        sr += z.re;
        si += z.im;
    }
    printf("rotation: %ld %ld sum: %ld %ld\n", (long)(z.re * 1e9), (long)(z.im * 1e9), (long)(sr * 1e6), (long)(si * 1e6));
    return 0;
}
