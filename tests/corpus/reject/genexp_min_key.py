def main() -> None:
    words = ["pear", "fig", "banana"]
    print(min((w.upper() for w in words), key=lambda w: len(w)))


if __name__ == "__main__":
    main()
