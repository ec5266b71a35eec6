#!/usr/bin/env bash
# Serve the site with gunicorn, with the background-task worker and the periodic-task
# scheduler beside it; stopping the server (Ctrl+C) stops them too.
set -euo pipefail
PY=.venv/bin/python
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py db_worker --interval 1 &
worker=$!
"$PY" manage.py run_periodic_tasks &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "Satu Pintu berjalan di http://${HOST}:${PORT}/  (Ctrl+C untuk berhenti)"
# Worker timeout and the rest: gunicorn.conf.py (read from the repository root).
# Access log without query strings: a search for a phone number must not end up in a log.
.venv/bin/gunicorn --pythonpath src satupintu.wsgi:application --bind "${HOST}:${PORT}" --workers 2 \
    --access-logfile - \
    --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
