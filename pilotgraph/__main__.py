"""`python -m pilotgraph` is the same as the `pilotgraph` command."""

from pilotgraph.api.cli import main

if __name__ == "__main__":
    main()
