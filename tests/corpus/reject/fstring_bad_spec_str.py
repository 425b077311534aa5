def main() -> None:
    name = "Ada"
    print(f"[{name:=10}]")


main()
