"""Test settings: the same code on SQLite by default, PostgreSQL when DATABASE_URL is set."""

from .base import *  # noqa: F401,F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Background tasks run at once, in the request (one test uses the database backend and its worker).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "voortgang": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "voortgang"},
}
