"""Communal circuits: which producer sends how much of what to which outlet, meeting every need
it can (higher priorities first) at the least transport. Plain Python on a kept solver; no
Django.
"""
