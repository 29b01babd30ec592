"""mmn-i18n: multilingual publication and translation manager."""

__version__ = "0.1.0"
