# `s += s` appends in place when nothing else holds s: the right operand is the string that
# grows (it used to be read after its old buffer was freed).


def main() -> None:
    s = "x,y"
    for i in range(12):
        s += s
        print(len(s), s[-4:], s.count("x"))
    t = "é"
    for i in range(10):
        t += t
    print(len(t), t == "é" * 1024)


if __name__ == "__main__":
    main()
