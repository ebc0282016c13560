"""Expected problems, each carrying one sentence a user can act on.

Anything else that goes wrong is a bug and reaches the crash handler instead.
"""

import errno


class PmdeskError(Exception):
    """An expected problem with a message meant for the user."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class ValidationError(PmdeskError):
    """Input that breaks a rule; nothing was written."""


class NotFoundError(ValidationError):
    """An id that does not exist (any more) in this workspace."""


class ConflictError(PmdeskError):
    """Someone else changed the item since; the step was not applied."""


class EditConflictError(ConflictError):
    """An editor's save over fields someone else changed since it loaded the item.

    ``clashes`` maps each such field to (the value the editor loaded, theirs now);
    ``current`` is the item as it is now, with its version, to base a second save on.
    """

    def __init__(self, message: str, clashes: dict[str, tuple[object, object]],
                 current: object) -> None:
        super().__init__(message)
        self.clashes = clashes
        self.current = current


class ExportError(PmdeskError):
    """An export that cannot be written as asked."""


class WorkspaceError(PmdeskError):
    """A workspace file that cannot be opened or written as asked."""


class NotAWorkspaceError(WorkspaceError):
    """The file exists but is not a pmdesk workspace."""


class CorruptWorkspaceError(WorkspaceError):
    """The file is a damaged SQLite database."""


class NewerSchemaError(WorkspaceError):
    """The file was written by a newer pmdesk."""


class WorkspaceLockedError(WorkspaceError):
    """Another program holds the write lock for too long."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """The workspace was opened read-only, so edits are refused."""


class DiskFullError(WorkspaceError):
    """The disk (or the user's quota) has no room left for the change."""


class StorageError(WorkspaceError):
    """The disk, the file or the memory failed under a read or a write."""


class ServerUnavailableError(StorageError):
    """The database server cannot be reached, or went away in the middle of a change."""


class AccessDeniedError(WorkspaceError):
    """The server refused the login, or the login may not use the workspace."""


class PasswordNeededError(AccessDeniedError):
    """The server asks for a password that neither ~/.pgpass nor PGPASSWORD gave."""


class MissingDatabaseError(WorkspaceError):
    """The server has no database of the given name."""


def describe_os_error(exc: OSError, target: str, outcome: str) -> str:
    """One sentence for a failed file operation on ``target``, saying what to do.

    ``outcome`` says what it meant, e.g. "nothing was changed" or "no file was written".
    """
    problem = {
        errno.ENOSPC: f"the disk holding {target} is full; free some space and try again",
        errno.EDQUOT: f"your disk quota is used up, so {target} cannot be written; "
                      "free some space and try again",
        errno.EROFS: f"{target} is on a read-only disk; choose a writable place",
        errno.EACCES: f"you may not write {target}; choose another place or fix its permissions",
        errno.EPERM: f"you may not write {target}; choose another place or fix its permissions",
        errno.ENOENT: f"{target} or its folder no longer exists (was it moved or deleted?)",
        errno.EIO: f"the disk holding {target} reported an input/output error; check the disk "
                   "and try again",
        errno.ENAMETOOLONG: f"the name {target} is too long for its disk; choose a shorter one",
    }.get(exc.errno or 0, f"{target} could not be written ({exc.strerror or exc})")
    return f"{problem[0].upper()}{problem[1:]} — {outcome}."
