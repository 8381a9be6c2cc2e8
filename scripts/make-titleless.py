#!/usr/bin/env python3
"""Writes a title-less copy of a normalized test collection, to test ranking on collections
whose documents have no title (several classic collections have none).

Usage: scripts/make-titleless.py SRC_COLLECTION_DIR OUT_DIR

SRC holds docs.jsonl ({"id","title","text"}), queries.tsv and qrels.txt (e.g.
../shared/data/cranfield). OUT gets docs.jsonl with empty titles, the same queries and qrels,
and html/<id>.html pages shaped like SRC's (`<title></title>`, the text in one `<p>`), so both
`run_quarry.py` and `run_peers.py` accept it. Standard library only.
"""
import html
import json
import os
import shutil
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "html"), exist_ok=True)
    count = 0
    with open(os.path.join(src, "docs.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as docs:
        for line in f:
            d = json.loads(line)
            d["title"] = ""
            docs.write(json.dumps(d) + "\n")
            with open(os.path.join(out, "html", d["id"] + ".html"), "w", encoding="utf-8") as page:
                page.write('<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title></title>\n'
                           f'</head>\n<body>\n<p>{html.escape(d["text"])}</p>\n</body>\n</html>\n')
            count += 1
    for name in ("queries.tsv", "qrels.txt"):
        shutil.copy(os.path.join(src, name), os.path.join(out, name))
    print(f"wrote {count} title-less documents to {out}")


if __name__ == "__main__":
    main()
