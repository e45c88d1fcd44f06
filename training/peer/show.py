"""Print a batch of rows for blind review: id, customer (once per run), text. Labels hidden.
usage: python show.py X START COUNT   (X = A, B or C; START is 0-based row index)"""
import json, sys
x, start, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [json.loads(l) for l in open(f"/tmp/peer/{x}.jsonl") if l.strip()]
last = None
for r in rows[start:start + n]:
    if r["customer"] != last:
        print(f"\n## SEEKER/CUSTOMER: {r['customer']}")
        last = r["customer"]
    print(f"{r['id']}\t{r['text']}")
print(f"\n(rows {start}..{min(start+n, len(rows))-1} of {len(rows)})")
