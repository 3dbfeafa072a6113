"""The home app's pages: where they may live, the partner dashboard, audiences, content blocks and query budgets."""

import io
import re
import uuid
from datetime import UTC, datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image as PillowImage
from wagtail import blocks
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from accounts.factories import UserFactory
from home.blocks import CallToActionBlock
from home.models import HomePage, StandardPage, greeting
from journeys.models import JourneyIndexPage
from materials.models import MaterialIndexPage
from partners.factories import MembershipFactory, PartnerFactory
from partners.models import Membership, Role
from tools.models import ToolIndexPage
from training import factories as training_factories
from training.models import Attempt, Completion, TrainingIndexPage
from voice.models import VoiceGuidePage

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GREETING_H1 = re.compile(r"<h1>(Goedemorgen|Goedemiddag|Goedenavond|Goedenacht), (?P<name>[^<]+)</h1>")
TEAM_LINK = 'href="/team/"'
ADMIN_LINK = 'href="/admin/"'


def add_standard_page(parent, title, *, audiences=(), show_in_menus=True, **fields):
    """Add and publish a StandardPage the way an editor would, optionally aimed at some partner kinds."""
    page = StandardPage(title=title, show_in_menus=show_in_menus, **fields)
    page.audiences.set(list(audiences))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# ---------------------------------------------------------------------------
# Page-tree rules
# ---------------------------------------------------------------------------


class TestPageTree(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home_could_be_created_before = HomePage.can_create_at(cls.root)
        cls.home = cls.root.add_child(instance=HomePage(title="Partnerportaal", slug="portaal", welcome_title="Welkom"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home})
        cls.page = add_standard_page(cls.home, "Zo werken we samen", introduction="Onze afspraken.")
        cls.member = MembershipFactory(partner=PartnerFactory(), role=Role.STAFF).user

    def test_home_page_lives_only_directly_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_there_is_at_most_one_home_page(self):
        self.assertTrue(self.home_could_be_created_before)
        self.assertFalse(HomePage.can_create_at(self.root), "a second HomePage could be added under the root")

    def test_standard_page_lives_under_home_page_or_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(Page, StandardPage)

    def test_home_page_accepts_standard_pages_the_academy_the_library_the_tools_the_guide_and_journeys(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {StandardPage, TrainingIndexPage, MaterialIndexPage, ToolIndexPage, VoiceGuidePage, JourneyIndexPage},
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_pages_render_for_a_partner_user(self):
        self.assertPageIsRenderable(self.home, user=self.member)
        self.assertPageIsRenderable(self.page, user=self.member)


# ---------------------------------------------------------------------------
# The dashboard
# ---------------------------------------------------------------------------


@pytest.fixture
def dashboard(client, home_page):
    """GET the dashboard ("/") as the given user and return the HTML."""

    def get(user):
        client.force_login(user)
        response = client.get("/")
        assert response.status_code == HTTPStatus.OK
        return response.content.decode()

    return get


def test_dashboard_for_a_manager(dashboard, home_page, manager_a):
    manager_a.first_name = "Sanne"
    manager_a.save()
    home_page.welcome_title = "Welkom bij het Polderzorg-partnerportaal"
    home_page.save()

    html = dashboard(manager_a)

    heading = GREETING_H1.search(html)
    assert heading, "no greeting heading on the dashboard"
    assert heading["name"] == "Sanne"
    assert "Partner A" in html
    assert "Welkom bij het Polderzorg-partnerportaal" in html
    assert TEAM_LINK in html


def test_dashboard_for_staff_has_no_team_link(dashboard, staff_a):
    html = dashboard(staff_a)

    assert "Partner A" in html
    assert TEAM_LINK not in html


def test_dashboard_for_a_deactivated_partner(dashboard, partner_a, manager_a):
    partner_a.is_active = False
    partner_a.save()

    html = dashboard(manager_a)

    assert "Je organisatie is niet meer actief" in html
    assert TEAM_LINK not in html


def test_dashboard_for_a_user_without_partner(dashboard, db):
    html = dashboard(UserFactory(email="los@elders.example"))

    assert "Je account hoort (nog) niet bij een partner" in html
    assert TEAM_LINK not in html
    assert ADMIN_LINK not in html


def test_dashboard_for_the_brand_team_links_to_the_admin(dashboard, brand_team):
    html = dashboard(brand_team)

    assert ADMIN_LINK in html
    assert "Naar de beheeromgeving" in html
    assert "Je account hoort (nog) niet bij een partner" not in html


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 1, 15, 0, 0, tzinfo=AMSTERDAM), "Goedenacht"),
        (datetime(2026, 1, 15, 5, 59, tzinfo=AMSTERDAM), "Goedenacht"),
        (datetime(2026, 1, 15, 6, 0, tzinfo=AMSTERDAM), "Goedemorgen"),
        (datetime(2026, 1, 15, 11, 59, tzinfo=AMSTERDAM), "Goedemorgen"),
        (datetime(2026, 1, 15, 12, 0, tzinfo=AMSTERDAM), "Goedemiddag"),
        (datetime(2026, 7, 15, 17, 59, tzinfo=AMSTERDAM), "Goedemiddag"),
        (datetime(2026, 7, 15, 18, 0, tzinfo=AMSTERDAM), "Goedenavond"),
        (datetime(2026, 7, 15, 23, 59, tzinfo=AMSTERDAM), "Goedenavond"),
        # 23:30 UTC in winter is 00:30 in Amsterdam: the local hour counts, not the server's.
        (datetime(2026, 1, 15, 23, 30, tzinfo=UTC), "Goedenacht"),
        # 04:30 UTC in summer is 06:30 in Amsterdam.
        (datetime(2026, 7, 15, 4, 30, tzinfo=UTC), "Goedemorgen"),
    ],
    ids=str,
)
def test_greeting_follows_the_local_hour(moment, expected):
    with translation.override("nl"):
        assert str(greeting(moment)) == expected


# ---------------------------------------------------------------------------
# Audiences
# ---------------------------------------------------------------------------


@pytest.fixture
def intermediary_page(home_page, kind_intermediary):
    return add_standard_page(home_page, "Provisieregeling tussenpersonen", audiences=[kind_intermediary])


@pytest.fixture
def page_for_everyone(home_page):
    return add_standard_page(home_page, "Zo werken we samen")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("staff_a", HTTPStatus.OK), ("staff_b", HTTPStatus.NOT_FOUND), ("brand_team", HTTPStatus.OK)],
)
def test_page_aimed_at_a_kind(client, people, intermediary_page, role, expected):
    client.force_login(people(role))

    response = client.get(intermediary_page.url)

    assert response.status_code == expected
    if expected == HTTPStatus.OK:
        assert "Provisieregeling tussenpersonen" in response.content.decode()


@pytest.mark.parametrize("role", ["staff_a", "staff_b"])
def test_page_without_audience_is_for_every_partner(client, people, page_for_everyone, role):
    client.force_login(people(role))

    response = client.get(page_for_everyone.url)

    assert response.status_code == HTTPStatus.OK
    assert "Zo werken we samen" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("staff_a", {"Voor iedereen", "Voor tussenpersonen"}, {"Voor koeriers", "Niet in het menu"}),
        ("staff_b", {"Voor iedereen", "Voor koeriers"}, {"Voor tussenpersonen", "Niet in het menu"}),
        ("brand_team", {"Voor iedereen", "Voor tussenpersonen", "Voor koeriers"}, {"Niet in het menu"}),
    ],
)
def test_dashboard_lists_only_visible_menu_pages(
    dashboard, people, home_page, kind_intermediary, kind_courier, role, shown, hidden
):
    add_standard_page(home_page, "Voor iedereen")
    add_standard_page(home_page, "Voor tussenpersonen", audiences=[kind_intermediary])
    add_standard_page(home_page, "Voor koeriers", audiences=[kind_courier])
    add_standard_page(home_page, "Niet in het menu", show_in_menus=False)

    html = dashboard(people(role))

    assert {title for title in shown | hidden if f"<h3>{title}</h3>" in html} == shown


def test_dashboard_without_partner_lists_no_pages(dashboard, home_page):
    add_standard_page(home_page, "Voor iedereen")

    html = dashboard(UserFactory(email="los@elders.example"))

    assert "<h3>Voor iedereen</h3>" not in html


# ---------------------------------------------------------------------------
# Content blocks
# ---------------------------------------------------------------------------


@pytest.fixture
def image(db):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (32, 24), "#0b5cad").save(buffer, format="PNG")
    return Image.objects.create(title="Balie", file=ImageFile(buffer, name="balie.png"))


def test_standard_page_renders_every_block_type(client, home_page, staff_a, image):
    target = add_standard_page(home_page, "Trainingen", slug="trainingen")
    page = add_standard_page(
        home_page,
        "Alle blokken",
        introduction="Een pagina met elk soort blok.",
        body=[
            {"type": "heading", "value": {"text": "Eén belofte aan de klant", "size": "h2"}},
            {"type": "heading", "value": {"text": "Binnen één werkdag", "size": "h3"}},
            {"type": "paragraph", "value": "<p>Neem <b>snel</b> contact op.</p>"},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Een medewerker aan de balie", "decorative": False},
            },
            {"type": "call_to_action", "value": {"text": "Naar de trainingen", "page": target.pk, "url": ""}},
            {"type": "call_to_action", "value": {"text": "Meer weten", "page": None, "url": "https://example.nl/info"}},
            {
                "type": "quote",
                "value": {"text": "Een klant die goed geholpen wordt, komt terug.", "attribution": "Team"},
            },
        ],
    )
    client.force_login(staff_a)

    response = client.get(page.url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Een pagina met elk soort blok." in html
    assert "<h2>Eén belofte aan de klant</h2>" in html
    assert "<h3>Binnen één werkdag</h3>" in html
    assert "<p>Neem <b>snel</b> contact op.</p>" in html
    assert re.search(r'<figure><img [^>]*alt="Een medewerker aan de balie"', html)
    assert "<figcaption>Een medewerker aan de balie</figcaption>" in html
    assert f'<a class="button" href="{target.url}">Naar de trainingen</a>' in html
    assert '<a class="button" href="https://example.nl/info">Meer weten</a>' in html
    assert (
        "<blockquote><p>Een klant die goed geholpen wordt, komt terug.</p><footer>— Team</footer></blockquote>" in html
    )


def test_call_to_action_without_page_or_address_is_refused():
    block = CallToActionBlock()

    with translation.override("nl"), pytest.raises(blocks.StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "Klik hier", "page": None, "url": ""}))

    assert [str(message) for message in error.value.block_errors["page"].messages] == [
        "Kies een pagina of vul een adres in."
    ]


def test_call_to_action_with_an_address_is_accepted():
    block = CallToActionBlock()

    value = block.clean(block.to_python({"text": "Meer weten", "page": None, "url": "https://example.nl"}))

    assert value["url"] == "https://example.nl"


def test_call_to_action_with_a_page_is_accepted(home_page):
    block = CallToActionBlock()

    value = block.clean(block.to_python({"text": "Naar het overzicht", "page": home_page.pk, "url": ""}))

    assert value["page"].pk == home_page.pk


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------


def add_members(partner, count, prefix="collega"):
    """Add `count` staff members to a partner with bulk inserts (500 one by one would take seconds)."""
    User = get_user_model()
    emails = [f"{prefix}{number}@{partner.slug}.example" for number in range(count)]
    User.objects.bulk_create([User(email=email, first_name="Collega", password="!") for email in emails])
    users = User.objects.filter(email__in=emails)
    Membership.objects.bulk_create([Membership(user=user, partner=partner, role=Role.STAFF) for user in users])


def dashboard_queries(client, user):
    """The SQL of one dashboard request, after a warm-up request (see test_dashboard_query_budget)."""
    client.force_login(user)
    assert client.get("/").status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    return [query["sql"] for query in queries.captured_queries]


# Request overhead (session, user, site, page and its restrictions, membership; the brand settings come from the
# cache) plus a fixed cost per section of the dashboard: training (1), information pages (1), materials (new
# materials and open notices: 2), tools (calculators, checklists and my open checklist runs: 3), journeys (the
# latest 'jullie zeiden, wij deden' and our NPS: 2), recognition (our recorded level, and a manager's notices of
# level changes: 2).
DASHBOARD_BUDGET = 18


@pytest.mark.parametrize("members", [5, 500])
def test_dashboard_query_budget(client, django_assert_max_num_queries, home_page, partner_a, manager_a, members):
    add_members(partner_a, members - 1)  # manager_a is a member too
    assert partner_a.memberships.current().count() == members
    add_standard_page(home_page, "Voor iedereen")
    client.force_login(manager_a)
    # Warm-up: fills Wagtail's site-root-paths cache (one query the first time a page URL is built after a
    # site change); it is not part of the cost of a normal request.
    assert client.get("/").status_code == HTTPStatus.OK

    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get("/")

    assert response.status_code == HTTPStatus.OK
    assert "<h3>Voor iedereen</h3>" in response.content.decode()


def test_dashboard_queries_do_not_grow_with_the_team_or_the_menu(client, home_page, partner_a, manager_a):
    add_members(partner_a, 4)
    add_standard_page(home_page, "Voor iedereen")
    small = dashboard_queries(client, manager_a)

    add_members(partner_a, 495, prefix="extra")
    for number in range(10):
        add_standard_page(home_page, f"Extra pagina {number}")
    large = dashboard_queries(client, manager_a)

    assert len(large) == len(small), "\n\n".join(large)


@pytest.mark.parametrize(("modules", "completions"), [(5, 10), (50, 1000)])
def test_dashboard_with_training_stays_within_budget(
    client, django_assert_max_num_queries, home_page, partner_a, manager_a, modules, completions
):
    """The training section is one query, however many modules and completions there are."""
    index = training_factories.academy(home_page)
    pages = [
        training_factories.module(index, f"Module {number}", slug=f"module-{number}", required_for_managers=True)
        for number in range(modules)
    ]
    attempts = Attempt.objects.bulk_create(
        Attempt(user=manager_a, module=pages[n % modules], token=uuid.uuid4(), score=100, pass_mark=80, passed=True)
        for n in range(completions)
    )
    Completion.objects.bulk_create(
        Completion(user=manager_a, module=attempt.module, attempt=attempt, partner=partner_a, score=100)
        for attempt in attempts
    )
    client.force_login(manager_a)
    assert client.get("/").status_code == HTTPStatus.OK  # warm-up, as above

    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        response = client.get("/")

    page = response.content.decode()
    assert f"Je hebt {modules} van de {modules} verplichte modules behaald." in page


def test_the_navigation_links_to_the_academy_and_follows_it(client, home_page, staff_a):
    index = training_factories.academy(home_page)
    client.force_login(staff_a)
    assert f'href="{index.url}"' in client.get("/").content.decode()
    index.unpublish()
    assert f'href="{index.url}"' not in client.get("/").content.decode()
