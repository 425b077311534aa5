def main() -> None:
    a = 10
    b = 0
    print(a // 3, a % 3)
    print(a % b)


if __name__ == "__main__":
    main()
