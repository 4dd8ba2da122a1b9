"""Amounts in text: "$100 billion", "US$30bn a year", "19,4 milliards de dollars": the figure,
its currency (dated FX table `fx_rates.csv`), qualifier, period, duration and role in the deal.
"""

from transform.money.amounts import ROLES, Amount, find_amounts, parse_amount, to_usd

__all__ = ["ROLES", "Amount", "find_amounts", "parse_amount", "to_usd"]
