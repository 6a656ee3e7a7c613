"""Multilateral clearing of obligations (trade-credit set-off): the most debt that can be
cancelled without changing anyone's net position, solved as a min-cost flow. Plain Python;
no Django.
"""
