import Foundation

/// Normalization and folding of one word: NFKC, full case folding, and (optionally) removal of
/// diacritics, so that `Günther`, `GUNTHER` and `gunther` index alike, as do `Łódź` and `lodz`.
///
/// Cost: ASCII words take a byte loop with no allocation beyond the (usually inline, ≤ 15 bytes)
/// result String. Other words go through Foundation's normalization three times and several
/// String allocations — about a microsecond — which is why `Analyzer` caches folded non-ASCII
/// words. Foundation is used only on that cold path.
enum Folding {
    /// Lower-cases ASCII bytes `start..<end`; returns nil when any byte is not ASCII.
    @inline(__always)
    static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
        for i in start..<end where bytes[i] >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: end - start) { out in
            for i in start..<end {
                let b = bytes[i]
                out[i - start] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            return end - start
        }
    }

    /// The folded form of `word` (any Unicode text).
    static func fold(_ word: String, foldDiacritics: Bool) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in word.precomposedStringWithCompatibilityMapping.unicodeScalars {
            CaseFolding.fold(scalar, into: &folded)
        }
        guard foldDiacritics else { return String(folded).precomposedStringWithCompatibilityMapping }
        var stripped = String.UnicodeScalarView()
        for scalar in String(folded).decomposedStringWithCanonicalMapping.unicodeScalars {
            if isDiacritic(scalar.value) { continue }
            if let replacement = letterFolds[scalar.value] {
                stripped.append(contentsOf: replacement.unicodeScalars)
            } else {
                stripped.append(scalar)
            }
        }
        return String(stripped).precomposedStringWithCanonicalMapping
    }

    /// Combining marks that act as diacritics on Latin, Greek and Cyrillic letters. Marks of
    /// other scripts (Indic vowel signs, Arabic harakat, Hebrew points, the Japanese voicing
    /// mark …) are spelling, not decoration, and are kept.
    static func isDiacritic(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v)
            || (0x20D0...0x20FF).contains(v) || (0xFE20...0xFE2F).contains(v)
    }

    /// Letters with no canonical decomposition that readers still treat as accented forms of
    /// a base letter (`ł` is "l with stroke"), plus ligatures spelled out, and the typographic
    /// apostrophe (`don’t` = `don't`). Keys are case-folded forms.
    static let letterFolds: [UInt32: String] = [
        0x0142: "l", 0x00F8: "o", 0x0111: "d", 0x0127: "h", 0x0131: "i", 0x00E6: "ae", 0x0153: "oe",
        0x00DF: "ss", 0x00FE: "th", 0x00F0: "d", 0x0140: "l", 0x0167: "t", 0x0138: "k", 0x014B: "n",
        0x0192: "f", 0x0180: "b", 0x0188: "c", 0x0257: "d", 0x0256: "d", 0x0268: "i", 0x0289: "u",
        0x01E5: "g", 0x0195: "hv", 0x01BF: "w", 0x0237: "j", 0x0250: "a", 0x0254: "o", 0x025B: "e",
        0x0199: "k", 0x019A: "l", 0x01B4: "y", 0x01B6: "z", 0x0225: "z", 0x0240: "z", 0x1E9E: "ss",
        0x2019: "'", 0x02BC: "'",
    ]
}
