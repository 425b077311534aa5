import string

t = string.Template("$who")
print(t)
