print("start")
import helper

print(helper.X)
