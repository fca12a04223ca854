"""Make the shared fixtures of nieuwestart/conftest.py available to the cross-app tests here."""

from nieuwestart.conftest import *  # noqa: F401,F403
