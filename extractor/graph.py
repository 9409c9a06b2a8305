"""Results as a graph for knowledge bases: documents, agencies, minerals, targets.

Relations: (Document)-[:ISSUED_BY]->(Agency), (Agency)-[:LEADS {task}]->(Document),
(Agency)-[:PARTICIPATES_IN {task, role}]->(Document), (Document)-[:MENTIONS]->(Mineral),
(Document)-[:SETS_TARGET]->(Target), (Target)-[:CONCERNS]->(Mineral),
(Document)-[:CITES]->(Document), the cited document resolved by its normalised doc number
or its title among the exported ones, else a Document node of its own (`cited_only`).

Two serialisations of the same graph:
- `csv-graph`: a folder of CSV files in the header format of `neo4j-admin database import`
  (`nodes_<Label>.csv` with `id:ID` and `:LABEL`; `rels_<TYPE>.csv` with `:START_ID`,
  `:END_ID`, `:TYPE`), plus `import.sh` with the command that loads them;
- `jsonld`: one JSON-LD document (`@context` + `@graph`) that any RDF store loads.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VOCAB = "https://extractor.invalid/vocab#"
ID_BASE = "https://extractor.invalid/id/"
RELATIONS = ("ISSUED_BY", "LEADS", "PARTICIPATES_IN", "MENTIONS", "SETS_TARGET", "CONCERNS",
             "CITES")


def ref_key(s: str | None) -> str:
    """A title or number as a lookup key: width folded, brackets and spaces dropped."""
    s = unicodedata.normalize("NFKC", s or "")
    return re.sub(r"[\s《》〈〉<>()（）\[\]〔〕【】「」]", "", s)


# node ids, one scheme for `extractor export` and the service's streamed export
def doc_id(sha256: str) -> str:
    return "doc:" + sha256


def agency_id(name: str | None) -> str:
    return "agency:" + (name or "?")


def mineral_id(canonical: str) -> str:
    return "mineral:" + canonical


def target_id(sha256: str, position: int) -> str:
    return f"target:{sha256}:{position}"


def cited_id(number_or_title: str | None) -> str:
    return "cited:" + ref_key(number_or_title)


@dataclass
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> {label, props...}
    edges: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)

    def node(self, nid: str, label: str, **props: Any) -> str:
        cur = self.nodes.setdefault(nid, {"label": label})
        for k, v in props.items():
            if v is not None and cur.get(k) is None:
                cur[k] = v
        return nid

    def edge(self, src: str, rel: str, dst: str, **props: Any) -> None:
        self.edges.append((src, rel, dst, {k: v for k, v in props.items() if v is not None}))


def _self_number(r: dict) -> str | None:
    return next((d["normalized"] for d in r.get("doc_numbers") or [] if d.get("role") == "self"),
                None)


def _date(r: dict, role: str) -> str | None:
    return next((d["value"] for d in r.get("dates") or [] if d.get("role") == role), None)


def _agency_id(a: dict) -> str:
    return agency_id(a.get("canonical") or a.get("name"))


def build_graph(results: Iterable[dict]) -> Graph:
    """The graph of a collection of results (`ExtractionResult` JSON dicts)."""
    g = Graph()
    results = list(results)
    by_number: dict[str, str] = {}
    by_title: dict[str, str] = {}
    for r in results:
        did = doc_id(r["source"]["sha256"])
        number = _self_number(r)
        title = (r.get("title") or {}).get("text")
        g.node(did, "Document", title=title, doc_number=number, kind=r.get("kind"),
               filename=r["source"].get("filename"), written=_date(r, "written"),
               published=_date(r, "published"), sha256=r["source"]["sha256"])
        if number:
            by_number.setdefault(ref_key(number), did)
        if title:
            by_title.setdefault(ref_key(title), did)
    for r in results:
        did = doc_id(r["source"]["sha256"])
        for a in r.get("issuing_agencies") or []:
            g.edge(did, "ISSUED_BY", g.node(_agency_id(a), "Agency", name=a.get("canonical")
                                            or a.get("name"), level=a.get("level")))
        for resp in r.get("responsibilities") or []:
            task = resp.get("task")
            for a in resp.get("lead") or []:
                g.edge(g.node(_agency_id(a), "Agency", name=a.get("canonical") or a.get("name")),
                       "LEADS", did, task=task, task_title=resp.get("task_title"))
            for role in ("participants", "shared"):
                for a in resp.get(role) or []:
                    g.edge(g.node(_agency_id(a), "Agency",
                                  name=a.get("canonical") or a.get("name")),
                           "PARTICIPATES_IN", did, task=task,
                           role="participant" if role == "participants" else "shared")
        minerals = {}
        for m in r.get("minerals") or []:
            mid = g.node(mineral_id(m["canonical"]), "Mineral", name=m["canonical"],
                         parent=m.get("parent"))
            minerals[m["canonical"]] = mid
            g.edge(did, "MENTIONS", mid, surface=m.get("name"))
        for i, t in enumerate(r.get("targets") or []):
            tid = g.node(target_id(r["source"]["sha256"], i), "Target", text=t.get("text"),
                         metric=t.get("metric"), value=t.get("value"),
                         value_max=t.get("value_max"), unit=t.get("unit"),
                         comparator=t.get("comparator"), year=t.get("year"),
                         normalized_value=t.get("normalized_value"),
                         normalized_unit=t.get("normalized_unit"))
            g.edge(did, "SETS_TARGET", tid)
            metric = t.get("metric") or ""
            for name, mid in minerals.items():
                if name and name in metric:
                    g.edge(tid, "CONCERNS", mid)
        for ref in r.get("references") or []:
            if ref.get("relation", "cited") != "cited":
                continue
            num, title = ref.get("doc_number"), ref.get("title")
            dst = (num and by_number.get(ref_key(num))) or (title and by_title.get(ref_key(title)))
            if dst is None:
                dst = g.node(cited_id(num or title), "Document", title=title,
                             doc_number=num, cited_only=True)
            if dst != did:
                g.edge(did, "CITES", dst)
    return g


# --- serialisations ---------------------------------------------------------


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_csv_graph(g: Graph, folder: Path) -> list[Path]:
    """neo4j-admin import CSV files (and import.sh) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    labels = sorted({n["label"] for n in g.nodes.values()})
    node_files = []
    for label in labels:
        rows = [(nid, n) for nid, n in g.nodes.items() if n["label"] == label]
        props = sorted({k for _, n in rows for k in n if k != "label"})
        path = folder / f"nodes_{label}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id:ID", *props, ":LABEL"])
            for nid, n in rows:
                w.writerow([nid, *(_cell(n.get(k)) for k in props), label])
        written.append(path)
        node_files.append(path.name)
    rel_files = []
    for rel in RELATIONS:
        rows = [e for e in g.edges if e[1] == rel]
        if not rows:
            continue
        props = sorted({k for e in rows for k in e[3]})
        path = folder / f"rels_{rel}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", *props, ":END_ID", ":TYPE"])
            for src, _, dst, p in rows:
                w.writerow([src, *(_cell(p.get(k)) for k in props), dst, rel])
        written.append(path)
        rel_files.append(path.name)
    script = folder / "import.sh"
    script.write_text(
        "#!/bin/sh\n# Load into an empty Neo4j database (Neo4j 5: neo4j-admin database import).\n"
        'cd "$(dirname "$0")"\nneo4j-admin database import full neo4j --overwrite-destination '
        + " ".join(f"--nodes={n}" for n in node_files) + " "
        + " ".join(f"--relationships={r}" for r in rel_files) + "\n",
        encoding="utf-8",
    )
    written.append(script)
    return written


def to_jsonld(g: Graph) -> dict[str, Any]:
    """The graph as JSON-LD: nodes with their properties, relations as @id links
    (relation properties such as the task are kept on reified `ex:Relation` nodes)."""
    context = {"@vocab": VOCAB, "@base": ID_BASE}
    for rel in RELATIONS:
        context[rel] = {"@id": VOCAB + rel, "@type": "@id"}
    out: dict[str, dict[str, Any]] = {}
    for nid, n in g.nodes.items():
        node = {"@id": nid, "@type": n["label"]}
        node.update({k: v for k, v in n.items() if k != "label"})
        out[nid] = node
    graph = list(out.values())
    for i, (src, rel, dst, props) in enumerate(g.edges):
        out[src].setdefault(rel, [])
        if dst not in out[src][rel]:
            out[src][rel].append(dst)
        if props:
            graph.append({"@id": f"rel:{i}", "@type": "Relation", "relation": rel,
                          "source": {"@id": src}, "target": {"@id": dst}, **props})
    return {"@context": context, "@graph": graph}


def read_jsonl(paths: Iterable[Path]) -> Iterable[dict]:
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
