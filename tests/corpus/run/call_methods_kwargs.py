# Keywords and defaults on methods: instance, static and class methods, constructors,
# super().__init__(name=...), and virtual calls when overriding methods agree.

def tag_list(prefix: str) -> list[str]:
    print("evaluating default", prefix)
    return [prefix]


class Account:
    opened: int = 0

    def __init__(self, owner: str, balance: int = 0, *, currency: str = "EUR", notes: list[str] = tag_list("acct")) -> None:
        self.owner = owner
        self.balance = balance
        self.currency = currency
        self.notes = notes
        notes.append(owner)
        Account.opened += 1

    def deposit(self, amount: int = 1, *, memo: str = "") -> int:
        self.balance += amount
        if memo != "":
            self.notes.append(memo)
        return self.balance

    def describe(self, verbose: bool = False, sep: str = ": ") -> str:
        text = self.owner + sep + str(self.balance) + " " + self.currency
        if verbose:
            text += " " + str(len(self.notes))
        return text

    @staticmethod
    def fee(amount: int, rate: int = 2, *, minimum: int = 1) -> int:
        return max(amount * rate // 100, minimum)

    @classmethod
    def empty(cls, owner: str = "nobody", currency: str = "USD") -> "Account":
        return cls(owner, currency=currency)


print("class statement done")


class Savings(Account):
    def __init__(self, owner: str, rate: int = 3, balance: int = 100) -> None:
        super().__init__(owner, currency="CHF", balance=balance)
        self.rate = rate

    def describe(self, verbose: bool = False, sep: str = ": ") -> str:
        return "savings " + self.owner + sep + str(self.balance * (100 + self.rate) // 100)


def opened_by(owner: str) -> Account:
    print("opening for", owner)
    return Account(owner)


def main() -> None:
    a = Account("ann")
    b = Account("bob", 50, currency="GBP")
    c = Account(balance=7, owner="cy")
    print(a.describe(), b.describe(verbose=True), c.describe(sep=" = ", verbose=True))
    print(a.deposit(), a.deposit(10), a.deposit(memo="gift", amount=5), a.notes)
    print(Account.fee(1000), Account.fee(1000, 5), Account.fee(10, minimum=3), Account.fee(rate=10, amount=50))
    print(a.fee(300, rate=1))
    e = Account.empty()
    f = Account.empty(currency="JPY", owner="fay")
    print(e.describe(), f.describe(True))
    s = Savings("sam")
    t = Savings(rate=10, owner="tim")
    u = Savings("uma", balance=1000)
    accounts: list[Account] = [a, b, s, t, u]
    for acct in accounts:
        print(acct.describe(), "|", acct.describe(True, sep="-"), "|", acct.describe(sep="~"))
    print(Account.opened, len(a.notes), a.notes == b.notes)
    print(s.currency, s.notes)
    # A static method called on an instance: the instance is still evaluated, first.
    print(opened_by("zed").fee(amount=opened_by("yan").balance + 400))


main()
