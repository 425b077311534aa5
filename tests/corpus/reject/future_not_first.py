import sys
from __future__ import annotations

print(len(sys.argv))
