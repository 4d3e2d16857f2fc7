"""The Jinja2 environment of the pages: autoescaping on for every template, whatever its name."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from eventledger.web.render import actor_label

TEMPLATES = Path(__file__).with_name("templates")


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else None: article-supplied ``javascript:`` links never become hrefs."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """The query string of ``params`` with ``changes`` applied, empty values dropped."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


def _number(value: Any) -> str:
    return "–" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def _value_text(value: Any) -> str:
    """A field value as text: lists and ranges joined, unknown parts dropped, nothing as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, (list, tuple)):
        parts = [_value_text(v) for v in value if v is not None]
        return ", ".join(parts) if parts else "–"
    return str(value)


environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template, including .svg or .txt names: select_autoescape would skip those
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(safe_url=safe_url, query_string=query_string, actor_label=actor_label)
environment.filters["number"] = _number
environment.filters["value_text"] = _value_text
# ids go into paths; actor ids made from article text can hold "/", "?" or "#"
environment.filters["u"] = lambda value: quote(str(value), safe="")


def render_page(request: Request, template_name: str, /, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template_name`` with ``context`` (article strings stay plain strings: autoescaped)."""
    template = environment.get_template(template_name)
    html = template.render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
