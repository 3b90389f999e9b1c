"""Subcommands of `antt` beyond the foundation's, one module per area.

Each module defines `register(commands, common)`: it adds its parsers to the
`commands` subparsers (with `parents=[common]` so `--db` and `--json` work after the
command too) and sets `handler=function(services, args, as_json) -> exit code` with
`set_defaults`. Set `creates_database=True` too if the command may run on a missing
database. `cli.py` finds the modules by itself.
"""
