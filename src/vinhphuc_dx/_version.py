"""The one source of the package's version; hatchling reads it from here."""

__version__ = "0.1.0"
