"""Demo content for the projects app (see symbiosis/management/commands/load_demo.py)."""


def load():
    """Create or refresh the demo rows; return how many were created or changed."""
    return 0
