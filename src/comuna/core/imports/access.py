"""Who may see an upload: whoever made it, and nobody else (404 otherwise)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser as User
from django.http import Http404
from django.utils.translation import gettext as _

from comuna.core.models import Commune, Upload


def upload_for_user(user: User, *, kind: str, commune: Commune, pk: int) -> Upload:
    """An upload of ``kind`` that ``user`` made in ``commune``, or 404: an id reveals nothing.

    The caller has already checked that ``user`` may import ``kind`` at all.
    """
    upload = (
        Upload.objects.of(commune)
        .select_related("commune", "uploaded_by")
        .defer("content")  # the rows were read on upload; the file is not needed again
        .filter(pk=pk, kind=kind, uploaded_by_id=user.pk)
        .first()
    )
    if upload is None:
        raise Http404(_("No such import in your reach."))
    return upload
