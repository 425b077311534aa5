def grow(s: set[int]) -> None:
    for v in s:
        print("seen", v)
        if v < 100:
            s.add(v * 10 + 1)


grow({3, 1, 2})
