from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeschikkingenConfig(AppConfig):
    name = "nieuwestart.beschikkingen"
    verbose_name = _("Beschikkingen en bezwaren")
