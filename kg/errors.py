"""Errors a user can act on, each with the exit code documented in `kg --help`."""

EXIT_OK = 0
EXIT_FAILED = 1      # the command ran but found problems (SHACL violations, --strict warnings)
EXIT_BAD_INPUT = 2   # bad arguments or input that yields nothing
EXIT_SERVICE = 3     # a server or endpoint could not be reached or refused
EXIT_ENVIRONMENT = 4  # the machine failed us: a folder that cannot be written, a full disk
EXIT_TERMINATED = 143  # stopped by SIGTERM (128 + 15, what shells report)


class KgError(Exception):
    """An error reported as one line, with an exit code, never as a traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_INPUT):
        super().__init__(message)
        self.exit_code = exit_code


def printable(text: str) -> str:
    """`text` with control and format characters escaped (`\\x1b`, `\\u202e`).

    Messages quote what servers, files and other programs said; escaping keeps such a
    quote from moving the cursor, recolouring or retitling the terminal, or hiding text.
    """
    return "".join(char if char.isprintable() else _escaped(char) for char in str(text))


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def os_reason(err: OSError) -> str:
    """The operating system's words for an error ('No space left on device'), without the
    exception's name or the temporary path it happened on."""
    return err.strerror or str(err)
