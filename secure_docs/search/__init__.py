"""Search inside a workspace: extraction, normalisation and the blind index."""
