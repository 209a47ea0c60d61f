"""The subcommands of ``wmo``, one module per group; ``cli.py`` parses and dispatches."""
