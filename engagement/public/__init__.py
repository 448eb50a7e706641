"""The public face of the plugin's events: the calendar page, event pages, iCal, search.

``EventCalendarPage`` (``models.py``) is a routable page a host site places once per language;
it serves the list, the month view, the event pages and the iCal feeds (``views.py``). Which
events are public and in which language they are shown is decided in ``events.py``; every
surface (pages, feeds, the host's search) goes through it.
"""
