import first

TWO = 2
