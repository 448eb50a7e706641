"""Bulk import of events from organisers' spreadsheets (CSV and XLSX), all or nothing.

- :mod:`.reading`: the file into rows, within the limits (size, rows, zip bombs, encodings);
- :mod:`.columns`: the columns, their headings in kk, ru and en, and the template;
- :mod:`.values` and :mod:`.references`: cells into dates, numbers, choices, projects, places;
- :mod:`.validation`: each row checked as the event form checks an event, scope included;
- :mod:`.saving`: what each row would do, and doing it in one transaction;
- :mod:`.service`: preview and confirm, used by ``manage.py import_events`` and the admin page.
"""
