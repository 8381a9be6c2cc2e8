/// Decides which segments to merge: a simplified form of Lucene's TieredMergePolicy.
///
/// Segments fall into size tiers by live document count: tier 0 up to `floorDocs`, then one tier
/// per factor of `segmentsPerTier` (with the defaults: ≤1,000 live docs, ≤10,000, ≤100,000…).
/// When `segmentsPerTier` adjacent segments share a tier they are merged into one (about one
/// tier up), and a segment with more than `maxDeletedFraction` of its documents deleted is
/// rewritten on its own to drop them. A flush therefore costs O(log n) rewrites of each
/// document over the index's life, and the segment count stays near
/// `(segmentsPerTier − 1) · tiers`.
///
/// Unlike Lucene, only *adjacent* segments are merged, so documents keep their relative order
/// (the global doc ids that break ranking ties) — merging never changes a result list. Since
/// segments are appended as they are flushed, sizes fall from oldest to newest and same-tier
/// segments sit next to each other anyway.
public struct TieredMergePolicy: Sendable, Equatable {
    public var segmentsPerTier: Int
    public var floorDocs: Int
    public var maxDeletedFraction: Double

    public init(segmentsPerTier: Int = 10, floorDocs: Int = 1000, maxDeletedFraction: Double = 0.2) {
        self.segmentsPerTier = max(2, segmentsPerTier)
        self.floorDocs = max(1, floorDocs)
        self.maxDeletedFraction = maxDeletedFraction
    }

    /// What the policy needs to know about a segment.
    public struct Candidate: Sendable, Equatable {
        public var docCount: UInt32
        public var deletedCount: UInt32

        public init(docCount: UInt32, deletedCount: UInt32) {
            self.docCount = docCount
            self.deletedCount = deletedCount
        }

        var liveCount: Int { Int(docCount) - Int(min(deletedCount, docCount)) }
    }

    /// The tier of a segment with `live` documents.
    public func tier(live: Int) -> Int {
        var t = 0
        var limit = floorDocs
        while live > limit && t < 30 {
            t += 1
            let (next, overflow) = limit.multipliedReportingOverflow(by: segmentsPerTier)
            if overflow { break }
            limit = next
        }
        return t
    }

    /// Non-overlapping ranges of adjacent segments to merge, in ascending order. A range of one
    /// segment means "rewrite without its deleted documents".
    public func findMerges(_ segments: [Candidate]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var covered = [Bool](repeating: false, count: segments.count)
        let tiers = segments.map { tier(live: $0.liveCount) }
        var i = 0
        while i < segments.count {
            var j = i
            while j < segments.count && tiers[j] == tiers[i] { j += 1 }
            var start = i
            while j - start >= segmentsPerTier {
                ranges.append(start..<(start + segmentsPerTier))
                for k in start..<(start + segmentsPerTier) { covered[k] = true }
                start += segmentsPerTier
            }
            i = j
        }
        for (k, s) in segments.enumerated() where !covered[k] && s.docCount > 0 {
            if Double(s.deletedCount) / Double(s.docCount) > maxDeletedFraction { ranges.append(k..<(k + 1)) }
        }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Groups for `forceMerge`: at most `maxSegments` runs of adjacent segments, formed by
    /// repeatedly joining the adjacent pair with the fewest live documents together. Runs of
    /// one segment are returned only when it has deletions to drop.
    public static func forceMergeGroups(_ segments: [Candidate], maxSegments: Int) -> [Range<Int>] {
        var groups = segments.indices.map { $0..<($0 + 1) }
        func live(_ r: Range<Int>) -> Int { r.reduce(0) { $0 + segments[$1].liveCount } }
        while groups.count > max(1, maxSegments) {
            var best = 0
            var bestSize = Int.max
            for g in 0..<(groups.count - 1) {
                let size = live(groups[g]) + live(groups[g + 1])
                if size < bestSize { best = g; bestSize = size }
            }
            groups[best] = groups[best].lowerBound..<groups[best + 1].upperBound
            groups.remove(at: best + 1)
        }
        return groups.filter { $0.count > 1 || segments[$0.lowerBound].deletedCount > 0 }
    }
}
