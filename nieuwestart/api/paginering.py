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
