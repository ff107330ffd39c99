"""Grabs memory without end at import."""
hoard = []
while True:
    hoard.append(bytearray(256 * 2**20))
