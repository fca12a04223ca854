from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Team, User


@admin.register(User)
class NieuweStartUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("Teams", {"fields": ("teams",)}),)
    filter_horizontal = ("groups", "user_permissions", "teams")


admin.site.register(Team)
