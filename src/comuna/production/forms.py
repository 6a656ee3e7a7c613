"""The forms of production plans. What each field means is said by its model; the services
check the rules again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comuna.core.forms import DateInput
from comuna.production.models import PlanInput, PlanScenario, Product, ProductionPlan


class PlanForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProductionPlan
        fields = ["enterprise", "month", "goal", "currency", "budget", "notes"]
        widgets = {"month": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, enterprises: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises  # type: ignore[attr-defined]
        self.fields["month"].help_text = _("Any day of the month; the plan is for all of it.")

    def validate_unique(self) -> None:
        """The service says so, in words, when the month already has a plan."""

    def _post_clean(self) -> None:
        """The service builds and checks the row (the month's first day, the rules)."""


class PlanEditForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProductionPlan
        fields = ["goal", "currency", "budget", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        """The service changes the row."""


class InputForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanInput
        fields = ["name", "unit", "price", "available"]

    def _post_clean(self) -> None:
        """The service saves the row and says so when the name is taken."""


class ProductForm(forms.ModelForm):  # type: ignore[type-arg]
    """A product, and one field per input of its plan: how much one unit takes of it."""

    class Meta:
        model = Product
        fields = ["name", "unit", "price", "target", "demand"]

    def __init__(self, *args: Any, plan: ProductionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        amounts = (
            {u.input_id: u.amount for u in self.instance.uses.all()} if self.instance.pk else {}
        )
        self.input_fields: dict[str, int] = {}
        for item in plan.inputs.all():
            name = f"use_{item.pk}"
            self.fields[name] = forms.DecimalField(
                label=_("%(input)s (%(unit)s) per unit")
                % {"input": item.name, "unit": item.get_unit_display()},
                max_digits=12,
                decimal_places=4,
                required=False,
                initial=amounts.get(item.pk),
            )
            self.input_fields[name] = item.pk

    def product_fields(self) -> dict[str, Any]:
        """The product's own fields, once the form is valid (the uses apart)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def uses(self) -> dict[int, Decimal | None]:
        return {pk: self.cleaned_data.get(name) for name, pk in self.input_fields.items()}

    def _post_clean(self) -> None:
        """The service saves the row and its uses."""


class ScenarioForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PlanScenario
        fields = ["name", "input", "price_change", "cut"]

    def __init__(self, *args: Any, plan: ProductionPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["input"].queryset = plan.inputs.all()  # type: ignore[attr-defined]

    def _post_clean(self) -> None:
        """The service saves the row."""


class CopyForm(forms.Form):
    month = forms.DateField(
        label=_("month"),
        widget=DateInput(),
        help_text=_("Any day of the month; the plan is for all of it."),
    )
