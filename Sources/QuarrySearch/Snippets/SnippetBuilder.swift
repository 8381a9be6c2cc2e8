import QuarryText

/// Chooses up to three passages of a body that best cover the query and marks exactly what
/// matched: terms wherever they occur, phrases only where the whole phrase occurs.
///
/// Cost: one re-analysis of the stored body per shown hit (not per match), which keeps the
/// index free of offsets; bodies are capped at `maxAnalyzedBytes` for very long documents.
struct SnippetBuilder {
    let analyzer: Analyzer
    let highlights: HighlightSpec
    var windowTokens = 28
    var maxFragments = 3
    var maxAnalyzedBytes = 200_000

    func snippet(for body: String, language: Language) -> Snippet {
        var text = body
        if text.utf8.count > maxAnalyzedBytes {
            var end = text.utf8.index(text.utf8.startIndex, offsetBy: maxAnalyzedBytes)
            while end > text.startIndex && !text.unicodeScalars.indices.contains(end) { end = text.utf8.index(before: end) }
            text = String(text[..<end])
        }
        let tokens = analyzer.analyze(text, language: language)
        guard !tokens.isEmpty else { return Snippet(fragments: []) }
        var block = [Int](repeating: 0, count: tokens.count)
        for i in 1..<max(tokens.count, 1) {
            block[i] = block[i - 1] + (tokens[i].position - tokens[i - 1].position > 1 ? 1 : 0)
        }
        let matched = matches(tokens)
        let bytes = Array(text.utf8)
        let matchIndices = matched.indices.filter { matched[$0] != nil }
        if matchIndices.isEmpty {
            return Snippet(fragments: [fragment(tokens, block, bytes, 0, matched)])
        }
        // Candidate windows anchored a little before each match, kept inside its block.
        var candidates: [(score: Int, start: Int)] = []
        for m in matchIndices {
            var s = max(0, m - windowTokens / 4)
            while s < m && block[s] != block[m] { s += 1 }
            var distinct = Set<Int>(), count = 0
            var i = s
            while i < tokens.count && i < s + windowTokens && block[i] == block[s] {
                if let id = matched[i] { distinct.insert(id); count += 1 }
                i += 1
            }
            candidates.append((distinct.count * 100 + count, s))
        }
        candidates.sort { $0.score > $1.score || ($0.score == $1.score && $0.start < $1.start) }
        var chosen: [Int] = []
        for c in candidates where chosen.count < maxFragments {
            if chosen.allSatisfy({ abs($0 - c.start) >= windowTokens }) { chosen.append(c.start) }
        }
        return Snippet(fragments: chosen.sorted().map { fragment(tokens, block, bytes, $0, matched) })
    }

    /// For each token, the id of the query part it matches (term, prefix or phrase), or nil.
    private func matches(_ tokens: [Token]) -> [Int?] {
        var out = [Int?](repeating: nil, count: tokens.count)
        let termIDs = Dictionary(uniqueKeysWithValues: highlights.terms.sorted().enumerated().map { ($1, $0) })
        for (i, t) in tokens.enumerated() {
            if let id = termIDs[t.term] { out[i] = id; continue }
            if let p = highlights.prefixes.firstIndex(where: { t.word.hasPrefix($0) }) { out[i] = 10_000 + p }
        }
        guard !highlights.phrases.isEmpty else { return out }
        var indexOfPosition: [UInt32: Int] = [:]
        for (i, t) in tokens.enumerated() { indexOfPosition[t.position] = i }
        for (pi, phrase) in highlights.phrases.enumerated() {
            let id = 20_000 + pi
            for (i, t) in tokens.enumerated() where t.term == phrase.terms[0] {
                if phrase.slop == 0 {
                    var members: [Int] = []
                    for (j, term) in phrase.terms.enumerated() {
                        guard let k = indexOfPosition[t.position + phrase.offsets[j]], tokens[k].term == term else { members = []; break }
                        members.append(k)
                    }
                    for k in members { out[k] = id }
                } else {
                    let span = UInt32(phrase.terms.count - 1 + phrase.slop)
                    let lo = t.position >= span ? t.position - span : 0
                    var found: [Int] = []
                    var ok = true
                    for term in phrase.terms.dropFirst() {
                        var hit: Int? = nil
                        for p in lo...(t.position + span) {
                            if let k = indexOfPosition[p], tokens[k].term == term { hit = k; break }
                        }
                        guard let hit else { ok = false; break }
                        found.append(hit)
                    }
                    if ok { out[i] = id; for k in found { out[k] = id } }
                }
            }
        }
        return out
    }

    private func fragment(_ tokens: [Token], _ block: [Int], _ bytes: [UInt8], _ start: Int, _ matched: [Int?]) -> Snippet.Fragment {
        var end = start
        while end + 1 < tokens.count && end + 1 < start + windowTokens && block[end + 1] == block[start] { end += 1 }
        var from = tokens[start].start
        var to = tokens[end].end
        let clippedStart = start > 0 && block[start - 1] == block[start]
        if !clippedStart {
            // A fragment opening its block keeps the block's leading punctuation (“quotes”, bullets).
            var b = from
            while b > 0 && from - b < 16 && bytes[b - 1] != 0x0A { b -= 1 }
            if b == 0 || bytes[b - 1] == 0x0A {
                while b < from && (bytes[b] == 0x20 || bytes[b] == 0x09) { b += 1 }
                from = b
            }
        }
        // Keep closing punctuation attached to the last word (".", ",", ")"), never a partial scalar.
        while to < bytes.count && to - tokens[end].end < 2, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[to]) { to += 1 }
        var highlights: [Range<Int>] = []
        for i in start...end where matched[i] != nil {
            let r = (tokens[i].start - from)..<(tokens[i].end - from)
            if let last = highlights.last, matched[i] == matched[i - (i > start ? 1 : 0)], i > start, matched[i - 1] != nil,
               matched[i]! >= 20_000, bytes[(last.upperBound + from)..<(r.lowerBound + from)].allSatisfy({ $0 == 0x20 }) {
                highlights[highlights.count - 1] = last.lowerBound..<r.upperBound
            } else {
                highlights.append(r)
            }
        }
        let clippedEnd = end + 1 < tokens.count && block[end + 1] == block[end]
        return Snippet.Fragment(text: String(decoding: bytes[from..<to], as: UTF8.self), start: from,
                                highlights: highlights, clippedStart: clippedStart, clippedEnd: clippedEnd)
    }
}
