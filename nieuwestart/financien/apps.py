from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancienConfig(AppConfig):
    name = "nieuwestart.financien"
    verbose_name = _("Kosten, Spuk en SiSa")
