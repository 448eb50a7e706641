"""gunicorn's settings for the site: ``gunicorn -c deploy/gunicorn.conf.py`` (README, "Production").

gunicorn listens on the loopback (or a Unix socket) only; nginx (deploy/nginx.conf) is the only
client, serves /static/ and /media/ itself and passes Host and X-Forwarded-* on. Environment:

* ``GUNICORN_BIND``: address (``127.0.0.1:8000``, default) or ``unix:/run/almaty/gunicorn.sock``;
* ``GUNICORN_WORKERS``: processes (default 2 per CPU + 1);
* ``GUNICORN_THREADS``: threads per process (default 2);
* ``GUNICORN_TIMEOUT``: seconds before a silent worker is restarted (default 120, as nginx's
  ``proxy_read_timeout``).

The Django settings come from ``cms/wsgi.py`` (``cms.settings.production``) and its
environment variables.
"""

import multiprocessing
import os

wsgi_app = "cms.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Seconds an idle connection from nginx stays open (its upstream keepalive_timeout is shorter).
keepalive = 5
# A worker is replaced after this many requests (bounded memory; the jitter keeps them from
# restarting all at once).
max_requests = 2000
max_requests_jitter = 200
# Only nginx on this machine may tell gunicorn the scheme (X-Forwarded-Proto).
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
