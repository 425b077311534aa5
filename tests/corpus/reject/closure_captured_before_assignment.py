def outer() -> int:
    def show() -> int:
        return x

    x = 5
    return show()


print(outer())
