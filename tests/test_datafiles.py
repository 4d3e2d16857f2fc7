"""The package's data files: a key given twice in one mapping is a mistake YAML keeps quiet about
(the later value wins), so every data file is read here with a loader that refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

SRC = Path(__file__).resolve().parents[1] / "src" / "eventledger"
FILES = sorted(SRC.rglob("data/*.yaml"))


class _Strict(yaml.SafeLoader):
    pass


def _mapping(loader: _Strict, node: yaml.MappingNode) -> dict:
    seen: dict = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise ValueError(f"{key!r} given twice (lines {seen[key] + 1} and {key_node.start_mark.line + 1})")
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=True)


_Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def test_the_data_files_are_found():
    assert len(FILES) > 10
    assert any(p.name == "taxonomy.yaml" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_key_is_given_twice(path):
    yaml.load(path.read_text("utf-8"), Loader=_Strict)


def test_a_key_given_twice_is_found():
    with pytest.raises(ValueError, match="'Rafah' given twice"):
        yaml.load("places:\n  Rafah: Egypt\n  Gaza: Palestine\n  Rafah: Palestine\n", Loader=_Strict)
