import pkg

print(pkg.mod.f())
