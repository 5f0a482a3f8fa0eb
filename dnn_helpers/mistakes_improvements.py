"""The catalogue of typical mistakes for notebooks 11, 13 and 14 (gradient checking, regularization, optimization)."""
