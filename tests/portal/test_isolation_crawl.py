"""Cross-partner isolation, read from the pages: what partner A's people can reach says nothing about A to others.

The permission matrix checks one status code per route. This test checks what the answers say: a crawler logs in as
A's staff member and, separately, as A's manager, follows every link it can reach from "/", and then asks for each
URL it found as B's staff member, as B's manager and as a stranger. An answer that carries A's private data (the
names and emails of A's people, their checklist runs, scores and texts) is a leak. So are URLs no row of the matrix
foresaw: query strings, exports, the links inside pages.
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone

from accounts.factories import UserFactory
from journeys import factories as journeys_factories
from journeys.feedback import links_for, nps_total
from journeys.forms import submission_token
from journeys.models import FeedbackResponse, Suggestion
from materials import factories as materials_factories
from materials.models import Download
from materials.versions import current_version
from partners.factories import MembershipFactory
from partners.models import Invitation, Membership, Role
from recognition.models import RecognitionSettings
from recognition.scorecards import scorecards
from recognition.standing import refresh, take_snapshot
from tests.portal.crawling import crawl, readable_text
from tests.training.helpers import choice_ids, quiz_url, token_in
from tools import factories as tools_factories
from tools.models import ChecklistRun
from training import factories as training_factories
from training.models import Attempt, Completion
from voice import factories as voice_factories
from voice.models import ApiToken

# Every marker is a word no page could contain by chance, so a match always means A's data.
STAFF_A_NAME = ("Quirinus", "Zwartveld")
MANAGER_A_NAME = ("Ottoline", "Vreeburgh")
COLLEAGUES_OF_A = [
    ("Barendina", "Kwakkelstein", "b.kwakkelstein@partner-a.example"),
    ("Wigbold", "Oosterzeeboom", "wigbold.oosterzeeboom@partner-a.example"),
]
INVITED_BY_A = [("ysbrand.pennewaert@partner-a.example", Role.STAFF), ("w.quakernaat@partner-a.example", Role.MANAGER)]
# A's customers answer 10, 8, 7, 5, 3, 2, 1: one promoter, two passives, four detractors (NPS -43).
A_FEEDBACK = [
    (10, ""),
    (8, ""),
    (7, "Fijn geholpen bij de Kwartelkoning-offerte."),
    (5, ""),
    (3, "Niemand belde terug over de Pimpelmees-claim."),
    (2, ""),
    (1, ""),
]
SEVEN_QUESTIONS = 7  # so that 3, 4, 5 and 6 right give the unusual scores 42, 57, 71 and 85


@dataclass(frozen=True)
class Marker:
    """One piece of A's private data and how to find it in a page."""

    kind: str
    value: str
    pattern: re.Pattern

    def found_in(self, text):
        return bool(self.pattern.search(text))


def word(kind, value):
    return Marker(kind, value, re.compile(re.escape(value), re.IGNORECASE))


def percentage(score):
    """A quiz score as every page writes it ("85%"), not part of a longer number or of a URL's "%3F"."""
    return Marker("score", f"{score}%", re.compile(rf"(?<![\w.,]){score}\s?%(?![0-9A-Fa-f]{{2}})"))


# ---------------------------------------------------------------------------------------------------------------
# Building the two partners
# ---------------------------------------------------------------------------------------------------------------


def logged_in(user):
    """A fresh test client for one person, as if they had logged in in their own browser."""
    client = Client()
    client.force_login(user)
    return client


def person(partner, first_name, last_name, email, role=Role.STAFF):
    user = UserFactory(email=email, first_name=first_name, last_name=last_name)
    MembershipFactory(user=user, partner=partner, role=role)
    return user


def rename(user, first_name, last_name):
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    return user


def post(client, url, data=None, expect=HTTPStatus.FOUND):
    """A form posted the way the page posts it; building the data fails loudly when a view refuses it."""
    response = client.post(url, data or {})
    assert response.status_code == expect, f"POST {url}: {response.status_code}"
    return response


def download(client, material, cobranded=False):
    url = f"/materialen/{material.pk}/download/{'co-branding/' if cobranded else ''}"
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, f"GET {url}: {response.status_code}"
    readable_text(response)  # read to the end, which closes the file


def take_quiz(client, module, right):
    """Take the module's quiz through its form, answering the first `right` questions correctly."""
    module.refresh_from_db()
    token = token_in(client.get(quiz_url(module)))
    answers = {
        f"q-{block.id}": choice_ids(block, correct=number < right)[:1] for number, block in enumerate(module.quiz)
    }
    post(client, quiz_url(module), {"token": token, **answers})


def run_checklist(client, checklist, label, *, tick, note=""):
    """Start a run with this label through the checklist page, then tick the first `tick` items (and note one)."""
    run_url = post(client, f"/hulpmiddelen/checklist/{checklist.pk}/starten/", {"label": label})["Location"]
    items = checklist.items()
    answers = {f"done-{item.id}": "on" for item in items[:tick]}
    post(client, run_url, {**answers, f"note-{items[0].id}": note})


def give_feedback(step, partner, answers):
    """Customers answer through the partner's public feedback link, as they would after scanning its QR code."""
    code = links_for(partner, [step])[step.pk].code
    stranger = Client()
    for score, comment in answers:
        post(stranger, f"/f/{code}/", {"score": score, "comment": comment, "submission": submission_token(code)})


def seven_questions():
    return [
        training_factories.question(f"Vraag {number}", [("Goed", True), ("Fout", False)])
        for number in range(1, SEVEN_QUESTIONS + 1)
    ]


def brand_content(home_page, kind_a, kind_b):
    """The brand team's pages: modules, materials, tools, the writing guide and a journey, some aimed at one kind."""
    academy = training_factories.academy(home_page)
    library = materials_factories.library(home_page)
    tools = tools_factories.tool_index(home_page)
    journey = journeys_factories.journey(
        journeys_factories.journey_index(home_page),
        "Schade melden",
        steps=[
            journeys_factories.step("Melding", owner=kind_a, handover="Het dossier"),
            journeys_factories.step("Beoordeling", handover="De opdracht"),
            journeys_factories.step("Herstel", owner=kind_b),
        ],
    )
    voice_factories.guide(home_page, body=[voice_factories.example("Heeft u vragen? Bel ons.", "Bel je adviseur.")])
    settings = RecognitionSettings.load()
    settings.show_leaderboard = True
    settings.save()
    checklist_items = [("Polis bekeken", True), ("Wensen gevraagd", True), ("Vervolg afgesproken", False)]
    return {
        "promise": training_factories.module(
            academy, "Klantbelofte", quiz=seven_questions(), required_for_staff=True, required_for_managers=True
        ),
        "advice": training_factories.module(
            academy,
            "Adviesgesprek",
            quiz=seven_questions()[:3],
            pass_mark=60,
            audiences=[kind_a],
        ),
        "route": training_factories.module(academy, "Bezorgroute", audiences=[kind_b]),
        "folder": materials_factories.material(library, "Folder Woonverzekering", co_brandable=True),
        "factsheet": materials_factories.material(library, "Factsheet Advies", audiences=[kind_a]),
        "route_map": materials_factories.material(library, "Routekaart", audiences=[kind_b]),
        "calculator": tools_factories.calculator(
            tools,
            "Premiehulp",
            inputs=[tools_factories.number("bedrag", "Bedrag", default=100)],
            calculations=[tools_factories.output("premie", "Premie", "bedrag * 0.05")],
        ),
        "intake": tools_factories.checklist(
            tools, "Intakegesprek", sections=[tools_factories.section("Gesprek", checklist_items)], audiences=[kind_a]
        ),
        "delivery": tools_factories.checklist(
            tools, "Afleverronde", sections=[tools_factories.section("Rit", checklist_items)], audiences=[kind_b]
        ),
        "steps": {step.name: step for step in journey.steps.all()},
    }


def partner_a_at_work(content, partner_a, staff_a, manager_a, colleagues):
    """Everything A's people do in a few months, through the portal's own forms and downloads."""
    staff, manager = logged_in(staff_a), logged_in(manager_a)
    barendina, wigbold = (logged_in(user) for user in colleagues)
    # Training: scores 57 and 85 for staff A (a certificate), 66 on A's own module (a second one), 71 for the
    # manager (no certificate yet), 85 for Barendina and 42 for Wigbold.
    take_quiz(staff, content["promise"], right=4)
    take_quiz(staff, content["promise"], right=6)
    take_quiz(staff, content["advice"], right=2)
    take_quiz(manager, content["promise"], right=5)
    take_quiz(barendina, content["promise"], right=6)
    take_quiz(wigbold, content["promise"], right=3)
    # Materials: Barendina kept last year's folder (downloaded long enough ago to fall outside the recent downloads);
    # the brand team published a new version, which tells her and the manager; then the others fetched the new one.
    # Every material A may see has been downloaded before the crawl, so the crawl's own downloads change no figure.
    folder = content["folder"]
    Download.objects.create(
        user=colleagues[0],
        partner=partner_a,
        material=folder,
        version=current_version(folder),
        downloaded_at=timezone.now() - timedelta(days=120),
    )
    new_file = materials_factories.document("Folder Woonverzekering 2", name="folder-2.pdf")
    materials_factories.publish_changes(folder, version_label="2", document=new_file)
    download(staff, folder)
    download(manager, folder, cobranded=True)
    download(manager, content["factsheet"])
    post(staff, f"/materialen/{folder.pk}/delen/")
    # Tools: checklist runs with their own labels and a note, calculations, the teksttoets.
    run_checklist(staff, content["intake"], "Intake Kraaiennest-Ypma", tick=3, note="Sleutel bij Hoornbloem")
    run_checklist(staff, content["intake"], "Nazorg dossier Zilverschoon", tick=1)
    run_checklist(barendina, content["intake"], "Schouw Vlietlanden-Oost", tick=2)
    post(staff, content["calculator"].url, {"invoer-bedrag": "250"}, expect=HTTPStatus.OK)
    post(wigbold, content["calculator"].url, {"invoer-bedrag": "400"}, expect=HTTPStatus.OK)
    for client in (staff, manager):
        post(client, "/teksttoets/", {"text": "Heeft u vragen? Bel ons gerust.", "form": "u"}, expect=HTTPStatus.OK)
    post(manager, "/teksttoets/sleutels/", {"name": "Koppeling Vlinderbrug"})
    # The team: the manager invites two colleagues.
    for email, role in INVITED_BY_A:
        post(manager, "/team/uitnodigen/", {"email": email, "role": role})
    # The journey: a suggestion on A's step, and customers' answers through A's feedback link.
    step = content["steps"]["Melding"]
    post(
        staff,
        f"/klantreizen/stappen/{step.pk}/voorstel/",
        {"voorstel-problem": "De Sprokkelhout-taxatie duurt te lang.", "voorstel-proposal": "Plan hem meteen in."},
    )
    give_feedback(step, partner_a, A_FEEDBACK)


def partner_b_at_work(content, partner_b, staff_b, manager_b):
    """B's people do the same kind of things, with their own (ordinary) data, so B's pages are never empty."""
    staff, manager = logged_in(staff_b), logged_in(manager_b)
    take_quiz(staff, content["route"], right=2)
    take_quiz(manager, content["route"], right=1)
    download(staff, content["route_map"])
    run_checklist(staff, content["delivery"], "Rit dinsdag", tick=2)
    post(staff, "/teksttoets/", {"text": "Bel je ons even?", "form": "jij"}, expect=HTTPStatus.OK)
    post(manager, "/team/uitnodigen/", {"email": "nieuw@partner-b.example", "role": Role.STAFF})
    post(
        staff,
        f"/klantreizen/stappen/{content['steps']['Herstel'].pk}/voorstel/",
        {"voorstel-problem": "De klant weet niet wanneer we komen.", "voorstel-proposal": "Stuur een sms."},
    )
    give_feedback(content["steps"]["Herstel"], partner_b, [(10, "Prima"), (10, ""), (9, ""), (10, ""), (9, "")])


# ---------------------------------------------------------------------------------------------------------------
# A's private data, computed from what was stored (never from the pages)
# ---------------------------------------------------------------------------------------------------------------


def people_of(partner):
    return [membership.user for membership in Membership.objects.team(partner)]


def figures(partner):
    """The numbers a partner's pages show about it: quiz scores, its total score and NPS, and its metric values."""
    card = scorecards([partner])[0]
    return {
        "quiz": set(Attempt.objects.filter(user__in=people_of(partner)).values_list("score", flat=True)),
        "overall": card.overall,
        "nps": nps_total(FeedbackResponse.objects.filter(partner=partner)).score,
        "metrics": {value for value in card.values.values() if value is not None},
    }


def private_markers(partner):
    """Every marker of this partner's private data: its people, their runs, scores and texts, and its figures."""
    people = people_of(partner)
    markers = [word("name", name) for user in people for name in (user.first_name, user.last_name)]
    markers += [word("email", user.email) for user in people]
    invited = Invitation.objects.open().filter(partner=partner).values_list("email", flat=True)
    markers += [word("email", email) for email in invited]
    runs = ChecklistRun.objects.filter(partner=partner)
    markers += [word("run label", run.label) for run in runs]
    markers += [word("text", answer["note"]) for run in runs for answer in run.answers.values() if answer["note"]]
    numbers = figures(partner)
    markers += [percentage(score) for score in sorted(numbers["quiz"])]
    overall, nps = numbers["overall"], numbers["nps"]
    total = re.compile(rf"totaalscore(?::\s*<strong>|\s+van)\s*{overall}\b", re.IGNORECASE)
    markers += [Marker("score", f"totaalscore {overall}", total)]
    markers += [Marker("score", f"NPS {nps}", re.compile(rf"NPS\s+{nps}(?!\d)"))]
    comments = FeedbackResponse.objects.filter(partner=partner).exclude(comment="").values_list("comment", flat=True)
    markers += [word("text", comment) for comment in comments]
    markers += [
        word("text", text) for text in Suggestion.objects.filter(partner=partner).values_list("problem", flat=True)
    ]
    markers += [word("text", name) for name in ApiToken.objects.filter(partner=partner).values_list("name", flat=True)]
    return markers


# ---------------------------------------------------------------------------------------------------------------
# Pages that show a little of A to anyone, by design
# ---------------------------------------------------------------------------------------------------------------


def holder_of(match):
    """The name on the certificate with this code: the one thing the public check shows about a person."""
    completion = Completion.objects.select_related("user").get(certificate_code=match["code"])
    return {completion.user.first_name, completion.user.last_name}


def nobody(match):
    return set()


@dataclass(frozen=True)
class PublicByDesign:
    """A URL anyone may open, and the few of A's markers it may show: any other marker there is still a leak."""

    pattern: re.Pattern
    reason: str
    shows: object  # a function of the URL's match: the marker values this page may show

    def allows(self, url):
        match = self.pattern.match(url)
        return self.shows(match) if match else set()


PUBLIC_BY_DESIGN = [
    PublicByDesign(
        re.compile(r"^/certificaat/(?P<code>[\w-]+)/$"),
        "the certificate check tells whoever has the code whose certificate it is",
        holder_of,
    ),
    PublicByDesign(
        re.compile(r"^/m/[\w-]+/(?:bestand/)?$"),
        "a shared material is for the partner's customer: it names the partner, none of its people",
        nobody,
    ),
    PublicByDesign(
        re.compile(r"^/f/\w+/(?:bedankt/)?$"),
        "the customer's feedback form names the partner and the step, nothing more",
        nobody,
    ),
]


def allowed_on(url):
    return set().union(*(public.allows(url) for public in PUBLIC_BY_DESIGN))


# ---------------------------------------------------------------------------------------------------------------
# The test
# ---------------------------------------------------------------------------------------------------------------


@pytest.fixture
def two_partners(
    home_page, kind_intermediary, kind_courier, partner_a, partner_b, staff_a, manager_a, staff_b, manager_b
):
    """Partner A with four people and months of activity, partner B with three people and its own."""
    rename(staff_a, *STAFF_A_NAME)
    rename(manager_a, *MANAGER_A_NAME)
    colleagues = [person(partner_a, *colleague) for colleague in COLLEAGUES_OF_A]
    person(partner_b, "Gerrit", "Bos", "chauffeur@partner-b.example")
    content = brand_content(home_page, kind_intermediary, kind_courier)
    partner_a_at_work(content, partner_a, staff_a, manager_a, colleagues)
    partner_b_at_work(content, partner_b, staff_b, manager_b)
    refresh()  # the nightly recording of every partner's standing
    take_snapshot()


def assert_figures_apart(partner_a, partner_b):
    """A's scores are found by their numbers, so B's own pages must never show the same numbers."""
    a, b = figures(partner_a), figures(partner_b)
    shared = (a["quiz"] | {a["overall"], a["nps"]}) & (b["quiz"] | b["metrics"] | {b["overall"], b["nps"]})
    assert not shared, f"B's figures {shared} equal A's, so finding them would prove nothing"


def assert_crawl_saw_a(crawled, markers):
    """The crawl must have seen A's data, or finding none of it elsewhere would prove nothing."""
    assert len(crawled["staff_a"]) >= 40, sorted(crawled["staff_a"])
    assert len(crawled["manager_a"]) >= 50, sorted(crawled["manager_a"])
    texts = [text for pages in crawled.values() for text in pages.values()]
    seen = [marker for marker in markers if any(marker.found_in(text) for text in texts)]
    assert {marker.kind for marker in seen} == {marker.kind for marker in markers}
    # Only what one colleague keeps to themselves (another's failed score, another's checklist run) stays unseen.
    unseen = [marker.value for marker in markers if marker not in seen]
    assert len(seen) >= 0.8 * len(markers), f"the crawl as A saw too little of A; not seen: {unseen}"
    for public in PUBLIC_BY_DESIGN:
        assert any(public.pattern.match(url) for pages in crawled.values() for url in pages), public.reason


def leaks_seen_by(role, client, urls, markers):
    """Every marker of A in the answers this client gets for A's URLs, except what a public page shows by design."""
    leaks = []
    for url in urls:
        text = readable_text(client.get(url, follow=True))
        allowed = allowed_on(url)
        leaks += [
            f"{url} as {role}: {marker.kind} {marker.value!r}"
            for marker in markers
            if marker.value not in allowed and marker.found_in(text)
        ]
    return leaks


@pytest.mark.usefixtures("two_partners")
def test_nothing_of_partner_a_reaches_partner_b_or_strangers(
    partner_a, partner_b, staff_a, manager_a, staff_b, manager_b
):
    markers = private_markers(partner_a)
    assert_figures_apart(partner_a, partner_b)
    crawled = {"staff_a": crawl(logged_in(staff_a)), "manager_a": crawl(logged_in(manager_a))}
    assert_crawl_saw_a(crawled, markers)

    urls = sorted(set().union(*crawled.values()))
    others = {"staff_b": logged_in(staff_b), "manager_b": logged_in(manager_b), "anonymous": Client()}
    leaks = [leak for role, client in others.items() for leak in leaks_seen_by(role, client, urls, markers)]
    assert leaks == [], "partner A's private data reached others:\n" + "\n".join(leaks)
