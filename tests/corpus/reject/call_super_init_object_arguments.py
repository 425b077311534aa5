class Base:
    pass


class Named(Base):
    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.name = name


print(Named("b").name)
