def main() -> None:
    counts = {"apples": 3, "pears": 5}
    print("%(apples)d apples" % counts)


if __name__ == "__main__":
    main()
