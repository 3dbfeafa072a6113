"""No page loads anything from another host: no CDN, no web font, no avatar service."""

import re

import pytest

EXTERNAL_ASSET = re.compile(r"""<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)


@pytest.mark.parametrize(
    ("role", "url"),
    [("anonymous", "/account/login/"), ("manager_a", "/"), ("manager_a", "/team/"), ("admin", "/admin/")],
)
def test_pages_load_only_from_the_portal_itself(client, people, login_with_mfa, home_page, role, url):
    user = people(role)
    if role == "admin":
        login_with_mfa(client, user)
    elif user is not None:
        client.force_login(user)
    page = client.get(url).content.decode()
    assert EXTERNAL_ASSET.findall(page) == []
