"""Filters of the API lists (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from nieuwestart.dossiers.models import Doelgroep, Dossier, DossierStatus


class DossierFilter(django_filters.FilterSet):
    # distinct=False: a filter on a column of the dossier itself cannot produce duplicates, and
    # SELECT DISTINCT over every column would cost a sort over the whole team (5x slower).
    status = django_filters.MultipleChoiceFilter(
        choices=DossierStatus.choices, distinct=False, help_text=_("Eén of meer statussen")
    )
    doelgroep = django_filters.ChoiceFilter(choices=Doelgroep.choices)
    # Bounded: a number beyond the database's integer range is a 400, not a database error.
    team = django_filters.NumberFilter(field_name="team_id", min_value=1, max_value=2**31 - 1, help_text=_("Id van het team"))
    behandelaar = django_filters.CharFilter(field_name="behandelaar__username", help_text=_("Gebruikersnaam van de consulent"))
    gewijzigd_vanaf = django_filters.IsoDateTimeFilter(
        field_name="gewijzigd_op", lookup_expr="gte", help_text=_("Alleen dossiers die sinds dit moment zijn gewijzigd"),
    )

    class Meta:
        model = Dossier
        fields = ["status", "doelgroep", "team", "behandelaar", "gewijzigd_vanaf"]
