words = ["b", "aa"]
print(sorted(words, key=len))
