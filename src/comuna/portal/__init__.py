"""Where people come in: the home page and the figures open to anyone.

It reads from the other apps (the census's counts, links to the books and the decisions), so
it is an app of its own rather than part of core, which imports none of them.
"""
