"""Exchange between communes without hard currency: agreements valued in the federation's unit
of account, the obligations they create in both parties' books, and the clearing runs that
cancel the debt that runs in cycles (the clearing engine).
"""
