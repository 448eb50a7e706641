"""The browser harness itself: signing in to the admin, and sessions kept apart."""

from tests.engagement.helpers import make_user


def test_two_sessions_are_signed_in_as_different_users(browser_session):
    make_user("first-editor", superuser=True)
    make_user("second-editor", superuser=True)

    first = browser_session("first-editor")
    second = browser_session("second-editor")
    anonymous = browser_session()

    first.goto_path("/admin/account/")
    second.goto_path("/admin/account/")
    anonymous.goto_path("/admin/account/")

    assert "first-editor" in first.content() and "second-editor" not in first.content()
    assert "second-editor" in second.content()
    assert "/admin/login/" in anonymous.url


def test_the_page_fixture_starts_signed_out(page):
    page.goto_path("/admin/")

    assert "/admin/login/" in page.url
