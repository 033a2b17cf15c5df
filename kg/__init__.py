"""kejigraph: Chinese science-and-technology reports as a knowledge graph."""

__version__ = "0.1.0"

#: Bumped whenever extraction output may change, so cached extractions are redone.
EXTRACTOR_VERSION = "1"
