"""Print a batch of rows for blind review: id, customer (once per run), text. Labels hidden.
usage: python show.py X START COUNT   (X = A, B or C; START is 0-based row index)"""
import json, os, sys

# The working folder of the review: the authors' files <X>.jsonl, the blind and adjudication files, the output.
# The files of the review that built strategy-sentences-peer.jsonl were A-D in /tmp/peer.
DIR = os.environ.get("PEER_DIR", "/tmp/peer")
x, start, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [json.loads(l) for l in open(f"{DIR}/{x}.jsonl") if l.strip()]
last = None
for r in rows[start:start + n]:
    if r["customer"] != last:
        print(f"\n## SEEKER/CUSTOMER: {r['customer']}")
        last = r["customer"]
    print(f"{r['id']}\t{r['text']}")
print(f"\n(rows {start}..{min(start+n, len(rows))-1} of {len(rows)})")
