"""Validation reports as text, Turtle or JSON."""
from . import formats


def render_validation(report, fmt):
    if fmt == "turtle":
        return report.graph.serialize(format="turtle")
    if fmt == "json":
        return formats.as_json({"conforms": report.conforms,
                                "findings": [f.as_dict() for f in report.findings]})
    return validation_text(report)


def validation_text(report):
    if report.conforms and not report.findings:
        return "Voldoet: geen bevindingen.\n"
    lines = [f"{'Voldoet' if report.conforms else 'Voldoet niet'}: "
             f"{len(report.violations)} overtreding(en), {len(report.findings)} bevinding(en).", ""]
    for f in report.findings:
        lines.append(f"[{f.severity}] {f.node}" + (f"  ({f.file})" if f.file else ""))
        lines.append(f"    regel: {f.shape}" + (f"  pad: {f.path}" if f.path else ""))
        if f.value:
            lines.append(f"    waarde: {f.value}")
        lines.append(f"    {f.message}")
    return "\n".join(lines) + "\n"


def build_text(result):
    lines = [f"Graaf: {result['triples']} triples."]
    lines += [f"  {name}: {n}" for name, n in result["types"].items()]
    report = result["report"]
    lines.append("SHACL: voldoet." if report.conforms else "SHACL: voldoet niet.")
    if result["consistency"] is not None:
        lines.append(result["consistency"].message)
    if not result["ok"]:
        if not report.conforms:
            lines += ["", validation_text(report).rstrip()]
        lines.append("Release niet geschreven; de vorige release blijft ongewijzigd.")
    else:
        lines += ["Release geschreven:"] + [f"  {f}" for f in result["files"]]
    return "\n".join(lines) + "\n"
