"""The writing guide stays within a fixed number of queries, however many examples and word rules it shows."""

from http import HTTPStatus

import pytest

from voice import factories

# The request's own cost (session, user, membership) and Wagtail's route to the page (site, parent pages, the
# page, alias paths, view restrictions): 9; + the address settings with their exceptions (read once for all
# blocks), the partner kinds for the table and the active word rules for the word list. The checker's word rules
# come from the shared cache.
GUIDE_BUDGET = 13


def guide_with(home_page, examples, rules):
    for number in range(rules):
        factories.word_rule(f"woord{number}", "beter", reason="Gewone taal.")
    body = [factories.address_table(), factories.word_list()]
    body += [
        factories.example(
            f"Wat fijn dat u belt, voorbeeld {number}.",
            "Indien je belt, dient u te wachten.",
            situation=f"Geval {number}",
        )
        for number in range(examples)
    ]
    return factories.guide(home_page, body=body)


@pytest.mark.parametrize(("examples", "rules"), [(1, 2), (12, 60)])
def test_the_guide_page_has_a_fixed_query_budget(
    client, staff_a, home_page, django_assert_max_num_queries, examples, rules
):
    page = guide_with(home_page, examples, rules)
    client.force_login(staff_a)
    client.get(page.url)  # warm the site and rule caches, as every later visitor finds them
    with django_assert_max_num_queries(GUIDE_BUDGET):
        response = client.get(page.url)
    assert response.status_code == HTTPStatus.OK
    assert response.content.decode().count("<mark") == examples  # the "je" in every "don't"
