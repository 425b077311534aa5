print("pkg starts")
from . import mod
from .mod import f as g

NAME = "pkg:" + __name__
