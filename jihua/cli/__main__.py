"""``python -m jihua.cli``: the same as the ``jihua`` command."""

from jihua.cli import main

main()
