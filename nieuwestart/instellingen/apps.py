from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstellingenConfig(AppConfig):
    name = "nieuwestart.instellingen"
    verbose_name = _("Lokaal beleid")
