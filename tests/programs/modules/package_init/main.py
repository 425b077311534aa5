import pkg
import pkg.mod
from pkg import mod as m2

print(pkg.mod.f(), pkg.g(), m2.f(), pkg.NAME)
