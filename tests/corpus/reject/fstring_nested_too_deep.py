def main() -> None:
    x = 3.14159
    w = 10
    p = 2
    print(f"{x:{w:{p}}}")


main()
