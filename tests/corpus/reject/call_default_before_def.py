def pad(text: str, width: int = default_width()) -> str:
    return text + " " * (width - len(text))


def default_width() -> int:
    return 10


print(pad("ab") + "|")
