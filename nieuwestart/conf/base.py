"""Settings shared by every environment; everything that differs comes from the environment.

SQLite (WAL mode) is the embedded default; set DATABASE_URL for PostgreSQL.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "nieuwestart"


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "ja"}


def env_int(name: str, default: int) -> int:
    waarde = os.environ.get(name, "").strip()
    return int(waarde) if waarde else default


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "nieuwestart.common",
    "nieuwestart.accounts",
    "nieuwestart.instellingen",
    "nieuwestart.termijnen",
    "nieuwestart.dossiers",
    "nieuwestart.aanmeldingen",
    "nieuwestart.meldingen",
    "nieuwestart.catalogus",
    "nieuwestart.beschikkingen",
    "nieuwestart.plannen",
    "nieuwestart.demodata",
    "nieuwestart.toegang",
    "nieuwestart.logboek",
    "nieuwestart.bewaartermijnen",
    "nieuwestart.beeindiging",
    "nieuwestart.ketenpartners",
    "nieuwestart.overdracht",
    "rest_framework",
    "drf_spectacular",
    "nieuwestart.api",
    "nieuwestart.zaakregistratie",
    "nieuwestart.financien",
    "nieuwestart.rapportages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.otp_device / is_verified() from the session (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Every logged-in user needs a second factor in this session (BIO): see docs/authenticatie.md.
    "nieuwestart.accounts.middleware.MfaVerplichtMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a lockout into the Dutch login page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nieuwestart.urls"
WSGI_APPLICATION = "nieuwestart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nieuwestart.common.context_processors.navigatie",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'nieuwestart.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers (the worklist) run while a registration commits; IMMEDIATE
    # takes the write lock at BEGIN so two writers never dead-lock on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;"
        ),
    }

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Server-side binding with prepared statements: psycopg prepares a statement once a connection
    # has run it five times, so PostgreSQL plans each of the API's queries once per connection
    # instead of on every request (planning the dossier query took 1.9 ms, running it 0.1 ms).
    # Pays off with persistent connections (DB_CONN_MAX_AGE). Behind a pooler in transaction mode
    # without prepared-statement support (PgBouncer < 1.21) set DB_PREPARE_THRESHOLD=0 to switch
    # preparing off. See docs/performance.md.
    _drempel = env_int("DB_PREPARE_THRESHOLD", 5)
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "server_side_binding": env_bool("DB_SERVER_SIDE_BINDING", True),
        "prepare_threshold": _drempel if _drempel > 0 else None,
    })

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dossiers:werkvoorraad"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# NL Design System CSS comes from npm (see docs/decisions/0002-css.md); the set-up
# command installs it into node_modules.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/utrecht/components", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht/tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Background work (portal imports): Django's tasks framework, queued in the database ---
# Run the worker next to the web server: `manage.py db_worker` (make run does; see docs/architecture.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Import progress is written outside the import's one transaction, so it goes to a cache that
# web and worker processes share: files under var/ (one machine), or NS_VOORTGANG_MAP.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "voortgang": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("NS_VOORTGANG_MAP") or str(BASE_DIR / "var" / "voortgang"),
        "TIMEOUT": 24 * 3600,
    },
}
# Counters of the API limits (api/begrenzing.py). Per process by default; with several web workers
# point NS_API_CACHE_URL at a shared Redis (redis://host:6379/1) so the limits hold for all of them.
CACHES["api"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["NS_API_CACHE_URL"]}
    if os.environ.get("NS_API_CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"}
)
NS_IMPORT_MAX_MB = env_int("NS_IMPORT_MAX_MB", 50)

# --- Sessions: end after inactivity and when the browser closes (docs/authenticatie.md) ---
SESSION_COOKIE_AGE = env_int("NS_SESSIE_MINUTEN", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True  # every request restarts the inactivity clock
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers (production adds HTTPS, HSTS and secure cookies) ---
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (Django's own middleware): only our own files, no inline script
# or style. htmx's inline indicator style is switched off in base.html (htmx-config meta).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# --- Login: password (+ optional OIDC), throttled by django-axes ---
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before any check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NS_LOGIN_MAX_POGINGEN", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NS_LOGIN_BLOKKADE_MINUTEN", 30))
# Count per username from one address: a stranger cannot lock a colleague out from elsewhere,
# and guessing one account from one address stops after AXES_FAILURE_LIMIT tries.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nieuwestart.accounts.views.vergrendeld"
AXES_SENSITIVE_PARAMETERS = ["username", "password", "ip_address"]
AXES_VERBOSE = False
# Behind a reverse proxy: the number of proxies in front of Django, so the client's own
# address (X-Forwarded-For) is counted, not the proxy's.
if os.environ.get("NS_PROXY_AANTAL"):
    AXES_IPWARE_PROXY_COUNT = env_int("NS_PROXY_AANTAL", 1)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

# --- Second factor (django-otp): TOTP app + one-time recovery codes ---
OTP_TOTP_ISSUER = os.environ.get("NS_OTP_UITGEVER", "Nieuwe Start")
# Exponential back-off after a wrong code (1, 2, 4, 8 … seconds × factor); 0 would switch it off.
OTP_TOTP_THROTTLE_FACTOR = max(1, env_int("NS_OTP_VERTRAGING_FACTOR", 1))
OTP_STATIC_THROTTLE_FACTOR = max(1, env_int("NS_OTP_VERTRAGING_FACTOR", 1))
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
NS_MFA_HERSTELCODES = 10

# --- Optional single sign-on with OpenID Connect (mozilla-django-oidc), off by default ---
NS_OIDC_ENABLED = env_bool("NS_OIDC_ENABLED", False)
NS_OIDC_MFA_DOOR_IDP = env_bool("NS_OIDC_MFA_DOOR_IDP", False)
NS_OIDC_GEBRUIKERSNAAM_CLAIM = os.environ.get("NS_OIDC_GEBRUIKERSNAAM_CLAIM", "preferred_username")
NS_OIDC_GROEPEN_CLAIM = os.environ.get("NS_OIDC_GROEPEN_CLAIM", "groups")
try:
    NS_OIDC_ROLLEN = json.loads(os.environ.get("NS_OIDC_ROLLEN") or "{}")
except json.JSONDecodeError as fout:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"NS_OIDC_ROLLEN is geen geldige JSON: {fout}") from None
NS_OIDC_TEAMS_CLAIM = os.environ.get("NS_OIDC_TEAMS_CLAIM", "")
NS_OIDC_KNOP_TEKST = os.environ.get("NS_OIDC_KNOP_TEKST", "")


def _oidc_verplicht(name: str) -> str:
    waarde = os.environ.get(name, "").strip()
    if not waarde:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"NS_OIDC_ENABLED staat aan, maar {name} is niet gezet.")
    return waarde


if NS_OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("nieuwestart.accounts.oidc.NieuweStartOIDCBackend")
    OIDC_RP_CLIENT_ID = _oidc_verplicht("NS_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = _oidc_verplicht("NS_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc_verplicht("NS_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = _oidc_verplicht("NS_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _oidc_verplicht("NS_OIDC_USERINFO_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("NS_OIDC_JWKS_ENDPOINT") or None
    OIDC_RP_SIGN_ALGO = os.environ.get("NS_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("NS_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?sso=mislukt"

# Key for the keyed hash of the BSN in the processing log (docs/logboeken.md); from the vault.
NS_LOGBOEK_SLEUTEL = os.environ.get("NS_LOGBOEK_SLEUTEL", "")
# Parts per log chain, so concurrent writers on PostgreSQL do not queue (docs/logboeken.md).
NS_LOGBOEK_DELEN = int(os.environ.get("NS_LOGBOEK_DELEN", "8"))

# --- REST API (/api/v1/, docs/api.md) ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "nieuwestart.api.authenticatie.ApplicatieTokenAuthenticatie",
        "nieuwestart.api.authenticatie.OidcBearerAuthenticatie",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["nieuwestart.api.rechten.VolgensToegangsregel"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "nieuwestart.api.problemen.uitzondering_afhandelen",
    "DEFAULT_THROTTLE_CLASSES": ["nieuwestart.api.begrenzing.PerApplicatie"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
}
# Limits (api/begrenzing.py, docs/api.md); 0 switches a limit off.
NS_API_VERZOEKEN_PER_MINUUT = env_int("NS_API_VERZOEKEN_PER_MINUUT", 600)
NS_API_FOUTE_SLEUTELS_MAX = env_int("NS_API_FOUTE_SLEUTELS_MAX", 20)
NS_API_BLOKKADE_MINUTEN = env_int("NS_API_BLOKKADE_MINUTEN", 10)
SPECTACULAR_SETTINGS = {
    "TITLE": "Nieuwe Start API",
    "DESCRIPTION": (
        "REST API van Nieuwe Start, het zaaksysteem voor brede ondersteuning onder de Wet hersteloperatie "
        "toeslagen. Dezelfde rollen, teams en regels als in de schermen; elke opvraging van persoonsgegevens "
        "komt in het verwerkingenlogboek. Fouten zijn RFC 7807-problemen (application/problem+json) met een "
        "Nederlandse uitleg in 'detail'. Lijsten zijn per pagina met een cursor (next/previous)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DossierstatusEnum": "nieuwestart.dossiers.models.DossierStatus",
        "TermijnstandEnum": "nieuwestart.termijnen.engine.TermijnStatus",
        "PlanstatusEnum": "nieuwestart.plannen.models.Planstatus",
        "VerificatieuitkomstEnum": "nieuwestart.dossiers.models.VerificatieUitkomst",
        "BezwaaruitkomstEnum": "nieuwestart.beschikkingen.models.BezwaarUitkomst",
        "LeefgebiedEnum": "nieuwestart.dossiers.models.Leefgebied",
        # The name it had before contact attempts used it too: generated clients keep their type name.
        "VoorkeurskanaalEnum": "nieuwestart.dossiers.models.Contactkanaal",
        "OverdrachtstatusEnum": "nieuwestart.beeindiging.models.Overdrachtstatus",
        "ContactuitkomstEnum": "nieuwestart.beeindiging.models.Contactuitkomst",
        "ControleuitkomstEnum": "nieuwestart.beeindiging.models.Controleuitkomst",
    },
    "SORT_OPERATIONS": False,
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

FORM_RENDERER = "nieuwestart.common.forms.NlDesignFormRenderer"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
