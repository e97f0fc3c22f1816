"""README documents every command and option a user can run, so the two cannot drift."""

from __future__ import annotations

from pathlib import Path

import click
import typer

from escalation_cli.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "escalation"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from commands(command, path)
        else:
            yield path, command


def test_every_command_and_option_is_in_the_readme():
    root = typer.main.get_command(app)
    missing = []
    for path, command in commands(root):
        if f"`{path}" not in README:
            missing.append(path)
        for param in command.params:
            if isinstance(param, click.Option):
                longest = max(param.opts, key=len)
                if longest not in README:
                    missing.append(f"{path} {longest}")
    assert missing == []


def test_readme_names_the_setup_commands_and_exit_codes():
    for text in ("make run", "make test", "make bench", "make lint", "| 3 |", "| 4 |"):
        assert text in README, text
