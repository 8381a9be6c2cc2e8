import Foundation

/// One merge running on its own thread while the writer goes on adding documents.
///
/// Why: a crawl of many small updates, or a large build, flushes segment after segment; merging
/// a full tier of them at commit time made the commit wait for all of it. Started right after
/// the flush that fills a tier, the merge overlaps with parsing and inversion on another core.
///
/// What runs off the writer's thread is only `SegmentMerger.merge` over read-only segment
/// readers into new files no commit names yet; the writer's state changes only when it
/// integrates the result on its own thread (`IndexWriter.integrateBackgroundMerge`). A crash
/// leaves orphan files that the next writer deletes, as for a synchronous merge.
final class BackgroundMerge: @unchecked Sendable {
    /// The merged segments' ids, in index order (a contiguous run of the writer's segments).
    let sourceIDs: [String]
    /// The id given to the output.
    let outputID: String
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<SegmentInfo?, IndexError>?

    init(sources: [MergeSource], sourceIDs: [String], outputID: String, directory: any IndexDirectory) {
        self.sourceIDs = sourceIDs
        self.outputID = outputID
        let thread = Thread { [self] in
            let r: Result<SegmentInfo?, IndexError>
            do throws(IndexError) { r = .success(try SegmentMerger(sources: sources).merge(id: outputID, to: directory)) }
            catch { r = .failure(error) }
            lock.withLock { result = r }
            done.signal()
        }
        thread.name = "quarry-merge-\(outputID)"
        thread.start()
    }

    /// Finished (without waiting).
    var isFinished: Bool { lock.withLock { result != nil } }

    /// Waits for the merge and returns its output (nil when every document was deleted).
    func wait() -> Result<SegmentInfo?, IndexError> {
        done.wait()
        done.signal()  // later callers return at once
        return lock.withLock { result! }
    }
}
