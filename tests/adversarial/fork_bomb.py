"""Forks hundreds of sleeping processes at import (bounded, so a failing test cannot hurt the machine)."""
import os
import time

for _ in range(400):
    if os.fork() == 0:
        time.sleep(120)
        os._exit(0)
    time.sleep(0.002)
