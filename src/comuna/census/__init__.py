"""The territory and its census: councils, sectors, households and people."""
