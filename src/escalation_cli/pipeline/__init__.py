"""spaCy components of the escalation pipeline. Each sets spans and ``._`` attributes only."""
