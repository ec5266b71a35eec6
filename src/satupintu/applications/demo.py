"""Demo data for applications (loaded by load_demo_data)."""


def load(**kwargs) -> None:
    """Filled in by the applications work."""
