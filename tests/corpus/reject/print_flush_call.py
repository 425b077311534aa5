def wants_flush() -> bool:
    return True


print("x", flush=wants_flush())
