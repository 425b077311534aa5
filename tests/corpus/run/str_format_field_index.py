# CPython indexes the argument here; multigen's str.format takes plain field names and
# says so loudly instead of guessing.
def main() -> None:
    xs = [10, 20]
    print("{0}".format(xs))
    print("{0[1]}".format(xs))


main()
