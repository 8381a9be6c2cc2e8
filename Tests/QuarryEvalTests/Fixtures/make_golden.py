#!/usr/bin/env python3
"""Generate the QuarryEval golden fixtures ONCE; the Swift tests only read the output.

Requires: pytrec-eval-terrier (trec_eval 9 compiled in), scipy, numpy.
Run from anywhere:  python3 make_golden.py [/path/to/cranfield]
Writes, next to this script:
  <case>.qrels, <case>.run      inputs in TREC formats
  <case>.golden.json            {"queries", "measures", "means", "per_query"} computed by pytrec_eval
  significance.golden.json      paired t-test p-values from scipy.stats.ttest_rel,
                                and exact sign-flip permutation p-values for small vectors

Semantics reproduced here (what the Swift side must match):
  * relevance level 1 (a doc is relevant when its grade >= 1);
  * queries in the run without any judgment are ignored;
  * trec_eval -c: a judged query with >= 1 relevant doc that is missing from the run is
    evaluated with an empty ranking (all measures 0, num_rel kept) and counted in the mean;
  * aggregate = arithmetic mean, except num_rel/num_ret/num_rel_ret which trec_eval sums;
  * recip_rank@k is trec_eval's recip_rank on the run cut to its first k docs in trec_eval order
    (score descending, ties by docno descending) -- pytrec_eval has no such cutoff measure.
"""
import json
import math
import os
import random
import re
import sys
from collections import Counter, defaultdict

import numpy as np
import pytrec_eval
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
CRANFIELD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../../shared/data/cranfield")

CUTS = [5, 10, 20, 100]
TREC_MEASURES = {
    "ndcg", "ndcg_cut.5,10,20,100", "map", "map_cut.10,100,1000",
    "P.5,10,20,100", "recall.5,10,20,100,1000", "recip_rank",
    "num_rel", "num_ret", "num_rel_ret",
}
RR_CUTS = [10, 100]
MEASURE_ORDER = (
    ["ndcg"] + [f"ndcg_cut_{k}" for k in CUTS] + ["map", "map_cut_10", "map_cut_100", "map_cut_1000"]
    + [f"P_{k}" for k in CUTS] + [f"recall_{k}" for k in CUTS + [1000]]
    + ["recip_rank"] + [f"recip_rank@{k}" for k in RR_CUTS]
    + ["num_rel", "num_ret", "num_rel_ret"]
)
SUMMED = {"num_rel", "num_ret", "num_rel_ret"}


def write_qrels(path, qrels_rows):
    with open(path, "w") as f:
        for qid, docno, rel in qrels_rows:
            f.write(f"{qid} 0 {docno} {rel}\n")


def write_run(path, run_rows, tag):
    """run_rows: (qid, docno, score, rank_column). The rank column is written as given (ignored by readers)."""
    with open(path, "w") as f:
        for qid, docno, score, rank in run_rows:
            f.write(f"{qid} Q0 {docno} {rank} {score} {tag}\n")


def trec_order(docs):
    """trec_eval's order: score descending, then docno descending (byte order)."""
    return sorted(docs.items(), key=lambda kv: (-kv[1], _neg_bytes(kv[0])))


class _neg_bytes:
    def __init__(self, s):
        self.b = s.encode()

    def __lt__(self, other):
        return self.b > other.b

    def __eq__(self, other):
        return self.b == other.b


def evaluate(qrels_rows, run_rows):
    qrels = defaultdict(dict)
    for qid, docno, rel in qrels_rows:
        qrels[qid][docno] = rel
    run = defaultdict(dict)
    for qid, docno, score, _ in run_rows:
        run[qid][docno] = float(score)
    # -c: judged queries with a relevant doc that the run lacks get an empty ranking.
    for qid, judged in qrels.items():
        if qid not in run and any(r >= 1 for r in judged.values()):
            run[qid] = {}
    run = {q: d for q, d in run.items() if q in qrels}
    per_query = pytrec_eval.RelevanceEvaluator(dict(qrels), TREC_MEASURES).evaluate(run)
    for k in RR_CUTS:
        cut = {q: dict(trec_order(d)[:k]) for q, d in run.items()}
        rr = pytrec_eval.RelevanceEvaluator(dict(qrels), {"recip_rank"}).evaluate(cut)
        for q in per_query:
            per_query[q][f"recip_rank@{k}"] = rr[q]["recip_rank"]
    per_query = {q: {m: per_query[q][m] for m in MEASURE_ORDER} for q in per_query}
    means = {}
    for m in MEASURE_ORDER:
        values = [per_query[q][m] for q in per_query]
        if m in SUMMED:
            means[m] = float(sum(values))
        else:
            means[m] = float(pytrec_eval.compute_aggregated_measure(m.split("@")[0], values)) if "@" not in m else float(np.mean(values))
    return {"queries": len(per_query), "measures": MEASURE_ORDER, "means": means, "per_query": per_query}


def save_case(name, qrels_rows, run_rows, tag):
    write_qrels(os.path.join(HERE, f"{name}.qrels"), qrels_rows)
    write_run(os.path.join(HERE, f"{name}.run"), run_rows, tag)
    golden = evaluate(qrels_rows, run_rows)
    with open(os.path.join(HERE, f"{name}.golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
    return golden


def synthetic_graded():
    """Graded judgments (-1..4), score ties across docnos of different lengths, a rank column that lies."""
    qrels = [
        ("1", "d01", 3), ("1", "d02", 0), ("1", "d03", 2), ("1", "d04", 1), ("1", "d05", -1),
        ("1", "d10", 4), ("1", "d11", 1), ("1", "d9", 2), ("1", "e1", 1),
        ("2", "a", 1), ("2", "b", 1), ("2", "c", 0), ("2", "dd", 2), ("2", "aa", 3),
        ("3", "x1", 2), ("3", "x2", -2), ("3", "x3", 0),
    ]
    run = []
    # query 1: three-way and two-way ties; d9 vs d10 checks byte order ("d9" > "d10").
    q1 = [("d10", 5.0), ("d9", 5.0), ("d01", 5.0), ("u1", 4.5), ("d02", 4.0), ("d03", 4.0),
          ("d05", 3.0), ("e1", 2.5), ("d04", 2.5), ("u2", 2.0), ("d11", 1.0), ("u3", 0.5)]
    # query 2: all docs tied, so the order is purely docno descending.
    q2 = [(d, 1.0) for d in ["a", "aa", "b", "c", "dd", "u9", "B", "A"]]
    # query 3: negative grades retrieved first, negative scores.
    q3 = [("x2", -0.5), ("x3", -1.0), ("x1", -1.5), ("u7", -2.0)]
    for qid, docs in (("1", q1), ("2", q2), ("3", q3)):
        for i, (d, s) in enumerate(docs):
            run.append((qid, d, s, 1000 - i))  # rank column deliberately inconsistent
    # query 4 (1500 retrieved): a relevant doc past rank 1000 shows map is not cut at 1000.
    qrels += [("4", "r5", 1), ("4", "r1200", 2), ("4", "r1499", 1), ("4", "r3000", 1)]
    for i in range(1, 1501):
        run.append(("4", f"r{i}", round(2000.0 - i, 1), i))
    return qrels, run


def missing_queries():
    """Run lacks judged queries; has an unjudged query; has a query judged only non-relevant."""
    qrels = [
        ("1", "a", 1), ("1", "b", 2), ("1", "c", 0),
        ("2", "a", 1), ("2", "z", 1),            # missing from run: counts as zeros (-c)
        ("3", "m", 3),                            # missing from run: counts as zeros (-c)
        ("4", "n", 0), ("4", "o", 0),             # only non-relevant, present in the run: evaluated (zeros)
        ("6", "q", 0),                            # only non-relevant, absent from the run: not counted
    ]
    run = [("1", "b", 3.0, 1), ("1", "x", 2.0, 2), ("1", "a", 1.0, 3),
           ("4", "n", 2.0, 1), ("4", "p", 1.0, 2),
           ("5", "a", 9.0, 1), ("5", "b", 8.0, 2)]  # query 5 has no judgments: ignored
    return qrels, run


def unjudged_docs():
    """Most retrieved docs are unjudged; unjudged counts as non-relevant (no -J)."""
    rnd = random.Random(7)
    qrels, run = [], []
    for q in range(1, 9):
        qid = str(100 + q)
        judged = [f"J{q}-{i}" for i in range(12)]
        for d in judged:
            qrels.append((qid, d, rnd.choice([0, 0, 1, 1, 2, 3])))
        pool = judged[:8] + [f"U{q}-{i}" for i in range(40)]
        rnd.shuffle(pool)
        for i, d in enumerate(pool):
            run.append((qid, d, round(rnd.random() * 10, 1), i + 1))
    return qrels, run


TOKEN = re.compile(r"[a-z0-9]+")


def cranfield_runs():
    """Two simple rankings over Cranfield: TF-IDF (scores rounded, so ties) and BM25; top 100 each."""
    docs = []
    with open(os.path.join(CRANFIELD, "docs.jsonl")) as f:
        for line in f:
            d = json.loads(line)
            docs.append((d["id"], Counter(TOKEN.findall((d["title"] + " " + d["text"]).lower()))))
    queries = []
    with open(os.path.join(CRANFIELD, "queries.tsv")) as f:
        for line in f:
            qid, text = line.rstrip("\n").split("\t", 1)
            queries.append((qid, TOKEN.findall(text.lower())))
    qrels = []
    with open(os.path.join(CRANFIELD, "qrels.txt")) as f:
        for line in f:
            qid, _, docno, rel = line.split()
            qrels.append((qid, docno, int(rel)))
    n = len(docs)
    df = Counter()
    for _, tf in docs:
        df.update(tf.keys())
    avgdl = sum(sum(tf.values()) for _, tf in docs) / n

    def top(qterms, score):
        scored = [(docno, score(tf, qterms)) for docno, tf in docs]
        scored = [x for x in scored if x[1] > 0]
        scored.sort(key=lambda x: -x[1])
        return scored[:100]

    def tfidf(tf, q):
        return round(sum(tf[t] * math.log(n / df[t]) for t in q if t in tf), 1)

    def bm25(tf, q):
        dl = sum(tf.values())
        s = 0.0
        for t in q:
            if t in tf:
                idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
                s += idf * tf[t] * 2.2 / (tf[t] + 1.2 * (0.25 + 0.75 * dl / avgdl))
        return round(s, 4)

    skip = {"7", "50", "200"}  # the TF-IDF run misses three judged queries
    run_a, run_b = [], []
    for qid, q in queries:
        if qid not in skip:
            for i, (d, s) in enumerate(top(q, tfidf)):
                run_a.append((qid, d, s, i + 1))
        for i, (d, s) in enumerate(top(q, bm25)):
            run_b.append((qid, d, s, i + 1))
    return qrels, run_a, run_b


def exact_sign_flip_p(diffs):
    """Exact two-sided paired permutation p-value over all 2^n sign flips (count of |sum| >= observed / 2^n)."""
    n = len(diffs)
    observed = abs(sum(diffs))
    count = 0
    for mask in range(1 << n):
        s = sum(-d if (mask >> i) & 1 else d for i, d in enumerate(diffs))
        if abs(s) >= observed - 1e-12:
            count += 1
    return count / (1 << n)


def main():
    save_case("synthetic", *synthetic_graded(), "synthetic")
    save_case("missing", *missing_queries(), "missing")
    save_case("unjudged", *unjudged_docs(), "unjudged")
    qrels, run_a, run_b = cranfield_runs()
    a = save_case("cranfield_tfidf", qrels, run_a, "tfidf")
    b = save_case("cranfield_bm25", qrels, run_b, "bm25")
    os.remove(os.path.join(HERE, "cranfield_bm25.qrels"))  # identical to cranfield_tfidf.qrels
    os.replace(os.path.join(HERE, "cranfield_tfidf.qrels"), os.path.join(HERE, "cranfield.qrels"))

    sig = {}
    for m in ["ndcg_cut_10", "map", "P_10"]:
        qids = sorted(set(a["per_query"]) | set(b["per_query"]), key=lambda q: (len(q), q))
        xa = [a["per_query"].get(q, {}).get(m, 0.0) for q in qids]
        xb = [b["per_query"].get(q, {}).get(m, 0.0) for q in qids]
        sig[f"cranfield_bm25_vs_tfidf_{m}"] = {
            "a": xb, "b": xa, "t_test_p": float(stats.ttest_rel(xb, xa).pvalue),
            "t": float(stats.ttest_rel(xb, xa).statistic),
        }
    rnd = random.Random(11)
    for name, n, shift in [("small_shift", 10, 0.05), ("small_null", 12, 0.0), ("tiny", 3, 0.2)]:
        xa = [round(rnd.random(), 4) for _ in range(n)]
        xb = [round(min(1.0, max(0.0, x + shift + rnd.gauss(0, 0.1))), 4) for x in xa]
        res = stats.ttest_rel(xb, xa)
        sig[name] = {"a": xb, "b": xa, "t_test_p": float(res.pvalue), "t": float(res.statistic),
                     "exact_permutation_p": exact_sign_flip_p([p - q for p, q in zip(xb, xa)])}
    with open(os.path.join(HERE, "significance.golden.json"), "w") as f:
        json.dump(sig, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
