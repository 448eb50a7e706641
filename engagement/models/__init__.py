"""The plugin's models, one module per domain, re-exported here."""

from engagement.legacy.models import LegacyObject

from .projects import Project

__all__ = ["LegacyObject", "Project"]
