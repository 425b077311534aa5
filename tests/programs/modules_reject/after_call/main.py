def show() -> None:
    print(helper.X)


show()
import helper
