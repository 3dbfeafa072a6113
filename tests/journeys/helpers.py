"""Plain helpers for the partner-side journey tests: reading the journey map as a person sees it."""

from bs4 import BeautifulSoup


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def get_page(client, user, url):
    """The parsed page at `url` as this user sees it, checking that it is there."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return soup(response)


def step_items(page):
    """{step name: its <li>} on a journey map, in the map's order."""
    return {item.h3.get_text(strip=True): item for item in page.select("ol.journey-map > li.journey-step")}


def texts(elements):
    return [" ".join(element.get_text(" ", strip=True).split()) for element in elements]


def nps_text(score, promoters, passives, detractors):
    """An NPS as the pages write it, e.g. 'NPS 40 (5 antwoorden: promotors 3, neutraal 1, criticasters 1)'."""
    answers = promoters + passives + detractors
    counted = "één antwoord" if answers == 1 else f"{answers} antwoorden"
    return f"NPS {score} ({counted}: promotors {promoters}, neutraal {passives}, criticasters {detractors})"
