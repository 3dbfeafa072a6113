"""The editor's form for a calculator: formulas, names, cycles and test cases are checked before it is saved."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks import ListBlockValidationError, StreamBlockValidationError, StructBlockValidationError

from .calculator import Definition

CHECKED_FIELDS = ("inputs", "calculations", "test_cases")


def stream_errors(problems):
    """Turn problems of one StreamField into the nested errors Wagtail shows at the block and field concerned."""
    by_block = defaultdict(lambda: defaultdict(list))
    whole_field = [problem.message for problem in problems if problem.index is None]
    for problem in problems:
        if problem.index is not None:
            by_block[problem.index][problem.part].append(problem)
    block_errors = {}
    for index, parts in by_block.items():
        struct_errors = {}
        for part, part_problems in parts.items():
            rows = {p.item: p for p in part_problems if p.item is not None}
            general = [p.message for p in part_problems if p.item is None]
            if rows:
                struct_errors[part] = ListBlockValidationError(
                    block_errors={
                        row: StructBlockValidationError(block_errors={"value": ValidationError(p.message)})
                        for row, p in rows.items()
                    },
                    non_block_errors=general,
                )
            elif part in ("inputs", "expected"):
                struct_errors[part] = ListBlockValidationError(non_block_errors=general)
            else:
                struct_errors[part] = ValidationError(general)
        block_errors[index] = StructBlockValidationError(block_errors=struct_errors)
    return StreamBlockValidationError(block_errors=block_errors, non_block_errors=whole_field)


class CalculatorPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if any(name in self.errors for name in CHECKED_FIELDS):
            return cleaned_data  # the blocks' own messages first; a half-read definition would mislead
        definition = Definition.from_streams(cleaned_data["inputs"], cleaned_data["calculations"])
        problems = definition.problems()
        if not problems:
            problems = definition.test_problems([case.value for case in cleaned_data.get("test_cases") or []])
        for field in CHECKED_FIELDS:
            mine = [problem for problem in problems if problem.field == field]
            if mine:
                self.add_error(field, stream_errors(mine))
        return cleaned_data
