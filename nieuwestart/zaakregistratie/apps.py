from django.apps import AppConfig


class ZaakregistratieConfig(AppConfig):
    name = "nieuwestart.zaakregistratie"
    label = "zaakregistratie"
    verbose_name = "Zaakregistratie (ZGW)"

    def ready(self):
        from . import checks, signalen  # noqa: F401
