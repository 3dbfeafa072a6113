"""Recognition: levels the brand team sets, each partner's standing, its history per month, and level changes."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .metrics import METRICS


def minimum(verbose_name, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MaxValueValidator(100)], help_text=help_text
    )


def weight(default):
    return models.PositiveSmallIntegerField(
        _("gewicht"), default=default, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )


@register_setting(icon="pick")
class RecognitionSettings(BaseGenericSetting):
    """How much each metric weighs in the total score, which ones are customer-critical, and the leaderboard."""

    show_leaderboard = models.BooleanField(
        _("ranglijst tonen"),
        default=False,
        help_text=_("Partners zien dan de namen en niveaus van alle partners, nooit hun cijfers."),
    )
    training_weight = weight(3)
    training_critical = models.BooleanField(_("klantkritiek"), default=True)
    quiz_weight = weight(1)
    quiz_critical = models.BooleanField(_("klantkritiek"), default=False)
    downloads_weight = weight(1)
    downloads_critical = models.BooleanField(_("klantkritiek"), default=False)
    holdings_weight = weight(2)
    holdings_critical = models.BooleanField(_("klantkritiek"), default=True)
    tools_weight = weight(1)
    tools_critical = models.BooleanField(_("klantkritiek"), default=False)
    voice_weight = weight(1)
    voice_critical = models.BooleanField(_("klantkritiek"), default=False)
    nps_weight = weight(3)
    nps_critical = models.BooleanField(_("klantkritiek"), default=True)

    panels = [
        FieldPanel("show_leaderboard"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel(f"{metric.key}_weight"), FieldPanel(f"{metric.key}_critical")], heading=metric.label
                )
                for metric in METRICS
            ],
            heading=_("Maatstaven"),
            help_text=_(
                "Het gewicht telt in de totaalscore (0: telt niet mee). Een niveau kan een minimum vragen op elke "
                "klantkritieke maatstaf."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("erkenning")

    def weights(self):
        return {metric.key: getattr(self, f"{metric.key}_weight") for metric in METRICS}

    def critical(self):
        return {metric.key for metric in METRICS if getattr(self, f"{metric.key}_critical")}


class RecognitionLevel(models.Model):
    """A level partners reach by meeting every minimum it sets; the highest level met is theirs."""

    name = models.CharField(_("naam"), max_length=40, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rangorde"), unique=True, help_text=_("Hoger is beter: Brons 1, Zilver 2, Goud 3, Ster 4.")
    )
    description = models.TextField(_("omschrijving"), blank=True, max_length=500)
    min_overall = minimum(_("minimale totaalscore"))
    min_critical = minimum(
        _("minimum op elke klantkritieke maatstaf"),
        _("Geldt voor elke maatstaf die in de instellingen voor erkenning als klantkritiek is aangemerkt."),
    )
    min_training = minimum(_("verplichte training"))
    min_quiz = minimum(_("toetsscore"))
    min_downloads = minimum(_("actuele downloads"))
    min_holdings = minimum(_("geen verouderd materiaal"))
    min_tools = minimum(_("gebruik van hulpmiddelen"))
    min_voice = minimum(_("gebruik van de teksttoets"))
    min_nps = minimum(_("klantbeoordeling"))

    panels = [
        FieldPanel("name"),
        FieldPanel("rank"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("min_overall"), FieldPanel("min_critical")],
            heading=_("Minima"),
            help_text=_("Scores van 0 tot 100. Leeg: geen minimum."),
        ),
        MultiFieldPanel(
            [FieldPanel(f"min_{metric.key}") for metric in METRICS],
            heading=_("Minimum per maatstaf"),
            help_text=_("Leeg: alleen het minimum voor klantkritieke maatstaven geldt, als deze dat is."),
        ),
    ]

    class Meta:
        verbose_name = _("erkenningsniveau")
        verbose_name_plural = _("erkenningsniveaus")
        ordering = ["rank"]

    def __str__(self):
        return self.name

    def minimum_for(self, key, critical):
        """The score this level asks on a metric: its own minimum, raised to the critical minimum where that applies."""
        minima = [getattr(self, f"min_{key}")]
        if key in critical:
            minima.append(self.min_critical)
        minima = [value for value in minima if value is not None]
        return max(minima) if minima else None


class Measured(models.Model):
    """A partner's level and scores as measured at one moment. The level's name and rank are kept with it: when the
    brand team deletes or renames a level, what was measured still reads as it was (and a change away from a
    deleted level is still a drop)."""

    level = models.ForeignKey(
        RecognitionLevel, verbose_name=_("niveau"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level_name = models.CharField(_("niveau"), max_length=40, blank=True)
    rank = models.PositiveSmallIntegerField(null=True)
    overall = models.PositiveSmallIntegerField(_("totaalscore"), null=True)
    values = models.JSONField(default=dict)

    MEASURED_FIELDS = ["level", "level_name", "rank", "overall", "values"]

    class Meta:
        abstract = True

    def measure(self, card):
        """Take the level and scores of a scorecard."""
        self.level = card.level
        self.level_name = card.level.name if card.level else ""
        self.rank = card.level.rank if card.level else None
        self.overall = card.overall
        self.values = card.values
        return self


class Standing(Measured):
    """A partner's level as last recorded: a change against it is logged and told to the partner's managers."""

    partner = models.OneToOneField("partners.Partner", on_delete=models.CASCADE, related_name="standing")
    since = models.DateTimeField(_("sinds"), default=timezone.now)
    checked_at = models.DateTimeField(_("bijgewerkt"), default=timezone.now)

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("standen")

    def __str__(self):
        return f"{self.partner} – {self.level_name or '-'}"

    def has_changed(self, level):
        """Another level than the one recorded; a recorded level the brand team has since deleted counts as left."""
        if self.level_id is None and self.level_name:
            return True
        return self.level_id != (level.pk if level else None)


class LevelChange(Measured):
    """The log of level changes: every change of a partner's level (the level reached, in the measured fields),
    with the scores that caused it."""

    class Cause(models.TextChoices):
        SCORES = "scores", _("scores veranderd")
        LEVELS = "levels", _("niveaus gewijzigd")

    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="level_changes"
    )
    previous_name = models.CharField(_("vorig niveau"), max_length=40, blank=True)
    previous_rank = models.PositiveSmallIntegerField(null=True)
    cause = models.CharField(_("aanleiding"), max_length=10, choices=Cause.choices, default=Cause.SCORES)
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("niveauwijziging")
        verbose_name_plural = _("niveauwijzigingen")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.partner}: {self.previous_name or '-'} → {self.level_name or '-'}"

    @property
    def is_rise(self):
        return (self.rank or 0) > (self.previous_rank or 0)


class LevelNotice(models.Model):
    """Tells one manager of the partner about a level change, on the dashboard and by email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_notices")
    change = models.ForeignKey(LevelChange, on_delete=models.CASCADE, related_name="notices")
    created_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "change"], name="recognition_one_notice_per_change")]

    def __str__(self):
        return f"{self.user} – {self.change}"


class Snapshot(Measured):
    """A partner's scores and level in a month, as last measured in that month: the history behind the trend."""

    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("partner"), on_delete=models.CASCADE, related_name="recognition_snapshots"
    )
    month = models.DateField(_("maand"))  # the first day of the month
    taken_at = models.DateTimeField(_("gemeten op"), default=timezone.now)

    class Meta:
        verbose_name = _("maandstand")
        verbose_name_plural = _("maandstanden")
        ordering = ["partner", "-month"]
        constraints = [models.UniqueConstraint(fields=["partner", "month"], name="recognition_one_snapshot_a_month")]

    def __str__(self):
        return f"{self.partner} {self.month:%Y-%m}"
