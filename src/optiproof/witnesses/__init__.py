"""Generic machinery shared by the families' independent witnesses (convex solvers, ...).

Family-specific witnesses live next to their family (``families/<name>/witness.py``); what is
reusable across families (running a pinned convex solver and reading its status) lives here.
"""
