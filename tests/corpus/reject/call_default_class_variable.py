class Grid:
    SIZE = 8

    def cells(self, n: int = SIZE) -> int:
        return n * n


print(Grid().cells())
