"""Views of the plugin: open data (public) and the statistics report (admin)."""
