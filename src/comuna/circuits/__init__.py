"""Communal circuits: producers' offers and outlets' needs in a cycle, the plan that feeds
every need it can at the least transport (the circuits engine), and the deliveries recorded
against it.
"""
