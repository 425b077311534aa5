import stats


def reset() -> None:
    global counter
    counter = 100


reset()
stats.bump()
print(stats.counter)
