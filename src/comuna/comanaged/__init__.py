"""Co-managed enterprises (EPSIC): the registry, the board's state and community seats, each
period's results shared by rule into the enterprise's books and each local commune's, and
the plan that hands the administration to the community.
"""
