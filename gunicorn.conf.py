"""gunicorn's settings, read from the working directory (the repository root) by every
`gunicorn` started there: `make run` (scripts/serve-dev.sh), `make bench`, production units
that `cd` into the checkout. Command-line options still win. See docs/uploads.md.

A sync worker is busy for as long as it reads a request's body. The resumable uploads send
one chunk per request (SP_UPLOAD_CHUNK_BYTES, 256 KiB: about 5 s at 50 KB/s), but a plain
form post with JavaScript off carries the whole file: 2 MB at 50 KB/s is about 45 s, past
gunicorn's default 30 s timeout, which killed the worker and showed gunicorn's bare
"Internal Server Error". 120 s lets a 5 MB file through at that speed. Behind nginx with
request buffering on (its default), the body reaches gunicorn at once and this does not bite.
"""

import os

timeout = int(os.environ.get("SP_GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("SP_GUNICORN_GRACEFUL_TIMEOUT", "5"))
