"""The plugin's models, one module per domain, re-exported here."""

from .projects import Project

__all__ = ["Project"]
