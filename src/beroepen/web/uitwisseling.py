"""Downloads of a profile for its owner: the xlsx workbook (`beroepen export --format xlsx`)."""
import io

from flask import Blueprint, Response

from ..kennisgraaf.profielen import resolve_profiel
from ..uitwisseling import werkboek
from .pages import cached, store

bp = Blueprint("uitwisseling", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/export/<profiel>.xlsx")
def xlsx(profiel):
    """The profile's workbook, as the command line writes it; an unknown profile is a 404."""
    gevonden = resolve_profiel(store(), profiel)
    data = cached(("werkboek", gevonden["iri"]), lambda: _werkboek(gevonden["iri"]))
    return Response(data, mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="{gevonden["slug"]}.xlsx"'})


def _werkboek(iri):
    buffer = io.BytesIO()
    werkboek.exporteer(store(), iri, buffer)
    return buffer.getvalue()
