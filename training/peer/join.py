"""Join blind review tokens with the author's labels.
usage: python join.py X          -> writes $PEER_DIR/review-X.jsonl (no resolution yet), prints disagreements
       python join.py X --final  -> also reads $PEER_DIR/adjudicate-X.tsv and writes resolved labels
Blind file $PEER_DIR/blind-X.tsv: id<TAB>tokens<TAB>optional reason, tokens from R E N w - (e.g. "E", "Ew", "RN", "-").
Adjudication file $PEER_DIR/adjudicate-X.tsv: id<TAB>1 or 0 (1 = LABELS.md is explicit here, reviewer wins)<TAB>note."""
import json, os, sys

# The working folder of the review: the authors' files <X>.jsonl, the blind and adjudication files, the output.
# The files of the review that built strategy-sentences-peer.jsonl were A-D in /tmp/peer.
DIR = os.environ.get("PEER_DIR", "/tmp/peer")
ORDER = ["relating_experience", "reflecting_emotion", "normalizing"]
CODE = {"R": "relating_experience", "E": "reflecting_emotion", "N": "normalizing"}
x = sys.argv[1]; final = "--final" in sys.argv
rows = {json.loads(l)["id"]: json.loads(l) for l in open(f"{DIR}/{x}.jsonl") if l.strip()}
blind = {}
for line in open(f"{DIR}/blind-{x}.tsv"):
    if not line.strip() or line.startswith("#"): continue
    parts = line.rstrip("\n").split("\t")
    tok = parts[1].strip()
    bad = set(tok) - set("RENw-")
    if bad: sys.exit(f"bad token {tok!r} for {parts[0]}")
    blind[parts[0]] = ([s for s in ORDER if any(CODE[c] == s for c in tok if c in CODE)], "w" in tok, parts[2] if len(parts) > 2 else "")
missing = [i for i in rows if i not in blind]
if missing: print(f"NOT YET REVIEWED: {len(missing)} rows, first {missing[:5]}")
adj = {}
if final:
    for line in open(f"{DIR}/adjudicate-{x}.tsv"):
        if not line.strip() or line.startswith("#"): continue
        p = line.rstrip("\n").split("\t")
        adj[p[0]] = (p[1].strip() == "1", p[2] if len(p) > 2 else "")
out = []; dis = 0
for i, r in rows.items():
    if i not in blind: continue
    labels, weak, reason = blind[i]
    a_labels = [s for s in ORDER if s in r["labels"]]
    agree = labels == a_labels and (weak == bool(r.get("weak")) or "reflecting_emotion" not in labels)
    rec = {"id": i, "reviewer_labels": labels, "reviewer_weak": weak, "agree": agree, "note": reason}
    if agree:
        rec.update(resolved_labels=a_labels, resolved_weak=bool(r.get("weak")))
    else:
        dis += 1
        if not final:
            print(f"{i}\tauthor={a_labels} weak={r.get('weak')}\treviewer={labels} weak={weak}\t{r['text']}\t|| {r['customer'][:90]}")
        else:
            if i not in adj: sys.exit(f"no adjudication for {i}")
            explicit, note = adj[i]
            rec["note"] = (reason + " | " if reason else "") + note
            rec["explicit_rule"] = explicit
            rec.update(resolved_labels=labels if explicit else a_labels, resolved_weak=weak if explicit else bool(r.get("weak")))
    out.append(rec)
print(f"reviewed {len(out)}/{len(rows)}; disagreements {dis}")
if final:
    with open(f"{DIR}/review-{x}.jsonl", "w") as fh:
        for rec in out: fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {DIR}/review-{x}.jsonl")
