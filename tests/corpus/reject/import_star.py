from math import *


def main() -> None:
    print(sqrt(2.0))


main()
