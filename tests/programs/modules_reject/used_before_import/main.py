print("start")
Y = helper.X
import helper
