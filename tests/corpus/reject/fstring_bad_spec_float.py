def main() -> None:
    price = 12.5
    print(f"price: {price:d}")


main()
