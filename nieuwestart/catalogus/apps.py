from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "nieuwestart.catalogus"
    verbose_name = _("Sociale kaart")
