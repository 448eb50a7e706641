"""The production stack as the README deploys it: nginx (deploy/nginx.conf) in front of gunicorn
(deploy/gunicorn.conf.py, cms.settings.production), requested over HTTPS through nginx.

The stack is real: static files collected into a temporary STATIC_ROOT by collectstatic with
the production storage, Debian's nginx started in the foreground with the repository's
template rendered into a temporary prefix (free ports, a throw-away self-signed certificate),
gunicorn with DEBUG off and its own SECRET_KEY. gunicorn uses the test database (the SQLite
file of cms.settings.test, or the PostgreSQL test database when DATABASE_URL is set), so what a
transactional test creates is what nginx serves; the media folder is the tests' MEDIA_ROOT.

Only one test here makes gunicorn render pages (Wagtail caches site roots per process, and a
transactional test rebuilds the demo with new ids); the others ask nginx alone.

Skipped without nginx (or openssl, for the certificate); under ``CI=true`` that is a failure
(.ci/run installs both).
"""

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.home.news_factories import gallery_value, make_article, make_image
from tests.utils import find_tags

HOST = "almaty.test"
REPO = Path(settings.BASE_DIR)
PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")


def _nginx():
    found = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(path, os.X_OK)), None
    )
    missing = [name for name, path in (("nginx", found), ("openssl", shutil.which("openssl")))
               if path is None]
    if missing:
        reason = f"{' and '.join(missing)} not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (required under CI=true)", pytrace=False)
        pytest.skip(reason)
    return found


def render(template, **values):
    """``envsubst`` with the given names: every ${NAME} of the template must be given."""
    text = (REPO / "deploy" / template).read_text()
    missing = set(PLACEHOLDER.findall(text)) - set(values)
    assert not missing, f"{template}: no value for {sorted(missing)}"
    return PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), text)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, log, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listens on {port} after {seconds} s:\n{log.read_text()[-4000:]}")


def stop(process, sig=signal.SIGTERM, seconds=10):
    """Stop a process started in a session of its own, then its whole group if it lingers."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def database_url():
    """The test database as a DATABASE_URL (its name is the test one once pytest-django set it
    up, which the ``stack`` fixture waits for through ``django_db_setup``)."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    quote = urllib.parse.quote
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return (f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{quote(db['NAME'])}")


class Stack:
    def __init__(self, root, https_port, http_port, static_root):
        self.root, self.https_port, self.http_port = root, https_port, http_port
        self.static_root = static_root
        self.context = ssl.create_default_context(cafile=str(root / "tls" / "cert.pem"))

    def request(self, method, path, *, headers=None, body=None, https=True):
        if https:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self.context, timeout=30
            )
            # The certificate names the site, not the address: check it against the site.
            connection.sock = self.context.wrap_socket(
                socket.create_connection(("127.0.0.1", self.https_port), timeout=30),
                server_hostname=HOST,
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
            response = connection.getresponse()
            response.content = response.read()
            return response
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_setup, django_db_blocker):
    nginx = _nginx()
    root = tmp_path_factory.mktemp("stack")
    static_root = root / "static"
    prefix = root / "nginx"
    (prefix / "logs").mkdir(parents=True)
    (root / "tls").mkdir()
    # nginx's workers (root's, as in CI, or this user's) read everything under here.
    for folder in (root, static_root.parent):
        folder.chmod(0o755)

    with django_db_blocker.unblock():
        db_url = database_url()
    env = {
        key: value for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_ADDOPTS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY="stack-test-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=db_url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STATIC_ROOT=str(static_root),
        PYTHONDONTWRITEBYTECODE="1",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=REPO, env=env, check=True, timeout=120,
    )
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}",
         "-keyout", str(root / "tls" / "key.pem"), "-out", str(root / "tls" / "cert.pem")],
        check=True, capture_output=True, timeout=30,
    )

    gunicorn_port, https_port, http_port = free_port(), free_port(), free_port()
    (prefix / "site.conf").write_text(render(
        "nginx.conf",
        SERVER_NAME=HOST,
        HTTP_LISTEN=f"127.0.0.1:{http_port}",
        HTTPS_LISTEN=f"127.0.0.1:{https_port}",
        TLS_CERTIFICATE=root / "tls" / "cert.pem",
        TLS_CERTIFICATE_KEY=root / "tls" / "key.pem",
        GUNICORN_ADDRESS=f"127.0.0.1:{gunicorn_port}",
        STATIC_ROOT=static_root,
        MEDIA_ROOT=Path(settings.MEDIA_ROOT),
    ))
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "nobody")
    (prefix / "nginx.conf").write_text(
        render("nginx-standalone.conf", NGINX_USER=user, NGINX_PREFIX=prefix)
    )
    Path(settings.MEDIA_ROOT).chmod(0o755)

    gunicorn_log = root / "gunicorn.log"
    gunicorn_process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=REPO,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}", "GUNICORN_WORKERS": "1"},
        stdout=gunicorn_log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    nginx_log = prefix / "error.log"
    nginx_log.touch()
    nginx_process = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        stdout=nginx_log.open("a"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        wait_for_port(https_port, nginx_process, nginx_log)
        wait_for_port(gunicorn_port, gunicorn_process, gunicorn_log, seconds=45)
        yield Stack(root, https_port, http_port, static_root)
    finally:
        stop(nginx_process)
        # gunicorn's quick shutdown; its master may take seconds to notice that the worker
        # is gone, and nothing is left to finish by then.
        stop(gunicorn_process, signal.SIGINT, seconds=3)


def media_file(relative, content):
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def assert_media_headers(response):
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Content-Security-Policy") == MEDIA_CSP


@pytest.mark.django_db(transaction=True)
def test_a_page_its_images_and_the_admin_through_nginx(stack, demo_site):
    image = make_image("Stack photo")
    page = make_article(title="Through nginx", slug="through-nginx", hero_image=image,
                        body=[("gallery", gallery_value([image]))])

    response = stack.get(page.url, headers={"Accept-Encoding": "gzip"})

    # Django saw HTTPS through X-Forwarded-Proto (no redirect to https, HSTS sent) and the host.
    assert response.status == 200, response.content[:500]
    assert response.getheader("Content-Encoding") == "gzip"  # text is compressed
    html = gzip.decompress(response.content).decode()
    assert "Through nginx" in html
    assert response.getheader("Strict-Transport-Security", "").startswith("max-age=")
    assert f'href="https://{HOST}/' in html  # canonical and hreflang links: scheme and host

    # A rendition in the page (the hero's JPEG fallback), made by gunicorn, served by nginx.
    hero = next(img["src"] for img in find_tags(html, "img") if img.get("alt") == "Stack photo")
    assert ".fill-800x450." in hero
    assert hero.startswith("/media/images/")
    rendition = stack.get(hero)
    assert rendition.status == 200
    assert rendition.getheader("Content-Type") == "image/jpeg"
    media_root = Path(settings.MEDIA_ROOT)
    assert rendition.content == (media_root / hero.removeprefix("/media/")).read_bytes()
    assert rendition.getheader("Cache-Control") == "public, max-age=604800"
    assert_media_headers(rendition)
    # The AVIF and WebP sources too.
    sources = [source["srcset"].split()[0] for source in find_tags(html, "source")]
    assert {stack.get(src).getheader("Content-Type") for src in sources} == {
        "image/avif", "image/webp"
    }

    # The original upload.
    original = stack.get(image.file.url)
    assert image.file.url.startswith("/media/original_images/")
    assert original.status == 200 and original.getheader("Content-Type") == "image/jpeg"
    assert original.content == Path(image.file.path).read_bytes()
    assert original.getheader("Cache-Control") == "public, max-age=86400"
    assert_media_headers(original)

    # A hashed static file the page links, from collectstatic's folder.
    css = next(link["href"] for link in find_tags(html, "link")
               if link.get("rel") == "stylesheet" and link["href"].startswith("/static/"))
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), css
    static = stack.get(css, headers={"Accept-Encoding": "gzip"})
    assert static.status == 200 and static.getheader("Content-Type") == "text/css"
    assert static.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert static.getheader("X-Content-Type-Options") == "nosniff"
    assert static.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(static.content) == (
        stack.static_root / css.removeprefix("/static/")
    ).read_bytes()

    # Signing in to the admin: CSRF over HTTPS checks the Origin against the forwarded host
    # and scheme, and the session cookie is Secure.
    from django.contrib.auth import get_user_model

    hasher = PBKDF2PasswordHasher()
    get_user_model().objects.create(
        username="stack-admin", is_superuser=True, is_staff=True, is_active=True,
        password=hasher.encode("stack-password", hasher.salt(), iterations=1000),
    )
    login = stack.get("/admin/login/")
    assert login.status == 200
    cookies = SimpleCookie()
    for header in login.headers.get_all("Set-Cookie"):
        cookies.load(header)
    assert cookies["csrftoken"]["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.content.decode())[1]
    signed_in = stack.request(
        "POST", "/admin/login/",
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "stack-admin",
                                     "password": "stack-password", "next": "/admin/"}),
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Origin": f"https://{HOST}", "Referer": f"https://{HOST}/admin/login/",
                 "Cookie": f"csrftoken={cookies['csrftoken'].value}"},
    )
    assert signed_in.status == 302, signed_in.content[:500]
    assert signed_in.getheader("Location") == "/admin/"
    for header in signed_in.headers.get_all("Set-Cookie"):
        cookies.load(header)
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httponly"]
    dashboard = stack.get("/admin/", headers={"Cookie": f"sessionid={cookies['sessionid'].value}"})
    assert dashboard.status == 200


def test_hashed_static_files_are_cached_for_a_year_and_others_for_an_hour(stack):
    hashed = next(p for p in (stack.static_root / "engagement").iterdir()
                  if re.search(r"\.[0-9a-f]{12}\.js$", p.name))
    response = stack.get(f"/static/engagement/{hashed.name}")
    assert response.status == 200 and response.content == hashed.read_bytes()
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Type") == "application/javascript"

    unhashed = re.sub(r"\.[0-9a-f]{12}\.js$", ".js", hashed.name)
    response = stack.get(f"/static/engagement/{unhashed}")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=3600"

    assert stack.get("/static/engagement/no-such-file.css").status == 404


def test_uploads_cannot_run_script_and_documents_stay_behind_django(stack):
    media_file("original_images/drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg">'
               b"<script>alert(1)</script></svg>")
    media_file("original_images/page.html", b"<script>alert(1)</script>")
    media_file("documents/members-only.pdf", b"%PDF-1.4 private")

    svg = stack.get("/media/original_images/drawing.svg")
    assert svg.status == 200 and svg.getheader("Content-Type") == "image/svg+xml"
    assert_media_headers(svg)
    html = stack.get("/media/original_images/page.html")
    assert html.status == 200
    assert_media_headers(html)  # sandboxed: no script, no same-origin access

    # Wagtail serves documents at /documents/<id>/<name> after checking their collection's
    # privacy; their files are not reachable around it.
    assert stack.get("/media/documents/members-only.pdf").status == 404
    # A missing media file is nginx's 404, not a request to Django.
    assert stack.get("/media/original_images/missing.jpg").status == 404


def test_plain_http_goes_to_https_and_oversized_bodies_are_refused(stack):
    response = stack.get("/some/page/?q=1", https=False)
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/some/page/?q=1"

    # Larger than any upload the admin accepts (20 MB images): refused before Django.
    response = stack.request("POST", "/admin/images/multiple/add/",
                             headers={"Content-Length": str(30 * 1024 * 1024)})
    assert response.status == 413
