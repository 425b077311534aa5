def main() -> None:
    d = {"name": "Ada", "n": "3"}
    print("{name} has {n:>4} items".format_map({"name": "Ada", "n": "x"}))
    scores: dict[str, float] = {"a": 1.5, "b": 2.25}
    print("{a:.2f} + {b} = {a!r}".format_map(scores), "{{literal}}".format_map(scores))
    try:
        print("{missing}".format_map(scores))
    except KeyError as e:
        print("KeyError", e)
    try:
        print("{0}".format_map(scores))
    except ValueError as e:
        print("ValueError", e)
    print(len(d))


main()
