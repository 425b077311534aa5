from typing import Callable


def late() -> list[Callable[[], int]]:
    fs: list[Callable[[], int]] = []
    for i in range(3):
        fs.append(lambda: i)
    return fs


def comp_late() -> list[int]:
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]


def per_run(n: int) -> list[Callable[[], int]]:
    return [lambda: i * 10 for i in range(n)]


def main() -> None:
    print([f() for f in late()])
    print(comp_late())
    a = per_run(2)
    b = per_run(3)
    print([f() for f in a], [f() for f in b])
    x = 1
    get = lambda: x
    x = 2
    print(get())
    module_fs = [lambda: j for j in range(4)]
    print([g() for g in module_fs])


top = [lambda: k + 100 for k in range(2)]
print([t() for t in top])

if __name__ == "__main__":
    main()
