"""Self-government: the commune's organs and their seats."""
