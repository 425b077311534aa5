import helper

print(helper)
