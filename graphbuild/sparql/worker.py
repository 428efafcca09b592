"""Queries on an Oxigraph store in a child process that can be killed at the deadline.

Oxigraph evaluates in Rust, where no Python exception can reach, and has no timeout of its own
in Python; so :mod:`graphbuild.sparql.serve` runs a store's queries here.
"""

from __future__ import annotations

from typing import Any

from ..errors import QueryError, QueryTimeoutError
from .query import query
from .results import limit_result, serialize_result


class StoreWorker:
    """Runs queries on an Oxigraph store in a child process, killed and replaced when a query
    overruns: Oxigraph evaluates in Rust, where no exception can reach, and has no timeout of
    its own in Python. The child opens the store read-only, next to the server's own handle.
    """

    def __init__(self, path: str) -> None:
        import multiprocessing

        self.path = path
        # spawn, not fork: the server has threads and a database handle open.
        self.context = multiprocessing.get_context("spawn")
        self.process: Any = None
        self.connection: Any = None
        self.ready = False
        self._start()

    def _start(self) -> None:
        parent, child = self.context.Pipe()
        self.process = self.context.Process(target=_store_worker, args=(self.path, child),
                                            name="graphbuild-store-query", daemon=True)
        self.process.start()
        child.close()
        self.connection = parent
        self.ready = False

    def run(self, text: str, fmt: str, max_rows: int, timeout: float) -> tuple[bytes, bool]:
        if self.process is None or not self.process.is_alive():
            self._restart()
        connection = self.connection
        if not self.ready:  # the child imports graphbuild and opens the store: not timed
            if not connection.poll(120):
                self._restart()
                raise QueryError("the query worker did not start; see the server log")
            connection.recv()
            self.ready = True
        connection.send((text, fmt, max_rows))
        if not connection.poll(timeout):
            self._restart()
            raise QueryTimeoutError(
                f"the query ran longer than {timeout:g} s and was stopped; make it more "
                f"selective (LIMIT, fewer unbound patterns) or allow more time")
        try:
            status, payload, cut = connection.recv()
        except EOFError:
            self._restart()
            raise QueryError("the query worker stopped unexpectedly; see the server log") from None
        if status == "error":
            raise QueryError(payload)
        return payload, cut

    def _restart(self) -> None:
        self.close()
        self._start()

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.process = None
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _store_worker(path: str, connection) -> None:
    """The child process of :class:`_StoreWorker`: answer (text, format, max_rows) jobs."""
    from ..store import open_store

    with open_store(path, read_only=True) as store:
        connection.send(("ready", b"", False))
        while True:
            try:
                text, fmt, max_rows = connection.recv()
            except (EOFError, KeyboardInterrupt):
                return
            try:
                result, cut = limit_result(query(store.graph, text), max_rows)
                connection.send(("ok", serialize_result(result, fmt), cut))
            except QueryError as err:
                connection.send(("error", str(err), False))
