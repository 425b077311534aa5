def main() -> None:
    d = {"a": 1, "b": 2}
    for k in d:
        print(k)
        d[k + "x"] = 1
main()
