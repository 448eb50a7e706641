"""The engagement plugin: party projects, places, events, headcounts, statistics, galleries.

It is a reusable Wagtail app: it never imports the host site, and what it needs from it comes
from ``ENGAGEMENT_*`` settings (see ``engagement.conf``).
"""
