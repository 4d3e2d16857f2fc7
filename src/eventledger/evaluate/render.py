"""The human view of an evaluation result: Rich tables, one per group of figures."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text


def _rate(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, (int, float)) else "—"


def _prf_table(title: str, rows: dict[str, dict[str, float]]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if not column else "right")
    for name, figures in rows.items():
        table.add_row(name, _rate(figures.get("precision")), _rate(figures.get("recall")), _rate(figures.get("f1")))
    return table


DETAIL_ROWS = 15  # rows shown per list of details; the JSON has them all


def _details(details: dict[str, Any]) -> list[Any]:
    parts: list[Any] = []
    columns = {
        "missed": ("document", "gold", "kind", "date", "admin1"),
        "spurious": ("document", "report", "kind", "sub_event_type", "date", "admin1"),
        "wrong_fields": ("document", "gold", "field", "gold_value", "system_value"),
        "confusions": ("gold", "system", "rows"),
    }
    for name, keys in columns.items():
        rows = details.get(name) or []
        if not rows:
            continue
        table = Table(title=f"{name.replace('_', ' ')} ({len(rows)})", title_justify="left")
        for key in keys:
            table.add_column(key)
        for row in rows[:DETAIL_ROWS]:
            table.add_row(*(Text(str(row.get(key, ""))) for key in keys))
        parts.append(table)
    return parts


def _head(result: dict[str, Any]) -> list[Any]:
    head = f"gold {result.get('gold', '?')}: {result.get('documents', 0)} documents"
    if seconds := result.get("seconds"):
        head += f" — pipeline {seconds.get('pipeline', 0):.1f}s, scoring {seconds.get('scoring', 0):.1f}s"
    parts: list[Any] = [Text(head, style="bold")]
    if events := result.get("events"):
        parts.append(_prf_table("Event detection (per report)", events))
    return parts


def _fields(result: dict[str, Any]) -> list[Any]:
    fields = result.get("fields")
    if not fields:
        return []
    by_report = result.get("fields_by_report")
    title = "Fields (accuracy over matched pairs / rows)"
    if by_report is not None:
        title = "Fields (accuracy over matched pairs: the merged event's value, and the one report's)"
    table = Table(title=title, title_justify="left")
    table.add_column("field")
    table.add_column("accuracy", justify="right")
    if by_report is not None:
        table.add_column("by report", justify="right")
    for name, value in fields.items():
        cells = [name, _rate(value)] + ([_rate(by_report.get(name))] if by_report is not None else [])
        table.add_row(*cells)
    return [table]


def _clustering(result: dict[str, Any]) -> list[Any]:
    parts: list[Any] = []
    if linking := result.get("linking"):
        parts.append(_prf_table("Cross-report linking", {"pairwise": linking.get("pairwise", {})}))
        parts.append(Text(f"B-cubed F1 {_rate(linking.get('bcubed_f1'))}"))
    if actors := result.get("actors"):
        parts.append(_prf_table("Actor alias clustering", {"pairwise": actors.get("pairwise", {})}))
    return parts


def _tallies(result: dict[str, Any]) -> list[Any]:
    tallies = result.get("tallies")
    if not tallies:
        return []
    table = Table(title="Tallies", title_justify="left")
    for column in ("tally", "cell", "gold", "system"):
        table.add_column(column, justify="right" if column in ("gold", "system") else "left")
    for name, cells in tallies.items():
        for cell, pair in cells.items():
            style = None if pair["gold"] == pair["system"] else "red"
            table.add_row(name, cell, str(pair["gold"]), str(pair["system"]), style=style)
    return [table]


def _other_figures(result: dict[str, Any]) -> list[Any]:
    parts: list[Any] = []
    if "boilerplate_leaks" in result:
        leaks = result["boilerplate_leaks"]
        parts.append(Text(f"Boilerplate leaks: {leaks} (gold: 0)", style="red" if leaks else "green"))
    if classification := result.get("classification"):
        parts.append(
            Text(
                f"Classification over {classification['n']} rows: accuracy {_rate(classification['accuracy'])}, "
                f"weighted F1 {_rate(classification['weighted_f1'])}, macro F1 {_rate(classification['macro_f1'])}"
            )
        )
    if details := result.get("details"):
        parts.extend(_details(details))
    if counts := result.get("counts"):
        parts.append(Text("counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()), style="dim"))
    parts.extend(Text(f"note: {note}", style="yellow") for note in result.get("notes", []))
    return parts


def render(result: dict[str, Any]) -> Group:
    """A Rich renderable of every figure an :func:`evaluate` result holds (print it with a Console)."""
    sections = (_head, _fields, _clustering, _tallies, _other_figures)
    return Group(*(part for section in sections for part in section(result)))
