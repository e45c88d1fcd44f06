"""``python -m empathic`` runs the command line."""

from empathic.cli.main import main

if __name__ == "__main__":
    main()
