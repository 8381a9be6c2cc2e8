#!/bin/sh
# Evidence for the BM25 defaults: scores a grid of k1, b and BM25F field weights on one
# collection with `quarry eval --index --topics` (bag-of-words topics, top 1000).
#
# Usage: scripts/ranking-grid.sh INDEX_DIR TOPICS QRELS [QUARRY]
#   INDEX_DIR  built with `quarry index <crawl> --index INDEX_DIR`
#   TOPICS     qid<TAB>query per line;  QRELS  TREC qrels
# Override the grid with K1S, BS and WEIGHTS (space-separated lists) in the environment.
# Output: one tab-separated line per setting: k1 b weights nDCG@10 MAP R@100.
set -eu
index=$1 topics=$2 qrels=$3
quarry=${4:-$(cd "$(dirname "$0")/.." && pwd)/.build/release/quarry}
K1S=${K1S:-"0.9 1.2 1.5 2.0"}
BS=${BS:-"0.3 0.5 0.75 0.9"}
WEIGHTS=${WEIGHTS:-"2,1,1"}
printf 'k1\tb\tweights\tndcg_cut_10\tmap\trecall_100\n'
for w in $WEIGHTS; do
  for k1 in $K1S; do
    for b in $BS; do
      "$quarry" eval --index "$index" --topics "$topics" --qrels "$qrels" --plain --limit 1000 \
        --k1 "$k1" --b "$b" --weights "$w" --measures ndcg_cut_10,map,recall_100 --json 2>/dev/null |
        python3 -c 'import json,sys; m=json.load(sys.stdin)["means"]; print("\t".join(sys.argv[1:]+["%.4f"%m[k] for k in ("ndcg_cut_10","map","recall_100")]))' "$k1" "$b" "$w"
    done
  done
done
