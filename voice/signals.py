from django.db.models.signals import post_delete, post_save

from .models import WordRule
from .rules import forget_rules

post_save.connect(forget_rules, sender=WordRule, dispatch_uid="voice-forget-rules-on-save")
post_delete.connect(forget_rules, sender=WordRule, dispatch_uid="voice-forget-rules-on-delete")
