"""``python -m optiproof``: the command line."""

from optiproof.cli import main

if __name__ == "__main__":
    main()
