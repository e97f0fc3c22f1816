"""escalation-cli: news articles about the US-Iran escalation in, validated records out."""

__version__ = "0.1.0"
