import second

ONE = 1
