import QuarryText

/// A point-in-time view of an index: the segments of its newest valid commit.
///
/// Opening costs O(segments): files are memory-mapped and only sparse indexes parsed. A reader
/// never changes; writers publish new commits, and a new reader sees them. Shared by threads.
public final class IndexReader: Sendable {
    public let directory: any IndexDirectory
    public let commit: Commit
    public let segments: [SegmentReader]
    /// Documents before each segment, for global document numbers.
    public let docBases: [UInt64]

    /// Opens the newest commit. A commit whose files vanish while opening (a concurrent writer
    /// just replaced it) is retried with the next newest.
    ///
    /// With `verifyChecksums`, every file's CRC is checked; with `rememberVerified` too, the files
    /// an earlier open verified and that have not changed since are skipped (`ChecksumLedger`),
    /// and those verified now are remembered.
    public static func open(_ directory: any IndexDirectory, verifyChecksums: Bool = false,
                            rememberVerified: Bool = false) throws(IndexError) -> IndexReader {
        var lastError: IndexError? = nil
        for _ in 0..<5 {
            let generations = Commit.generations(in: try directory.list())
            guard !generations.isEmpty else { throw lastError ?? .noIndex(path: directory.path) }
            do {
                let commit = try Commit.read(try directory.map(Commit.fileName(generations[0])))
                var ledger = verifyChecksums && rememberVerified ? ChecksumLedger.load(from: directory) : nil
                let reader = try IndexReader(directory: directory, commit: commit, verifyChecksums: verifyChecksums, ledger: &ledger)
                if var ledger {
                    ledger.keep(only: commit.referencedFiles)
                    ledger.saveIfChanged(to: directory)
                }
                return reader
            } catch {
                if case .io(_, _, let e, _) = error, e == 2 /* ENOENT: replaced meanwhile */ {
                    lastError = error
                    continue
                }
                throw error
            }
        }
        throw lastError ?? .noIndex(path: directory.path)
    }

    public convenience init(directory: any IndexDirectory, commit: Commit, verifyChecksums: Bool = false) throws(IndexError) {
        var ledger: ChecksumLedger? = nil
        try self.init(directory: directory, commit: commit, verifyChecksums: verifyChecksums, ledger: &ledger)
    }

    init(directory: any IndexDirectory, commit: Commit, verifyChecksums: Bool, ledger: inout ChecksumLedger?) throws(IndexError) {
        self.directory = directory
        self.commit = commit
        var segments: [SegmentReader] = []
        var bases: [UInt64] = []
        var base: UInt64 = 0
        for info in commit.segments {
            segments.append(try SegmentReader(info: info, directory: directory, verifyChecksums: verifyChecksums, ledger: &ledger))
            bases.append(base)
            base += UInt64(info.docCount)
        }
        self.segments = segments
        docBases = bases
    }

    public var analyzerConfiguration: AnalyzerConfiguration { commit.analyzer }

    /// Live (not deleted) documents.
    public var docCount: UInt64 { commit.docCount }

    /// Average length of `field` over all documents (deleted ones included, as Lucene does,
    /// until a merge drops them), at least 1 so BM25's length normalization stays finite.
    public func averageFieldLength(_ field: Field) -> Double {
        var sum: UInt64 = 0, n: UInt64 = 0
        for s in commit.segments {
            sum += s.fieldLengthSums[field.rawValue]
            n += UInt64(s.docCount)
        }
        return n == 0 ? 1 : max(Double(sum) / Double(n), 1)
    }

    /// Number of documents containing `term` across segments.
    public func docFreq(_ term: String) throws(IndexError) -> UInt64 {
        var df: UInt64 = 0
        for s in segments { df += UInt64(try s.termInfo(term)?.docFreq ?? 0) }
        return df
    }

    /// The dictionary entry of `term` in each segment (nil where absent).
    public func termInfos(_ term: String) throws(IndexError) -> [TermInfo?] {
        var out: [TermInfo?] = []
        out.reserveCapacity(segments.count)
        for s in segments { out.append(try s.termInfo(term)) }
        return out
    }

    /// Dictionary entries of many terms sharing `prefix` (a prefix query's expansion), per
    /// segment: one scan of each dictionary over the prefix instead of one lookup per term,
    /// which was a third of the time of a prefix query expanding to thousands of words. Every
    /// term must start with `prefix`; a term absent from a segment has no entry there.
    public func termInfos(_ terms: Set<String>, sharing prefix: String) throws(IndexError) -> [[String: TermInfo]] {
        var out: [[String: TermInfo]] = []
        for s in segments {
            if prefix.isEmpty {
                var found: [String: TermInfo] = [:]
                for t in terms { if let info = try s.termInfo(t) { found[t] = info } }
                out.append(found)
            } else {
                out.append(try s.termInfos(withPrefix: prefix, among: terms))
            }
        }
        return out
    }

    /// The committed application data (the crawl manifest), if any.
    public func userData() throws(IndexError) -> [UInt8]? {
        guard let name = commit.userDataFile else { return nil }
        var body = try FileEnvelope.open(try directory.map(name), kind: IndexWriter.userDataKind,
                                         version: IndexWriter.userDataVersion, verifyChecksum: true)
        let size = try body.vcount(max: 1 << 30)
        guard let raw = Zstd.decompress(try body.bytes(body.remaining), size: size) else {
            throw .corrupt(file: directory.path + "/" + name, reason: "user data does not decompress")
        }
        return raw
    }

    /// Finds the live document with `key`.
    public func document(forKey key: String) throws(IndexError) -> (segment: Int, doc: UInt32)? {
        for (i, s) in segments.enumerated().reversed() {
            if let d = try s.doc(forKey: key), !s.isDeleted(d) { return (i, d) }
        }
        return nil
    }
}
