"""Every command has help with an example and appears in the README."""

from __future__ import annotations

import click
import pytest

from callcoach.cli import cli
from tests.conftest import REPO


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out.extend(commands(cmd, full + " "))
    return out


@pytest.mark.parametrize(("name", "cmd"), commands(cli), ids=[n for n, _ in commands(cli)])
def test_command_has_help_with_example_and_is_in_readme(name: str, cmd: click.Command) -> None:
    assert cmd.help and "Example:" in cmd.help, f"{name}: help needs an Example: block"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"callcoach {name}" in readme, f"`callcoach {name}` is not in README.md"
