import Foundation

/// Merging, as seen from the writer: the policy run by `commit`, and `forceMerge`.
///
/// Merges run synchronously on the writer's thread, before the commit that publishes them: the
/// merged segment's files are written (and fsynced) first, then the commit naming it replaces
/// the one naming its sources, whose files are deleted only after that rename. A crash at any
/// point leaves the previous commit intact; the next writer deletes the orphaned merge output.
extension IndexWriter {
    /// Merges the index down to at most `maxSegments` segments and drops every deleted
    /// document, flushing buffered documents first. Visible at the next `commit`.
    ///
    /// Cost: rewrites every segment that takes part, i.e. the whole index for `maxSegments: 1`.
    public func forceMerge(maxSegments: Int = 1) throws(IndexError) {
        guard maxSegments >= 1 else { throw .invalidArgument("maxSegments must be at least 1, got \(maxSegments)") }
        try flush()
        let groups = TieredMergePolicy.forceMergeGroups(mergeCandidates(), maxSegments: maxSegments)
        try merge(groups)
    }

    /// Segment count of the pending state (committed plus flushed, merges applied).
    public var pendingSegmentCount: Int { segments.count }

    /// Runs the configured policy until it finds nothing more to merge (merged segments may
    /// complete a tier one level up).
    func applyMergePolicy() throws(IndexError) {
        guard let policy = configuration.mergePolicy else { return }
        for _ in 0..<16 {
            let ranges = policy.findMerges(mergeCandidates())
            if ranges.isEmpty { return }
            try merge(ranges)
        }
    }

    private func mergeCandidates() -> [TieredMergePolicy.Candidate] {
        segments.map { info in
            TieredMergePolicy.Candidate(docCount: info.docCount,
                                        deletedCount: pendingDeletions[info.id]?.count ?? info.deletedCount)
        }
    }

    /// Replaces each range of `segments` (ascending, non-overlapping) by its merged segment.
    private func merge(_ ranges: [Range<Int>]) throws(IndexError) {
        for range in ranges.reversed() {
            guard range.lowerBound >= 0, range.upperBound <= segments.count, !range.isEmpty else {
                throw .invalidArgument("merge range \(range) outside \(segments.count) segments")
            }
            var sources: [MergeSource] = []
            for info in segments[range] {
                let r = try reader(info)
                sources.append(MergeSource(reader: r, deletions: pendingDeletions[info.id] ?? r.deletions))
            }
            let id = String(format: "%06d", base.nextSegment)
            base.nextSegment += 1
            let merged = try SegmentMerger(sources: sources).merge(id: id, to: directory)
            for info in segments[range] {
                pendingDeletions[info.id] = nil
                readers[info.id] = nil
            }
            segments.replaceSubrange(range, with: merged.map { [$0] } ?? [])
        }
    }
}
