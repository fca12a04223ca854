"""Cursor pagination: stable under inserts, and as fast on page 1,000 as on page 1 (no OFFSET)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import CursorPagination


class Cursorpaginering(CursorPagination):
    ordering = ("id",)  # unique and indexed: a stable order for every list
    page_size = 50
    page_size_query_param = "aantal"
    max_page_size = 200
    cursor_query_description = _("Cursor van de volgende of vorige pagina (uit 'next' of 'previous').")
    page_size_query_description = _("Aantal per pagina (standaard 50, hoogstens 200).")
    invalid_cursor_message = _("Deze cursor is ongeldig. Gebruik de link uit 'next' of 'previous'.")
