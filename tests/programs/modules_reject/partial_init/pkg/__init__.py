from . import mod

X = 1
