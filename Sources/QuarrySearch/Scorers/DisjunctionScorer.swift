import QuarryIndex

/// Documents matching at least `minimumMatch` sub-scorers; score = sum of those that match.
///
/// Keeps the subs' current documents and moves the ones at the minimum. Linear in the number
/// of clauses per document, which is cheap for the few clauses of a typed query; the
/// term-only bag-of-words case takes `BlockMaxWANDScorer` instead.
final class DisjunctionScorer: Scorer {
    private let scorers: [any Scorer]
    private let minimumMatch: Int
    private var started = false
    private(set) var doc: UInt32 = noMoreDocs

    enum Combine { case sum, max }
    private let combine: Combine

    init(_ scorers: [any Scorer], minimumMatch: Int = 1, combine: Combine = .sum) {
        self.scorers = scorers
        self.combine = combine
        self.minimumMatch = max(1, minimumMatch)
    }

    var cost: Int { scorers.reduce(0) { $0 + $1.cost } }

    private func start() throws(IndexError) {
        guard !started else { return }
        started = true
        for s in scorers { try s.next() }
    }

    func next() throws(IndexError) -> UInt32 {
        if !started {
            try start()
        } else {
            for s in scorers where s.doc == doc && doc != noMoreDocs { try s.next() }
        }
        return try settle()
    }

    func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        if started && doc != noMoreDocs && doc >= target { return doc }
        if !started { try start() }
        for s in scorers where s.doc < target { try s.advance(to: target) }
        return try settle()
    }

    /// Moves to the smallest document matched by enough subs.
    private func settle() throws(IndexError) -> UInt32 {
        while true {
            var minDoc = noMoreDocs
            for s in scorers where s.doc < minDoc { minDoc = s.doc }
            if minDoc == noMoreDocs || minimumMatch == 1 {
                doc = minDoc
                return minDoc
            }
            var n = 0
            for s in scorers where s.doc == minDoc { n += 1 }
            if n >= minimumMatch {
                doc = minDoc
                return minDoc
            }
            for s in scorers where s.doc == minDoc { try s.next() }
        }
    }

    func score() throws(IndexError) -> Double {
        var total = 0.0
        for s in scorers where s.doc == doc {
            let v = try s.score()
            total = combine == .sum ? total + v : Swift.max(total, v)
        }
        return total
    }
}
