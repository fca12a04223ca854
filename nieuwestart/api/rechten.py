"""DRF permission: the view's one Toegangsregel (the screens' rule) and, for an application token, its scope.

Kept apart from ``toegang.py`` because DRF imports it while loading its settings.
"""

from django.utils.translation import gettext as _
from rest_framework import permissions

from .models import ApiApplicatie, Scope


class VolgensToegangsregel(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False  # DRF answers 401 (with WWW-Authenticate) for a request without valid credentials
        if not view.toegangsregel.staat_toe(request.user):
            self.message = _("U mag dit niet. Hiervoor is nodig: %(regel)s.") % {"regel": view.toegangsregel.omschrijving}
            return False
        scope = getattr(view, "scope", None)
        if isinstance(request.auth, ApiApplicatie):
            # Fails closed: an API view without a scope is open to no application token.
            if not scope:
                self.message = _("Deze opvraging is niet open voor API-applicaties.")
                return False
            if not request.auth.heeft_scope(scope):
                self.message = _("Deze API-applicatie heeft de scope '%(scope)s' niet (%(uitleg)s). Vraag de "
                                 "functioneel beheerder deze scope toe te voegen (Beheer, API-applicaties).") % {
                    "scope": scope, "uitleg": Scope(scope).label,
                }
                return False
        return True
