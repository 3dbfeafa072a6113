"""The brand team edits levels or weights: every partner's level is worked out again once the edit is saved."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import LevelChange, RecognitionLevel, RecognitionSettings
from .tasks import refresh_standings


@receiver(post_save, sender=RecognitionLevel)
@receiver(post_delete, sender=RecognitionLevel)
@receiver(post_save, sender=RecognitionSettings)
def levels_changed(sender, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    if sender is RecognitionSettings and kwargs.get("created"):
        return  # made with the defaults the first time they are read: nothing was edited
    transaction.on_commit(lambda: refresh_standings.enqueue(LevelChange.Cause.LEVELS))
