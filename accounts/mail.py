"""Emails to a person, in the language they chose in the portal (Dutch when they chose none)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_to(user, template, context):
    """Render `<template>_subject.txt` and `<template>.txt` in the person's language and send them as one email."""
    context = {**context, "user": user}
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}.txt", context)
    send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
