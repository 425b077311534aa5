# The common int and float specs of f-strings take a direct layout (mg_format.c: mg_spec_simple);
# every spec here goes through it or, for what it does not cover, the general path.
def main() -> None:
    ints: list[int] = [0, 7, -7, 123456, -9223372036854775807 - 1, 9223372036854775807, 42]
    floats: list[float] = [0.0, -0.0, 1.5, -2.675, 2.675, 1e16, 123.456789, -1e-7, 0.125, 0.375, 1e300, 5e-324]
    for v in ints:
        print(f"[{v:7d}|{v:3d}|{v:<6d}|{v:^9d}|{v:*^8d}|{v:>1d}|{v:-5d}|{v:d}|{v:x>12}|{v:10}|{v:_<4}|{v:é>6}|{v:+5d}|{v:05d}|{v:=8d}]")
    for x in floats:
        print(f"[{x:6.2f}|{x:.0f}|{x:<10.3f}|{x:^12.1f}|{x:f}|{x:F}|{x:-8.4f}|{x:#>9.2f}|{x:.20f}|{x:+.2f}|{x:08.2f}|{x:,.2f}|{x: .1f}|{x:#.0f}]")
    for x in [float("inf"), float("-inf"), float("nan")]:
        print(f"[{x:6.2f}|{x:F}|{x:<8.1f}]")
    print(f"{True:5d}|{False:<3d}")


main()
