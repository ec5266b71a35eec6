"""Demo data for catalog (loaded by load_demo_data)."""


def load(**kwargs) -> None:
    """Filled in by the catalog work."""
