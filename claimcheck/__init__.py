"""claimcheck: a command-line registry for fact-checking news articles."""

__version__ = "0.1.0"
