class Box:
    def __init__(self, size: int) -> None:
        self.size = size

    def __lt__(self, other: "Box") -> bool:
        print("compare", self.size, other.size)
        return self.size < other.size


def main() -> None:
    print(max(Box(n) for n in [3, 1, 2]).size)


if __name__ == "__main__":
    main()
