print(round(-0.0, -3), round(-0.0, 2), round(-4.0, -1), round(-5.0, -1), round(-0.0001, 2))
print(round(-0.0, -3), round(-0.4, 0), round(-0.0), round(0.0, -2), round(-1.5, -3), round(-0.0, 2))
x = -0.0
print(round(x, -3), round(x, 1))
