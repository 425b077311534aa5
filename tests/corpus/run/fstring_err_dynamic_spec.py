# A spec built at run time is checked at run time, with CPython's ValueError.
def show(x: float, spec: str) -> str:
    return f"[{x:{spec}}]"


def main() -> None:
    for spec in [">8.2f", "+e", "_g", "d"]:
        print(spec, show(2.5, spec))


if __name__ == "__main__":
    main()
