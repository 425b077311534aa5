def main() -> None:
    seen: set[int] = {1, 2}
    seen.update([3, 4])
    print(seen)


if __name__ == "__main__":
    main()
