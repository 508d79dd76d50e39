"""``python -m supplytrace``: the command-line interface."""

from supplytrace.cli import main

main()
