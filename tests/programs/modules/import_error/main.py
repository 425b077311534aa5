import config
import config as again

print("never", config.LEVEL, again.LEVEL)
