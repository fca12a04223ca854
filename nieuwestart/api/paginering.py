"""Cursor pagination: stable under inserts, and as fast on page 1,000 as on page 1 (no OFFSET)."""

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

GROOTSTE_ID = 2**63 - 1  # the largest id a database id column holds: a larger number is no object


def _geldige_positie(positie: str, volgorde) -> bool:
    if volgorde[0].lstrip("-") == "id":
        return positie.isascii() and positie.isdigit() and int(positie) <= GROOTSTE_ID
    try:
        return parse_datetime(positie) is not None
    except ValueError:  # well-formed but impossible, such as month 13
        return False


class Cursorpaginering(CursorPagination):
    ordering = ("id",)  # unique and indexed: a stable order for every list
    page_size = 50
    page_size_query_param = "aantal"
    max_page_size = 200
    cursor_query_description = _("Cursor van de volgende of vorige pagina (uit 'next' of 'previous').")
    page_size_query_description = _("Aantal per pagina (standaard 50, hoogstens 200).")
    invalid_cursor_message = _("Deze cursor is ongeldig. Gebruik de link uit 'next' of 'previous'.")

    def decode_cursor(self, request):
        # A position is an id (a whole number) or, in the import list, a moment. Anything else (a cursor made
        # by hand) is an invalid cursor, not an error inside the database query.
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not _geldige_positie(cursor.position, self.ordering):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_page_size(self, request):
        # A wrong page size is an error, not silently the default (the client should know).
        waarden = request.query_params.getlist(self.page_size_query_param)
        if not waarden:
            return self.page_size
        if len(waarden) > 1 or not waarden[0].isdigit() or int(waarden[0]) < 1:
            from rest_framework.exceptions import ValidationError

            raise ValidationError({self.page_size_query_param: [_("Geef een heel getal van 1 tot en met 200.")]})
        return min(int(waarden[0]), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for p in parameters:
            if p["name"] == self.page_size_query_param:
                p["schema"] = {"type": "integer", "minimum": 1}
        return parameters
