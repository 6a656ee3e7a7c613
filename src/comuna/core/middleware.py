"""Input refused at the door, before any view reads it.

Whatever a page or the API takes, its address, its query string and the fields of a form sent
(urlencoded or multipart) hold no control character (a NUL byte among them, which PostgreSQL
cannot store), and no query-string value is longer than a person types into a search box.
The answer is a 400 with the reason in the person's language: the refusal page for a page,
``{"detail": …}`` for the API. The files of a multipart form are not read here (the CSRF
check has parsed the body already; the forms check the files).

The lengths of the text a form keeps are declared on its fields, from the columns that keep
them; ``POST_VALUE_LIMIT`` is only the last line behind those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from comuna.core.validators import CONTROL_MESSAGE, has_control_characters

_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
# Paths answered in JSON.
JSON_PREFIXES = ("/api/",)
QUERY_VALUE_LIMIT = 1_000
POST_VALUE_LIMIT = 50_000


class BadInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        json = request.path.startswith(JSON_PREFIXES)
        problem = _problem(request, form=not json)
        if problem is None:
            return None
        if json:
            return JsonResponse({"detail": problem}, status=400)
        raise BadRequest(problem)


def _problem(request: HttpRequest, *, form: bool) -> str | None:
    """What is wrong with the request's path, query string and (when ``form``) form fields.

    The API's bodies are read and checked by its schemas."""
    if has_control_characters(request.path):
        return str(CONTROL_MESSAGE)
    problem = _in(request.GET, QUERY_VALUE_LIMIT)
    if problem is None and form and request.method == "POST" and request.content_type in _FORMS:
        try:
            problem = _in(request.POST, POST_VALUE_LIMIT)
        except MultiPartParserError:
            problem = _("The form sent could not be read. Reload the page and send it again.")
    return problem


def _in(data: QueryDict, limit: int) -> str | None:
    for key, values in data.lists():
        texts: Iterable[str] = [key, *values]
        for text in texts:
            if has_control_characters(text):
                return str(CONTROL_MESSAGE)
            if len(text) > limit:
                return _("A value sent is longer than %(limit)s characters.") % {
                    "limit": number_format(limit, force_grouping=True)
                }
    return None
