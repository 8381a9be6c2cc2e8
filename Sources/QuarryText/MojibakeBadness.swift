/// Scores how much a run of text looks like mojibake; `MojibakeRepair` accepts a re-decoding
/// only when it strictly lowers this score.
///
/// Why these features: UTF-8 read as a single-byte charset turns each lead byte into a capital
/// or accented letter, a box-drawing piece or a math sign, and each continuation byte into
/// punctuation, a currency or C1 control, or a letter of another script. Correct text in any
/// language almost never shows those combinations *inside a word*, so correct text scores 0
/// and has nothing to gain. Each feature looks at one character and its two neighbours.
/// Cost: O(n) with a few Unicode property lookups per non-ASCII character; only candidate
/// spans (a few characters each) are ever scored.
enum MojibakeBadness {
    /// The score of `s` (scalar values).
    static func score(_ s: [UInt32]) -> Int {
        var total = 0
        for i in s.indices {
            let c = s[i]
            if c < 0x80 { continue }
            let prev: UInt32? = i > 0 ? s[i - 1] : nil
            let next: UInt32? = i + 1 < s.count ? s[i + 1] : nil
            if c >= 0x80 && c <= 0x9F { total += 4 }                         // C1 control
            let category = kind(c)
            switch category {
            case .symbol:
                if macLeads.contains(c), let n = next, n >= 0x80, script(n) == 1 && isLetter(n) || kind(n) == .symbol {
                    total += 2                                                                       // √ë, ≈í (Mac lead bytes)
                }
                let punctuation = isPunctuation(c)
                if let p = prev, isLetter(p), let n = next, isWordish(n), !punctuation { total += 2 } // G√ľ, G√º
                if let p = prev, kind(p) == .symbol, i >= 2, isLetter(s[i - 2]) { total += 1 }           // G√º, G├╝
                if let p = prev, p >= 0x80, kind(p) == .upper { total += 3 }                             // Ã©, Ð¿
                if let p = prev, (0xE0...0xEF).contains(p), let n = next, kind(n) == .symbol { total += 2 } // â€™
            case .box:
                if let p = prev, isLetter(p) { total += 2 }
                if let n = next, isLetter(n) || kind(n) == .symbol && n >= 0x80 { total += 2 }        // ├£
            case .upper, .lower:
                if c == 0xDF, let p = prev, !isLetter(p) || kind(p) == .upper && (next.map { kind($0) == .lower } ?? false) {
                    total += 2                                                                       // ß never starts a word
                }
                if let p = prev, (0xC0...0xEF).contains(p), cp1252Letters.contains(c) { total += 3 }  // Åž, æœ
                if category == .upper, let p = prev, isLetter(p) {
                    if let n = next, kind(n) == .lower { total += 1 }                                // capital inside a word
                    if kind(p) == .lower, c >= 0x80 { total += 1 }                                   // schĂ
                }
                if category == .upper, c >= 0x80, let n = next, n >= 0x80, kind(n) == .upper,
                   (prev.map { kind($0) == .lower } ?? false) || (i + 2 < s.count && kind(s[i + 2]) == .lower) {
                    total += 2                                                                       // ĂĽn
                }
            case .other:
                if c == 0xA0, let p = prev, (0xC2...0xDF).contains(p) { total += 3 }                 // Ã + NBSP
                if let scalar = Unicode.Scalar(c), scalar.properties.generalCategory == .nonspacingMark
                    || scalar.properties.generalCategory == .enclosingMark {
                    // A combining mark belongs after a letter of its own script (or any letter,
                    // for the generic diacritics block).
                    let generic = (0x300...0x36F).contains(c)
                    if let p = prev, isLetter(p), generic || !scriptsClash(p, c, marks: true) {} else { total += 3 }
                }
            case .rare:
                total += 3
            }
            if let p = prev, isLetter(p), isLetter(c), scriptsClash(p, c) { total += 3 }
            if let n = next, n < 0x80, isLetter(n), isLetter(c), scriptsClash(c, n) { total += 3 }
            if c == 0x20AC, prev == 0xE2 { total += 3 }                      // â€ (cp1252 of E2 80)
        }
        return total
    }

    enum Kind { case upper, lower, symbol, box, rare, other }

    static func kind(_ c: UInt32) -> Kind {
        if c < 0x80 {
            if c >= 0x41 && c <= 0x5A { return .upper }
            if c >= 0x61 && c <= 0x7A { return .lower }
            return .other
        }
        if c <= 0x9F { return .symbol }
        if (0x2500...0x259F).contains(c) { return .box }
        // Letters that in practice only show up as mojibake of continuation bytes.
        if c == 0xAA || c == 0xBA || c == 0xB5 || c == 0x192 || c == 0x2C6 || c == 0x2DC { return .symbol }
        guard let scalar = Unicode.Scalar(c) else { return .rare }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: return .upper
        case .lowercaseLetter: return (0x250...0x2AF).contains(c) ? .rare : .lower   // IPA letters
        case .otherLetter, .modifierLetter: return (0x2B0...0x2FF).contains(c) ? .rare : .other
        case .unassigned, .privateUse, .surrogate: return .rare
        case .spaceSeparator, .nonspacingMark, .spacingMark, .enclosingMark: return .other
        default: return .symbol
        }
    }

    static func isLetter(_ c: UInt32) -> Bool {
        if c < 0x80 { return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
        switch kind(c) {
        case .upper, .lower: return true
        case .other: return Unicode.Scalar(c)?.properties.isAlphabetic ?? false
        default: return false
        }
    }

    private static func isWordish(_ c: UInt32) -> Bool { isLetter(c) || kind(c) == .symbol && c >= 0x80 }

    /// Letters of two different alphabetic scripts side by side (Latin next to Cyrillic, …).
    /// CJK, kana and Hangul mix with anything, as they do in real text.
    static func scriptsClash(_ a: UInt32, _ b: UInt32, marks: Bool = false) -> Bool {
        let sa = script(a), sb = script(b)
        if marks { return sa != sb }
        return sa != 0 && sb != 0 && sa != sb
    }

    /// Mac Roman / Mac Central European symbols at the UTF-8 lead bytes 0xC2–0xC6.
    static let macLeads: Set<UInt32> = [0xAC, 0x221A, 0x192, 0x2248, 0x2206]

    /// Letters windows-1252 puts among the continuation bytes 0x80–0x9F.
    static let cp1252Letters: Set<UInt32> = [0x160, 0x152, 0x17D, 0x161, 0x153, 0x17E, 0x178]

    private static func isPunctuation(_ c: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(c) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// A coarse script id: 1 Latin, 2 Greek, 3 Cyrillic, else the 128-code-point block; 0 = mixes freely.
    static func script(_ c: UInt32) -> UInt32 {
        switch c {
        case 0...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xFB00...0xFB06: return 1
        case 0x370...0x3FF, 0x1F00...0x1FFF: return 2
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return 3
        case 0x1100...0x11FF, 0x2E80...0xA4CF, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...: return 0
        default: return 0x100 + (c >> 7)
        }
    }
}
