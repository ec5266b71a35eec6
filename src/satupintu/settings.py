"""The one settings module of Satu Pintu. Every knob is an SP_* environment variable."""

import hashlib
import hmac
import ipaddress
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
    # Before the admin: it patches model admins to show one field per language.
    "modeltranslation",
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
    "satupintu.uploads",
    "satupintu.notifications",
    "satupintu.cases",
    "satupintu.complaints",
    "satupintu.documents",
    "satupintu.catalog",
    "satupintu.applications",
    "satupintu.open311",
    "satupintu.intake",
    "satupintu.assisted",
    "satupintu.queues",
    "satupintu.surveys",
    "satupintu.dashboards",
    "satupintu.spbe",
    "satupintu.letters",
    "satupintu.backoffice",
    "satupintu.minutes",
    "satupintu.geo",  # the one map /peta/ and its layers (docs/maps.md)
    "satupintu.dprd",
    "satupintu.news",  # berita, pengumuman, agenda kota (docs/news.md)
    "satupintu.guides",
    "satupintu.projects",  # development projects /proyek/ (docs/projects.md)
    "satupintu.portal",
    "satupintu.onedoor",  # "Urusan saya", notification centre (docs/one-door.md)
    "satupintu.opendata",  # /data/, CKAN Action API, DCAT (docs/open-data.md)
    "satupintu.demo",
    "satupintu.cityconfig",
    "satupintu.pwa",  # manifest, service worker, offline pages, web push (docs/pwa.md)
]

MIDDLEWARE = [
    # First: REMOTE_ADDR becomes the client's address behind trusted proxies (SP_TRUSTED_PROXIES).
    "satupintu.core.middleware.ClientAddressMiddleware",
    # Counts every answer per route and its time (/metrics, core/metrics.py).
    "satupintu.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HEAD is answered like GET (without body) by every view.
    "satupintu.core.request_guards.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "satupintu.core.locale.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # NUL bytes / non-UTF-8 in the address, query or form: 400 before any view.
    "satupintu.core.request_guards.BadInputMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "satupintu.core.middleware.RequestContextMiddleware",
    "satupintu.accounts.middleware.StaffMfaRequiredMiddleware",
    # Pages shown to a logged-in person are marked not to be kept offline (docs/pwa.md).
    "satupintu.pwa.middleware.OfflineCopyMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, with a health check that costs no round trip while the connection is
    # quietly idle (core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "satupintu.core.postgresql"
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
# holiday table's version (re-read every few seconds, core/workdays.py) must agree across
# them. The database table needs no extra service; set SP_REDIS_URL to use Redis instead.
# Redis down: reads miss and writes are dropped (the site keeps serving, core/cache.py), but
# limits on writes that cost money (SMS) refuse until it is back.
if env_str("SP_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "satupintu.core.cache.ResilientRedisCache",
            "LOCATION": env_str("SP_REDIS_URL"),
            "KEY_PREFIX": env_str("SP_REDIS_KEY_PREFIX", "sp"),
            "OPTIONS": {
                "socket_connect_timeout": env_int("SP_REDIS_TIMEOUT_MS", 500) / 1000,
                "socket_timeout": env_int("SP_REDIS_TIMEOUT_MS", 500) / 1000,
            },
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
# A task still RUNNING after this long lost its worker (our tasks take seconds to minutes): the
# periodic recovery (core.taskrecovery) puts it back in the queue, and marks it failed once it
# has been started this many times (a task that kills its worker must not loop forever).
TASK_STUCK_AFTER = timedelta(minutes=max(env_int("SP_TASK_STUCK_MINUTES", 30), 1))
TASK_MAX_ATTEMPTS = max(env_int("SP_TASK_MAX_ATTEMPTS", 3), 1)

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
    # Sign-up is limited by RATE_LIMITS["signup"] in the form, which keeps what was typed.
    "signup": "",
}
# Limits on public writes (satupintu.core.ratelimit): "amount/period/scope", comma-separated;
# scopes ip (client address), session, user, key (the phone number or e-mail a code goes to).
# Addresses are shared (a kelurahan office, mobile carriers' NAT): per-address limits are
# generous, per-session ones strict. See docs/configuration.md.
RATE_LIMITS = {
    "complaint": env_str("SP_RATE_LIMIT_COMPLAINT", "20/h/ip,100/d/ip,5/h/session"),
    "signup": env_str("SP_RATE_LIMIT_SIGNUP", "20/h/ip,100/d/ip,3/h/session"),
    "otp": env_str("SP_RATE_LIMIT_OTP", "20/h/ip,100/d/ip,5/h/session,5/h/key"),
    "upload": env_str("SP_RATE_LIMIT_UPLOAD", "120/h/ip,60/h/session"),
    "verify_document": env_str("SP_RATE_LIMIT_VERIFY_DOCUMENT", "30/10m/ip,10/10m/session"),
    "reporter_action": env_str("SP_RATE_LIMIT_REPORTER_ACTION", "60/h/ip,20/h/session"),
    # Starting a resumable upload (one per file; resuming one starts nothing new).
    "upload_create": env_str("SP_RATE_LIMIT_UPLOAD_CREATE", "300/h/ip,60/h/session"),
    # "Kirim tautan ini ke saya" on the complaint confirmation page; `key` is the address.
    "send_link": env_str("SP_RATE_LIMIT_SEND_LINK", "10/h/ip,30/d/ip,3/h/session,3/d/key"),
    # NIK look-ups at a counter: enough for a busy counter, too few to walk through NIKs.
    "assisted_lookup": env_str("SP_RATE_LIMIT_ASSISTED_LOOKUP", "30/h/user,150/d/user"),
    # Queue bookings (/antrean/): a family books for several people from one phone.
    "queue_booking": env_str("SP_RATE_LIMIT_QUEUE_BOOKING", "60/h/ip,300/d/ip,8/h/session"),
    # Reschedule or cancel through the private link.
    "queue_manage": env_str("SP_RATE_LIMIT_QUEUE_MANAGE", "60/h/ip,20/h/session"),
    # Satisfaction survey answers: a kiosk at a busy site sends many from one address.
    "survey": env_str("SP_RATE_LIMIT_SURVEY", "240/h/ip,1000/d/ip,10/h/session"),
    # Turning Web Push on or off for a browser (docs/pwa.md).
    "push_subscription": env_str("SP_RATE_LIMIT_PUSH_SUBSCRIPTION", "60/h/ip,20/h/user"),
    # Open-data reads (CKAN API, downloads, DCAT): harvesters walk the catalogue page by page.
    "open_data_api": env_str("SP_RATE_LIMIT_OPEN_DATA_API", "600/m/ip"),
}
# Open data (docs/open-data.md): the walidata (Satu Data Indonesia) and its contact, named on
# generated datasets; counts from 1 to OPEN_DATA_MIN_COUNT - 1 in generated data are left empty.
OPEN_DATA_WALIDATA = env_str("SP_OPEN_DATA_WALIDATA", "Dinas Komunikasi dan Informatika")
OPEN_DATA_WALIDATA_UNIT = env_str("SP_OPEN_DATA_WALIDATA_UNIT", "DISKOMINFO")
OPEN_DATA_CONTACT_NAME = env_str("SP_OPEN_DATA_CONTACT_NAME", "Walidata Satu Data")
OPEN_DATA_CONTACT_EMAIL = env_str("SP_OPEN_DATA_CONTACT_EMAIL", "data@example.go.id")
OPEN_DATA_MIN_COUNT = env_int("SP_OPEN_DATA_MIN_COUNT", 3)
# Limits on writes that cost money refuse while the shared cache (Redis) is down; the others
# let requests through uncounted until it is back (core/cache.py).
RATE_LIMITS_FAIL_CLOSED = env_list("SP_RATE_LIMITS_FAIL_CLOSED", ["otp", "send_link"])
# Bytes of files one client address may upload in an hour (complaints, applications,
# corrections, document checks), on top of the per-file limits.
UPLOAD_BYTES_PER_HOUR = env_int("SP_UPLOAD_BYTES_PER_HOUR", 300 * 1024 * 1024)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# TOTP secrets and recovery-code seeds are stored encrypted with the field keys.
MFA_ADAPTER = "satupintu.accounts.mfa_adapter.MfaAdapter"
# allauth's limit on wrong codes rides on "login_failed" (off, see above): ours, per user.
MFA_FORMS = {
    "authenticate": "satupintu.accounts.mfa_forms.LimitedAuthenticateForm",
    "reauthenticate": "satupintu.accounts.mfa_forms.LimitedReauthenticateForm",
    "activate_totp": "satupintu.accounts.mfa_forms.LimitedActivateTOTPForm",
}
MFA_CODE_FAILURE_LIMIT = env_int("SP_MFA_FAILURE_LIMIT", 5)
MFA_CODE_FAILURE_WINDOW = env_int("SP_MFA_FAILURE_WINDOW_SECONDS", 300)
# Staff set up TOTP only through a one-time link an admin issues; it expires after these hours.
TOTP_ENROLMENT_HOURS = env_int("SP_TOTP_ENROLMENT_HOURS", 72)
# Staff sessions: idle and absolute limits (citizens keep SESSION_COOKIE_AGE).
STAFF_SESSION_IDLE_SECONDS = 60 * env_int("SP_STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_SECONDS = 3600 * env_int("SP_STAFF_SESSION_MAX_HOURS", 12)

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
AXES_CLIENT_IP_CALLABLE = "satupintu.core.middleware.client_ip"

# --- Personal data encryption ---------------------------------------------------------------
# Comma-separated Fernet keys; the first encrypts, all decrypt (rotate by prepending a new one
# and running `manage.py rotate_field_keys`).
FIELD_ENCRYPTION_KEYS = env_list("SP_FIELD_KEYS")
BLIND_INDEX_KEY = env_secret("SP_BLIND_INDEX_KEY")
if not FIELD_ENCRYPTION_KEYS or not BLIND_INDEX_KEY:
    raise ImproperlyConfigured(
        "Set SP_FIELD_KEYS (Fernet keys) and SP_BLIND_INDEX_KEY (make run writes var/dev.env)."
    )

# --- Audit trail ----------------------------------------------------------------------------
# The audit chain is keyed (HMAC-SHA256) with a secret kept outside the database, so whoever can
# write to the database cannot rebuild it. Rotate by moving the key to SP_AUDIT_OLD_KEYS and
# setting a new one: rows keep the id of the key that signed them (docs/operations.md).
AUDIT_KEY = env_secret("SP_AUDIT_KEY")
_old_audit_keys = env_secret("SP_AUDIT_OLD_KEYS") or ""
AUDIT_OLD_KEYS = [key.strip() for key in _old_audit_keys.split(",") if key.strip()]
AUDIT_KEY_DERIVED = not AUDIT_KEY
if AUDIT_KEY_DERIVED:
    if not (DEMO or DEBUG):
        raise ImproperlyConfigured(
            "Set SP_AUDIT_KEY or SP_AUDIT_KEY_FILE (at least 32 random characters, kept outside "
            "the database and apart from its backups)."
        )
    # Demo and development only (a system check warns): derived, so it changes with the secret key.
    AUDIT_KEY = hmac.new(SECRET_KEY.encode(), b"satupintu-audit-chain", hashlib.sha256).hexdigest()
if len(AUDIT_KEY) < 32 or any(len(key) < 32 for key in AUDIT_OLD_KEYS):
    raise ImproperlyConfigured("SP_AUDIT_KEY and SP_AUDIT_OLD_KEYS need at least 32 characters.")

# --- Personal data retention (UU 27/2022; stated on /privasi/ and /akun/hapus/) ----------------
# When a citizen erases their account, the record of each finished application (tracking code,
# service, dates, the signed result document) is kept this many years after the application
# closed, then purged by a periodic task (applications/retention.py). Set it to the period of
# the city's archive retention schedule (JRA) for service records.
APPLICATION_RECORD_RETENTION_YEARS = env_int("SP_APPLICATION_RECORD_RETENTION_YEARS", 5)
# Names, contacts, NIK and record numbers on queue bookings are emptied this many days after
# the booked day (queues.tasks.purge_booking_personal_data); the counts stay for the figures.
QUEUE_PERSONAL_DATA_DAYS = env_int("SP_QUEUE_PERSONAL_DATA_DAYS", 90)
# The unit whose koordinator and admin make up the SPBE team (docs/spbe.md).
SPBE_TEAM_UNIT = env_str("SP_SPBE_TEAM_UNIT", "DISKOMINFO")
# A deleted application draft can be restored ("Urungkan") for this long, then it is purged.
APPLICATION_DRAFT_UNDO_HOURS = env_int("SP_APPLICATION_DRAFT_UNDO_HOURS", 24)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("SP_TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True
# Content an OPD writes (service names, requirements, complaint categories…) has one column per
# language (django-modeltranslation, docs/translation.md). Indonesian is required and is what an
# empty English field falls back to.
MODELTRANSLATION_DEFAULT_LANGUAGE = "id"
MODELTRANSLATION_LANGUAGES = ("id", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("id",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("id",)

# --- Static files and storage ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env_str("SP_MEDIA_ROOT", str(BASE_DIR / "var" / "media"))).resolve()
# No MEDIA_URL is routed: private files are streamed by views after a permission check.
# Files are encrypted at rest under the field keys (core/storage.py, docs/operations.md).
STORAGES = {
    "default": {"BACKEND": "satupintu.core.storage.EncryptedFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A cluster (several app servers, no shared disk) keeps every file in an S3-compatible object
# store instead: set SP_S3_BUCKET (and the endpoint and keys). Objects are encrypted by the app
# before upload, written private, and streamed back through the views (core/s3storage.py).
S3_BUCKET = env_str("SP_S3_BUCKET", "")
if S3_BUCKET:
    from botocore.config import Config as _BotoConfig

    STORAGES["default"] = {
        "BACKEND": "satupintu.core.s3storage.EncryptedS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("SP_S3_ENDPOINT_URL") or None,
            "region_name": env_str("SP_S3_REGION", "us-east-1"),
            "access_key": env_secret("SP_S3_ACCESS_KEY_ID"),
            "secret_key": env_secret("SP_S3_SECRET_ACCESS_KEY"),
            "location": env_str("SP_S3_PREFIX", "").strip("/"),
            "addressing_style": env_str("SP_S3_ADDRESSING_STYLE", "path"),
            "verify": env_bool("SP_S3_VERIFY_TLS", True),
            "querystring_expire": env_int("SP_S3_SIGNED_URL_SECONDS", 300),
            # A store that does not answer fails the upload quickly, with a clear message.
            "client_config": _BotoConfig(
                connect_timeout=env_int("SP_S3_CONNECT_TIMEOUT", 3),
                read_timeout=env_int("SP_S3_READ_TIMEOUT", 30),
                retries={"max_attempts": 2, "mode": "standard"},
                signature_version="s3v4",
            ),
        },
    }
WHITENOISE_MAX_AGE = 3600 * 24 * 30
# `manage.py backup` writes the database in Django's JSON with exact times (core/backup.py).
SERIALIZATION_MODULES = {"spjson": "satupintu.core.backup_serializer"}
# Files in the private storage that no row refers to (a request crashed after saving them) are
# deleted by a periodic sweep once they are older than this (core/tasks.py).
ORPHAN_FILE_GRACE_HOURS = env_int("SP_ORPHAN_FILE_GRACE_HOURS", 24)

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

# Vulnerability reports (docs/security.md): /.well-known/security.txt (RFC 9116) names this
# address; unset, the file is not served. Its Expires field is always this many days ahead.
SECURITY_CONTACT_EMAIL = env_str("SP_SECURITY_CONTACT_EMAIL", "")
SECURITY_TXT_EXPIRES_DAYS = env_int("SP_SECURITY_TXT_EXPIRES_DAYS", 180)
SECURITY_POLICY_URL = env_str("SP_SECURITY_POLICY_URL", "")

SMS_BACKEND = env_str("SP_SMS_BACKEND", "satupintu.notifications.sms.LoggingSmsBackend")
# SMS cost money: at most this many a day (site time zone) for the whole site. Past it, codes
# by SMS are refused, messages go by e-mail where the person has one (else wait for the next
# day), and /healthz reports sms.ok = false.
SMS_DAILY_BUDGET = env_int("SP_SMS_DAILY_BUDGET", 1000)
if SMS_DAILY_BUDGET < 0:
    raise ImproperlyConfigured("SP_SMS_DAILY_BUDGET must be 0 or more")

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

# Web Push (docs/pwa.md): the VAPID key pair from `manage.py generate_vapid_keys`; without it
# the "Notifikasi di perangkat ini" button is not offered. The subject is a contact URL the
# push services may use. Endpoints are accepted only on these push services' hosts (a
# subscription names a URL our worker will call: anything else would let it call anywhere).
VAPID_PRIVATE_KEY = env_secret("SP_VAPID_PRIVATE_KEY") or ""
VAPID_PUBLIC_KEY = env_str("SP_VAPID_PUBLIC_KEY", "")
VAPID_SUBJECT = env_str("SP_VAPID_SUBJECT", "")  # default: the public base URL
WEBPUSH_SERVICE_HOSTS = env_list(
    "SP_WEBPUSH_SERVICE_HOSTS",
    [
        "fcm.googleapis.com",
        "updates.push.services.mozilla.com",
        "push.apple.com",
        "notify.windows.com",
    ],
)
WEBPUSH_SUBSCRIPTIONS_PER_ACCOUNT = env_int("SP_WEBPUSH_SUBSCRIPTIONS_PER_ACCOUNT", 10)
# Tests only: accept a local push service on plain HTTP (never set from the environment).
WEBPUSH_ALLOW_HTTP = False

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
# Reverse proxies in front of the site (nginx): their addresses or networks, and/or how many
# proxy hops there are. Only hops they added to X-Forwarded-For are believed; everything
# (audit, rate limits, allauth, axes, DRF, Open311) uses core.middleware.client_ip.
TRUSTED_PROXIES = env_list("SP_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"SP_TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from exc
TRUSTED_PROXY_COUNT = env_int("SP_TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("SP_TRUSTED_PROXY_COUNT must be 0 or more")
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

# --- Uploads (docs/uploads.md) -------------------------------------------------------------
# Resumable uploads (tus 1.0.0 at /unggah/): the largest file, refused at creation (413) from
# its announced length; the bytes one request may carry (the browser sends chunks of this
# size, so at 50 KB/s a request lasts about 5 s and never ties a worker up for the whole
# file); how long an unfinished upload, or a finished one no form used, is kept.
UPLOAD_MAX_BYTES = env_int("SP_UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
UPLOAD_CHUNK_BYTES = env_int("SP_UPLOAD_CHUNK_BYTES", 256 * 1024)
UPLOAD_EXPIRY_HOURS = env_int("SP_UPLOAD_EXPIRY_HOURS", 24)
if UPLOAD_MAX_BYTES <= 0 or UPLOAD_CHUNK_BYTES <= 0 or UPLOAD_EXPIRY_HOURS <= 0:
    raise ImproperlyConfigured(
        "SP_UPLOAD_MAX_BYTES, SP_UPLOAD_CHUNK_BYTES and SP_UPLOAD_EXPIRY_HOURS must be above 0"
    )
# The plain form post (JavaScript off): files above this go to a temporary file while the
# request is read instead of memory. The slow-link limit is the server's request timeout,
# not Django: see gunicorn.conf.py and the nginx settings in docs/uploads.md.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

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

# --- FHIR R4 (/fhir/R4/, the hospital's SIMRS) ------------------------------------------------
# The identifier system of the NIK in SATUSEHAT (Kemenkes); the record number's system is
# the hospital's own.
FHIR_NIK_SYSTEM = env_str("SP_FHIR_NIK_SYSTEM", "https://fhir.kemkes.go.id/id/nik")
FHIR_MRN_SYSTEM = env_str("SP_FHIR_MRN_SYSTEM", "urn:satupintu:rsud:mrn")
FHIR_PRACTITIONER_SYSTEM = env_str(
    "SP_FHIR_PRACTITIONER_SYSTEM", "https://fhir.kemkes.go.id/id/nakes-his-number"
)
FHIR_PAYER_EXTENSION = env_str(
    "SP_FHIR_PAYER_EXTENSION", f"{PUBLIC_BASE_URL}/fhir/StructureDefinition/penjamin"
)

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Malformed bodies answer in Indonesian too (DRF leaves these messages in English).
    "EXCEPTION_HANDLER": "satupintu.core.api_errors.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Ours identify clients by core.middleware.client_ip (trusted proxies only); NUM_PROXIES=0
    # keeps any stock DRF throttle on REMOTE_ADDR, which ClientAddressMiddleware rewrote.
    "DEFAULT_THROTTLE_CLASSES": [
        "satupintu.core.throttling.AnonRateThrottle",
        "satupintu.core.throttling.UserRateThrottle",
    ],
    "NUM_PROXIES": 0,
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
        "ProjectStatusEnum": "satupintu.projects.models.Project.Status",
        "ProjectFundingSourceEnum": "satupintu.projects.models.Project.Funding",
        "NewsKindEnum": "satupintu.news.models.Item.Kind",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_personal_data": {"()": "satupintu.core.logging.PersonalDataMaskingFilter"},
        "request_id": {"()": "satupintu.core.logging.RequestIdFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"},
        # SP_LOG_FORMAT=json: one JSON object per line, with the request id (masked as well).
        "json": {"()": "satupintu.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if env_str("SP_LOG_FORMAT", "plain") == "json" else "plain",
            "filters": ["request_id", "mask_personal_data"],
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

# Prometheus metrics at /metrics (core/metrics.py), only with `Authorization: Bearer <token>`;
# without a token the route answers 404 to everyone.
METRICS_TOKEN = env_secret("SP_METRICS_TOKEN") or ""
