# CPython keeps one frozenset constant per distinct set of constants in a module (the first
# it compiles, in source order): later displays of the same constants iterate in its order.
def f() -> None:
    print({17, 9, 1}, {2.0, 10.0, 18.0})
    for x in {33, 1, 17}:
        print(x, end=" ")
    print()


print({1, 9, 17}, {18.0, 2.0, 10.0})
f()
print({17, 1, 33}, {1, 33, 17, 9})
s = {1, 9, 17, 1}
print(s)
