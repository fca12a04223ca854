from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeeindigingConfig(AppConfig):
    name = "nieuwestart.beeindiging"
    verbose_name = _("Beëindiging, warme overdracht en nazorg")
