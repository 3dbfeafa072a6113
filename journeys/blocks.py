"""What supports a step: links to training modules, materials and tools, chosen in the editor."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SupportStreamBlock(blocks.StreamBlock):
    module = blocks.PageChooserBlock(
        page_type="training.TrainingModulePage", label=_("Training"), icon="graduation-cap"
    )
    material = blocks.PageChooserBlock(page_type="materials.MaterialPage", label=_("Materiaal"), icon="doc-full")
    tool = blocks.PageChooserBlock(
        page_type=["tools.CalculatorPage", "tools.ChecklistPage"], label=_("Hulpmiddel"), icon="calculator"
    )

    class Meta:
        label = _("Ondersteuning")
