import sys

# Hot functions that return tuples, unpacked by the caller: a divmod-like step inside the
# extended Euclidean algorithm (modular inverses), and complex multiplication on
# (re, im) pairs (a rotation summed as a geometric series).

P: int = 1000003


def divstep(a: int, b: int) -> tuple[int, int]:
    q = a // b
    return q, a - q * b


def egcd(a: int, b: int) -> tuple[int, int, int]:
    x0, x1 = 1, 0
    y0, y1 = 0, 1
    while b != 0:
        q, r = divstep(a, b)
        a, b = b, r
        x0, x1 = x1, x0 - q * x1
        y0, y1 = y1, y0 - q * y1
    return a, x0, y0


def cmul(ar: float, ai: float, br: float, bi: float) -> tuple[float, float]:
    return ar * br - ai * bi, ar * bi + ai * br


def main() -> None:
    n = 1000000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    inv_sum = 0
    gcd_sum = 0
    coef_sum = 0
    for i in range(1, n + 1):
        g, x, y = egcd(i, P)
        inv_sum += x % P
        gcd_sum += g
        coef_sum += y
    print("inverses:", inv_sum, "gcds:", gcd_sum, "coefficients:", coef_sum)
    # w = exp(0.001i), z runs over w**k, s sums them.
    wr = 0.9999995000000417
    wi = 0.0009999998333333417
    zr = 1.0
    zi = 0.0
    sr = 0.0
    si = 0.0
    for k in range(4 * n):
        zr, zi = cmul(zr, zi, wr, wi)
        sr += zr
        si += zi
    print("rotation:", int(zr * 1e9), int(zi * 1e9), "sum:", int(sr * 1e6), int(si * 1e6))


if __name__ == "__main__":
    main()
