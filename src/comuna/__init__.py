"""Comuna: free software with which a commune governs itself."""

__version__ = "0.1.0"
