"""The JSON API for other programs, documented by OpenAPI at /api/openapi.json."""
