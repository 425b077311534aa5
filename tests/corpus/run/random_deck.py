# Shuffling and dealing a deck of cards, sampling hands and drawing from a deque, with a
# seeded generator: the order must be CPython's.
from collections import deque
from random import choice, sample, seed, shuffle


class Card:
    def __init__(self, rank: str, suit: str) -> None:
        self.rank = rank
        self.suit = suit

    def __repr__(self) -> str:
        return self.rank + self.suit


def new_deck() -> list[Card]:
    return [Card(r, s) for s in "SHDC" for r in ["A", "2", "3", "4", "5", "6", "7", "8", "9", "T", "J", "Q", "K"]]


def deal(deck: list[Card], players: int, size: int) -> list[list[Card]]:
    hands: list[list[Card]] = [[] for _ in range(players)]
    for i in range(players * size):
        hands[i % players].append(deck.pop())
    return hands


seed(1234)
deck = new_deck()
shuffle(deck)
print(deck[:10])
for hand in deal(deck, 4, 5):
    print(hand)
print(len(deck), "left")
print("sampled hand:", sample(new_deck(), 5))
print("one card:", choice(new_deck()))

names = ["ann", "bob", "cy", "dee", "eve"]
pairs = [(n, len(n)) for n in names]
shuffle(pairs)
print(pairs)
queue = deque(names)
print(choice(queue), sample(queue, 2))
words = "the quick brown fox jumps over the lazy dog".split()
for _ in range(3):
    shuffle(words)
    print(" ".join(words))
empty: list[str] = []
shuffle(empty)
one = ["x"]
shuffle(one)
print(empty, one, sample(names, 0))
