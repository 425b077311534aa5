# CPython cuts the repr in the message after 200 characters (%.200R).
def main() -> None:
    print(int("é" * 250))


if __name__ == "__main__":
    main()
