"""shopfront: the order, billing and shipping back end of the web shop."""

__version__ = "3.14.0"
