"""The claims registry: each checkable claim of a paper is one named entry with a tolerance per profile."""
