"""Page families, one module each; ``api`` is the JSON API under ``/api/``."""
