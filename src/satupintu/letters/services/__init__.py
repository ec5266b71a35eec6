"""Every write to letters: one transaction and one audit event each, one module per concern.

Refusals (duplicate letter, disposition outside the hierarchy, due date in the past, changes
after signing, sending unsigned letters, ...) raise `LetterError` (`letters/errors.py`) with an
Indonesian message; the failed transaction is rolled back and the refusal itself is audited as
`letters.refused`.

    numbering       the unit's gapless sequences and the number template
    templates       body templates of outgoing letters
    files           stored uploads, text extraction queued after commit
    registration    incoming letters, agenda numbers, read receipts
    dispositions    dispose, withdraw, report done
    drafting        outgoing concepts, paraf and verification
    signing         the number and the signed PDF
    dispatch        delivery to internal recipients and by e-mail
    classification  the classification table
    retention       the retention schedule (JRA)

The modules below the services that other modules share without importing them back: the
refusal (`letters/errors.py`), the kop surat and letter settings (`letters/letterhead.py`), the
search text (`letters/search_text.py`) and the registrar roles (`letters/hierarchy.py`).
Callers use `from satupintu.letters import services` and `services.<name>`.
"""

from .classification import *  # noqa: F403
from .dispatch import *  # noqa: F403
from .dispositions import *  # noqa: F403
from .drafting import *  # noqa: F403
from .files import *  # noqa: F403
from .numbering import *  # noqa: F403
from .registration import *  # noqa: F403
from .retention import *  # noqa: F403
from .signing import *  # noqa: F403
from .templates import *  # noqa: F403
