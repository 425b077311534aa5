import time

start = time.process_time()
print(start >= 0)
