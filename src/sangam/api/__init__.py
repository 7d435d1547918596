"""The JSON API face under /api/v1 (FastAPI)."""
