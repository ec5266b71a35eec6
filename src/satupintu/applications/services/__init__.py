"""Writes to applications: the citizen side (drafts, submission, corrections) and the staff
side (workflow steps, corrections, rejection, issuing and revoking the result document)."""

from .citizen import *  # noqa: F403
from .drafts import *  # noqa: F403
from .processing import *  # noqa: F403
