"""People who log in, their role in the commune, and their API tokens."""
