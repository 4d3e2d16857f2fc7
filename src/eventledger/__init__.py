"""eventledger: news articles about political violence in, a sourced, deduplicated event dataset out."""

__version__ = "0.1.0"
