"""The README stays true: every command and setting a user can use is documented."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from assistant.cli import build_parser
from assistant.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    """Each subcommand appears as `python -m assistant <command>`."""
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    for command in commands:
        assert f"python -m assistant {command}" in README, command


def test_every_setting_is_in_the_readme():
    """Each Settings field appears as its ASSISTANT_* variable."""
    for field in fields(Settings):
        assert f"ASSISTANT_{field.name.upper()}" in README, field.name


def test_quick_start_has_the_two_commands():
    """The run command and the test command are in the quick start."""
    quick = README[README.index("## Quick start") : README.index("## Map of the code")]
    assert "./run.sh" in quick and "./test.sh" in quick
