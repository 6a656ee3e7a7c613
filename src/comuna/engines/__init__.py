"""Plain-Python engines (no Django): the hard rules, callable and testable on their own."""
