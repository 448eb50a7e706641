import io

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from engagement.legacy.redirects import add_redirects, old_paths
from engagement.legacy.wxr import parse_wxr

from .helpers import SITE, post, wxr

pytestmark = pytest.mark.django_db


def item(**kwargs):
    return parse_wxr(io.BytesIO(wxr(post(42, **kwargs)).encode())).posts[0]


@pytest.fixture
def target():
    """A live page standing in for an imported post (the Russian home page)."""
    return Page.objects.get(locale__language_code="ru", depth=2).specific


def test_old_paths_are_the_permalink_old_slugs_and_the_post_id():
    paths = old_paths(
        item(slug="%d0%ba%d0%be%d0%bd%d1%84%d0%b5%d1%80%d0%b5%d0%bd%d1%86%d0%b8%d1%8f",
             link=f"{SITE}/2021/06/15/%d0%ba%d0%be%d0%bd%d1%84%d0%b5%d1%80%d0%b5%d0%bd%d1%86%d0%b8%d1%8f/",
             meta={"_wp_old_slug": ["old-name", "%d0%b5%d1%81%d0%ba%d1%96"]}),
        SITE,
    )

    assert paths == [
        "/2021/06/15/%d0%ba%d0%be%d0%bd%d1%84%d0%b5%d1%80%d0%b5%d0%bd%d1%86%d0%b8%d1%8f/",
        "/2021/06/15/old-name/",
        "/2021/06/15/%D0%B5%D1%81%D0%BA%D1%96/",
        "/?p=42",
    ]


def test_a_blog_in_a_subfolder_keeps_the_subfolder_in_the_post_id_path():
    assert old_paths(item(link=f"{SITE}/blog/x/"), f"{SITE}/blog")[-1] == "/blog/?p=42"


def test_redirects_resolve_for_ascii_non_ascii_and_query_paths(client, target):
    paths = ["/2021/06/15/%d0%ba%d0%be%d0%bd%d1%84/", "/2021/06/15/old-name/", "/?p=42"]

    created, conflicts, too_long = add_redirects(target, paths, target.get_site())

    assert created == ["/2021/06/15/конф", "/2021/06/15/old-name", "/?p=42"]
    assert conflicts == [] and too_long == []
    for path in ("/2021/06/15/конф/", "/2021/06/15/%D0%BA%D0%BE%D0%BD%D1%84/",
                 "/2021/06/15/old-name/", "/?p=42"):
        response = client.get(path)
        assert response.status_code == 301, path
        assert response["Location"] == target.url


def test_adding_the_same_redirects_again_creates_nothing(target):
    add_redirects(target, ["/a/", "/?p=1"], target.get_site())

    created, conflicts, _too_long = add_redirects(target, ["/a/", "/?p=1"], target.get_site())

    assert created == [] and conflicts == []
    assert Redirect.objects.filter(redirect_page=target).count() == 2


def test_a_path_already_redirecting_elsewhere_is_left_alone(target):
    home = Page.objects.get(locale__language_code="kk", depth=2)
    Redirect.add_redirect("/taken/", redirect_to=home, site=target.get_site())

    created, conflicts, _too_long = add_redirects(target, ["/taken/"], target.get_site())

    assert (created, conflicts) == ([], ["/taken"])
    assert Redirect.objects.get(old_path="/taken").redirect_page_id == home.pk


def test_the_home_page_with_another_query_is_served_normally(client):
    assert client.get("/?p=999").status_code == 200
    assert client.get("/?utm=1").status_code == 200
