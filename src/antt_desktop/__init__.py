"""ANTT Desktop: records of the grassroots security force for commune police offices."""

__version__ = "0.1.0"
