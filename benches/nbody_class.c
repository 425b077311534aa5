#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Same computation as nbody_class.py: an array of Body structs. */
#define N 5
static const double PI = 3.141592653589793;

typedef struct Body {
    double x, y, z, vx, vy, vz, mass;
} Body;

static double kinetic(const Body *b) {
    return 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
}

static double energy(const Body *bodies, int n) {
    double e = 0.0;
    for (int i = 0; i < n; i++) {
        const Body *bi = &bodies[i];
        e += kinetic(bi);
        for (int j = i + 1; j < n; j++) {
            const Body *bj = &bodies[j];
            double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
            e -= bi->mass * bj->mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(Body *bodies, int n, double dt) {
    for (int i = 0; i < n; i++) {
        Body *bi = &bodies[i];
        for (int j = i + 1; j < n; j++) {
            Body *bj = &bodies[j];
            double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            double mj = bj->mass * mag, mi = bi->mass * mag;
            bi->vx -= dx * mj; bi->vy -= dy * mj; bi->vz -= dz * mj;
            bj->vx += dx * mi; bj->vy += dy * mi; bj->vz += dz * mi;
        }
    }
    for (int i = 0; i < n; i++) {
        Body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

int main(int argc, char **argv) {
    long steps = argc > 1 ? atol(argv[1]) : 2000000;
    const double SOLAR_MASS = 4.0 * PI * PI;
    const double DPY = 365.24;
    Body bodies[N] = {
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS},
        {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
         1.66007664274403694e-03 * DPY, 7.69901118419740425e-03 * DPY, -6.90460016972063023e-05 * DPY,
         9.54791938424326609e-04 * SOLAR_MASS},
        {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
         -2.76742510726862411e-03 * DPY, 4.99852801234917238e-03 * DPY, 2.30417297573763929e-05 * DPY,
         2.85885980666130812e-04 * SOLAR_MASS},
        {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
         2.96460137564761618e-03 * DPY, 2.37847173959480950e-03 * DPY, -2.96589568540237556e-05 * DPY,
         4.36624404335156298e-05 * SOLAR_MASS},
        {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
         2.68067772490389322e-03 * DPY, 1.62824170038242295e-03 * DPY, -9.51592254519715870e-05 * DPY,
         5.15138902046611451e-05 * SOLAR_MASS},
    };
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < N; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
    printf("%lld\n", (long long)(energy(bodies, N) * 1e9));
    for (long s = 0; s < steps; s++) advance(bodies, N, 0.01);
    printf("%lld\n", (long long)(energy(bodies, N) * 1e9));
    return 0;
}
