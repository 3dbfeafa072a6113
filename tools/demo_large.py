"""The benchmark set's tool use: two years of checklist runs (with the ToolUse rows starting and completing them
write) and calculations on the demo's tools, by the large set's people."""

from datetime import timedelta

from partners.demo_large import LAST_NAMES

from .checklists import progress
from .models import CalculatorPage, ChecklistPage, ChecklistRun, ToolUse

LABELS = ["Intake fam.", "Gesprek met", "Overdracht", "Afspraak", "Dossier"]
COMPLETED = 0.8  # share of runs ticked off to the end
NOTED = 0.1  # share of items with a note
NOTES = ["Klant belt zelf terug.", "Foto's volgen per mail.", "Nagevraagd bij het partnerteam.", "Akkoord."]


def build(context):
    scale, people = context["scale"], context["people"]
    rng = scale.rng("tools")
    checklists = list(ChecklistPage.objects.live().prefetch_related("audiences"))
    calculators = list(CalculatorPage.objects.live().prefetch_related("audiences"))
    scale.backdate(checklists + calculators, scale.start - timedelta(days=60))
    pick_person = scale.picker(rng, people, [rng.lognormvariate(0, 1) for _person in people])
    runs(scale, rng, pick_person, checklists)
    calculations(scale, rng, pick_person, calculators)


def aimed(pages):
    return [(page, frozenset(kind.pk for kind in page.audiences.all())) for page in pages]


def pick_tool(rng, pick_person, tools):
    """A person and a tool aimed at their partner."""
    while True:
        person = pick_person()
        page, kinds = rng.choice(tools)
        if not kinds or kinds & person.kinds:
            return person, page


def runs(scale, rng, pick_person, checklists):
    if not checklists:
        return
    tools = aimed(checklists)
    items = {page.pk: page.items() for page in checklists}
    made = []
    for _number in range(scale.missing("checklist_runs", ChecklistRun.objects)):
        person, page = pick_tool(rng, pick_person, tools)
        started = scale.moment(rng, person.since, person.until - timedelta(hours=1))
        finished = started + timedelta(minutes=rng.uniform(8, 60))
        complete = rng.random() < COMPLETED and finished < person.until
        ticked = len(items[page.pk]) if complete else rng.randrange(len(items[page.pk]))
        answers = {
            item.id: {"done": True, "note": rng.choice(NOTES) if rng.random() < NOTED else ""}
            for item in items[page.pk][:ticked]
            if item.required or rng.random() < 0.7
        }
        run = ChecklistRun(
            checklist=page,
            user_id=person.user_id,
            partner_id=person.partner_id,
            label=f"{rng.choice(LABELS)} {rng.choice(LAST_NAMES)}",
            answers=answers,
            created_at=started,
            updated_at=finished if complete else started + timedelta(minutes=rng.uniform(1, 10)),
        )
        run.completed_at = run.updated_at if progress(run, items[page.pk]).is_complete else None
        made.append(run)
    scale.bulk(ChecklistRun, made)
    # What start_run and save_answers write: a use when a run starts, and one when it is first complete.
    uses = [use(run, ToolUse.Kind.CHECKLIST_STARTED, run.created_at) for run in made]
    uses += [use(run, ToolUse.Kind.CHECKLIST_COMPLETED, run.completed_at) for run in made if run.completed_at]
    scale.bulk(ToolUse, uses)


def use(run, kind, moment):
    return ToolUse(
        tool_id=run.checklist_id, kind=kind, partner_id=run.partner_id, user_id=run.user_id, run=run, used_at=moment
    )


def calculations(scale, rng, pick_person, calculators):
    """One use per person and calculator per stretch of work, as record_calculation counts them."""
    if not calculators:
        return
    tools = aimed(calculators)
    made = []
    for _number in range(scale.missing("calculations", ToolUse.objects.filter(kind=ToolUse.Kind.CALCULATION))):
        person, page = pick_tool(rng, pick_person, tools)
        made.append(
            ToolUse(
                tool=page,
                kind=ToolUse.Kind.CALCULATION,
                partner_id=person.partner_id,
                user_id=person.user_id,
                used_at=scale.moment(rng, person.since, person.until),
            )
        )
    scale.bulk(ToolUse, made)
