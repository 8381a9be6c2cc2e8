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

    /// Cheap pre-check on the UTF-8 bytes: could `repair` change anything?
    ///
    /// A run of non-ASCII characters can only be re-decoded if, in some legacy encoding, two
    /// adjacent characters of it map to a UTF-8 lead byte (0xC2–0xF4) followed by a continuation
    /// byte (0x80–0xBF) — `decode(run:…)` decodes nothing otherwise, and a lone character (a
    /// C1 control included) never decodes. So the check looks for such a pair, per encoding
    /// (`LeadContinuationMasks`), and for `&` followed by `#` or an ASCII letter, the only way
    /// a character reference can start (a bare `&`, as in `R&D` or `a && b`, never does).
    /// Ordinary accented, Cyrillic, CJK or box-drawing text passes without a scalar array.
    static func mayNeedRepair(_ text: String) -> Bool {
        let masks = LeadContinuationMasks.shared
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            var previousLead: UInt16 = 0  // lead mask of the previous character if non-ASCII
            var i = 0
            while i < n {
                // Eight bytes at a time while they are ASCII without `&` (most of any text).
                if previousLead == 0 {
                    i = ASCIIWords.end(bytes, from: i, excluding: UInt8(ascii: "&"))
                    if i >= n { break }
                }
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x26, i + 1 < n {
                        let next = bytes[i + 1]
                        if next == 0x23 || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A) { return true }
                    }
                    previousLead = 0
                    i += 1
                    continue
                }
                // Valid UTF-8 (a String): decode the scalar at i.
                var scalar: UInt32
                var length: Int
                if b < 0xE0 {
                    scalar = UInt32(b & 0x1F)
                    length = 2
                } else if b < 0xF0 {
                    scalar = UInt32(b & 0x0F)
                    length = 3
                } else {
                    scalar = UInt32(b & 0x07)
                    length = 4
                }
                var k = 1
                while k < length && i + k < n {
                    scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
                    k += 1
                }
                let (lead, continuation) = masks.of(scalar)
                if previousLead & continuation != 0 { return true }
                previousLead = lead
                i += length
            }
            return false
        }
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

/// For each non-ASCII scalar, the legacy encodings (bit `LegacyEncoding.index`) in which it is
/// a UTF-8 lead byte (0xC2–0xF4) and those in which it is a continuation byte (0x80–0xBF): the
/// data behind `MojibakeRepair.mayNeedRepair`. Two arrays indexed by scalar, built once.
struct LeadContinuationMasks: Sendable {
    static let shared = LeadContinuationMasks()

    private let lead: [UInt16]
    private let continuation: [UInt16]

    private init() {
        let tables = LegacyEncodingTables.shared
        let limit = Int((tables.bytesByScalar.keys.max() ?? 0x7F) + 1)
        var lead = [UInt16](repeating: 0, count: limit)
        var continuation = [UInt16](repeating: 0, count: limit)
        for (scalar, bytes) in tables.bytesByScalar {
            for (e, byte) in bytes.enumerated() where byte != 0 {
                if byte >= 0xC2 && byte <= 0xF4 { lead[Int(scalar)] |= 1 << e }
                if byte >= 0x80 && byte <= 0xBF { continuation[Int(scalar)] |= 1 << e }
            }
        }
        self.lead = lead
        self.continuation = continuation
    }

    @inline(__always)
    func of(_ scalar: UInt32) -> (lead: UInt16, continuation: UInt16) {
        let i = Int(scalar)
        return i < lead.count ? (lead[i], continuation[i]) : (0, 0)
    }
}
