from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from comuna.census.models import Council
from comuna.core.models import Commune
from comuna.governance.models import Organ
from comuna.users.models import Role


class MembershipForm(forms.Form):
    """Give a role to a person who logs in: an existing login, or a new one."""

    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(
        label=_("Password (only for a new login)"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        strip=False,
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    council = forms.ModelChoiceField(
        label=_("Council (for a spokesperson)"), queryset=Council.objects.none(), required=False
    )
    household = forms.CharField(
        label=_("Household code (for a resident), e.g. CC01-0002"), max_length=60, required=False
    )
    organ = forms.ModelChoiceField(
        label=_("Organ (for a committee or brigade)"), queryset=Organ.objects.none(), required=False
    )

    def __init__(self, *args: Any, commune: Commune, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.of(commune)  # type: ignore[attr-defined]
        self.fields["organ"].queryset = Organ.objects.of(commune)  # type: ignore[attr-defined]

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password", "")
        if password:
            validate_password(password)
        return password


class CommuneChoiceForm(forms.Form):
    commune = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2_000)


class CommuneSettingsForm(forms.Form):
    """The administrator's settings of the commune."""

    name = forms.CharField(label=_("Name of the commune"), max_length=150)
    public_url = forms.CharField(
        label=_("Address for phones"),
        max_length=200,
        required=False,
        help_text=_(
            "The address the phones on the wifi open to reach Comuna, e.g. "
            "http://192.168.1.10:8000. The QR codes of the household cards lead there: set it "
            "before printing them, and keep the laptop at this address."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
