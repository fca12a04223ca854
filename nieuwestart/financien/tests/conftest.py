from nieuwestart.rapportages.tests.conftest import besluiten  # noqa: F401  (shared fixture)
