"""Memberships: which user holds which role in which commune, and the actor they act as."""
