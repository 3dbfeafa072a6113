from django_tasks import task

from .reminders import send_reminders


@task()
def send_training_reminders():
    """The monthly reminders as background work; safe to run as often as you like."""
    summary = send_reminders()
    return {"personal": summary.personal, "digests": summary.digests, "failed": summary.failed}
