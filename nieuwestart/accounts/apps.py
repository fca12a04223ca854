from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "nieuwestart.accounts"
    verbose_name = _("Gebruikers en teams")

    def ready(self):
        from . import beveiligingslog  # noqa: F401  (connects the login/logout receivers)
