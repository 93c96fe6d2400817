"""Full-text search inside investigation workspaces over a blind index."""
