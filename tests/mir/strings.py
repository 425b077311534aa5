def shout(words: list[str]) -> str:
    out = ""
    for w in words:
        out += w.upper() + "!"
    return out


print(shout(["a", "b"]))
