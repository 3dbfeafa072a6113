import pytest

from training import factories


@pytest.fixture
def academy(home_page):
    return factories.academy(home_page)


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client
