"""Forms parse and validate what a person typed; the services decide what the census accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council, Sector, Sex
from comuna.core.forms import DateInput, SpreadsheetField, UploadForm

# Bigger census files are split by the people who send them; a laptop parses this in seconds.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class HouseholdForm(forms.Form):
    reference = forms.CharField(label=_("Household reference"), max_length=40)
    address = forms.CharField(label=_("Address"), max_length=200)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.none(), required=False
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = council.sectors.all()  # type: ignore[attr-defined]


class HouseholdEditForm(HouseholdForm):
    cylinders_10kg = forms.IntegerField(
        label=_("10 kg gas cylinders"), min_value=0, max_value=9, required=False
    )
    cylinders_18kg = forms.IntegerField(
        label=_("18 kg gas cylinders"), min_value=0, max_value=9, required=False
    )
    cylinders_43kg = forms.IntegerField(
        label=_("43 kg gas cylinders"), min_value=0, max_value=9, required=False
    )
    piped_gas = forms.BooleanField(label=_("Piped gas reaches the house"), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, council=council, **kwargs)
        del self.fields["reference"]


class HouseholdMoveForm(forms.Form):
    council = forms.ModelChoiceField(label=_("To council"), queryset=Council.objects.none())
    reference = forms.CharField(label=_("Household reference in that council"), max_length=40)
    address = forms.CharField(label=_("New address"), max_length=200)
    on = forms.DateField(label=_("Date of the move"), widget=DateInput, required=False)

    def __init__(self, *args: Any, councils: QuerySet[Council], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils  # type: ignore[attr-defined]


class DatedForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=timezone.localdate)

    def clean_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date is in the future."))
        return day


class PersonForm(forms.Form):
    first_names = forms.CharField(label=_("First names"), max_length=100)
    last_names = forms.CharField(label=_("Last names"), max_length=100)
    national_id = forms.CharField(
        label=_("ID number"),
        max_length=20,
        required=False,
        help_text=_("Leave empty if the person has none."),
    )
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    is_head = forms.BooleanField(label=_("Head of household"), required=False)
    disability = forms.BooleanField(label=_("Disability"), required=False)
    pregnant = forms.BooleanField(label=_("Pregnancy"), required=False)
    chronic_illness = forms.BooleanField(label=_("Chronic illness"), required=False)


class PersonMoveForm(forms.Form):
    household = forms.CharField(
        label=_("To household"),
        max_length=60,
        help_text=_("As written on its card: council code and reference, e.g. CC03-0123."),
    )
    on = forms.DateField(label=_("Date of the move"), widget=DateInput, required=False)

    def __init__(self, *args: Any, councils: list[str] | None = None, **kwargs: Any) -> None:
        """``councils``: the codes of the only councils the person may move someone into
        (a spokesperson's own), said under the field; None for the whole commune."""
        super().__init__(*args, **kwargs)
        if councils is not None:
            self.fields["household"].help_text = _(
                "As written on its card: council code and reference, e.g. %(example)s-0123. "
                "You can move people into households of %(councils)s only."
            ) % {"example": councils[0] if councils else "CC03", "councils": ", ".join(councils)}

    def clean_household(self) -> tuple[str, str]:
        code, _sep, reference = self.cleaned_data["household"].strip().partition("-")
        if not code or not reference:
            raise forms.ValidationError(
                _("Write the council code and the reference, e.g. CC03-0123.")
            )
        return code.upper(), reference


class CouncilForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=12, help_text=_("e.g. CC25"))
    name = forms.CharField(label=_("Name"), max_length=150)


class CouncilEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)


class SectorForm(forms.Form):
    name = forms.CharField(label=_("Sector name"), max_length=100)


class ImportUploadForm(UploadForm):
    file = SpreadsheetField(max_bytes=MAX_UPLOAD_BYTES)
    council = forms.ModelChoiceField(
        label=_("Council"),
        queryset=Council.objects.none(),
        required=False,
        empty_label=_("As each row says (column consejo_comunal)"),
        help_text=_("Choose one when the file has no council column."),
    )

    def __init__(self, *args: Any, councils: QuerySet[Council], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils  # type: ignore[attr-defined]

    def options(self) -> dict[str, str]:
        council: Council | None = self.cleaned_data["council"]
        return {"council": council.code} if council is not None else {}
