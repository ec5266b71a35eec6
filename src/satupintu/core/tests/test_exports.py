import csv
import io

from satupintu.core.exports import csv_cell, csv_writer


def test_formula_cells_become_text_and_other_values_stay():
    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("Jalan rusak") == "Jalan rusak"
    assert csv_cell(-5) == -5 and csv_cell(None) is None


def test_writer_escapes_every_cell_to_a_file_and_to_a_stream():
    target = io.StringIO()
    csv_writer(target).writerow(["=SUM(A1)", 3, "aman"])
    assert next(csv.reader(io.StringIO(target.getvalue()))) == ["'=SUM(A1)", "3", "aman"]
    assert csv_writer().writerow(["@x"]) == "'@x\r\n"
