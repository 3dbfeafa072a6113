"""The benchmark set's academy: modules like the demo's for every kind of partner, and two years of lessons read,
quiz attempts and completions by the large set's people, written as the quiz flow writes them."""

import uuid
from collections import Counter, namedtuple
from datetime import timedelta

from django.utils.text import slugify

from partners.models import PartnerKind, Role

from .demo import block, lesson
from .factories import module as add_module
from .factories import question
from .models import Attempt, Completion, LessonProgress, TrainingIndexPage, TrainingModulePage

# (title, aimed at these kinds (none: everyone), required of: "all", "staff", "managers", "kinds" (the audience))
MODULES = [
    ("Klachten in één keer goed afhandelen", [], "all"),
    ("Privacy en de AVG in de praktijk", [], "all"),
    ("Fraude herkennen bij schademeldingen", ["tussenpersoon", "schadehersteller"], ""),
    ("Schade opnemen zonder expert", ["schadehersteller"], "kinds"),
    ("Camera's afstellen na een nieuwe voorruit", ["glasherstel"], "kinds"),
    ("Telefonisch klantcontact", [], ""),
    ("Slecht nieuws brengen", [], ""),
    ("Duurzaam herstellen", ["schadehersteller"], ""),
    ("Zorgplicht en passend advies", ["tussenpersoon"], "kinds"),
    ("De woonverzekering uitgelegd", ["tussenpersoon"], ""),
    ("De autoverzekering uitgelegd", ["tussenpersoon"], ""),
    ("Reisverzekering en annulering", ["tussenpersoon"], ""),
    ("Aansprakelijkheid: wie betaalt wat", [], ""),
    ("Rechtsbijstand in gewone taal", ["tussenpersoon"], ""),
    ("Klantgericht schrijven", [], "staff"),
    ("Toegankelijk communiceren", [], ""),
    ("Omgaan met boze klanten", [], ""),
    ("Vervangend vervoer regelen", ["schadehersteller"], ""),
    ("Veilig werken aan elektrische auto's", ["schadehersteller"], "kinds"),
    ("Ruit repareren of vervangen: de afweging", ["glasherstel"], ""),
    ("Het schadedossier compleet maken", ["schadehersteller", "glasherstel"], ""),
    ("Klanten met een beperking helpen", [], ""),
    ("Phishing en informatiebeveiliging", [], "all"),
    ("Integriteit en sanctiewetgeving", ["tussenpersoon"], "kinds"),
    ("De uitvaartverzekering met zorg bespreken", ["tussenpersoon"], ""),
    ("Bedrijfsschade bij ondernemers", ["tussenpersoon"], ""),
    ("Eerste hulp bij waterschade", ["schadehersteller"], ""),
    ("Stormschade en drukke dagen", [], ""),
    ("Leiding geven aan een klantgericht team", [], "managers"),
    ("Coachen op klantgesprekken", [], "managers"),
    ("Klantfeedback gebruiken", [], ""),
    ("De jaarlijkse check met de klant", ["tussenpersoon"], ""),
    ("Kostenbewust herstellen", ["schadehersteller"], ""),
    ("Glasschade bij bedrijfswagens", ["glasherstel"], ""),
    ("Online polissen en de digitale handtekening", ["tussenpersoon"], ""),
    ("De klachtenprocedure en het Kifid", ["tussenpersoon"], ""),
    ("Veilig werken in de werkplaats", ["schadehersteller", "glasherstel"], "kinds"),
    ("De klant ontvangen aan de balie", [], ""),
    ("Klanten helpen die weinig Nederlands spreken", [], ""),
]
VALIDITY = [12, 24, None, 12, 36]  # months, by turn
REQUIRED_FIRST = 0.3  # required modules come first: a person is more likely to have taken them
RENEWED = 0.75  # share of certificates renewed before they run out
FAILED_AND_STOPPED = 0.25  # share of failed attempts by people who never passed the module
TRIES_BEFORE_STOPPING = 1.3  # failed attempts on average, of someone who stopped trying
READING = 0.05  # share of people half-way through a module's lessons

Module = namedtuple("Module", "page kinds required_kinds for_staff for_managers published questions needed lessons")


def content(title):
    subject = title[0].lower() + title[1:]
    lessons = [
        lesson(
            "Waarom dit ertoe doet",
            block(
                "rich_text",
                f"<p>Bij {subject} merkt de klant meteen of we ons aan onze belofte houden. In deze module leer je "
                "wat de klant verwacht, wat Polderzorg belooft en wat dat van jou vraagt.</p>",
            ),
            block(
                "callout",
                {"kind": "tip", "text": "<p>Noem altijd de volgende stap en wanneer de klant iets hoort.</p>"},
            ),
        ),
        lesson(
            "Zo pak je het aan",
            block("rich_text", "<ol><li>Luister en vat samen.</li><li>Leg uit wat er gebeurt.</li></ol>"),
            block("do_dont", {"do": "Ik bel u morgen voor twaalf uur terug.", "dont": "We laten nog wel iets weten."}),
        ),
    ]
    quiz = [
        question(
            f"Wat is bij {subject} het belangrijkste voor de klant?",
            [
                ("Dat hij weet wat de volgende stap is en wanneer", True),
                ("Dat het gesprek zo kort mogelijk is", False, "Snel is fijn, duidelijk is belangrijker."),
                ("Dat hij de voorwaarden zelf naleest", False),
            ],
        ),
        question(
            "Je mag een klant laten wachten zonder iets te laten horen, als je het druk hebt.",
            [("Waar", False, "Laat altijd iets horen, ook als er nog geen nieuws is."), ("Niet waar", True)],
            kind="true_false",
        ),
        question(
            "Wat leg je vast in het dossier?",
            [
                ("Wat de klant heeft verteld", True),
                ("Wat je hebt afgesproken", True),
                ("Je eigen mening over de klant", False),
            ],
            kind="multiple",
        ),
    ]
    if len(title) % 2:
        quiz.append(
            question(
                "Twijfel je, dan vraag je het na bij het partnerteam voordat je iets toezegt.",
                [("Waar", True), ("Niet waar", False)],
                kind="true_false",
            )
        )
    return lessons, quiz


def build(context):
    scale, people = context["scale"], context["people"]
    rng = scale.rng("training")
    add_modules(scale)
    modules = [describe(page) for page in TrainingModulePage.objects.live().prefetch_related("audiences")]
    history(scale, rng, people, modules)


def add_modules(scale):
    index = TrainingIndexPage.objects.get()
    kinds = {kind.slug: kind for kind in PartnerKind.objects.all()}
    scale.backdate(TrainingModulePage.objects.live(), scale.start - timedelta(days=60))
    specs = MODULES[: scale.missing("modules", TrainingModulePage.objects)]
    first, last = scale.start - timedelta(days=30), scale.now - timedelta(days=60)
    for number, (title, audience, required) in enumerate(specs):
        lessons, quiz = content(title)
        aimed = [kinds[slug] for slug in audience if slug in kinds]
        page = add_module(
            index,
            title,
            slug=slugify(title)[:50],
            summary=f"Wat je moet weten over {title[0].lower() + title[1:]}, met voorbeelden uit de praktijk.",
            estimated_minutes=10 + 5 * (number % 4),
            lessons=lessons,
            quiz=quiz,
            audiences=aimed,
            required_kinds=aimed if required == "kinds" else [],
            required_for_staff=required in ("all", "staff"),
            required_for_managers=required in ("all", "managers"),
            validity_months=VALIDITY[number % len(VALIDITY)],
            attempts_per_day=3 if number % 5 == 4 else None,
            pass_mark=70 if number % 3 == 2 else 80,
        )
        # Most modules are there from the start of the history, a few came later.
        scale.backdate([page], first + (last - first) * (number / len(specs)) ** 2)


def describe(page):
    questions = []
    for block_value in page.quiz:
        choices = block_value.value["choices"].bound_blocks
        right = sorted(child.id for child in choices if child.value["correct"])
        wrong = sorted(child.id for child in choices if not child.value["correct"])
        questions.append((block_value.id, block_value.value["kind"], right, wrong))
    needed = next(count for count in range(len(questions) + 1) if 100 * count // len(questions) >= page.pass_mark)
    return Module(
        page,
        frozenset(kind.pk for kind in page.audiences.all()),
        frozenset(page.required_kinds.values_list("pk", flat=True)),
        page.required_for_staff,
        page.required_for_managers,
        page.first_published_at,
        questions,
        needed,
        page.lesson_ids(),
    )


def is_required(module, person):
    """As training.progress.required_q decides it."""
    by_role = module.for_staff or module.for_managers
    if not (by_role or module.required_kinds):
        return False
    role_ok = not by_role or (module.for_managers if person.role == Role.MANAGER else module.for_staff)
    return role_ok and (not module.required_kinds or bool(module.required_kinds & person.kinds))


def sheet(rng, module, passed):
    """Answers as the quiz form posts them, the questions answered right, and the score."""
    total = len(module.questions)
    if passed:
        right = total if rng.random() < 0.6 else rng.randint(module.needed, total)
    else:
        right = max(0, module.needed - 1 - int(rng.expovariate(1.5)))
    correct = set(rng.sample(range(total), right))
    answers, correct_ids = {}, []
    for number, (question_id, kind, right_ids, wrong_ids) in enumerate(module.questions):
        if number in correct:
            answers[question_id] = right_ids
            correct_ids.append(question_id)
        elif kind == "multiple":
            answers[question_id] = sorted(right_ids[1:] + wrong_ids[:1])
        else:
            answers[question_id] = [rng.choice(wrong_ids)]
    return answers, sorted(correct_ids), 100 * right // total


def history(scale, rng, people, modules):
    """Pairs of person and module, required ones first: passed (and renewed) until the completions are there, then
    failed tries before some of those passes and by some who stopped trying, then a few still reading."""
    pairs = candidates(scale, rng, people, modules)
    passes = scale.missing("completions", Completion.objects)
    failures = max(0, scale.missing("attempts", Attempt.objects) - passes)
    events, completed = passed(scale, rng, pairs, passes)
    taken = len(completed)
    stopped = range(taken, min(len(pairs), taken + int(failures * FAILED_AND_STOPPED / TRIES_BEFORE_STOPPING)))
    events += failed(scale, rng, pairs, completed, stopped, failures)
    reading = pairs[taken + len(stopped) :][: int(len(people) * READING)]
    write(scale, rng, events, reading)


def candidates(scale, rng, people, modules):
    """(person, module, from when) for each module aimed at the person's partner, in the order people took them."""
    pairs = []
    for person in people:
        for module in modules:
            if module.kinds and not module.kinds & person.kinds:
                continue
            start = max(person.since, module.published + timedelta(days=1), scale.start)
            if person.until - start > timedelta(days=2):
                weight = REQUIRED_FIRST if is_required(module, person) else 1
                pairs.append((rng.random() * weight, (person, module, start)))
    pairs.sort(key=lambda pair: pair[0])
    return [pair for _key, pair in pairs]


def passed(scale, rng, pairs, count):
    """Passes of the first pairs, each renewed before its certificate runs out (mostly); their first passes."""
    events, completed = [], []
    for index, (person, module, start) in enumerate(pairs):
        if len(events) == count:
            break
        moment = scale.moment(rng, start, person.until)
        completed.append((index, moment))
        while len(events) < count and moment < person.until:
            events.append((person, module, moment, True))
            renewal = module.page.valid_until(moment)
            if renewal is None or rng.random() >= RENEWED:
                break
            moment = renewal - timedelta(days=rng.uniform(1, 45))
    return events, completed


def failed(scale, rng, pairs, completed, stopped, count):
    """Failed tries in the days before a first pass, or by people who stopped trying (`stopped` indexes pairs)."""
    tries = Counter()  # (pair index, first pass or None): failed tries
    for _number in range(count):
        if stopped and (not completed or rng.random() < FAILED_AND_STOPPED):
            tries[rng.choice(stopped), None] += 1
        else:
            tries[rng.choice(completed)] += 1
    events = []
    for (index, first_pass), number in tries.items():
        person, module, start = pairs[index]
        end = first_pass or person.until
        anchor = first_pass or scale.moment(rng, start, end)
        for attempt in range(number):
            # Before a pass the tries go back day by day; someone who stopped tried again on later days.
            offset = timedelta(days=(attempt + bool(first_pass)) * rng.uniform(1.1, 4))
            moment = anchor - offset if first_pass else anchor + offset
            if not start < moment < end:
                moment = scale.moment(rng, start, end)
            events.append((person, module, moment, False))
    return events


def write(scale, rng, events, reading):
    attempts = []
    for person, module, moment, passed in events:
        answers, correct, score = sheet(rng, module, passed)
        attempts.append(
            Attempt(
                user_id=person.user_id,
                module_id=module.page.pk,
                revision_id=module.page.live_revision_id,
                token=uuid.UUID(int=rng.getrandbits(128), version=4),
                answers=answers,
                correct_questions=correct,
                score=score,
                pass_mark=module.page.pass_mark,
                passed=passed,
                submitted_at=moment,
            )
        )
    scale.bulk(Attempt, attempts)
    # A pass makes the completion in the same request, with the partner the person works for.
    scale.bulk(
        Completion,
        [
            Completion(
                user_id=attempt.user_id,
                module_id=attempt.module_id,
                attempt=attempt,
                partner_id=person.partner_id,
                completed_at=attempt.submitted_at,
                score=attempt.score,
                valid_until=module.page.valid_until(attempt.submitted_at),
            )
            for attempt, (person, module, _moment, passed) in zip(attempts, events, strict=True)
            if passed
        ],
    )
    # Everyone who took a quiz read its lessons first; a few more are still reading.
    first_tries = {}
    for person, module, moment, _passed in events:
        key = (person.user_id, module.page.pk)
        if key not in first_tries or moment < first_tries[key][0]:
            first_tries[key] = (moment, module.lessons)
    read = [
        LessonProgress(user_id=user_id, module_id=module_id, lesson_id=lesson_id, read_at=moment - minutes)
        for (user_id, module_id), (moment, lesson_ids) in first_tries.items()
        for lesson_id, minutes in zip(lesson_ids, [timedelta(minutes=25), timedelta(minutes=12)], strict=False)
    ]
    read += [
        LessonProgress(
            user_id=person.user_id,
            module_id=module.page.pk,
            lesson_id=module.lessons[0],
            read_at=scale.moment(rng, start, person.until),
        )
        for person, module, start in reading
        if module.lessons
    ]
    scale.bulk(LessonProgress, read)
