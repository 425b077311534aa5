def count(text: str) -> None:
    for w in text.split():
        if w in COUNTS:
            COUNTS[w] += 1
        else:
            COUNTS[w] = 1


count("a b a")
COUNTS: dict[str, int] = {}
