"""The language of the commune's records, and how each kind of text finds its reader's language.

Three kinds of text reach a page, and each is shown in one way:

- **The interface** (labels, messages, refusals): English message ids in the code, shown in
  the reader's language through the catalogue.
- **Names the code defines and the commune only uses**: units, kinds, statuses (choices, shown
  with ``get_…_display``), and the standard chart of accounts. They are stored as a key (a
  code, or for an account of the standard chart its English message id) and translated when
  shown (``Account.display_name``, the ``unit_name`` filter). A key, not a translation frozen
  at creation, because the same chart is opened for every commune and read by people of
  either language, and an account the commune opens itself keeps the name it was given (a
  name the catalogue does not know is shown as it is).
- **Records**: what is written down once and must read the same to everyone afterwards: the
  journal's descriptions (hash-chained, exported, approved by the parliament), a decision's
  follow-up notes, a statement's label, a share's label, what the demo invents. A record the
  code writes for the commune is written in the commune's language, whoever triggers it and
  whatever language their screen is in, and shown as written, like a name a person typed. The
  commune's language is the installation's first language (``settings.LANGUAGE_CODE``:
  Spanish), since a commune's books and actas are kept in it.

``as_recorded(gettext_lazy(...))`` gives such a text; ``records_language()`` is the context
in which to write a longer one.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise


def records_language() -> translation.override:
    """``with records_language(): text = gettext(...)``: the text as the records keep it."""
    return translation.override(settings.LANGUAGE_CODE)


def as_recorded(message: Promise | str, **values: object) -> str:
    """A message (``gettext_lazy``) as the records keep it: in the commune's language, with
    ``values`` put into its placeholders. What is written is never the reader's language, but
    a refusal raised beside it still is, as the message stays lazy until here."""
    with records_language():
        text = str(message)
        return text % values if values else text
