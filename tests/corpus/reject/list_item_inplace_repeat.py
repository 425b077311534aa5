def main() -> None:
    row = [1, 2]
    grid = [row, [3]]
    grid[0] *= 2
    print(row, grid)


if __name__ == "__main__":
    main()
