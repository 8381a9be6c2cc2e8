import Testing
import QuarryIndex
import QuarryText
import QuarryTestSupport

/// What `DocumentAnalyzer` indexes as word pairs (`CommonGrams`): a slot per distinct pair of
/// adjacent words of which one is common, at the first word's positions, counted in its field;
/// the words' own slots, lengths and layout are those of an analysis without pairs.
@Suite struct PairIndexingTests {
    private func analyze(_ fields: DocumentFields, pairs: Bool) -> AnalyzedDocument {
        var configuration = AnalyzerConfiguration(stemming: false)
        configuration.commonGrams = pairs
        return DocumentAnalyzer(configuration: configuration).analyze(fields)
    }

    @Test func pairsAreSlotsAfterTheWords() {
        let fields = DocumentFields(key: "a.html", title: "the kernel", headings: "",
                                    body: "linux kernel of the kernel\nthe page is the kernel")
        let plain = analyze(fields, pairs: false), paired = analyze(fields, pairs: true)
        #expect(paired.terms == plain.terms)
        #expect(paired.fieldOf == plain.fieldOf)
        #expect(paired.lengths == plain.lengths)
        #expect(paired.wordSlotCount == plain.uniqueTerms.count)
        #expect(Array(paired.uniqueTerms.prefix(paired.wordSlotCount)) == plain.uniqueTerms)
        #expect(paired.positionJumps.map(\.index) == plain.positionJumps.map(\.index))

        var found: [String: (positions: [UInt32], compact: [UInt32], tf: [UInt32])] = [:]
        for slot in paired.wordSlotCount..<paired.uniqueTerms.count {
            let range = Int(paired.positionStart[slot])..<Int(paired.positionStart[slot + 1])
            let name = paired.uniqueTerms[slot].split(separator: "\u{1E}").joined(separator: " ")
            found[name] = (Array(paired.positions[range]), Array(paired.compactPositions[range]),
                           Array(paired.termFrequencies[slot * 3..<slot * 3 + 3]))
        }
        // "linux kernel" has no common word; "kernel the" spans the title/body gap; "kernel
        // the" in the body spans a line break.
        #expect(Set(found.keys) == ["the kernel", "kernel of", "of the", "the page", "page is", "is the"])
        let body = paired.bodyStart
        #expect(found["the kernel"]?.positions == [0, body + 3, body + 108])
        #expect(found["the kernel"]?.tf == [1, 0, 2])
        #expect(found["of the"]?.positions == [body + 2])
        // A pair's compact position is its first word's.
        let theSlot = paired.uniqueTerms.firstIndex(of: "the")!
        let theCompact = Array(paired.compactPositions[Int(paired.positionStart[theSlot])..<Int(paired.positionStart[theSlot + 1])])
        let thePositions = Array(paired.positions[Int(paired.positionStart[theSlot])..<Int(paired.positionStart[theSlot + 1])])
        for (p, c) in zip(found["the kernel"]!.positions, found["the kernel"]!.compact) {
            #expect(theCompact[thePositions.firstIndex(of: p)!] == c)
        }
    }

    @Test func commonTermsAreTheStopwordsTerms() {
        var configuration = AnalyzerConfiguration.default
        configuration.commonGrams = true
        let analyzer = Analyzer(configuration: configuration)
        #expect(analyzer.isCommonTerm("the") && analyzer.isCommonTerm("und") && analyzer.isCommonTerm("et"))
        #expect(!analyzer.isCommonTerm("kernel"))
        // Stemmed as its own language stems it: English "having" is indexed as "have".
        #expect(analyzer.isCommonTerm(analyzer.stem("having", language: .english)))
        #expect(!Analyzer().isCommonTerm("the"))
    }

    /// Past `maxInternedPairs` the analyzer stops interning pairs and the document keeps them by
    /// their strings: the index holds exactly the same terms, postings and positions.
    @Test func pairsPastTheInternedLimitIndexTheSame() throws {
        var configuration = AnalyzerConfiguration.default
        configuration.commonGrams = true
        let words = ["the", "of", "kernel", "driver", "is", "page", "memory", "to", "lock", "a"]
        var seed: UInt64 = 3
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let docs = (0..<120).map { i in
            DocumentFields(key: "d\(i).html", title: (0..<3).map { _ in words[next(words.count)] }.joined(separator: " "),
                           headings: "", body: (0..<60).map { _ in words[next(words.count)] + (next(9) == 0 ? "\n" : "") }.joined(separator: " "))
        }
        func index(limit: Int?) throws -> [String: [UInt32]] {
            let tmp = TemporaryDirectory()
            defer { tmp.cleanup() }
            let dir = try FSDirectory(path: tmp.path, create: true)
            let writer = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(analyzer: configuration))
            let analyzer = DocumentAnalyzer(configuration: configuration)
            if let limit { analyzer.analyzer.maxInternedPairs = limit }
            for d in docs { try writer.add(analyzer.analyze(d)) }
            try writer.commit()
            writer.close()
            var postings: [String: [UInt32]] = [:]
            let reader = try IndexReader.open(dir)
            for segment in reader.segments {
                try segment.forEachTerm { (term: String, info: TermInfo) throws(IndexError) in
                    guard let cursor = try segment.cursor(term) else { return }
                    var list: [UInt32] = []
                    while try cursor.next() != PostingsCursor.noMoreDocs {
                        list.append(cursor.doc)
                        list.append(cursor.tf(.title) << 16 | cursor.tf(.body))
                        list.append(contentsOf: try cursor.positions())
                    }
                    postings[term, default: []].append(contentsOf: list)
                }
            }
            return postings
        }
        let interned = try index(limit: nil), bounded = try index(limit: 5)
        #expect(interned.keys.filter(CommonGrams.isPair).count > 50)
        #expect(interned == bounded)
    }
}
