import QuarryIndex

/// Documents where the phrase's terms occur at the right relative positions.
///
/// Candidates come from a conjunction of the terms (rarest first); positions are decoded only
/// for those. Exact phrases (`slop` 0) need term i at p + offset_i; sloppy ones (`"a b"~N`)
/// need all terms, in any order, inside a window of (phrase length + N) positions. Matches are
/// counted per field (a field is a position range), and the phrase frequency per field is
/// scored with BM25F like a term whose idf is the sum of its terms' idfs.
final class PhraseScorer: Scorer {
    private let cursors: [PostingsCursor]
    private let offsets: [UInt32]
    private let slop: Int
    private let fields: [Field]?
    private let segment: SegmentReader
    private let scoring: FieldScoring
    private let weight: Double
    /// The cursors sorted rarest first, held without reference counting: the conjunction's
    /// inner loop runs once per candidate document, and retain/release pairs on every cursor
    /// access were a quarter of phrase-query time. `cursors` keeps them alive.
    private let byCost: [Unmanaged<PostingsCursor>]
    /// The cursors in phrase order, also without reference counting (`exactStarts` runs once
    /// per candidate document).
    private let inOrder: [Unmanaged<PostingsCursor>]
    private var started = false
    /// The smallest offset, and the positions the phrase spans beyond its first term.
    private let lowestOffset: UInt32
    private let span: UInt32
    @exclusivity(unchecked) private var freq: (UInt32, UInt32, UInt32) = (0, 0, 0)
    /// Phrase frequency per field in the current document.
    var frequencies: (UInt32, UInt32, UInt32) { freq }
    private(set) var doc: UInt32 = noMoreDocs
    /// Top-k pruning (Lucene's `setMinCompetitiveScore`): a candidate whose phrase score cannot
    /// exceed this is passed over without decoding its positions. The bound: a phrase occurs in
    /// a field at most as often as its rarest term does there (each occurrence, exact or within
    /// a window, uses its own occurrence of every term), so scoring the per-field minimum of the
    /// terms' frequencies bounds the phrase score. −∞ (the default) reports every match.
    @exclusivity(unchecked) var minCompetitiveScore = -Double.infinity

    init(cursors: [PostingsCursor], offsets: [UInt32], slop: Int, fields: [Field]?, segment: SegmentReader,
         scoring: FieldScoring, weight: Double) {
        self.cursors = cursors
        self.offsets = offsets
        self.slop = slop
        self.fields = fields
        self.segment = segment
        self.scoring = scoring
        self.weight = weight
        lowestOffset = offsets.min() ?? 0
        span = (offsets.max() ?? 0) - lowestOffset
        byCost = cursors.sorted { $0.docFreq < $1.docFreq }.map { Unmanaged.passUnretained($0) }
        inOrder = cursors.map { Unmanaged.passUnretained($0) }
    }

    var cost: Int { byCost.first?._withUnsafeGuaranteedRef { $0.docFreq } ?? 0 }

    func next() throws(IndexError) -> UInt32 {
        try search(from: try step(0, to: nil))
    }

    func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        if doc != noMoreDocs && doc >= target { return doc }
        return try search(from: try step(0, to: target))
    }

    /// `next()` (target nil) or `advance(to:)` on the i-th rarest cursor, without retaining it.
    @inline(__always)
    private func step(_ i: Int, to target: UInt32?) throws(IndexError) -> UInt32 {
        let r: Result<UInt32, IndexError> = byCost[i]._withUnsafeGuaranteedRef { c in
            do throws(IndexError) {
                if let t = target { return .success(try c.advance(to: t)) }
                return .success(try c.next())
            } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Leapfrog: the first document ≥ `start` that every term contains (the rarest leads).
    private func align(_ start: UInt32) throws(IndexError) -> UInt32 {
        var candidate = start
        var i = 1
        while candidate != noMoreDocs && i < byCost.count {
            let reached = try step(i, to: candidate)
            if reached > candidate {
                candidate = try step(0, to: reached)
                i = 1
            } else {
                i += 1
            }
        }
        return candidate
    }

    /// The first match from the rarest term's document `lead` on. Under top-k pruning a
    /// document is passed over as early as its bounds allow: first by the rarest term's own
    /// frequencies (the phrase occurs at most as often), before the other cursors are moved
    /// there — at a million documents, moving the cursors of "to" and "the" to every document
    /// of "security" decoded two postings blocks per candidate — then by every term's (`bound`),
    /// and only then are positions decoded.
    private func search(from lead: UInt32) throws(IndexError) -> UInt32 {
        var d = lead
        while d != noMoreDocs {
            let pruning = minCompetitiveScore > -Double.infinity
            var lead = (tf: (UInt32(0), UInt32(0), UInt32(0)), bound: Double.infinity)
            if pruning {
                lead = leadBound(d)
                if lead.bound <= minCompetitiveScore {
                    d = try step(0, to: nil)
                    continue
                }
            }
            let aligned = try align(d)
            if aligned != d {
                d = aligned  // the rarest cursor moved on: check its bound there first
                continue
            }
            if !pruning || bound(d, lead: lead) > minCompetitiveScore {
                if try matches(d) { doc = d; return d }
            }
            d = try step(0, to: nil)
        }
        doc = noMoreDocs
        return d
    }

    /// How many of the rarest term's documents ahead `leadBound` prefetches field lengths: a
    /// few bound checks cover a memory access.
    private static let prefetchDistance = 4

    /// Upper bound of the phrase's score in `d` from the rarest term's frequencies alone (its
    /// cursor stands on `d`; the others may not), with those frequencies.
    private func leadBound(_ d: UInt32) -> (tf: (UInt32, UInt32, UInt32), bound: Double) {
        let tf = byCost[0]._withUnsafeGuaranteedRef { cur in
            // The next candidates' lengths load while this one is bounded.
            if segment.fieldLengths.worthPrefetching {
                segment.fieldLengths.prefetch(cur.bufferedDoc(ahead: Self.prefetchDistance))
            }
            return (cur.tf(.title), cur.tf(.headings), cur.tf(.body))
        }
        return (tf, weight * scoring.saturate(scoring.tfTilde(tf, doc: d, segment: segment)))
    }

    /// Upper bound of the phrase's score in `d`, where every cursor stands (see
    /// `minCompetitiveScore`). When the rarest term has the smallest frequencies in every field,
    /// which it mostly has, that is its `lead` bound, computed already: no lengths are read again.
    private func bound(_ d: UInt32, lead: (tf: (UInt32, UInt32, UInt32), bound: Double)) -> Double {
        var m: (UInt32, UInt32, UInt32) = (.max, .max, .max)
        for c in byCost {
            c._withUnsafeGuaranteedRef { cur in
                m = (Swift.min(m.0, cur.tf(.title)), Swift.min(m.1, cur.tf(.headings)), Swift.min(m.2, cur.tf(.body)))
            }
        }
        if m == lead.tf { return lead.bound }
        return weight * scoring.saturate(scoring.tfTilde(m, doc: d, segment: segment))
    }

    /// Phrase frequency per field in `doc` (0 everywhere = no match).
    /// Reused position buffers, one per term.
    @exclusivity(unchecked) private var lists: [[UInt32]] = []

    private func matches(_ d: UInt32) throws(IndexError) -> Bool {
        var f: (UInt32, UInt32, UInt32) = (0, 0, 0)  // a tuple: no allocation per candidate
        @inline(__always) func count(_ field: Field) {
            switch field {
            case .title: f.0 += 1
            case .headings: f.1 += 1
            case .body: f.2 += 1
            }
        }
        if slop == 0 && span <= segment.minJump {
            // On compact positions every start is a match (see `minJump`).
            guard try exactStarts(compact: true) else {
                freq = (0, 0, 0)
                return false
            }
            // Compact positions run through the fields in order (title, headings, body), so a
            // match's field follows from where the headings and the body begin, found once per
            // matching document in its layout: not at all when it has neither title nor headings,
            // nor when the norms alone place every match (`fieldBounds`).
            let norms = segment.norms(d)
            let lengths = norms.lengths
            var headingsFrom: UInt64 = 0, bodyFrom: UInt64 = 0
            if lengths.0 > 0 || lengths.1 > 0 {
                if let known = Self.fieldBounds(of: starts.elements, norms, minJump: segment.minJump) {
                    (headingsFrom, bodyFrom) = known
                } else {
                    let map = try segment.positionMap(d)
                    headingsFrom = map.compactPosition(ofToken: lengths.0)
                    bodyFrom = lengths.1 == 0 ? headingsFrom : map.compactPosition(ofToken: lengths.0 &+ lengths.1)
                }
            }
            for c in starts.elements {
                let field: Field = UInt64(c) < headingsFrom ? .title : (UInt64(c) < bodyFrom ? .headings : .body)
                if let fields, !fields.contains(field) { continue }
                count(field)
            }
        } else if slop == 0 {
            guard try exactStarts(compact: false) else {
                freq = (0, 0, 0)
                return false
            }
            // Field boundaries are read only for documents that do contain the phrase.
            let norms = segment.norms(d)
            for p in starts.elements {
                let field = norms.field(ofPosition: p)
                if let fields, !fields.contains(field) { continue }
                count(field)
            }
        } else {
            if lists.count != cursors.count { lists = Array(repeating: [], count: cursors.count) }
            for i in cursors.indices { try cursors[i].positions(into: &lists[i]) }
            let norms = segment.norms(d)
            for p in sloppyMatches(lists) {
                let field = norms.field(ofPosition: p)
                if let fields, !fields.contains(field) { continue }
                count(field)
            }
        }
        freq = f
        return f.0 + f.1 + f.2 > 0
    }

    /// Where the headings and the body begin in compact positions as far as `starts` (ascending)
    /// need it, told from the norms alone; nil when a start may lie in the headings or next to a
    /// field boundary, which only the layout tells. Reading the layout to find where the headings
    /// and body begin (`PositionMap.compactPosition(ofToken:)`) was a tenth of the time of a
    /// phrase of common words, and most matches lie in the body or, like "the linux kernel" in
    /// the titles of the kernel's pages, early in the title.
    ///
    /// The headings' first token has index L = the title's length, so compact position L or more
    /// (a compact position is a token index plus the jumps before it): a start below L is in the
    /// title. The body's first token has index T = title + headings lengths and position
    /// `bodyStart`, which exceeds T by the extras of the J jumps before it, each at least
    /// `minJump`; its compact position T + J is therefore at most T + (bodyStart − T) / minJump,
    /// and a start at or beyond that is in the body.
    static func fieldBounds(of starts: UnsafeBufferPointer<UInt32>, _ norms: FieldNorms,
                            minJump: UInt32) -> (headingsFrom: UInt64, bodyFrom: UInt64)? {
        let titleEnd = UInt64(norms.lengths.0)
        var bodyFrom = UInt64.max
        let t = titleEnd + UInt64(norms.lengths.1)
        let bodyStart = UInt64(norms.bodyStart)
        if norms.lengths.2 > 0, bodyStart >= t, minJump > 0 {
            bodyFrom = t + (minJump == .max ? 0 : (bodyStart - t) / UInt64(minJump))
        }
        // The first start not in the title must be in the body (the later ones are larger).
        for c in starts where UInt64(c) >= titleEnd {
            return UInt64(c) >= bodyFrom ? (titleEnd, bodyFrom) : nil
        }
        return (titleEnd, bodyFrom)
    }

    private let starts = PhraseStarts()
    @exclusivity(unchecked) private var order: [Int] = []

    /// Start positions of the exact phrase in the current document, left in `starts`; false
    /// when there is none. Terms are decoded from the least to the most frequent *in this
    /// document*, intersecting the candidate starts after each: when "to … documentation"
    /// already has no candidate, the positions of "the" are never decoded (the cursor skips
    /// them cheaply later if needed).
    ///
    /// With `compact` the terms' compact positions are intersected instead of their positions
    /// (no layout is read), offsets taken relative to the smallest: the starts are then the
    /// compact positions of the term with the smallest offset. A jump between two words puts
    /// them two compact positions apart, so a phrase of navigation links ("development process
    /// submitting"), whose words meet side by side in every page with one link ending where the
    /// next begins, is rejected by the intersection itself.
    private func exactStarts(compact: Bool) throws(IndexError) -> Bool {
        // Insertion sort of the (few) terms by in-document frequency, into a reused buffer.
        if order.count != cursors.count { order = Array(cursors.indices) }
        for i in order.indices { order[i] = i }
        for i in 1..<max(order.count, 1) {
            var j = i
            while j > 0 && inOrder[order[j - 1]]._withUnsafeGuaranteedRef({ $0.totalTf })
                    > inOrder[order[j]]._withUnsafeGuaranteedRef({ $0.totalTf }) {
                order.swapAt(j - 1, j)
                j -= 1
            }
        }
        for n in order.indices {
            let i = order[n]
            let off = compact ? offsets[i] - lowestOffset : offsets[i]
            if compact && n > 0 {
                // Later terms test the starts as their positions are decoded (no view, no merge).
                let c = inOrder[i]
                try starts.narrow { (buffer, count) throws(IndexError) -> Int in
                    let r: Result<Int, IndexError> = c._withUnsafeGuaranteedRef { cursor in
                        do throws(IndexError) { return .success(try cursor.keepCompactMatches(buffer, count: count, offset: off)) }
                        catch { return .failure(error) }
                    }
                    return try r.get()
                }
                if starts.isEmpty { return false }
                continue
            }
            // Only positions up to the last candidate start (plus this term's offset) matter.
            var limit = UInt32.max
            if n > 0, let last = starts.last {
                let (sum, overflow) = last.addingReportingOverflow(off)
                if !overflow { limit = sum }
            }
            let r: Result<UnsafeBufferPointer<UInt32>, IndexError> = inOrder[i]._withUnsafeGuaranteedRef { c in
                do throws(IndexError) {
                    return .success(compact ? try c.compactPositionView(upTo: limit) : try c.positionView(upTo: limit))
                } catch { return .failure(error) }
            }
            let view = try r.get()
            if n == 0 { starts.seed(view, offset: off) } else { starts.intersect(view, offset: off) }
            if starts.isEmpty { return false }
        }
        return true
    }

    /// Windows (reported by their first position) holding every term within phrase length + slop.
    /// Merges the positions and slides a window; non-overlapping matches are counted.
    private func sloppyMatches(_ lists: [[UInt32]]) -> [UInt32] {
        var events: [(pos: UInt32, term: Int)] = []
        for (i, l) in lists.enumerated() { for p in l { events.append((p, i)) } }
        events.sort { $0.pos < $1.pos || ($0.pos == $1.pos && $0.term < $1.term) }
        let n = lists.count
        let span = UInt32(n - 1 + slop)
        var counts = [Int](repeating: 0, count: n)
        var distinct = 0
        var lo = 0
        var out: [UInt32] = []
        var lastEnd: UInt32? = nil
        for hi in 0..<events.count {
            let t = events[hi].term
            if counts[t] == 0 { distinct += 1 }
            counts[t] += 1
            while events[hi].pos - events[lo].pos > span {
                let u = events[lo].term
                counts[u] -= 1
                if counts[u] == 0 { distinct -= 1 }
                lo += 1
            }
            if distinct == n, lastEnd.map({ events[lo].pos > $0 }) ?? true {
                out.append(events[lo].pos)
                lastEnd = events[hi].pos
            }
        }
        return out
    }

    func score() throws(IndexError) -> Double {
        weight * scoring.saturate(scoring.tfTilde(freq, doc: doc, segment: segment))
    }
}
