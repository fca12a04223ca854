"""Lets the terms tests run before the project has pytest settings.

The terms package is pure: it needs Django only for TextChoices and gettext_lazy.
When no settings are known yet (neither configured nor DJANGO_SETTINGS_MODULE set),
configure a minimal set so lazy strings can be rendered; the project's own settings
always win when present.
"""

import os

import django
from django.conf import settings

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure(USE_I18N=True, LANGUAGE_CODE="nl", INSTALLED_APPS=[])
    django.setup()
