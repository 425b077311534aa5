import first

print(first.ONE)
