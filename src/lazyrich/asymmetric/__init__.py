"""Main paper (Caron et al., arXiv 2302.01002): shallow networks with asymmetrical node scaling."""
