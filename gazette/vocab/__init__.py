"""The domain's vocabulary: leaf modules that import nothing else from ``gazette``."""
