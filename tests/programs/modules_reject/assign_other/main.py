import helper

helper.X = 2
print(helper.X)
