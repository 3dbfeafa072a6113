"""Four levels to start from; the brand team renames and tunes them. The top level asks 90 on every
customer-critical metric."""

from django.db import migrations

LEVELS = [
    ("Brons", 1, "Op weg: de basis staat.", 40, None),
    ("Zilver", 2, "Goed bezig: de verplichte training en het materiaal zijn grotendeels op orde.", 60, 60),
    ("Goud", 3, "Sterk: klanten merken dat jullie het merk goed vertegenwoordigen.", 75, 75),
    ("Ster", 4, "Voorbeeldig: minstens 90 op alles wat klanten het belangrijkst vinden.", 85, 90),
]


def create_levels(apps, schema_editor):
    RecognitionLevel = apps.get_model("recognition", "RecognitionLevel")
    if RecognitionLevel.objects.exists():
        return
    for name, rank, description, min_overall, min_critical in LEVELS:
        RecognitionLevel.objects.create(
            name=name, rank=rank, description=description, min_overall=min_overall, min_critical=min_critical
        )


class Migration(migrations.Migration):
    dependencies = [("recognition", "0001_initial")]

    operations = [migrations.RunPython(create_levels, migrations.RunPython.noop)]
