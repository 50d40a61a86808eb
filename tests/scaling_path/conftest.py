import os

os.environ.setdefault("LAZYRICH_NO_PROGRESS", "1")
