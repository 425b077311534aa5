from counter import total, add

add(5)
print(total)
