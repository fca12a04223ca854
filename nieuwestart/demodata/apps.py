from django.apps import AppConfig


class DemodataConfig(AppConfig):
    name = "nieuwestart.demodata"
    verbose_name = "Demodata"
