"""The one settings module of Satu Pintu. Every knob is an SP_* environment variable."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from satupintu.env import env_bool, env_int, env_list, env_secret, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent

DEBUG = env_bool("SP_DEBUG", False)
# Demo mode loads demo accounts and shows them on the login page; never in production.
DEMO = env_bool("SP_DEMO", False)

SECRET_KEY = env_secret("SP_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set SP_SECRET_KEY or SP_SECRET_KEY_FILE (make run writes var/dev.env for you)."
    )

ALLOWED_HOSTS = env_list("SP_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("SP_CSRF_TRUSTED_ORIGINS")

SITE_NAME = env_str("SP_SITE_NAME", "Satu Pintu")
# The kota/kabupaten this instance serves, as a Kemendagri code present in the reference data.
CITY_REGION_CODE = env_str("SP_CITY_REGION_CODE", "64.71")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks_db",
    "satupintu.core",
    "satupintu.org",
    "satupintu.accounts",
    "satupintu.notifications",
    "satupintu.cases",
    "satupintu.complaints",
    "satupintu.documents",
    "satupintu.catalog",
    "satupintu.applications",
    "satupintu.open311",
    "satupintu.intake",
    "satupintu.letters",
    "satupintu.backoffice",
    "satupintu.minutes",
    "satupintu.portal",
    "satupintu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "satupintu.core.locale.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "satupintu.core.middleware.RequestContextMiddleware",
    "satupintu.accounts.middleware.StaffMfaRequiredMiddleware",
    # Axes must be last so it sees the result of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "satupintu.urls"
WSGI_APPLICATION = "satupintu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "satupintu.portal.context_processors.site",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("SP_DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'satupintu.sqlite3'}"),
        conn_max_age=env_int("SP_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN,
    # so concurrent writers queue on busy_timeout instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
# Shared by every process (gunicorn workers, task worker): rate limits, login locks and the
# holiday table's version must agree across them. The database table needs no extra service;
# set SP_REDIS_URL to use Redis instead.
if env_str("SP_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("SP_REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sp_cache",
        }
    }
# Rendered public pages for anonymous visitors, per process: a short-lived copy is enough to
# take the load of a front page off the database (see portal/caching.py).
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "satupintu-pages",
    "TIMEOUT": env_int("SP_PAGE_CACHE_SECONDS", 60),
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("SP_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "portal:home"

ACCOUNT_ADAPTER = "satupintu.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "satupintu.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email", "phone"}
# allauth's checks want e-mail required for code verification; our SignupForm relaxes it to
# "e-mail or phone" and our stages skip e-mail verification for phone-only accounts.
ACCOUNT_SIGNUP_FIELDS = ["email*", "phone", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    # django-axes owns failed-login locking (10 failures); allauth keeps its other limits.
    "login_failed": False,
    # Per number, not per IP: many citizens sign up from one kelurahan office connection.
    "verify_phone": "1/30s/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME

SILENCED_SYSTEM_CHECKS = [
    "account.W001",  # phone is a login method but optional at signup (e-mail OR phone)
    "axes.W006",  # we lock the targeted account, not the IP: a kelurahan office shares one IP
]
AXES_ENABLED = env_bool("SP_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("SP_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SP_LOGIN_LOCK_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "satupintu.accounts.lockout.login_key"
AXES_LOCKOUT_CALLABLE = "satupintu.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password", "login"]
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# --- Personal data encryption ---------------------------------------------------------------
# Comma-separated Fernet keys; the first encrypts, all decrypt (rotate by prepending a new one
# and running `manage.py rotate_field_keys`).
FIELD_ENCRYPTION_KEYS = env_list("SP_FIELD_KEYS")
BLIND_INDEX_KEY = env_secret("SP_BLIND_INDEX_KEY")
if not FIELD_ENCRYPTION_KEYS or not BLIND_INDEX_KEY:
    raise ImproperlyConfigured(
        "Set SP_FIELD_KEYS (Fernet keys) and SP_BLIND_INDEX_KEY (make run writes var/dev.env)."
    )

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("SP_TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True

# --- Static files and storage ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env_str("SP_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))).resolve()
# No MEDIA_URL is routed: private files are streamed by views after a permission check.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600 * 24 * 30

# --- E-mail ---------------------------------------------------------------------------------
_EMAIL_BACKEND = env_str(
    "SP_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": {}}}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("SP_EMAIL_HOST", "localhost"),
        "port": env_int("SP_EMAIL_PORT", 25),
        "username": env_str("SP_EMAIL_HOST_USER", ""),
        "password": env_secret("SP_EMAIL_HOST_PASSWORD") or "",
        "use_tls": env_bool("SP_EMAIL_USE_TLS", False),
        "timeout": 20,
    }
DEFAULT_FROM_EMAIL = env_str("SP_DEFAULT_FROM_EMAIL", "Satu Pintu <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SMS_BACKEND = env_str("SP_SMS_BACKEND", "satupintu.notifications.sms.LoggingSmsBackend")

# WhatsApp Business Cloud API (see docs/configuration.md); without a token messages are logged.
WHATSAPP_CLIENT = env_str(
    "SP_WHATSAPP_CLIENT",
    "satupintu.notifications.whatsapp.CloudApiClient"
    if env_secret("SP_WHATSAPP_TOKEN")
    else "satupintu.notifications.whatsapp.LoggingClient",
)
WHATSAPP_API_BASE = env_str("SP_WHATSAPP_API_BASE", "https://graph.facebook.com/v21.0")
WHATSAPP_TOKEN = env_secret("SP_WHATSAPP_TOKEN") or ""
WHATSAPP_PHONE_NUMBER_ID = env_str("SP_WHATSAPP_PHONE_NUMBER_ID", "")
WHATSAPP_APP_SECRET = env_secret("SP_WHATSAPP_APP_SECRET") or ""
WHATSAPP_VERIFY_TOKEN = env_secret("SP_WHATSAPP_VERIFY_TOKEN") or ""
# Approved template for messages outside WhatsApp's 24-hour window: its body is "{{1}}".
WHATSAPP_TEMPLATE = env_str("SP_WHATSAPP_TEMPLATE", "")
WHATSAPP_TEMPLATE_LANGUAGE = env_str("SP_WHATSAPP_TEMPLATE_LANGUAGE", "id")

# Complaints by e-mail (see docs/intake.md): a forwarder POSTs parsed e-mails to /intake/email/
# with this bearer token, and/or `manage.py fetch_mail` reads an IMAP mailbox.
INBOUND_EMAIL_TOKEN = env_secret("SP_INBOUND_EMAIL_TOKEN") or ""
IMAP_HOST = env_str("SP_IMAP_HOST", "")
IMAP_SSL = env_bool("SP_IMAP_SSL", True)
IMAP_PORT = env_int("SP_IMAP_PORT", 993 if IMAP_SSL else 143)
IMAP_USER = env_str("SP_IMAP_USER", "")
IMAP_PASSWORD = env_secret("SP_IMAP_PASSWORD") or ""
IMAP_FOLDER = env_str("SP_IMAP_FOLDER", "INBOX")

# Absolute address of the site, for links in e-mails and messages.
PUBLIC_BASE_URL = env_str("SP_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Security -------------------------------------------------------------------------------
HTTPS = env_bool("SP_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0  # sent only on HTTPS responses
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_SSL_REDIRECT = env_bool("SP_SSL_REDIRECT", False)
if env_bool("SP_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Map (the complaint form's point picker; satupintu.core.maptiles) ------------------------
# Tiles come from an MBTiles file served at /peta/ubin/ (nothing from other hosts), or from an
# external {z}/{x}/{y} URL template, whose host is then allowed in img-src. Neither: the picker
# opens without a base map and the kelurahan select still works.
MAP_MBTILES = env_str("SP_MAP_MBTILES", "")
MAP_TILE_URL = env_str("SP_MAP_TILE_URL", "")
MAP_ATTRIBUTION = env_str("SP_MAP_ATTRIBUTION", "")
MAP_ZOOM = env_int("SP_MAP_ZOOM", 13)
try:
    MAP_CENTER = tuple(float(v) for v in env_list("SP_MAP_CENTER", ["-1.2379", "116.8529"]))
    if len(MAP_CENTER) != 2 or not (-90 <= MAP_CENTER[0] <= 90 and -180 <= MAP_CENTER[1] <= 180):
        raise ValueError
except ValueError as exc:
    raise ImproperlyConfigured("SP_MAP_CENTER must be 'latitude,longitude'") from exc
if MAP_TILE_URL:
    from satupintu.core.maptiles import csp_tile_source

    try:
        SECURE_CSP["img-src"].append(csp_tile_source(MAP_TILE_URL))
    except ValueError as exc:
        raise ImproperlyConfigured(f"SP_MAP_TILE_URL: {exc}") from exc

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("SP_API_ANON_RATE", "120/min"),
        "user": env_str("SP_API_USER_RATE", "1200/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Satu Pintu API",
    "DESCRIPTION": "Public and staff API of Satu Pintu. Staff endpoints need a session with TOTP.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`/`kind`: give each choice set a stable, readable name.
    "ENUM_NAME_OVERRIDES": {
        "OrgUnitKindEnum": "satupintu.org.models.OrgUnit.Kind",
        "MeetingKindEnum": "satupintu.minutes.models.Meeting.Kind",
        "MeetingStatusEnum": "satupintu.minutes.models.Meeting.Status",
        "AttendanceStatusEnum": "satupintu.minutes.models.Attendance.Status",
        "LetterStatusEnum": "satupintu.letters.models.Letter.Status",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "satupintu.core.logging.PersonalDataMaskingFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("SP_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Development-only conveniences.
if DEBUG:
    STORAGES["staticfiles"] = {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
    }
    WHITENOISE_AUTOREFRESH = True

BENCH_VIEW_ENABLED = env_bool("SP_BENCH", False)
