"""``python -m callcoach`` runs the command-line interface."""

from callcoach.cli import main

if __name__ == "__main__":
    main()
