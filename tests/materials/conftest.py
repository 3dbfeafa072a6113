import pytest

from materials import factories


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Documents and co-branded copies go to a fresh directory per test, apart from MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    return tmp_path / "private"


@pytest.fixture
def library(home_page):
    return factories.library(home_page)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client
