from typing import Iterator


def parse(lines: list[str]) -> Iterator[int]:
    for line in lines:
        yield int(line)


def total(xs: Iterator[int]) -> int:
    t = 0
    for x in xs:
        t += x
        print("running", t)
    return t


def main() -> None:
    print(total(parse(["1", "2", "x3", "4"])))


main()
