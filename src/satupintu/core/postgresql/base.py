"""Django's PostgreSQL backend, with the per-request health check made cheap.

With CONN_HEALTH_CHECKS on, Django sends `SELECT 1` before the first query of every request
that reuses a connection: one more round trip for every page, a fifth of the database's work
on the tracking page (docs/architecture.md, "The health check without a round trip"). A
connection the server closed, or that it is closing, has something to read while it is idle:
the server's termination message or the end of the stream (a stop, a restart,
`pg_terminate_backend`, an idle timeout, a killed server whose kernel closed the socket). So
when the socket is idle, in no transaction and has nothing to read, the connection is taken
as alive without asking; anything else gets Django's own check, which closes it when the
answer fails. What neither check can see (a peer gone without a word, a cable cut) shows on
the next query as an error, and Django drops the connection at the request's end.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


def quietly_idle(raw) -> bool:
    """True when the psycopg connection is open, outside a transaction and the server has
    sent nothing since the last answer; without any I/O (a zero-timeout poll)."""
    if raw.closed or raw.broken:
        return False
    if raw.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN | select.POLLPRI)
    # POLLHUP and POLLERR come whatever is asked: any event means "ask the server".
    return not poller.poll(0)


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and quietly_idle(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
