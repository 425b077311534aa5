def main() -> None:
    grid: dict[tuple[int, int], str] = {(1, 2): "a", (0, 0): "b"}
    print(sorted(grid.items()), list(grid.items()), len(grid.items()))
    d = {"x": 1, "y": 2}
    print(d.items(), d.keys(), d.values())
    for k, v in sorted(d.items()):
        print(k, v)


if __name__ == "__main__":
    main()
