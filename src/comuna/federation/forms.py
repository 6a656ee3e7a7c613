from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.federation.models import ACTA_MAX_BYTES, Unit
from comuna.federation.services import (
    PUBLIC_KEY_BYTES,
    RegistrationIn,
    SpokespersonIn,
)

MAX_SPOKESPEOPLE = 200


def public_key_decode(text: str) -> bytes:
    """A base64 Ed25519 public key as its 32 bytes; a clear ValidationError otherwise."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(_("The key is not valid base64.")) from None
    if len(raw) != PUBLIC_KEY_BYTES:
        raise ValidationError(
            _("An Ed25519 public key is 32 bytes; this one is %(n)s.") % {"n": len(raw)}
        )
    return raw


def spokespeople_parse(text: str) -> tuple[SpokespersonIn, ...]:
    """One spokesperson a line: ``name; ID number; council; role``."""
    people = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) != 4 or not all(parts):
            raise ValidationError(
                _("Line %(n)s: write name; ID number; council; role.") % {"n": number}
            )
        name, national_id, council, role = parts
        if not national_id.replace("-", "").isalnum() or len(national_id) > 12:
            raise ValidationError(_("Line %(n)s: the ID number is not valid.") % {"n": number})
        if len(name) > 150 or len(council) > 150 or len(role) > 150:
            raise ValidationError(_("Line %(n)s is too long.") % {"n": number})
        people.append(SpokespersonIn(name, national_id, council, role))
    if not people:
        raise ValidationError(_("Name the commune's spokespeople."))
    if len(people) > MAX_SPOKESPEOPLE:
        raise ValidationError(_("Too many lines."))
    return tuple(people)


def _acta_help() -> str:
    return gettext("At most %(size)s.") % {"size": filesizeformat(ACTA_MAX_BYTES)}


# Formatted when shown, in the reader's language, not once at import.
_acta_help_lazy = lazy(_acta_help, str)


class RegistrationForm(forms.Form):
    commune_uuid = forms.UUIDField(
        label=_("Commune's id"),
        required=False,
        help_text=_(
            "If the commune already works on its own computer, its id (Settings shows it), so "
            "that it keeps it. Leave it empty for a new commune."
        ),
    )
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Such as el-panal."))
    name = forms.CharField(label=_("Name of the commune"), max_length=150)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    state = forms.CharField(label=_("State"), max_length=100)
    city = forms.ModelChoiceField(
        label=_("Communal city it asks to join"),
        queryset=Unit.objects.filter(level=Unit.Level.CITY),
        empty_label="—",
    )
    public_key = forms.CharField(
        label=_("Public key of the commune (base64)"),
        max_length=100,
        help_text=_("The commune's Ed25519 public key, as its computer gives it (44 characters)."),
    )
    acta = forms.FileField(
        label=_("Acta of the founding assembly (PDF)"),
        help_text=_acta_help_lazy(),
    )
    assembly_on = forms.DateField(label=_("Date of the founding assembly"), widget=DateInput)
    registered_voters = forms.IntegerField(
        label=_("Registered voters"), min_value=1, max_value=10**7
    )
    present = forms.IntegerField(label=_("Present"), min_value=0, max_value=10**7)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=10**7)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=10**7)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=10**7)
    spokespeople = forms.CharField(
        label=_("Spokespeople"),
        max_length=30_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line: name; ID number; council; role."),
    )

    def clean_public_key(self) -> bytes:
        return public_key_decode(self.cleaned_data["public_key"])

    def clean_acta(self) -> bytes:
        upload = self.cleaned_data["acta"]
        if upload.size > ACTA_MAX_BYTES:
            raise ValidationError(
                _("The acta is larger than %(size)s.") % {"size": filesizeformat(ACTA_MAX_BYTES)}
            )
        content: bytes = upload.read()
        if not content.startswith(b"%PDF"):
            raise ValidationError(_("The acta must be a PDF file."))
        return content

    def clean_spokespeople(self) -> tuple[SpokespersonIn, ...]:
        return spokespeople_parse(self.cleaned_data["spokespeople"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        present, registered = data.get("present"), data.get("registered_voters")
        if present is not None and registered is not None and present > registered:
            self.add_error("present", _("More people present than registered voters."))
        votes = [data.get(k) for k in ("votes_for", "votes_against", "abstentions")]
        if present is not None and None not in votes and sum(votes) != present:  # type: ignore[arg-type]
            self.add_error(
                "votes_for",
                _("The votes for, against and abstentions must add up to those present."),
            )
        return data

    def registration(self) -> RegistrationIn:
        data = self.cleaned_data
        return RegistrationIn(
            commune_uuid=data["commune_uuid"] or uuid.uuid4(),
            code=data["code"],
            name=data["name"],
            municipality=data["municipality"],
            state=data["state"],
            city=data["city"],
            public_key=data["public_key"],
            acta=data["acta"],
            assembly_on=data["assembly_on"],
            registered_voters=data["registered_voters"],
            present=data["present"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            abstentions=data["abstentions"],
            spokespeople=data["spokespeople"],
        )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is returned"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
