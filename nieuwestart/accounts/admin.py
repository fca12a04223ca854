from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Team, User


def _alleen_superusers(request) -> bool:
    """The Django admin is for superusers (technical administrators) only.

    Django lets any active ``is_staff`` user with model permissions in. A functioneel beheerder
    with "change user" could then tick ``is_superuser`` on their own account (privilege
    escalation), and admin changes bypass the security log. The functioneel beheerder works
    through the app's own screens instead, which check roles and write the security log.
    """
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _alleen_superusers


@admin.register(User)
class NieuweStartUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Teams", {"fields": ("teams",)}),)
    filter_horizontal = ("groups", "user_permissions", "teams")


admin.site.register(Team)
