"""The profile's workbook on the web (issue 13): /export/<profiel>.xlsx is the workbook
`beroepen export --format xlsx` writes (the same cell values), an unknown profile a 404."""
import io

import openpyxl
from click.testing import CliRunner

from beroepen.cli import main


def _cellen(source):
    book = openpyxl.load_workbook(source, read_only=True)
    return {name: [list(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}


def test_download_has_the_cells_of_the_cli_export(client, tmp_path):
    response = client.get("/export/vaktherapeut.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="bcp-vaktherapeut.xlsx"' in response.headers["Content-Disposition"]
    path = tmp_path / "cli.xlsx"
    result = CliRunner().invoke(main, ["export", "--profiel", "vaktherapeut", "--uit", str(path)])
    assert result.exit_code == 0, result.output
    web, cli = _cellen(io.BytesIO(response.data)), _cellen(path)
    assert web == cli
    assert len(web["gedragskenmerken"]) > 50 and web["matrix"][0][0] == "beroepstaak"


def test_unknown_profile_is_404_naming_the_known_ones(client):
    response = client.get("/export/bcp-vaktherapie.xlsx")
    assert response.status_code == 404
    assert "bcp-vaktherapeut" in response.get_data(as_text=True)
