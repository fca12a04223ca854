from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverdrachtConfig(AppConfig):
    name = "nieuwestart.overdracht"
    verbose_name = _("Overdracht tussen gemeenten")
