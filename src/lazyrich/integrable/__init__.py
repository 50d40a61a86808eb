"""Integrable parameterizations of deep networks (Hajjar, Chizat & Giraud 2024), spec prefix IP."""
