"""Expected problems, each carrying one sentence a user can act on.

Anything else that goes wrong is a bug and reaches the crash handler instead.
"""


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
