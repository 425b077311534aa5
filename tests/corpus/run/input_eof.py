def main() -> None:
    print("before")
    x = input("prompt> ")
    print(x)


main()
