"""Communication cost of one synchronisation step of data-parallel training.

Each scheme (all-to-all, parameter server, ring all-reduce, tree, recursive doubling,
Rabenseifner) is a message schedule; counts, the exact simulator, the gloo runner and the ring
diagram all consume that schedule, and the SymPy formulas are cross-checked against it.
"""
