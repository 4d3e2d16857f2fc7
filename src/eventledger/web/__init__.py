"""The web dashboard and REST API: ``create_app(db, api_token, tile_url)`` and ``serve(...)``."""

from eventledger.web.app import create_app, serve

__all__ = ["create_app", "serve"]
