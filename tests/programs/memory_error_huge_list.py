def main() -> None:
    print("before")
    big = list(range(2**62))
    print(len(big))


main()
