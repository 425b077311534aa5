import tools

LIMIT = 10


def main() -> None:
    print(tools.clamp(50))


main()
