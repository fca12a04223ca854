from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "nieuwestart.common"
    verbose_name = "Gemeenschappelijk"
