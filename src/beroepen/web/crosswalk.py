"""Downloads of data files as they ship: the ESCO crosswalk, an SSSOM table (a file, not a page,
so without `.json` twin)."""
from flask import Blueprint, Response

from ..resources import resource_dir

bp = Blueprint("download", __name__)

CROSSWALK = "esco-crosswalk.sssom.tsv"
# The resource pages that offer it: ESCO's source page and the mapping set's.
CROSSWALK_PAGES = {"bron/esco", "bron/esco-crosswalk"}


@bp.route("/" + CROSSWALK)
def crosswalk():
    """The ESCO crosswalk as it ships: the SSSOM table the graph's mappings are made from."""
    body = (resource_dir("data") / CROSSWALK).read_bytes()
    return Response(body, content_type="text/tab-separated-values; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{CROSSWALK}"'})
