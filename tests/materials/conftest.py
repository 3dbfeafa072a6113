import pytest

from materials import factories


@pytest.fixture
def library(home_page):
    return factories.library(home_page)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client
