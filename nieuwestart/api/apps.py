from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nieuwestart.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        # drf-spectacular finds the authentication extensions by importing them.
        from . import schema  # noqa: F401
