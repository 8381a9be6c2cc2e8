/// Repairs text whose UTF-8 bytes were decoded with the wrong legacy charset (mojibake), e.g.
/// `GÃ¼nther` (windows-1252) or `G√ľnther` (Mac Central European) → `Günther`.
///
/// How: every maximal run of adjacent non-ASCII characters is a candidate (UTF-8 multi-byte
/// sequences consist only of bytes ≥ 0x80, and every charset here maps those to non-ASCII
/// characters). For each `LegacyEncoding`, the run is mapped back to bytes and every valid
/// multi-byte UTF-8 sequence in them is decoded; characters the charset cannot represent, or
/// bytes that form no valid sequence, stay as they were — so a broken word next to correct
/// text is fixed alone. A decoding is accepted only if it strictly lowers `MojibakeBadness`
/// around the run (correct text scores 0, so it is never touched); the lowest score wins, ties
/// going to the decoding that leaves fewer characters undecoded, then to the more common
/// charset. Candidates are judged after up to two further repairs of their own output, which
/// undoes double and triple encoding.
/// Runs of HTML character references (`G&Atilde;&frac14;nther`) are decoded and repaired
/// the same way, and replaced only when that repairs them.
///
/// Cost: text without two adjacent non-ASCII characters, C1 controls or `&` is scanned once
/// (byte loop) and returned as nil. Otherwise O(n · charsets) with small constant factors.
public enum MojibakeRepair {
    /// Returns the repaired text, or nil when `text` needs no repair.
    public static func repair(_ text: String) -> String? {
        guard mayNeedRepair(text) else { return nil }
        var scalars = text.unicodeScalars.map(\.value)
        var changed = HTMLCharacterReferences.repairRuns(&scalars)
        if repairPasses(&scalars) { changed = true }
        guard changed else { return nil }
        return String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    /// Repairs `scalars` in place, undoing up to three layers of mis-decoding; returns whether
    /// anything changed.
    static func repairPasses(_ scalars: inout [UInt32]) -> Bool {
        guard let repaired = repairRuns(scalars, depth: 3) else { return false }
        scalars = repaired.scalars
        return true
    }

    /// Cheap pre-check on the UTF-8 bytes: two non-ASCII scalars in a row, a C1 control, or `&`.
    static func mayNeedRepair(_ text: String) -> Bool {
        var previousNonASCII = false
        var previousByte: UInt8 = 0
        for b in text.utf8 {
            if b < 0x80 {
                if b == 0x26 { return true }
                previousNonASCII = false
            } else if b >= 0xC0 {
                if previousNonASCII { return true }
                previousNonASCII = true
            } else if previousByte == 0xC2 && b <= 0x9F {
                return true
            }
            previousByte = b
        }
        return false
    }

    /// Tries every run of adjacent non-ASCII scalars in `s`. Returns the repaired scalars and
    /// how many original characters of the repaired runs were left undecoded, or nil if no run
    /// improved.
    private static func repairRuns(_ s: [UInt32], depth: Int) -> (scalars: [UInt32], leftover: Int)? {
        var output: [UInt32] = []
        output.reserveCapacity(s.count)
        var changed = false
        var leftover = 0
        var i = 0
        while i < s.count {
            guard s[i] >= 0x80 else { output.append(s[i]); i += 1; continue }
            var j = i
            while j < s.count && s[j] >= 0x80 { j += 1 }
            let hasC1 = s[i..<j].contains { $0 <= 0x9F }
            if j - i >= 2 || hasC1, let fixed = bestDecoding(s, i, j, depth: depth) {
                output.append(contentsOf: fixed.scalars)
                leftover += fixed.leftover
                changed = true
            } else {
                output.append(contentsOf: s[i..<j])
            }
            i = j
        }
        return changed ? (output, leftover) : nil
    }

    /// The re-decoding of run `s[start..<end]` that, after up to `depth - 1` further repairs,
    /// has the lowest badness (then the fewest undecoded characters), if it beats the original.
    ///
    /// Looking ahead matters for multiply-encoded text: the first layer's correct decoding is
    /// itself mojibake and may score worse than a wrong partial decoding in another charset.
    private static func bestDecoding(_ s: [UInt32], _ start: Int, _ end: Int,
                                     depth: Int) -> (scalars: [UInt32], leftover: Int)? {
        let tables = LegacyEncodingTables.shared
        let rows = s[start..<end].map { tables.bytesByScalar[$0] }
        guard rows.contains(where: { $0 != nil }) else { return nil }
        let left = start > 0 ? [s[start - 1]] : []
        let right = end < s.count ? [s[end]] : []
        var bestScore = MojibakeBadness.score(left + s[start..<end] + right)
        var bestLeftover = Int.max
        var best: [UInt32]?
        for (e, encoding) in LegacyEncoding.allCases.enumerated() {
            guard let decoded = decode(run: s[start..<end], rows: rows, encoding: e,
                                       allowsLostFinalByte: encoding == .windows1252) else { continue }
            var candidate = left + decoded.scalars + right
            var leftover = decoded.leftover
            if depth > 1, let deeper = repairRuns(candidate, depth: depth - 1) {
                candidate = deeper.scalars
                leftover = deeper.leftover
            }
            let score = MojibakeBadness.score(candidate)
            if score < bestScore || (score == bestScore && best != nil && leftover < bestLeftover) {
                bestScore = score
                bestLeftover = leftover
                best = Array(candidate.dropFirst(left.count).dropLast(right.count))
            }
        }
        return best.map { ($0, bestLeftover) }
    }

    /// Decodes every valid multi-byte UTF-8 sequence in the bytes of `run` under encoding `e`
    /// (`rows[k]?[e]`, 0 = not representable); other characters stay. Nil if nothing decoded.
    ///
    /// `allowsLostFinalByte`: windows-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined, and strict
    /// decoders drop them, so `”` (E2 80 9D) often arrives as `â€` alone; at the end of a run
    /// that pair is read as `”`.
    private static func decode(run: ArraySlice<UInt32>, rows: [[UInt8]?], encoding e: Int,
                               allowsLostFinalByte: Bool) -> (scalars: [UInt32], leftover: Int)? {
        let m = rows.count
        @inline(__always) func byte(_ k: Int) -> UInt8 { k < m ? rows[k]?[e] ?? 0 : 0 }
        var out: [UInt32] = []
        out.reserveCapacity(m)
        var decodedAny = false
        var leftover = 0
        var k = 0
        while k < m {
            let b0 = byte(k)
            if let (scalar, length) = UTF8Validation.sequence(byte, at: k, limit: m) {
                out.append(scalar)
                k += length
                decodedAny = true
            } else if allowsLostFinalByte && b0 == 0xE2 && k + 2 == m && byte(k + 1) == 0x80 {
                out.append(0x201D)
                k += 2
                decodedAny = true
            } else {
                out.append(run[run.startIndex + k])
                leftover += 1
                k += 1
            }
        }
        return decodedAny ? (out, leftover) : nil
    }
}
