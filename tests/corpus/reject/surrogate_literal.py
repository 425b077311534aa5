# ruff reads "\ud800" as U+FFFD; CPython keeps the lone surrogate (and cannot print it).
def main() -> None:
    s = "ok\ud800"
    print(len(s))


if __name__ == "__main__":
    main()
