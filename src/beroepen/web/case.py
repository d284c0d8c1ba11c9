"""A profile as a 1EdTech CASE 1.1 package: /case/<profiel>.json serves the bytes that
`beroepen export --format case` writes (uitwisseling/case.py), for curriculum tools to load."""
from flask import Blueprint, Response

from ..kennisgraaf.profielen import resolve_profiel
from ..uitwisseling import case as core
from .pages import cached, store

bp = Blueprint("case", __name__)


@bp.route("/case/<profiel>.json")
def pakket(profiel):
    """An unknown profile is a NietGevonden: the JSON error with 404 (pages.fout_response)."""
    gevonden = cached(("case-profiel", profiel), lambda: resolve_profiel(store(), profiel))
    body = cached(("case", gevonden["iri"]), lambda: core.als_json(core.pakket(store(), gevonden)))
    return Response(body, mimetype=core.MEDIA_TYPE, headers={
        "Content-Disposition": f'inline; filename="{gevonden["slug"]}.case.json"'})
