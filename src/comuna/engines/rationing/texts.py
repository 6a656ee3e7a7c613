"""The sentences that tell a household why it was, or was not, served (Spanish and English).

The engine has no Django, so it cannot use gettext; the two languages the commune works in
are kept here side by side, and the web layer may still override them with its own catalogue
by reading the structured fields of an allocation instead.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("es", "en")

CLASS_NAMES: dict[str, tuple[str, str, str, str]] = {
    "es": ("necesidad médica", "adulto mayor que vive solo", "niños pequeños", "general"),
    "en": ("medical need", "elderly living alone", "small children", "general"),
}


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything a sentence may mention, already reduced to plain values."""

    reason: str
    group: str
    priority: int
    claimed: int
    awarded: int
    group_share: int
    class_level: int | None
    leftover: int | None
    queue_reached: int | None
    queue_position: int | None
    queue_size: int
    short_streak: int


def _units(n: int, language: str) -> str:
    if language == "es":
        return f"{n} unidad" if n == 1 else f"{n} unidades"
    return f"{n} unit" if n == 1 else f"{n} units"


def _outcome(f: Facts, language: str) -> str:
    es = language == "es"
    if f.awarded >= f.claimed:
        return "atendido completo" if es else "served in full"
    if f.awarded == 0:
        return "no atendido" if es else "not served"
    return f"atendido {f.awarded} de {f.claimed}" if es else f"served {f.awarded} of {f.claimed}"


def _queue(f: Facts, language: str) -> str:
    es = language == "es"
    level = f.class_level or 0
    leftover = f.leftover or 0
    left = _units(leftover, language)
    if level == 0:
        handed = (
            (
                f"la única unidad para esta clase se entregó en orden de la cola, "
                f"al puesto {f.queue_reached}"
                if leftover == 1
                else f"las {left} para esta clase se entregaron una por hogar en orden de la "
                f"cola, hasta el puesto {f.queue_reached}"
            )
            if es
            else f"the {left} for this class went one per household in queue order, "
            f"reaching position {f.queue_reached}"
        )
    else:
        each = (
            f"cada hogar recibió hasta {_units(level, language)}"
            if es
            else f"every household got up to {_units(level, language)}"
        )
        if leftover == 0:
            rest = "no sobró ninguna unidad" if es else "no unit was left over"
        else:
            rest = (
                (
                    f"la unidad sobrante se entregó en orden de la cola, al puesto "
                    f"{f.queue_reached}"
                    if leftover == 1
                    else f"las {left} sobrantes se entregaron una por hogar en orden de la "
                    f"cola, hasta el puesto {f.queue_reached}"
                )
                if es
                else f"the {left} left over went one per household in queue order, "
                f"reaching position {f.queue_reached}"
            )
        handed = f"{each}; {rest}"
    place = (
        f"usted está en el puesto {f.queue_position} de {f.queue_size}"
        if es
        else f"you are at position {f.queue_position} of {f.queue_size}"
    )
    text = f"{handed}; {place}"
    if f.short_streak > 0:
        n = f.short_streak
        text += (
            f" (quedó corto {n} {'ronda seguida' if n == 1 else 'rondas seguidas'} antes de esta)"
            if es
            else f" (left short {n} {'round' if n == 1 else 'rounds'} in a row before this one)"
        )
    return text


def explain(f: Facts, language: str = "es") -> str:
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}; expected one of {LANGUAGES}.")
    es = language == "es"
    cls = CLASS_NAMES[language][f.priority]
    if f.reason == "no_claim":
        return (
            "nada que entregar: no solicitó unidades en esta ronda"
            if es
            else "nothing to serve: no units were claimed this round"
        )
    if f.reason == "class_covered":
        return (
            f"atendido completo: la cuota de {f.group} alcanzó para todas las solicitudes "
            f"de la clase de prioridad «{cls}»"
            if es
            else f"served in full: the share of {f.group} covered every claim "
            f"in priority class {cls}"
        )
    if f.reason == "group_share_empty":
        return (
            f"no atendido: {f.group} no recibió unidades en el reparto de esta ronda"
            if es
            else f"not served: {f.group} received no units in this round's apportionment"
        )
    if f.reason == "higher_classes_used_share":
        return (
            f"no atendido: la cuota de {f.group} ({_units(f.group_share, language)}) se agotó "
            f"con las clases de mayor prioridad antes de llegar a la clase «{cls}»"
            if es
            else f"not served: the share of {f.group} ({_units(f.group_share, language)}) "
            f"was used up by higher priority classes before class {cls}"
        )
    short = (
        f"la cuota de {f.group} se agotó dentro de la clase de prioridad «{cls}»"
        if es
        else f"the share of {f.group} ran out within priority class {cls}"
    )
    if f.reason == "equal_share_covers_claim":
        level = _units(f.class_level or 0, language)
        return (
            f"atendido completo: {short}, donde cada hogar recibió hasta {level}; "
            f"su solicitud de {_units(f.claimed, language)} cabe en eso"
            if es
            else f"served in full: {short}, where every household got up to {level}; "
            f"your claim of {_units(f.claimed, language)} is within that"
        )
    return f"{_outcome(f, language)}: {short}; {_queue(f, language)}"
