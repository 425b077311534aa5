import sys

WORDS: list[str] = [
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "lorem", "ipsum",
    "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
    "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim",
    "ad", "minim", "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris",
    "nisi", "aliquip", "ex", "ea", "commodo", "consequat", "duis", "aute", "irure", "in",
    "reprehenderit", "voluptate", "velit", "esse", "cillum", "fugiat", "nulla", "pariatur",
]
PUNCT: list[str] = [",", ".", ";", "!", "?", ":"]


def make_text(n_lines: int) -> str:
    """Lines of pseudo-random words: capitalised starts, some upper-case words, punctuation,
    indentation and trailing blanks to strip."""
    state = 42
    lines: list[str] = []
    for i in range(n_lines):
        state = (state * 1103515245 + 12345) % 2147483648
        n = 4 + state % 11
        words: list[str] = []
        for j in range(n):
            state = (state * 1103515245 + 12345) % 2147483648
            w = WORDS[state % 54]
            if j == 0:
                w = w.capitalize()
            elif state % 17 == 0:
                w = w.upper()
            if state % 7 == 0:
                w = w + PUNCT[state // 7 % 6]
            words.append(w)
        line = " ".join(words)
        if i % 3 == 0:
            line = "    " + line
        if i % 5 == 0:
            line = line + "  "
        lines.append(line)
    return "\n".join(lines) + "\n"


def main() -> None:
    n_lines = 300000
    if len(sys.argv) > 1:
        n_lines = int(sys.argv[1])
    text = make_text(n_lines)
    counts: dict[str, int] = {}
    report: list[str] = []
    total_words = 0
    total_chars = 0
    questions = 0
    headed = 0
    number = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        number += 1
        if line.endswith("?"):
            questions += 1
        if line.startswith("The ") or line.startswith("Lorem"):
            headed += 1
        words = line.split()
        total_words += len(words)
        for word in words:
            w = word.strip(".,;:!?").lower()
            total_chars += len(w)
            counts[w] = counts.get(w, 0) + 1
        title = line.title().replace("Lorem", "LOREM")
        density = len(line) / len(words)
        report.append(f"{number:7d} | {len(words):3d} {density:6.2f} | {title[:24]:<24} | {words[-1].upper():>14}")
    summary = "\n".join(report)
    print(f"lines {number}, words {total_words:,}, distinct {len(counts)}")
    print(f"questions {questions} ({questions / number:.3%}), headed {headed}")
    print(f"mean word length {total_chars / total_words:.4f}")
    print(len(summary), summary.count("LOREM"), summary.count(" | "))
    for row in report[:3] + report[-3:]:
        print(row)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    for w, c in ranked[:12]:
        print(f"{w:<14}{c:>9,}{100.0 * c / total_words:9.3f}%")


if __name__ == "__main__":
    main()
