class Temperature:
    def __init__(self, celsius: float) -> None:
        self.celsius = celsius

    @property
    def fahrenheit(self, offset: float = 32.0) -> float:
        return self.celsius * 1.8 + offset


print(Temperature(21.5).fahrenheit)
