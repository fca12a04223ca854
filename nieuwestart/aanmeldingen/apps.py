from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanmeldingenConfig(AppConfig):
    name = "nieuwestart.aanmeldingen"
    verbose_name = _("Aanmeldingen")
