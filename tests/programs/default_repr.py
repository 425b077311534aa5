class Plain:
    pass


class Sub(Plain):
    pass


def main() -> None:
    things: list[Plain] = [Plain(), Sub()]
    print(things[0])
    print(things)


if __name__ == "__main__":
    main()
