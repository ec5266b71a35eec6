"""Demo counter officers (loaded by `load_demo_data`, demo mode only): one at the Mal
Pelayanan Publik (run by DPMPTSP) and one at the Kelurahan Sepinggan office. Safe to run
again."""

from satupintu.accounts.demo import demo_officers
from satupintu.org.models import Membership

OFFICERS = [
    # (e-mail local part, name, unit code, title)
    ("loket.mpp", "Petugas Loket MPP", "DPMPTSP", "Petugas loket Mal Pelayanan Publik"),
    ("loket.sepinggan", "Petugas Loket Sepinggan", "KEL-64.71.05.1002", "Petugas loket"),
]


def load(*, password: str, domain: str) -> int:
    return demo_officers(OFFICERS, role=Membership.Role.COUNTER, password=password, domain=domain)
