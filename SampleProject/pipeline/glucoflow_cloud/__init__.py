"""GlucoFlow cloud service: firmware update distribution and therapy log intake for the GF-3 pump."""

__version__ = "3.1.0"
