"""click's own messages and --help headings in Danish."""

from __future__ import annotations

import re

import click

# click's English usage errors, as the organiser reads them.
_CLICK_DA = (
    (r"No such option: (.*)", r"ukendt tilvalg: \1"),
    (r"No such option '(.*)'\.", r"ukendt tilvalg: \1"),
    (r"Did you mean (.*)\?", r"Mente du \1?"),
    (r"Missing argument '([^'.]*)(?:\.\.\.)?'\.", r"mangler argumentet \1"),
    (r"Got unexpected extra arguments? \((.*)\)", r"uventet ekstra argument (\1)"),
    (r"Invalid value for '(.*?)': (.*)", r"ugyldig værdi for \1: \2"),
    (r"Option '(.*)' requires an argument\.", r"tilvalget \1 skal have en værdi."),
    (r"No such command '(.*)'\.", r"ukendt kommando '\1'."),
    (r"Missing option '(.*)'\.", r"mangler tilvalget \1."),
    (r"Option '(.*)' does not take a value\.", r"tilvalget \1 skal ikke have en værdi."),
    (r"'(.*)' is not a valid integer\.", r"'\1' er ikke et helt tal."),
    (r"(.*) is not in the range (.*)\.", r"\1 ligger ikke mellem de tilladte værdier (\2)."),
)
# What a missing argument is, with an example the organiser can copy.
_MISSING = {
    "FIL": "mangler gruppefilen; skriv fx groups/gruppe.yaml",
    "FILER": "mangler gruppefilen; skriv fx groups/gruppe.yaml (eller flere filer)",
    "NAVN": 'mangler gruppens navn; skriv fx "Familieplejere i Aarhus Vest"',
}


def usage_error(exc: click.UsageError) -> str:
    """A usage error's message in Danish."""
    if isinstance(exc, click.MissingParameter) and isinstance(exc.param, click.Argument):
        known = _MISSING.get(exc.param.make_metavar(exc.ctx).rstrip(".") if exc.ctx else "")
        if known:
            return known
    message = exc.format_message()
    for pattern, replacement in _CLICK_DA:
        message = re.sub(pattern, replacement, message)
    return message


class DanishHelp:
    """Headings of --help in Danish."""

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Brug: ")

    def format_options(self, ctx, formatter):
        opts = [rv for p in self.get_params(ctx) if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section("Tilvalg"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            commands = [(name, cmd.get_short_help_str(60)) for name, cmd in self.commands.items()]
            with formatter.section("Kommandoer"):
                formatter.write_dl(commands)


class Command(DanishHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)


class Group(DanishHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[TILVALG]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)


CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Vis denne hjælp og stop.")
