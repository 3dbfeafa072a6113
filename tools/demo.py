"""Demo tools: a premium calculator with discounts, a mortgage calculator, an intake checklist and a hand-over
checklist for repairers, with a little history (calculations and runs) by the demo accounts."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from partners.access import current_membership
from partners.models import PartnerKind

from .checklists import save_answers, start_run
from .factories import (
    calculator,
    checklist,
    choice,
    intermediate,
    number,
    output,
    section,
    test_case,
    tool_index,
    yes_no,
)
from .models import CalculatorPage, ChecklistPage, ChecklistRun, ToolUse


def premium_calculator(index):
    return calculator(
        index,
        "Premie woonverzekering",
        slug="premie-woonverzekering",
        introduction=(
            "Bereken samen met de klant wat de woonverzekering per maand kost, met de kortingen waar de klant "
            "recht op heeft."
        ),
        inputs=[
            number(
                "herbouwwaarde",
                "Herbouwwaarde van het huis",
                unit="€",
                minimum=50000,
                maximum=2000000,
                step=1000,
                default=300000,
                help="Wat het kost om het huis opnieuw op te bouwen; staat op de polis of in het taxatierapport.",
            ),
            number("inboedel", "Waarde van de inboedel", unit="€", minimum=0, maximum=500000, step=500, default=60000),
            choice("eigen_risico", "Eigen risico per schade", [("Geen", 0), ("€ 250", 250), ("€ 500", 500)]),
            yes_no(
                "combinatie", "Heeft de klant ook een autoverzekering bij ons?", help="Geeft 10% combinatiekorting."
            ),
            number(
                "jaren_klant",
                "Jaren klant",
                unit="jaar",
                minimum=0,
                maximum=60,
                step=1,
                default=0,
                help="Elk jaar geeft 1% trouwkorting, tot 5%.",
            ),
        ],
        calculations=[
            intermediate("opstal", "herbouwwaarde * 0.00055 / 12", "Opstal: 0,055% van de herbouwwaarde per jaar"),
            intermediate("inboedel_premie", "inboedel * 0.0012 / 12", "Inboedel: 0,12% van de waarde per jaar"),
            intermediate("korting_eigen_risico", "0.18 if eigen_risico == 500 else 0.10 if eigen_risico == 250 else 0"),
            output(
                "korting",
                "Korting",
                "min((0.10 if combinatie else 0) + min(jaren_klant, 5) * 0.01 + korting_eigen_risico, 0.30) * 100",
                format="percentage",
                decimals=0,
                help="Combinatie-, trouw- en eigenrisicokorting samen, hoogstens 30%.",
            ),
            output("premie", "Premie per maand", "round((opstal + inboedel_premie) * (1 - korting / 100), 2)"),
            output("belasting", "Assurantiebelasting (21%)", "round(premie * 0.21, 2)"),
            output("totaal", "Totaal per maand", "premie + belasting"),
        ],
        disclaimer=(
            "Deze berekening is een indicatie en geen offerte. De premie hangt ook af van het adres, de bouwaard "
            "en eerdere schades; de offerte geeft het definitieve bedrag."
        ),
        test_cases=[
            test_case(
                "Standaardwaarden, geen korting",
                {},
                {"premie": "19.75", "belasting": "4.15", "totaal": "23.90", "korting": "0"},
            ),
            test_case(
                "Alle kortingen: hoogstens 30%",
                {"combinatie": "ja", "jaren_klant": "8", "eigen_risico": "€ 500"},
                {"korting": "30", "premie": "13.83", "belasting": "2.90", "totaal": "16.73"},
            ),
            test_case(
                "Groter huis, eigen risico 250 en twee jaar klant",
                {"herbouwwaarde": "450000", "inboedel": "80000", "eigen_risico": "250", "jaren_klant": "2"},
                {"korting": "12", "premie": "25.19", "totaal": "30.48"},
            ),
        ],
    )


def mortgage_calculator(index):
    return calculator(
        index,
        "Maandlasten hypotheek",
        slug="maandlasten-hypotheek",
        introduction="Wat betaalt de klant de eerste maand, en hoeveel rente over de hele looptijd?",
        inputs=[
            number(
                "hypotheek",
                "Hoogte van de hypotheek",
                unit="€",
                minimum=10000,
                maximum=2000000,
                step=1000,
                default=300000,
            ),
            number("rente", "Rente per jaar", unit="%", minimum=0, maximum=15, step=0.01, default=3.9),
            number("looptijd", "Looptijd", unit="jaar", minimum=1, maximum=40, step=1, default=30),
            choice("vorm", "Soort hypotheek", [("Annuïtair", 1), ("Lineair", 2)]),
        ],
        calculations=[
            intermediate("r", "rente / 100 / 12", "Rente per maand"),
            intermediate("n", "looptijd * 12", "Aantal maanden"),
            intermediate("annuiteit", "hypotheek * r / (1 - (1 + r) ** -n) if r > 0 else hypotheek / n"),
            output(
                "bruto", "Bruto maandlast eerste maand", "annuiteit if vorm == 1 else hypotheek / n + hypotheek * r"
            ),
            output("rente_eerste_maand", "Waarvan rente", "hypotheek * r"),
            output("aflossing", "Waarvan aflossing", "bruto - rente_eerste_maand"),
            output("maanden", "Looptijd", "n", format="months", decimals=0),
            output(
                "totale_rente",
                "Rente over de hele looptijd",
                "annuiteit * n - hypotheek if vorm == 1 else hypotheek * r * (n + 1) / 2",
                decimals=0,
            ),
        ],
        disclaimer=(
            "Een indicatie van de bruto maandlasten bij een vaste rente over de hele looptijd, zonder "
            "hypotheekrenteaftrek. Aan deze berekening kunnen geen rechten worden ontleend."
        ),
        test_cases=[
            test_case(
                "Annuïtair, 300.000 tegen 3,9% over 30 jaar",
                {},
                {"bruto": "1415.00", "rente_eerste_maand": "975.00", "maanden": "360", "totale_rente": "209402"},
            ),
            test_case(
                "Lineair, 240.000 tegen 4,5% over 20 jaar",
                {"hypotheek": "240000", "rente": "4.5", "looptijd": "20", "vorm": "Lineair"},
                {"bruto": "1900.00", "aflossing": "1000.00", "totale_rente": "108450"},
            ),
            test_case("Zonder rente", {"rente": "0", "looptijd": "10"}, {"bruto": "2500.00", "totale_rente": "0"}),
        ],
    )


def intake_checklist(index):
    return checklist(
        index,
        "Intakegesprek woonverzekering",
        slug="intakegesprek-woonverzekering",
        introduction="Loop het gesprek met een nieuwe klant stap voor stap door, zodat niets vergeten wordt.",
        sections=[
            section(
                "Voorbereiding",
                [
                    ("Polisgegevens en eerdere schades van de klant opgezocht", True),
                    ("De klant verteld hoe lang het gesprek duurt", False),
                ],
            ),
            section(
                "Tijdens het gesprek",
                [
                    ("Herbouwwaarde samen met de klant bepaald", True, "Gebruik de rekenhulp Premie woonverzekering."),
                    ("Waarde van de inboedel nagelopen, kostbaarheden apart", True),
                    ("Eigen risico uitgelegd en de keuze van de klant vastgelegd", True),
                    ("Gevraagd naar andere verzekeringen (combinatiekorting)", False),
                ],
            ),
            section(
                "Afronding",
                [
                    ("Folder Woonverzekering meegegeven of gedeeld", True),
                    ("Afgesproken wanneer de klant de offerte krijgt", True),
                    ("De klant gevraagd het gesprek te beoordelen", False),
                ],
            ),
        ],
    )


def handover_checklist(index):
    return checklist(
        index,
        "Overdracht aan de schadehersteller",
        slug="overdracht-schadehersteller",
        introduction="Wat de hersteller nodig heeft, en wat de klant moet weten, voordat de schade wordt overgedragen.",
        audiences=PartnerKind.objects.filter(slug__in=["tussenpersoon", "schadehersteller"]),
        sections=[
            section(
                "Gegevens voor de hersteller",
                [
                    ("Schadenummer doorgegeven", True),
                    ("Foto's van de schade meegestuurd", True),
                    ("Wanneer de klant bereikbaar is afgestemd", True),
                ],
            ),
            section(
                "De klant weet waar hij aan toe is",
                [
                    ("Verteld dat de hersteller binnen een werkdag belt", True),
                    ("Uitgelegd wat vervangend vervoer inhoudt", False),
                    ("Eigen risico en betaling bij de hersteller genoemd", True),
                ],
            ),
            section("Na de overdracht", [("Overdracht in het dossier vastgelegd", True)]),
        ],
    )


def run(user, page, label, *, ticked, days_ago):
    """A run with the first `ticked` items done, saved `days_ago` days ago."""
    membership = current_membership(user)
    started = timezone.now() - timedelta(days=days_ago)
    run = start_run(page, user, membership.partner, label)
    items = page.items()
    answers = {item.id: {"done": True, "note": ""} for item in items[:ticked]}
    save_answers(run, items, answers)
    completed = started + timedelta(minutes=25) if run.completed_at else None
    ChecklistRun.objects.filter(pk=run.pk).update(
        created_at=started, updated_at=completed or started, completed_at=completed
    )
    ToolUse.objects.filter(run=run, kind=ToolUse.Kind.CHECKLIST_STARTED).update(used_at=started)
    ToolUse.objects.filter(run=run, kind=ToolUse.Kind.CHECKLIST_COMPLETED).update(used_at=completed)
    return run


def calculations(user, page, days):
    membership = current_membership(user)
    ToolUse.objects.bulk_create(
        ToolUse(
            tool=page,
            kind=ToolUse.Kind.CALCULATION,
            partner=membership.partner,
            user=user,
            used_at=timezone.now() - timedelta(days=day, hours=2),
        )
        for day in days
    )


def build(context):
    home = Site.objects.get(is_default_site=True).root_page
    index = tool_index(home)
    builders = {
        CalculatorPage: [
            ("premie-woonverzekering", premium_calculator),
            ("maandlasten-hypotheek", mortgage_calculator),
        ],
        ChecklistPage: [
            ("intakegesprek-woonverzekering", intake_checklist),
            ("overdracht-schadehersteller", handover_checklist),
        ],
    }
    pages = {}
    for model, specs in builders.items():
        for slug, builder in specs:
            pages[slug] = model.objects.filter(slug=slug).first() or builder(index)
    users = {user.email.split("@")[0]: user for user in get_user_model().objects.all()}
    if ToolUse.objects.filter(tool__in=pages.values(), user__in=users.values()).exists():
        return  # the demo history exists already
    premium, mortgage = pages["premie-woonverzekering"], pages["maandlasten-hypotheek"]
    intake, handover = pages["intakegesprek-woonverzekering"], pages["overdracht-schadehersteller"]
    calculations(users["mehmet"], premium, [1, 1, 3, 8, 15, 22, 40])
    calculations(users["sanne"], premium, [2, 9, 33])
    calculations(users["sanne"], mortgage, [5, 5, 12])
    calculations(users["pieter"], mortgage, [4, 18, 50, 70])
    run(users["mehmet"], intake, "Intake dinsdagochtend", ticked=4, days_ago=1)  # open: on his dashboard
    run(users["mehmet"], intake, "Intake nieuwe klant via de website", ticked=9, days_ago=6)
    run(users["sanne"], intake, "Intake jong gezin", ticked=9, days_ago=10)
    run(users["kees"], handover, "Ruitschade bus", ticked=7, days_ago=3)
    run(users["pieter"], handover, "Overdracht waterschade", ticked=2, days_ago=2)
