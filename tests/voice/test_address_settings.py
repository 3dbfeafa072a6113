"""The brand's forms of address: "u" or "jij" by default, with overrides per partner kind, channel or both."""

import html
from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from voice.models import AddressOverride, AddressSettings, Channel

NOT_AN_OVERRIDE = "Kies een partnersoort, een kanaal of allebei; anders is het geen uitzondering."

# (partner kind, channel, form), in the order an editor added them: the most specific first, so a "last one
# wins" or "first one wins" resolution gives other answers than "the most specific one wins".
OVERRIDES = [
    ("Tussenpersoon", "social", "u"),  # kind and channel
    ("", "social", "jij"),  # channel only
    ("", "letter", "u"),  # channel only, against the kind's "jij"
    ("Tussenpersoon", "", "jij"),  # kind only
]

# (the partner's kinds, the channel, the form it should use, why)
RESOLUTION = [
    pytest.param((), "", "u", id="no-kind-no-channel-is-the-default"),
    pytest.param((), "email", "u", id="a-channel-without-override-is-the-default"),
    pytest.param(("Koerier",), "", "u", id="a-kind-without-override-is-the-default"),
    pytest.param(("Tussenpersoon",), "", "jij", id="kind-only"),
    pytest.param(("Tussenpersoon",), "email", "jij", id="kind-only-in-any-channel"),
    pytest.param((), "social", "jij", id="channel-only"),
    pytest.param(("Koerier",), "social", "jij", id="channel-only-for-any-kind"),
    pytest.param(("Tussenpersoon",), "letter", "u", id="channel-beats-kind"),
    pytest.param(("Tussenpersoon",), "social", "u", id="kind-and-channel-beats-channel"),
    pytest.param(("Koerier", "Tussenpersoon"), "phone", "jij", id="one-of-several-kinds"),
]


@pytest.fixture
def kinds(kind_intermediary, kind_courier):
    return {kind.name: kind for kind in (kind_intermediary, kind_courier)}


@pytest.fixture
def overrides(override, kinds):
    def add(rows):
        for kind, channel, form in rows:
            override(form, kind=kinds.get(kind), channel=channel)

    return add


@pytest.mark.parametrize("order", ["as-written", "reversed"])
@pytest.mark.parametrize(("partner_kinds", "channel", "expected"), RESOLUTION)
def test_the_most_specific_override_decides(address, overrides, kinds, order, partner_kinds, channel, expected):
    overrides(OVERRIDES if order == "as-written" else OVERRIDES[::-1])

    assert address.form_for([kinds[name].pk for name in partner_kinds], channel) == expected


@pytest.mark.parametrize("default", ["u", "jij"])
def test_without_overrides_everyone_uses_the_default(address, kinds, default):
    address.default_form = default
    address.save()

    forms = {address.form_for([kind.pk], channel) for kind in kinds.values() for channel in ["", *Channel.values]}

    assert forms == {default}


def test_the_table_has_a_row_for_everyone_and_one_per_kind_with_a_form_per_channel(address, overrides, kinds):
    overrides(OVERRIDES)
    assert Channel.values == ["letter", "email", "phone", "website", "social"]

    rows = address.table([kinds["Tussenpersoon"], kinds["Koerier"]])

    assert rows == [
        (None, ["u", "u", "u", "u", "jij"]),
        (kinds["Tussenpersoon"], ["u", "jij", "jij", "jij", "u"]),
        (kinds["Koerier"], ["u", "u", "u", "u", "jij"]),
    ]


def test_an_override_without_kind_or_channel_is_refused(address):
    with pytest.raises(ValidationError) as refused:
        AddressOverride(settings=address, form="jij").full_clean()

    assert refused.value.messages == [NOT_AN_OVERRIDE]


@pytest.mark.parametrize(
    ("kind", "channel"),
    [("Tussenpersoon", ""), ("", "email"), ("Tussenpersoon", "email")],
    ids=["kind", "channel", "kind-and-channel"],
)
def test_an_override_with_a_kind_or_a_channel_is_accepted(address, kinds, kind, channel):
    AddressOverride(settings=address, partner_kind=kinds.get(kind), channel=channel, form="jij").full_clean()


def test_the_preferred_verb_goes_to_the_checker(address):
    assert address.prefer() == ()

    address.u_verb = "heeft"

    assert address.prefer() == ("heeft",)


# ---------------------------------------------------------------------------
# Editing the setting in the Wagtail admin
# ---------------------------------------------------------------------------


def edit_url(address):
    return f"/admin/settings/voice/addresssettings/{address.site_id}/"


def settings_form(*, default_form="u", u_verb="", overrides=(), initial=0):
    return nested_form_data(
        {"default_form": default_form, "u_verb": u_verb, "overrides": inline_formset(list(overrides), initial=initial)}
    )


def saved(address):
    return AddressSettings.objects.prefetch_related("overrides").get(pk=address.pk)


def test_the_brand_team_sees_the_setting_with_its_overrides(brand_editor, address, override, kind_intermediary):
    override("jij", kind=kind_intermediary, channel="social")

    response = brand_editor.get(edit_url(address))

    assert response.status_code == HTTPStatus.OK
    page = html.unescape(response.content.decode())
    assert "Uitzonderingen" in page
    assert "Leeg: elk kanaal." in page
    formset = response.context["form"].formsets["overrides"]
    assert [(form.instance.partner_kind, form.instance.channel) for form in formset.forms] == [
        (kind_intermediary, "social")
    ]


def test_the_brand_team_sets_the_default_the_verb_and_overrides(brand_editor, address, kind_intermediary):
    response = brand_editor.post(
        edit_url(address),
        settings_form(
            default_form="jij",
            u_verb="heeft",
            overrides=[
                {"partner_kind": str(kind_intermediary.pk), "channel": "", "form": "u"},
                {"partner_kind": "", "channel": "letter", "form": "u"},
            ],
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    address = saved(address)
    assert (address.default_form, address.prefer()) == ("jij", ("heeft",))
    assert address.form_for([kind_intermediary.pk]) == "u"
    assert address.form_for([], "letter") == "u"
    assert address.form_for([], "email") == "jij"


def test_the_brand_team_removes_an_override(brand_editor, address, override, kind_intermediary):
    kept = override("jij", channel="social")
    removed = override("jij", kind=kind_intermediary)

    response = brand_editor.post(
        edit_url(address),
        settings_form(
            overrides=[
                {"id": str(kept.pk), "partner_kind": "", "channel": "social", "form": "jij"},
                {"id": str(removed.pk), "partner_kind": str(kind_intermediary.pk), "channel": "", "form": "jij"}
                | {"DELETE": "1"},
            ],
            initial=2,
        ),
    )

    assert response.status_code == HTTPStatus.FOUND
    assert list(saved(address).overrides.all()) == [kept]
    assert saved(address).form_for([kind_intermediary.pk]) == "u"


def test_an_override_without_kind_or_channel_is_refused_in_the_admin(brand_editor, address):
    response = brand_editor.post(
        edit_url(address),
        settings_form(default_form="jij", overrides=[{"partner_kind": "", "channel": "", "form": "u"}]),
    )

    assert response.status_code == HTTPStatus.OK, "the form comes back with the message"
    assert NOT_AN_OVERRIDE in html.unescape(response.content.decode())
    [child] = response.context["form"].formsets["overrides"].forms
    assert child.non_field_errors() == [NOT_AN_OVERRIDE]
    address = saved(address)
    assert address.default_form == "u", "nothing is saved while an override is wrong"
    assert not address.overrides.exists()


def test_two_overrides_for_the_same_kind_and_channel_are_refused(brand_editor, address, kind_intermediary):
    same = {"partner_kind": str(kind_intermediary.pk), "channel": "phone"}
    response = brand_editor.post(
        edit_url(address), settings_form(overrides=[same | {"form": "u"}, same | {"form": "jij"}])
    )

    assert response.status_code == HTTPStatus.OK, "the form comes back with the message"
    first, second = response.context["form"].formsets["overrides"].forms
    assert first.errors == {}
    assert second.errors["form"] == ["Voor deze partnersoort en dit kanaal is er al een uitzondering."]
    assert not saved(address).overrides.exists()


@pytest.mark.parametrize("role", ["staff_a", "manager_a"])
def test_partner_people_cannot_open_the_setting(client, people, address, role):
    client.force_login(people(role))

    response = client.post(edit_url(address), settings_form(default_form="jij"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert saved(address).default_form == "u"
