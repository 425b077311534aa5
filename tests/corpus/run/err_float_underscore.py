# Underscores only between digits; a constant argument is checked at run time as any other.
def main() -> None:
    print(float("1_0.5"), float("١_٣"))
    print(float("1__0"))


if __name__ == "__main__":
    main()
