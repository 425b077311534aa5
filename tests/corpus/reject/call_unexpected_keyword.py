def greet(name: str, greeting: str = "Hello") -> str:
    return greeting + ", " + name


def main() -> None:
    print(greet("Ada", greting="Hi"))


main()
