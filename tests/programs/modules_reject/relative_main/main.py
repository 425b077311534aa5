from .helper import X

print(X)
