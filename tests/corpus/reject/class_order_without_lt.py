class Box:
    def __init__(self, size: int) -> None:
        self.size = size


def main() -> None:
    boxes = [Box(2), Box(1)]
    print(len(sorted(boxes)))


if __name__ == "__main__":
    main()
