import mathutil
from mathutil import fib

print(fib(80), mathutil.product([1, 2, 3, 4]))
print(mathutil.roll(42))
print(mathutil.fib.cache_info())
print([mathutil.fib(k) for k in range(10)])
print(mathutil.product([]))
