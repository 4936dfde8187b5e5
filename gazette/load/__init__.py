"""Load: read every YAML record safely and validate it (``library.load_raw``)."""
