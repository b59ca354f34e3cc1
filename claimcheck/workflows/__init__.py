"""What needs the registry and the extractor together: ingest, update, add, link, due. Prints nothing."""
