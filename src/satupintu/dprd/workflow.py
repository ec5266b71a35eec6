"""E-Pokir: a citizen's, an RT's or a member's proposal (usulan) is a case of kind "pokir".

diajukan → diverifikasi (SETWAN) → diadopsi (a member of the dapil) → diusulkan ke RKPD →
diterima / ditolak (with reason) → dianggarkan → dilaksanakan. Every change is public.
"""

from django.utils.translation import gettext_lazy as _

from satupintu.cases.workflow import COORDINATOR, UNIT, CaseKind, register_kind, transition

KIND = "pokir"
# A council member of the proposal's dapil (dprd.services decides who stands in this role).
MEMBER = "anggota_dprd"


class Status:
    SUBMITTED = "diajukan"
    VERIFIED = "diverifikasi"
    ADOPTED = "diadopsi"
    PROPOSED = "diusulkan"
    ACCEPTED = "diterima"
    REJECTED = "ditolak"
    BUDGETED = "dianggarkan"
    DONE = "dilaksanakan"


S = Status
SETWAN = (UNIT, COORDINATOR)
LABELS = {
    S.SUBMITTED: _("Diajukan"),
    S.VERIFIED: _("Diverifikasi"),
    S.ADOPTED: _("Diadopsi anggota DPRD"),
    S.PROPOSED: _("Diusulkan ke RKPD"),
    S.ACCEPTED: _("Diterima"),
    S.REJECTED: _("Ditolak"),
    S.BUDGETED: _("Dianggarkan"),
    S.DONE: _("Dilaksanakan"),
}
# Actions that need a written reason.
NEEDS_REASON = frozenset({"reject"})

POKIR = register_kind(
    CaseKind(
        key=KIND,
        prefix="POK",
        label=_("Usulan pokok pikiran DPRD"),
        noun=_("Usulan"),
        initial_status=S.SUBMITTED,
        status_labels=LABELS,
        transitions={
            "verify": transition(
                "verify", [S.SUBMITTED], S.VERIFIED, SETWAN, _("Verifikasi"), done=_("Diverifikasi")
            ),
            "adopt": transition(
                "adopt", [S.VERIFIED], S.ADOPTED, [MEMBER], _("Adopsi ke pokir"), done=_("Diadopsi")
            ),
            "propose": transition(
                "propose",
                [S.ADOPTED],
                S.PROPOSED,
                SETWAN,
                _("Usulkan ke RKPD"),
                done=_("Diusulkan ke RKPD"),
            ),
            "accept": transition(
                "accept", [S.PROPOSED], S.ACCEPTED, SETWAN, _("Diterima"), done=_("Diterima")
            ),
            "reject": transition(
                "reject",
                [S.SUBMITTED, S.VERIFIED, S.ADOPTED, S.PROPOSED],
                S.REJECTED,
                SETWAN,
                _("Tolak"),
                done=_("Ditolak"),
            ),
            "budget": transition(
                "budget", [S.ACCEPTED], S.BUDGETED, SETWAN, _("Dianggarkan"), done=_("Dianggarkan")
            ),
            "implement": transition(
                "implement", [S.BUDGETED], S.DONE, SETWAN, _("Dilaksanakan"), done=_("Dilaksanakan")
            ),
        },
        closed_statuses=frozenset({S.REJECTED, S.DONE}),
        resolved_statuses=frozenset({S.DONE}),
        system_titles=True,
        event_labels={"submit": _("Diajukan")},
        role_labels={MEMBER: _("anggota DPRD"), UNIT: _("Sekretariat DPRD")},
    )
)
