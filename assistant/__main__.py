"""`python -m assistant` / `planov-asistent`: the chat (`serve`) goes to ui.py, the rest to cli.py."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from assistant import cli

    args = cli.build_parser().parse_args(argv)
    if args.command != "serve":
        return cli.run(args)
    from assistant import ui
    from assistant.errors import AssistantError

    cli.configure_logging(args)
    try:
        settings = cli.settings_of(args)
    except AssistantError as error:  # a wrong setting: said before anything starts
        return cli.report_error(error)
    ui.serve(settings, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
