class Account:
    def __init__(self, owner: str) -> None:
        print(self.balance)
        self.owner = owner
        self.balance = 0


def main() -> None:
    print(Account("ann").owner)


if __name__ == "__main__":
    main()
