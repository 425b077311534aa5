def main() -> None:
    items = [1, 2, 3]
    with items as xs:
        print(xs)


if __name__ == "__main__":
    main()
