def main() -> None:
    parts = ["a", "b"]
    print("{}-{}".format(*parts))


if __name__ == "__main__":
    main()
