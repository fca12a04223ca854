from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KetenpartnersConfig(AppConfig):
    name = "nieuwestart.ketenpartners"
    verbose_name = _("Bijzondere doelgroepen en ketenpartners")
