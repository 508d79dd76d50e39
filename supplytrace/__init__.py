"""supplytrace: who supplies what to whom, for which military end use, from the documents that say so."""

__version__ = "0.1.0"
