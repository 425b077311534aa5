# format() with a spec that is not constant: a space sign is refused for str at run time.
def main() -> None:
    specs = ["^9", ">4", " 5"]
    for s in specs:
        print(repr(format("ab", s)), format(12, s))


if __name__ == "__main__":
    main()
