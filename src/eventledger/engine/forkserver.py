"""Imported by a process pool's fork server as it starts: builds, once, what extraction needs.

The pool's workers are forked from that server (``engine._new_pool``), so they start with the
knowledge base, the spaCy pipelines and the lexicons already built, instead of each importing and
building them again (seconds of CPU a worker). The model comes in ``engine.FORK_SERVER_MODEL`` ("" for
none), set in the environment the server is started with.

The server also ends itself when the process that started it is gone: its workers watch it (their
parent), and it would otherwise wait for them, as each holds its end of the server's "alive" pipe.
"""

from __future__ import annotations

import contextlib
import os
import threading

from eventledger.engine import FORK_SERVER_MODEL, WORKER_NICENESS, prepare, watch_parent

if FORK_SERVER_MODEL in os.environ:  # only in a fork server that ``engine`` started
    threading.Thread(target=watch_parent, args=(os.getppid(),), name="eventledger-watch-parent", daemon=True).start()
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(WORKER_NICENESS)  # the workers forked from it inherit this priority
    # a failure here (a model not installed) is left to each worker's own ``prepare`` to raise,
    # where the pool reports it as it always has; the server itself must start
    with contextlib.suppress(Exception):
        prepare(os.environ[FORK_SERVER_MODEL] or None)
