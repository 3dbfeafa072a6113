"""Checklists: starting, ticking, noting, resuming and completing a run (counted once when started and once when
completed); a run is its owner's alone."""

import copy
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from partners.factories import MembershipFactory
from partners.models import Role
from tools import factories
from tools.checklists import start_run
from tools.models import ChecklistPage, ChecklistRun, ToolUse

LABEL = "Intake dinsdagochtend"
NOTE = "Klant overlegt eerst thuis"
HINT = "Vul geen naam, adres of andere persoonsgegevens van de klant in."
PERSONAL_DATA_ADVICE = "Laat persoonsgegevens van de klant weg."
STARTED = ToolUse.Kind.CHECKLIST_STARTED
COMPLETED = ToolUse.Kind.CHECKLIST_COMPLETED


@pytest.fixture
def intake(tool_index):
    """Four items in two sections: three required, one ("Koffie klaargezet") optional."""
    return factories.checklist(
        tool_index,
        "Intakegesprek",
        introduction="Loop het gesprek met de klant na.",
        sections=[
            factories.section(
                "Voorbereiding", [("Dossier doorgelezen", True, "Ook de vorige polis."), ("Koffie klaargezet", False)]
            ),
            factories.section("Gesprek", [("Wensen besproken", True), ("Vervolgafspraak gemaakt", True)]),
        ],
    )


@pytest.fixture
def colleague_a(partner_a):
    return MembershipFactory(
        user=UserFactory(email="collega@partner-a.example"), partner=partner_a, role=Role.STAFF
    ).user


def item_ids(checklist):
    return [item.id for item in checklist.items()]


def form_data(checklist, done=(), notes=None):
    """What the run form posts: a tick for the items at these positions, notes by position."""
    notes = notes or {}
    data = {}
    for position, item_id in enumerate(item_ids(checklist)):
        if position in done:
            data[f"done-{item_id}"] = "on"
        data[f"note-{item_id}"] = notes.get(position, "")
    return data


def answers(checklist, done=(), notes=None):
    """The answers as a run stores them after saving `form_data(checklist, done, notes)`."""
    notes = notes or {}
    return {
        item_id: {"done": position in done, "note": notes.get(position, "")}
        for position, item_id in enumerate(item_ids(checklist))
    }


def make_run(checklist, user, partner, label=LABEL, done=(), notes=None, completed_at=None):
    """A run started as the start view starts it (and so counted as started), then given answers directly."""
    run = start_run(checklist, user, partner, label)
    run.answers = answers(checklist, done, notes)
    run.completed_at = completed_at
    run.save(update_fields=["answers", "completed_at"])
    return run


def uses():
    """Every counted use as (kind, run id), in the order they were counted."""
    return list(ToolUse.objects.order_by("pk").values_list("kind", "run_id"))


def start(client, checklist, label):
    return client.post(reverse("tools:start_run", args=[checklist.pk]), {"label": label})


def save(client, run, data):
    return client.post(reverse("tools:run", args=[run.pk]), data)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def ticked(response):
    """The item ids whose checkbox is ticked on the run page."""
    boxes = soup(response).select('input[type="checkbox"][name^="done-"]')
    assert boxes, "the page has no checkboxes"
    return {box["name"].removeprefix("done-") for box in boxes if box.has_attr("checked")}


def notes_shown(response):
    return {
        area["name"].removeprefix("note-"): area.get_text() for area in soup(response).select('textarea[name^="note-"]')
    }


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------------------
# The checklist page and starting a run
# ---------------------------------------------------------------------------


def test_checklist_page_shows_sections_items_and_the_start_form_with_its_hint(client, staff_a, intake):
    client.force_login(staff_a)

    response = client.get(intake.url)

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert [h3.get_text(strip=True) for h3 in page.select("section[aria-labelledby=items-title] h3")] == [
        "Voorbereiding",
        "Gesprek",
    ]
    items = [li.get_text(" ", strip=True) for li in page.select("ul.checklist-preview li")]
    assert items == [
        "Dossier doorgelezen",
        "Koffie klaargezet (optioneel)",
        "Wensen besproken",
        "Vervolgafspraak gemaakt",
    ]
    form = page.find("form", action=reverse("tools:start_run", args=[intake.pk]))
    assert form is not None and form["method"] == "post"
    field = form.find("input", attrs={"name": "label"})
    assert field["maxlength"] == "80"
    help_text = page.find(id=field["aria-describedby"].split()[0])
    assert HINT in help_text.get_text()


def test_the_brand_team_sees_the_checklist_without_a_start_form(client, brand_team, intake):
    client.force_login(brand_team)

    response = client.get(intake.url)

    assert response.status_code == HTTPStatus.OK
    assert "Wensen besproken" in response.content.decode()
    assert soup(response).find("form", action=reverse("tools:start_run", args=[intake.pk])) is None


@pytest.mark.parametrize(
    "typed, stored",
    [
        (LABEL, LABEL),
        ("  Overdracht   week 12 ", "Overdracht week 12"),
        ("Ronde 2 van 3", "Ronde 2 van 3"),
        ("x" * 80, "x" * 80),
    ],
)
def test_starting_a_run_creates_it_for_me_and_my_partner(client, staff_a, partner_a, intake, typed, stored):
    client.force_login(staff_a)
    before = timezone.now()

    response = start(client, intake, typed)

    run = ChecklistRun.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("tools:run", args=[run.pk])
    assert (run.checklist_id, run.user, run.partner, run.label) == (intake.pk, staff_a, partner_a, stored)
    assert run.answers == {} and run.completed_at is None
    assert run.created_at >= before
    # Starting is counted once, for the run, when it was started; nothing of the label is kept with the count.
    use = ToolUse.objects.get()
    assert (use.kind, use.tool_id, use.partner, use.user, use.run, use.used_at) == (
        STARTED,
        intake.pk,
        partner_a,
        staff_a,
        run,
        run.created_at,
    )
    assert list(run.uses.all()) == [use]
    opened = client.get(response["Location"])
    assert opened.status_code == HTTPStatus.OK
    assert soup(opened).h1.get_text(strip=True) == stored
    assert "nog 3 verplichte punten open" in opened.content.decode()


@pytest.mark.parametrize(
    "label, message",
    [
        ("", "Vul een korte omschrijving in."),
        ("    ", "Vul een korte omschrijving in."),
        ("x" * 81, "Gebruik hoogstens 80 tekens."),
        ("jan.jansen@example.nl", "Dit lijkt een e-mailadres. " + PERSONAL_DATA_ADVICE),
        ("Terugbellen 06-12345678", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Terugbellen 0612345678", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Bellen +31 6 1234 5678", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Bellen +31612345678", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Bellen 0031 6 12345678", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Kantoor 020-1234567", "Dit lijkt een telefoonnummer. " + PERSONAL_DATA_ADVICE),
        ("Klant 123456782", "Dit lijkt een burgerservicenummer. " + PERSONAL_DATA_ADVICE),
        ("Intake 1234 AB", "Dit lijkt een postcode. " + PERSONAL_DATA_ADVICE),
        ("Intake 1234AB", "Dit lijkt een postcode. " + PERSONAL_DATA_ADVICE),
        ("Intake 1234ab Utrecht", "Dit lijkt een postcode. " + PERSONAL_DATA_ADVICE),
    ],
)
def test_a_missing_long_or_personal_label_is_refused_in_dutch(client, staff_a, intake, label, message):
    client.force_login(staff_a)

    response = start(client, intake, label)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = soup(response).select("form ul.errorlist li")
    assert [error.get_text(strip=True) for error in errors] == [message]
    assert HINT in response.content.decode()  # the form is shown again, with its hint
    assert not ChecklistRun.objects.exists()
    assert not ToolUse.objects.exists()


@pytest.mark.parametrize(
    "label",
    [
        "Intake 05-03-2026",  # a date has eight digits, a phone number ten
        "Terugkomdag 01-02-2026",
        "Overdracht 2026 na de zomer",  # a year before a word is no postcode
        "Evaluatie 2025 en verder",
        "Planning 2027 Zakelijk",
        "Ronde 1 van 2026",
    ],
)
def test_dates_and_years_are_not_taken_for_personal_data(client, staff_a, partner_a, intake, label):
    client.force_login(staff_a)

    response = start(client, intake, label)

    run = ChecklistRun.objects.get()
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("tools:run", args=[run.pk])
    assert run.label == label
    assert uses() == [(STARTED, run.pk)]


def test_start_run_is_a_post(client, staff_a, intake):
    client.force_login(staff_a)

    assert client.get(reverse("tools:start_run", args=[intake.pk])).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not ChecklistRun.objects.exists()


# ---------------------------------------------------------------------------
# Ticking, noting, resuming, completing
# ---------------------------------------------------------------------------


@pytest.fixture
def my_run(intake, staff_a, partner_a):
    return make_run(intake, staff_a, partner_a)


@pytest.fixture
def owner(client, staff_a):
    client.force_login(staff_a)
    return client


def test_ticks_and_notes_are_saved_and_shown_again_when_resuming(owner, intake, my_run):
    ids = item_ids(intake)

    response = save(owner, my_run, form_data(intake, done={0, 1}, notes={0: f"  {NOTE}  ", 3: "Na de zomer"}))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("tools:run", args=[my_run.pk])
    my_run.refresh_from_db()
    assert my_run.answers == answers(intake, done={0, 1}, notes={0: NOTE, 3: "Na de zomer"})
    assert my_run.completed_at is None
    assert uses() == [(STARTED, my_run.pk)]  # saving is no use of its own

    resumed = owner.get(response["Location"])

    assert resumed.status_code == HTTPStatus.OK
    assert messages_of(resumed) == ["Opgeslagen. Nog 2 verplichte punten open."]
    assert ticked(resumed) == {ids[0], ids[1]}
    assert notes_shown(resumed) == {ids[0]: NOTE, ids[1]: "", ids[2]: "", ids[3]: "Na de zomer"}
    assert "nog 2 verplichte punten open" in resumed.content.decode()


def test_a_fresh_run_has_nothing_ticked(owner, intake, my_run):
    ChecklistRun.objects.filter(pk=my_run.pk).update(answers={})

    response = owner.get(reverse("tools:run", args=[my_run.pk]))

    assert response.status_code == HTTPStatus.OK
    assert ticked(response) == set()
    assert set(notes_shown(response).values()) == {""}


def test_one_required_item_open_is_not_complete_even_with_the_optional_ticked(owner, intake, my_run):
    response = save(owner, my_run, form_data(intake, done={0, 1, 2}))

    my_run.refresh_from_db()
    assert my_run.completed_at is None
    assert uses() == [(STARTED, my_run.pk)]
    assert messages_of(owner.get(response["Location"])) == ["Opgeslagen. Nog 1 verplicht punt open."]


def test_every_required_item_ticked_completes_the_run_without_the_optional_one(
    owner, intake, my_run, staff_a, partner_a
):
    before = timezone.now()

    response = save(owner, my_run, form_data(intake, done={0, 2, 3}))

    my_run.refresh_from_db()
    assert my_run.completed_at is not None and my_run.completed_at >= before
    assert uses() == [(STARTED, my_run.pk), (COMPLETED, my_run.pk)]
    use = ToolUse.objects.get(kind=COMPLETED)
    assert (use.kind, use.tool_id, use.partner, use.user, use.run) == (
        COMPLETED,
        intake.pk,
        partner_a,
        staff_a,
        my_run,
    )
    assert use.used_at == my_run.completed_at
    assert ToolUse.objects.get(kind=STARTED).used_at == my_run.created_at < use.used_at
    shown = owner.get(response["Location"])
    assert messages_of(shown) == ["Opgeslagen. Alle verplichte punten zijn afgevinkt: de checklist is af."]
    assert "afgerond op" in shown.content.decode()


def test_a_run_is_counted_once_however_often_it_is_completed(owner, intake, my_run):
    complete = form_data(intake, done={0, 2, 3})
    save(owner, my_run, complete)
    my_run.refresh_from_db()
    first_completion = my_run.completed_at

    counted = [(STARTED, my_run.pk), (COMPLETED, my_run.pk)]
    assert uses() == counted
    first_use = ToolUse.objects.get(kind=COMPLETED)
    assert first_use.used_at == first_completion

    save(owner, my_run, complete | {f"note-{item_ids(intake)[0]}": "Nog eens opgeslagen"})
    my_run.refresh_from_db()
    assert my_run.completed_at == first_completion
    assert uses() == counted

    save(owner, my_run, form_data(intake, done={0, 2}))  # unticked
    my_run.refresh_from_db()
    assert my_run.completed_at is None
    assert uses() == counted

    save(owner, my_run, complete)  # and completed again
    my_run.refresh_from_db()
    assert my_run.completed_at is not None and my_run.completed_at > first_completion
    assert uses() == counted
    assert ToolUse.objects.get(kind=COMPLETED) == first_use
    assert ToolUse.objects.get(kind=COMPLETED).used_at == first_completion  # counted when first completed
    assert sorted(my_run.uses.values_list("kind", flat=True)) == sorted([STARTED, COMPLETED])


@pytest.mark.parametrize("length", [501, 2000])
def test_a_note_over_500_characters_is_refused_and_nothing_changes(owner, intake, my_run, length):
    save(owner, my_run, form_data(intake, done={0}, notes={0: NOTE}))
    my_run.refresh_from_db()
    saved_answers, saved_at = my_run.answers, my_run.updated_at

    # Everything required ticked at once: refused all the same, so not completed or counted either.
    response = save(owner, my_run, form_data(intake, done={0, 2, 3}, notes={0: "Anders", 2: "x" * length}))

    assert response.status_code == HTTPStatus.BAD_REQUEST
    content = response.content.decode()
    assert "Een notitie is hoogstens 500 tekens." in content
    assert "Niet opgeslagen" in content
    my_run.refresh_from_db()
    assert my_run.answers == saved_answers
    assert my_run.updated_at == saved_at
    assert my_run.completed_at is None
    assert uses() == [(STARTED, my_run.pk)]


def test_a_note_of_exactly_500_characters_is_kept(owner, intake, my_run):
    response = save(owner, my_run, form_data(intake, notes={1: "x" * 500}))

    assert response.status_code == HTTPStatus.FOUND
    my_run.refresh_from_db()
    assert my_run.answers[item_ids(intake)[1]]["note"] == "x" * 500


def test_the_print_view_shows_ticks_and_notes(owner, intake, my_run):
    save(owner, my_run, form_data(intake, done={0, 3}, notes={0: NOTE, 1: "Zwart, geen suiker"}))

    response = owner.get(reverse("tools:run_print", args=[my_run.pk]))

    assert response.status_code == HTTPStatus.OK
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Intakegesprek"
    assert LABEL in page.select_one("dl.facts").get_text()
    rows = [
        (li.get("class") == ["is-done"], li.select_one(".print-checklist__box").get_text(strip=True), li)
        for li in page.select("ul.print-checklist li")
    ]
    assert [(done, box) for done, box, _li in rows] == [(True, "☑"), (False, "☐"), (False, "☐"), (True, "☑")]
    assert rows[0][2].select_one(".print-checklist__note").get_text(strip=True) == NOTE
    assert rows[1][2].select_one(".print-checklist__note").get_text(strip=True) == "Zwart, geen suiker"
    assert rows[2][2].select_one(".print-checklist__note") is None
    assert "2 van 3 verplichte punten afgevinkt" in page.select_one("dl.facts").get_text()


def test_deleting_a_run_removes_it_but_keeps_its_counts(owner, intake, my_run):
    save(owner, my_run, form_data(intake, done={0, 2, 3}))
    assert uses() == [(STARTED, my_run.pk), (COMPLETED, my_run.pk)]

    response = owner.post(reverse("tools:delete_run", args=[my_run.pk]))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("tools:my_runs")
    assert not ChecklistRun.objects.filter(pk=my_run.pk).exists()
    # Both counts stay, with their tool, person, partner and moment; only the link to the run is gone.
    assert list(ToolUse.objects.order_by("pk").values_list("kind", "tool_id", "user", "partner", "run")) == [
        (STARTED, intake.pk, my_run.user_id, my_run.partner_id, None),
        (COMPLETED, intake.pk, my_run.user_id, my_run.partner_id, None),
    ]
    listed = owner.get(response["Location"])
    assert messages_of(listed)[-1] == f"De ronde ‘{LABEL}’ is verwijderd."
    assert owner.get(reverse("tools:run", args=[my_run.pk])).status_code == HTTPStatus.NOT_FOUND


def test_deleting_needs_a_post(owner, my_run):
    response = owner.get(reverse("tools:delete_run", args=[my_run.pk]))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert ChecklistRun.objects.filter(pk=my_run.pk).exists()


def test_my_runs_lists_only_my_own(
    client, tool_index, intake, staff_a, manager_a, colleague_a, staff_b, partner_a, partner_b
):
    handover = factories.checklist(
        tool_index, "Overdracht", sections=[factories.section("Dossier", [("Polis gecontroleerd", True)])]
    )
    make_run(intake, staff_a, partner_a, "Mijn intake", done={0})
    make_run(handover, staff_a, partner_a, "Mijn overdracht", done={0}, completed_at=timezone.now())
    make_run(intake, manager_a, partner_a, "Intake van de beheerder")
    make_run(intake, colleague_a, partner_a, "Intake van een collega")
    make_run(intake, staff_b, partner_b, "Intake bij B")
    client.force_login(staff_a)

    response = client.get(reverse("tools:my_runs"))

    assert response.status_code == HTTPStatus.OK
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")[:3]]
        for row in soup(response).select("table tbody tr")
    ]
    assert sorted(rows) == [
        ["Mijn intake", "Intakegesprek", "1 van 3 verplichte punten"],
        ["Mijn overdracht", "Overdracht", "afgerond"],
    ]
    content = response.content.decode()
    for label in ["Intake van de beheerder", "Intake van een collega", "Intake bij B"]:
        assert label not in content


def test_the_checklist_page_lists_only_my_runs_of_it(client, intake, staff_a, manager_a, partner_a):
    make_run(intake, staff_a, partner_a, "Mijn intake")
    make_run(intake, manager_a, partner_a, "Intake van de beheerder", notes={0: NOTE})
    client.force_login(staff_a)

    content = client.get(intake.url).content.decode()

    assert "Mijn intake" in content
    assert "Intake van de beheerder" not in content and NOTE not in content


# ---------------------------------------------------------------------------
# Nobody else opens, prints, saves or deletes someone's run
# ---------------------------------------------------------------------------

SECRET_LABEL = "Overdracht dossier Zonnebloem"
SECRET_NOTE = "Klant twijfelt over de opzegging"

ACTIONS = {
    "open": ("get", "tools:run"),
    "print": ("get", "tools:run_print"),
    "save": ("post", "tools:run"),
    "delete": ("post", "tools:delete_run"),
}


@pytest.fixture
def someones_run(intake, staff_a, partner_a):
    return make_run(intake, staff_a, partner_a, SECRET_LABEL, done={0}, notes={0: SECRET_NOTE})


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize(
    "intruder, expected",
    [
        ("colleague_a", HTTPStatus.NOT_FOUND),
        ("manager_a", HTTPStatus.NOT_FOUND),
        ("staff_b", HTTPStatus.NOT_FOUND),
        ("manager_b", HTTPStatus.NOT_FOUND),
        ("brand_team", HTTPStatus.FORBIDDEN),
        ("admin_user", HTTPStatus.FORBIDDEN),
        ("anonymous", HTTPStatus.FOUND),
    ],
)
def test_nobody_else_can_reach_a_run(client, request, intake, someones_run, intruder, expected, action):
    before = ChecklistRun.objects.values().get(pk=someones_run.pk)
    counted = list(ToolUse.objects.values())
    assert uses() == [(STARTED, someones_run.pk)]
    if intruder != "anonymous":
        client.force_login(request.getfixturevalue(intruder))
    method, name = ACTIONS[action]
    url = reverse(name, args=[someones_run.pk])

    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, form_data(intake, done={0, 1, 2, 3}, notes={0: "Overschreven"}))

    assert response.status_code == expected
    if intruder == "anonymous":
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    elif intruder in ("brand_team", "admin_user"):
        assert "Geen toegang" in response.content.decode()  # the no-partner page
    content = response.content.decode()
    assert SECRET_LABEL not in content and SECRET_NOTE not in content
    assert ChecklistRun.objects.values().get(pk=someones_run.pk) == before
    assert list(ToolUse.objects.values()) == counted  # not completed, nor started again, by anyone else


def test_the_owner_can_reach_every_action(owner, intake, someones_run):
    """The other side of the isolation table: the same requests work for the one who started the run."""
    for action, (method, name) in ACTIONS.items():
        if action == "delete":
            continue
        url = reverse(name, args=[someones_run.pk])
        response = owner.get(url) if method == "get" else owner.post(url, form_data(intake, done={0}))
        assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND), action
    assert SECRET_LABEL in owner.get(reverse("tools:run", args=[someones_run.pk])).content.decode()
    assert owner.post(reverse("tools:delete_run", args=[someones_run.pk])).status_code == HTTPStatus.FOUND


@pytest.fixture
def courier_checklist(tool_index, kind_courier):
    return factories.checklist(
        tool_index,
        "Koerierscheck",
        audiences=[kind_courier],
        sections=[factories.section("Rit", [("Pakket gescand", True)])],
    )


def test_a_checklist_aimed_at_another_kind_does_not_exist_for_partner_a(client, staff_a, courier_checklist):
    client.force_login(staff_a)

    assert client.get(courier_checklist.url).status_code == HTTPStatus.NOT_FOUND
    assert start(client, courier_checklist, LABEL).status_code == HTTPStatus.NOT_FOUND
    assert not ChecklistRun.objects.exists()
    assert not ToolUse.objects.exists()


def test_a_checklist_aimed_at_a_kind_works_for_that_kind(client, staff_b, courier_checklist):
    client.force_login(staff_b)

    assert client.get(courier_checklist.url).status_code == HTTPStatus.OK
    assert start(client, courier_checklist, LABEL).status_code == HTTPStatus.FOUND
    run = ChecklistRun.objects.get()
    assert run.user == staff_b
    assert list(ToolUse.objects.values_list("kind", "tool_id", "user", "partner", "run")) == [
        (STARTED, courier_checklist.pk, staff_b.pk, run.partner_id, run.pk)
    ]


@pytest.mark.parametrize("who", ["brand_team", "anonymous"])
def test_only_partner_people_start_runs(client, request, intake, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = start(client, intake, LABEL)

    assert response.status_code == (HTTPStatus.FORBIDDEN if who == "brand_team" else HTTPStatus.FOUND)
    if who == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    assert not ChecklistRun.objects.exists()
    assert not ToolUse.objects.exists()


# ---------------------------------------------------------------------------
# Editors change the checklist
# ---------------------------------------------------------------------------


def test_ticks_stay_with_their_items_when_the_editor_rewords_and_reorders(owner, intake, my_run):
    ids = item_ids(intake)
    save(owner, my_run, form_data(intake, done={2}, notes={2: NOTE}))
    page = ChecklistPage.objects.get(pk=intake.pk)
    sections = copy.deepcopy(list(page.sections.raw_data))
    wishes = sections[1]["value"]["items"][0]
    assert wishes["id"] == ids[2]
    wishes["value"]["text"] = "Wensen en zorgen van de klant besproken"
    for section in sections:
        section["value"]["items"].reverse()
    sections.reverse()  # now: Gesprek (Vervolgafspraak, Wensen…), Voorbereiding (Koffie, Dossier)
    page.sections = sections
    page.save_revision().publish()

    page = ChecklistPage.objects.get(pk=intake.pk)
    assert [item.text for item in page.items()] == [
        "Vervolgafspraak gemaakt",
        "Wensen en zorgen van de klant besproken",
        "Koffie klaargezet",
        "Dossier doorgelezen",
    ]
    assert item_ids(page) == [ids[3], ids[2], ids[1], ids[0]]
    response = owner.get(reverse("tools:run", args=[my_run.pk]))
    assert ticked(response) == {ids[2]}
    box = soup(response).find("input", attrs={"name": f"done-{ids[2]}"})
    assert soup(response).find("label", attrs={"for": box["id"]}).get_text(strip=True) == (
        "Wensen en zorgen van de klant besproken"
    )
    assert notes_shown(response)[ids[2]] == NOTE


def test_a_new_required_item_reopens_the_run_at_the_next_save(owner, intake, my_run):
    save(owner, my_run, form_data(intake, done={0, 2, 3}))
    page = ChecklistPage.objects.get(pk=intake.pk)
    sections = copy.deepcopy(list(page.sections.raw_data))
    sections[1]["value"]["items"].append(factories.section("-", [("Handtekening gezet", True)])["value"]["items"][0])
    page.sections = sections
    page.save_revision().publish()

    response = owner.get(reverse("tools:run", args=[my_run.pk]))
    assert "Handtekening gezet" in response.content.decode()
    save(owner, my_run, form_data(page, done={0, 2, 3}))

    my_run.refresh_from_db()
    assert my_run.completed_at is None
    assert uses() == [(STARTED, my_run.pk), (COMPLETED, my_run.pk)]  # it was completed once; that stays counted


def test_runs_of_an_unpublished_checklist_are_gone(owner, intake, my_run):
    intake.unpublish()

    for action, (method, name) in ACTIONS.items():
        url = reverse(name, args=[my_run.pk])
        response = owner.get(url) if method == "get" else owner.post(url, form_data(intake, done={0, 2, 3}))
        assert response.status_code == HTTPStatus.NOT_FOUND, action
    assert start(owner, intake, "Nog een ronde").status_code == HTTPStatus.NOT_FOUND
    assert LABEL not in owner.get(reverse("tools:my_runs")).content.decode()
    assert ChecklistRun.objects.get().answers == my_run.answers
    assert uses() == [(STARTED, my_run.pk)]  # only its start: neither completed nor a second one started
