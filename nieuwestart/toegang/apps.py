from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToegangConfig(AppConfig):
    name = "nieuwestart.toegang"
    verbose_name = _("Toegang")
