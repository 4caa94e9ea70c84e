"""The one exception a user sees.

``UserError`` carries a message a planner understands (in Chinese): what is
wrong and where. The CLI prints it on one line and exits 2; the web app turns
it into a 4xx response with the same text. Anything else escaping is a bug.
"""


class UserError(Exception):
    """A mistake in the user's input: a file, an option, a value."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
