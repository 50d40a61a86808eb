"""lazyrich: reproducible replication of four papers on lazy (kernel) vs rich (feature-learning) training."""

__version__ = "0.1.0"
