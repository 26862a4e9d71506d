"""The local, read-only web view over the store (``newsprism serve``)."""

from newsprism.web.app import check_store, create_app, serve

__all__ = ["check_store", "create_app", "serve"]
