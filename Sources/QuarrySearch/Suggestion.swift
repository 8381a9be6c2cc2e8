import QuarryIndex
import QuarryText

extension Searcher {
    /// "Did you mean": `text` with each plain word that is in no document (in a bag or a
    /// phrase, not excluded) replaced by the indexed word closest to it — fewest edits (at most
    /// two, first letter kept), then the most documents, then word order — or nil when no word
    /// changes.
    ///
    /// A word in no document is most likely misspelt, whether or not the query's other words
    /// found something; the word list the fuzzy operator scans already holds the candidates.
    /// When every word is indexed this costs a dictionary lookup per word.
    public func suggestion(for text: String, language: Language? = nil) throws(SearchError) -> String? {
        let text = MojibakeRepair.repair(text) ?? text
        let query: Query
        do { query = try QueryParser().parse(text) } catch { throw .query(error) }
        let language = language ?? reader.analyzerConfiguration.defaultLanguage
        var words: [String] = []
        collectWords(query, into: &words)
        var corrected = text
        var changed = false
        do {
            var done = Set<String>()
            for w in words where done.insert(w).inserted {
                let tokens = analyzer.analyze(w, language: language)
                guard tokens.count == 1, try reader.docFreq(tokens[0].term) == 0 else { continue }
                guard let best = try closestWord(to: tokens[0].word) else { continue }
                if let r = Self.standaloneRange(of: w, in: corrected) {
                    corrected.replaceSubrange(r, with: best)
                    changed = true
                }
            }
        } catch { throw .index(error) }
        return changed ? corrected : nil
    }

    /// The words a suggestion may correct: plain words and the words of phrases, outside
    /// exclusions and outside the `lang:` and `path:` filters.
    private func collectWords(_ q: Query, into words: inout [String]) {
        switch q {
        case .word(let w, let field, _):
            if field != "lang" && field != "path" { words.append(w) }
        case .phrase(let p, _, let field, _):
            if field != "path" { words += p.split(whereSeparator: \.isWhitespace).map(String.init) }
        case .prefix, .fuzzy:
            break
        case .boolean(let must, let should, _, _):
            for c in must + should { collectWords(c, into: &words) }
        }
    }

    private func closestWord(to word: String) throws(IndexError) -> String? {
        typealias Candidate = (distance: Int, df: UInt64, word: String)
        func better(_ a: Candidate, than b: Candidate) -> Bool {
            if a.distance != b.distance { return a.distance < b.distance }
            if a.df != b.df { return a.df > b.df }
            return a.word < b.word
        }
        var best: Candidate? = nil
        for m in try FuzzyWords.matches(of: word, maxEdits: 2, in: reader) {
            let df = try reader.docFreq(m.term)
            guard df > 0 else { continue }
            let candidate: Candidate = (m.distance, df, m.word)
            if best.map({ better(candidate, than: $0) }) ?? true { best = candidate }
        }
        return best?.word
    }

    /// The first occurrence of `word` in `text` standing as a word of the query (not inside a
    /// longer word).
    static func standaloneRange(of word: String, in text: String) -> Range<String.Index>? {
        var from = text.startIndex
        while let r = text.range(of: word, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            let startOK = before.map { $0.isWhitespace || "+-(\"".contains($0) || $0 == ":" } ?? true
            let endOK = after.map { $0.isWhitespace || ")\"^~".contains($0) } ?? true
            if startOK && endOK { return r }
            from = r.upperBound
        }
        return nil
    }
}
