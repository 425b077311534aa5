class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __format__(self, spec: str) -> str:
        return str(self.cents / 100)


def main() -> None:
    m = Money(1250)
    print(f"{m}")


main()
