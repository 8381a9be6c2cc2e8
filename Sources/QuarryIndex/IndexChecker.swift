/// The integrity check behind `quarry check`: every checksum, then every structure.
///
/// Pass 1 opens the newest commit with `verifyChecksums: true`, so each file of the commit
/// (commit, crawl manifest, and every segment's `.tdi .wrd .key .doc .pos .nrm .sto .del`) has its
/// frame and CRC-32C verified; a single flipped byte anywhere fails here, naming the file.
/// Pass 2 trusts nothing the checksums cannot vouch for — a file written wrongly has a valid
/// checksum — and walks every structure: dictionary keys strictly increasing, every term's
/// postings (doc ids strictly increasing and below the segment's document count, exactly
/// `docFreq` of them, every position list decodable and ascending), every stored document
/// decodable and its key mapping back to it, every key inside the segment, field starts ordered.
///
/// Cost: reads every byte of the index once for the checksums, then decodes every posting and
/// every stored block (O(index size)); memory O(one block). Never prints: problems come back as
/// `IndexError.corrupt(file:reason:)` naming the damaged file.
public enum IndexChecker {
    /// What a successful check covered.
    public struct Report: Sendable, Equatable {
        public var segments = 0
        public var files = 0
        public var documents: UInt64 = 0
        public var terms = 0
        public var postings: UInt64 = 0
        public var positions: UInt64 = 0
    }

    /// Verifies the newest commit of `directory`; throws the first problem found.
    public static func check(_ directory: any IndexDirectory) throws(IndexError) -> Report {
        let reader = try IndexReader.open(directory, verifyChecksums: true)
        _ = try reader.userData()
        var report = Report()
        report.files = reader.commit.referencedFiles.count
        for segment in reader.segments {
            try check(segment, in: directory, report: &report)
            report.segments += 1
        }
        return report
    }

    private static func check(_ segment: SegmentReader, in directory: any IndexDirectory,
                              report: inout Report) throws(IndexError) {
        let id = segment.info.id
        func file(_ ext: String) -> String { directory.path + "/seg-\(id).\(ext)" }
        let docCount = segment.docCount

        // Position layouts: one per document, jumps in order, token count = the field lengths,
        // the trailer's smallest jump the smallest indeed (exact phrases rely on it).
        var minJump = UInt32.max
        for d in 0..<docCount {
            let layout = try segment.layout(d)
            for jump in layout.jumps { minJump = min(minJump, jump.extra) }
            let n = segment.norms(d)
            guard UInt64(layout.tokenCount) == UInt64(n.lengths.0) + UInt64(n.lengths.1) + UInt64(n.lengths.2) else {
                throw .corrupt(file: file("pos"), reason: "layout of doc \(d) counts \(layout.tokenCount) tokens, its norms another number")
            }
        }
        guard minJump == segment.minJump else {
            throw .corrupt(file: file("pos"), reason: "layouts record \(segment.minJump) as the smallest jump, not \(minJump)")
        }

        // Terms: strictly increasing keys; each postings list well-formed.
        var previous: [UInt8]? = nil
        try segment.forEachTerm { (term: String, info: TermInfo) throws(IndexError) in
            let key = Array(term.utf8)
            if let previous, !previous.lexicographicallyPrecedes(key) {
                throw .corrupt(file: file("tdi"), reason: "terms out of order at \"\(term)\"")
            }
            previous = key
            guard info.docFreq > 0, info.docFreq <= docCount else {
                throw .corrupt(file: file("tdi"), reason: "term \"\(term)\" has document frequency \(info.docFreq) of \(docCount)")
            }
            let cursor = try segment.cursor(info)
            var seen: UInt32 = 0
            var last: Int64 = -1
            var d = try cursor.next()
            while d != PostingsCursor.noMoreDocs {
                guard Int64(d) > last, d < docCount else {
                    throw .corrupt(file: file("doc"), reason: "term \"\(term)\": doc id \(d) after \(last) (segment has \(docCount))")
                }
                last = Int64(d)
                seen += 1
                guard seen <= info.docFreq else {
                    throw .corrupt(file: file("doc"), reason: "term \"\(term)\": more postings than its document frequency \(info.docFreq)")
                }
                let positions = try cursor.positions()
                for i in positions.indices.dropFirst() where positions[i] <= positions[i - 1] {
                    throw .corrupt(file: file("pos"), reason: "term \"\(term)\": positions not ascending in doc \(d)")
                }
                report.positions += UInt64(positions.count)
                d = try cursor.next()
            }
            guard seen == info.docFreq else {
                throw .corrupt(file: file("doc"), reason: "term \"\(term)\": \(seen) postings, document frequency says \(info.docFreq)")
            }
            report.postings += UInt64(seen)
            report.terms += 1
        }

        // Keys: inside the segment, one per document.
        var keyed = [Bool](repeating: false, count: Int(docCount))
        var keyFailure: IndexError? = nil
        var previousKey: [UInt8]? = nil
        try segment.forEachKey { key, doc in
            guard keyFailure == nil else { return }
            let bytes = Array(key.utf8)
            if let previousKey, !previousKey.lexicographicallyPrecedes(bytes) {
                keyFailure = .corrupt(file: file("key"), reason: "keys out of order at \"\(key)\"")
            } else if doc >= docCount || keyed[Int(doc)] {
                keyFailure = .corrupt(file: file("key"), reason: "key \"\(key)\" points at doc \(doc), outside the segment or shared")
            } else {
                keyed[Int(doc)] = true
            }
            previousKey = bytes
        }
        if let keyFailure { throw keyFailure }

        // Stored documents and norms: each decodes, and its key maps back to it.
        for d in 0..<docCount {
            let stored = try segment.document(d)
            guard try segment.doc(forKey: stored.fields.key) == d else {
                throw .corrupt(file: file("sto"), reason: "stored document \(d) has key \"\(stored.fields.key)\", which maps elsewhere")
            }
            let norms = segment.norms(d)
            guard norms.headingsStart <= norms.bodyStart else {
                throw .corrupt(file: file("nrm"), reason: "document \(d): field starts out of order")
            }
        }
        report.documents += UInt64(docCount)

        // Words: keys strictly increasing (prefix expansion relies on it).
        var previousWord: [UInt8]? = nil
        var wordFailure: IndexError? = nil
        try segment.forEachWord { word, _ in
            let bytes = Array(word.utf8)
            if wordFailure == nil, let previousWord, !previousWord.lexicographicallyPrecedes(bytes) {
                wordFailure = .corrupt(file: file("wrd"), reason: "words out of order at \"\(word)\"")
            }
            previousWord = bytes
        }
        if let wordFailure { throw wordFailure }
    }
}

/// The numbers behind `quarry stats`, read from the newest commit without decoding postings.
public struct IndexStatistics: Sendable, Equatable {
    public var generation = 0
    public var segments = 0
    /// Live documents.
    public var documents: UInt64 = 0
    public var deleted: UInt64 = 0
    /// Sum of each segment's distinct terms (a term in two segments counts twice).
    public var terms = 0
    /// Bytes on disk per file kind (extension: `tdi`, `doc`, `pos`… plus `commit`, `manifest`, `del`).
    public var bytesPerKind: [String: Int64] = [:]
    /// Average length in tokens of the title, headings and body fields.
    public var averageFieldLengths: [String: Double] = [:]

    public var totalBytes: Int64 { bytesPerKind.values.reduce(0, +) }

    public init(reader: IndexReader) {
        generation = reader.commit.generation
        segments = reader.segments.count
        documents = reader.docCount
        for s in reader.commit.segments { deleted += UInt64(s.deletedCount) }
        for s in reader.segments { terms += s.termCount }
        for name in reader.commit.referencedFiles {
            let kind: String
            if name.hasPrefix("commit-") {
                kind = "commit"
            } else if name == reader.commit.userDataFile {
                kind = "manifest"
            } else if let dot = name.lastIndex(of: ".") {
                kind = String(name[name.index(after: dot)...])
            } else {
                kind = name
            }
            bytesPerKind[kind, default: 0] += reader.directory.size(name) ?? 0
        }
        // Exact averages (deleted documents included until a merge drops them, as BM25 sees them).
        var total: UInt64 = 0
        for s in reader.commit.segments { total += UInt64(s.docCount) }
        for field in Field.allCases {
            var sum: UInt64 = 0
            for s in reader.commit.segments where field.rawValue < s.fieldLengthSums.count {
                sum += s.fieldLengthSums[field.rawValue]
            }
            averageFieldLengths["\(field)"] = total == 0 ? 0 : Double(sum) / Double(total)
        }
    }
}
