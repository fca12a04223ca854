from django.contrib import admin

from .models import ExtraFeestdag


@admin.register(ExtraFeestdag)
class ExtraFeestdagAdmin(admin.ModelAdmin):
    list_display = ("datum", "naam", "grondslag")
