def register() -> None:
    """Pelican entry point (the capability's generator is added as it is built)."""
