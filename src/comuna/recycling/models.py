"""The recycling yard: weigh-ins, materials, stock, bales and sales."""
