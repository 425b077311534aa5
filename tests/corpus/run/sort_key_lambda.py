def main() -> None:
    words = ["banana", "Apple", "cherry", "fig", "date", "elderberry"]
    print(sorted(words, key=lambda w: len(w)))
    print(sorted(words, key=lambda w: w.lower()))
    print(sorted(words, key=lambda w: (len(w), w), reverse=True))
    print(min(words, key=lambda w: len(w)), max(words, key=lambda w: len(w)))
    scores = {"ann": 88, "bob": 95, "cy": 88, "dee": 70}
    ranking = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    print(ranking)
    print(max(scores, key=lambda k: scores[k]), min(scores.keys(), key=lambda k: scores[k]))
    points = [(3, 4), (-1, 1), (0, 5), (2, -2)]
    print(sorted(points, key=lambda p: p[0] * p[0] + p[1] * p[1]))
    stable = sorted([(1, "b"), (0, "a"), (1, "a"), (0, "b")], key=lambda t: t[0])
    print(stable)
    nums = [5, -3, 2, -8, 0]
    nums.sort(key=lambda v: abs(v))
    print(nums)
    nums.sort(key=lambda v: v % 3, reverse=True)
    print(nums)
    w = 2
    print(sorted(nums, key=lambda v: v * w), sorted([1.5, -2.0], key=lambda v: -v))
    e: list[int] = []
    print(sorted(e, key=lambda v: v))
    try:
        print(max(e, key=lambda v: v))
    except ValueError as ex:
        print(ex)
main()
