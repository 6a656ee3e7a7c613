from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.users.tokens import NAME_MAX_LENGTH


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        help_text=_("For example: the distribution spreadsheet, the clinic's tablet."),
    )
