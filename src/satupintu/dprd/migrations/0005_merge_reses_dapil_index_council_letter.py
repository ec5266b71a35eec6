# Three branches of the DPRD door landed together: E-Reses, the dapil page's index and
# council correspondence. Nothing to do but join them.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dprd", "0004_council_letter"),
        ("dprd", "0004_proposal_dapil_index"),
        ("dprd", "0004_reses"),
    ]

    operations = []
