#!/usr/bin/env python3
"""Draws ranking quality (nDCG@10) against query latency as an SVG, standard library only.

Usage: scripts/ranking-chart.py RESULTS_JSON OUT_SVG

RESULTS_JSON is what `quarry-ranking-benchmark` writes (Benchmarks/.build/ranking/
ranking-results.json): cranfield.systems = [{system, ndcg_cut_10, seconds_per_query}, ...].
Latency is on a log scale (engines differ by orders of magnitude); Quarry is drawn in red.
"""
import json
import math
import sys
from xml.sax.saxutils import escape


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    data = json.load(open(sys.argv[1]))
    systems = [s for s in data.get("cranfield", {}).get("systems", []) if s.get("seconds_per_query", 0) > 0]
    if not systems:
        sys.exit("no Cranfield systems with a latency in " + sys.argv[1])
    width, height, left, right, top, bottom = 860, 460, 70, 260, 40, 60
    xs = [math.log10(s["seconds_per_query"] * 1000) for s in systems]
    ys = [s["ndcg_cut_10"] for s in systems]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    if x0 == x1:
        x1 += 1
    y0, y1 = math.floor(min(ys) * 50) / 50 - 0.01, math.ceil(max(ys) * 50) / 50 + 0.01

    def px(x):
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    def py(y):
        return height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{(left + width - right) / 2}" y="22" font-size="14" font-weight="bold" text-anchor="middle">'
           'Cranfield: nDCG@10 vs query latency (top 1000)</text>']
    for e in range(x0, x1 + 1):  # decades
        x = px(e)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{10 ** e:g} ms</text>')
    steps = int(round((y1 - y0) / 0.01))
    for i in range(steps + 1):
        y = y0 + i * 0.01
        if i % 2:
            continue
        out.append(f'<line x1="{left}" y1="{py(y):.1f}" x2="{width - right}" y2="{py(y):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.2f}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{width - left - right}" height="{height - top - bottom}" '
               'fill="none" stroke="#444"/>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 20}" text-anchor="middle">'
               'mean latency per query (ms, log scale)</text>')
    out.append(f'<text transform="translate(18,{(top + height - bottom) / 2}) rotate(-90)" '
               'text-anchor="middle">nDCG@10</text>')
    placed = []  # (x, y) of labels already drawn, to push overlapping ones down
    for s, x, y in sorted(zip(systems, xs, ys), key=lambda t: -t[2]):
        quarry = s["system"].startswith("quarry")
        colour = "#d62728" if quarry else "#1f77b4"
        cx, cy = px(x), py(y)
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{6 if quarry else 4.5}" fill="{colour}"/>')
        label = f'{escape(s["system"])} ({y:.3f}, {10 ** x:.2f} ms)'
        ly = cy + 4
        while any(abs(ly - py_) < 13 and abs(cx - px_) < 230 for px_, py_ in placed):
            ly += 13
        placed.append((cx, ly))
        if ly - (cy + 4) > 1:
            out.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{cx + 7:.1f}" y2="{ly - 4:.1f}" stroke="{colour}"/>')
        weight = ' font-weight="bold"' if quarry else ""
        out.append(f'<text x="{cx + 8:.1f}" y="{ly:.1f}" fill="{colour}"{weight}>{label}</text>')
    out.append('</svg>')
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {sys.argv[2]} ({len(systems)} systems)")


if __name__ == "__main__":
    main()
