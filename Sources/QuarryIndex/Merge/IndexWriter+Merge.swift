import Foundation

/// Merging, as seen from the writer: background merges started after flushes, the policy run
/// by `commit`, and `forceMerge`.
///
/// A merge's output becomes visible only through a later commit: the merged segment's files are
/// written (and fsynced) first, then the commit naming it replaces the one naming its sources,
/// whose files are deleted only after that rename. A crash at any point leaves the previous
/// commit intact; the next writer deletes the orphaned merge output. At most one merge runs in
/// the background; `commit` waits for it, integrates it, then runs the policy synchronously for
/// whatever is left.
extension IndexWriter {
    /// Merges the index down to at most `maxSegments` segments and drops every deleted
    /// document, flushing buffered documents first. Visible at the next `commit`.
    ///
    /// Cost: rewrites every segment that takes part, i.e. the whole index for `maxSegments: 1`.
    public func forceMerge(maxSegments: Int = 1) throws(IndexError) {
        guard maxSegments >= 1 else { throw .invalidArgument("maxSegments must be at least 1, got \(maxSegments)") }
        try flush()
        try integrateBackgroundMerge()
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

    /// Starts the policy's first merge in the background if none is running, the policy finds
    /// one, its segments have no deletions pending in this writer (a merge over a snapshot of
    /// changing deletions would have to carry them over; such merges wait for commit), and its
    /// inputs are at most a quarter of the RAM budget. Called after each flush.
    ///
    /// Why the size limit: a merge maps and reads all of its inputs, and those pages count in the
    /// process's memory while the buffer fills up to the budget beside it. Measured on 1M
    /// documents with a 256 MB budget: a background merge of ten 36 MB segments took peak RSS
    /// from 344 MB to 1.1 GB. Small merges — the many little segments of incremental updates —
    /// run in the background; large ones wait for commit, when the buffer is empty.
    func startBackgroundMerge() throws(IndexError) {
        guard configuration.backgroundMerges, running == nil, let policy = configuration.mergePolicy else { return }
        let limit = Int64(configuration.memoryBudgetBytes / 4)
        for range in policy.findMerges(mergeCandidates())
        where range.count > 1 && segments[range].allSatisfy({ pendingDeletions[$0.id] == nil }) {
            let bytes = segments[range].reduce(Int64(0)) { sum, info in
                info.fileNames.reduce(sum) { $0 + (directory.size($1) ?? 0) }
            }
            guard bytes <= limit else { continue }
            var sources: [MergeSource] = []
            for info in segments[range] {
                let r = try reader(info)
                sources.append(MergeSource(reader: r, deletions: r.deletions))
            }
            start(sources, range: range)
            return
        }
    }

    private func start(_ sources: [MergeSource], range: Range<Int>) {
        let id = String(format: "%06d", base.nextSegment)
        base.nextSegment += 1
        running = BackgroundMerge(sources: sources, sourceIDs: segments[range].map(\.id), outputID: id, directory: directory)
    }

    /// Waits for the background merge, if one runs, and puts its output in place of its
    /// sources — unless a source gained deletions meanwhile, in which case the output is
    /// dropped (its files are unreferenced) and the policy merges again at commit. A failed
    /// merge (disk full) is reported here, on the writer's thread, as the error of the call.
    func integrateBackgroundMerge() throws(IndexError) {
        guard let merge = running else { return }
        running = nil
        let merged = try merge.wait().get()
        guard let first = segments.firstIndex(where: { $0.id == merge.sourceIDs[0] }),
              first + merge.sourceIDs.count <= segments.count,
              segments[first..<(first + merge.sourceIDs.count)].map(\.id) == merge.sourceIDs,
              merge.sourceIDs.allSatisfy({ pendingDeletions[$0] == nil }) else { return }
        for id in merge.sourceIDs { readers[id] = nil }
        segments.replaceSubrange(first..<(first + merge.sourceIDs.count), with: merged.map { [$0] } ?? [])
        backgroundMergesIntegrated += 1
        try startBackgroundMerge()
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
