import QuarryIndex

/// Documents matching every sub-scorer; the cheapest leads and the others `advance` to it
/// (leapfrog), so the cost is driven by the rarest clause. Score = sum of the parts.
final class ConjunctionScorer: Scorer {
    private let scorers: [any Scorer]
    private(set) var doc: UInt32 = noMoreDocs

    init(_ scorers: [any Scorer]) {
        self.scorers = scorers.sorted { $0.cost < $1.cost }
    }

    var cost: Int { scorers.first?.cost ?? 0 }

    func next() throws(IndexError) -> UInt32 {
        try align(try scorers[0].next())
    }

    func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        try align(try scorers[0].advance(to: target))
    }

    private func align(_ start: UInt32) throws(IndexError) -> UInt32 {
        var candidate = start
        outer: while candidate != noMoreDocs {
            for s in scorers.dropFirst() {
                let reached = try s.advance(to: candidate)
                if reached > candidate {
                    candidate = try scorers[0].advance(to: reached)
                    continue outer
                }
            }
            doc = candidate
            return candidate
        }
        doc = noMoreDocs
        return noMoreDocs
    }

    func score() throws(IndexError) -> Double {
        var s = 0.0
        for sc in scorers { s += try sc.score() }
        return s
    }
}
