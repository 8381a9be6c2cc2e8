/// Mojibake that arrives HTML-escaped: `G&Atilde;&frac14;nther` is `GÃ¼nther` written as
/// character references, typically by an HTML encoder run on already-broken text.
///
/// A run of references (and non-ASCII characters between them) is decoded and handed to the
/// mojibake repair; only if that repairs it is the run replaced by the repaired characters.
/// References that decode to correct text (`caf&eacute;`) stay as they are: un-escaping is the
/// HTML parser's job, not ours. Cost: O(n) scan for `&`; a small decode per reference run.
enum HTMLCharacterReferences {
    /// Replaces each reference run whose decoding is repairable mojibake; returns whether any was.
    static func repairRuns(_ s: inout [UInt32]) -> Bool {
        guard s.contains(0x26) else { return false }
        var output: [UInt32] = []
        output.reserveCapacity(s.count)
        var changed = false
        var i = 0
        while i < s.count {
            guard s[i] == 0x26, parse(s, at: i) != nil else { output.append(s[i]); i += 1; continue }
            var decoded: [UInt32] = []
            var j = i
            while j < s.count {
                if s[j] == 0x26, let (scalar, length) = parse(s, at: j) {
                    decoded.append(scalar)
                    j += length
                } else if s[j] >= 0x80 {
                    decoded.append(s[j])
                    j += 1
                } else {
                    break
                }
            }
            let left = output.last.map { [$0] } ?? []
            let right = j < s.count ? [s[j]] : []
            var trial = left + decoded + right
            if decoded.count >= 2, MojibakeRepair.repairPasses(&trial) {
                output.append(contentsOf: trial.dropFirst(left.count).dropLast(right.count))
                changed = true
            } else {
                output.append(contentsOf: s[i..<j])
            }
            i = j
        }
        if changed { s = output }
        return changed
    }

    /// Parses `&name;`, `&#123;` or `&#x7B;` at `i`: the scalar and the reference's length.
    static func parse(_ s: [UInt32], at i: Int) -> (UInt32, Int)? {
        guard i + 3 < s.count, s[i] == 0x26 else { return nil }
        var j = i + 1
        var value: UInt32?
        if s[j] == 0x23 {                                   // numeric
            j += 1
            let hex = j < s.count && (s[j] | 0x20) == 0x78
            if hex { j += 1 }
            var v: UInt32 = 0
            let digitsStart = j
            while j < s.count, j - digitsStart < 7, let d = digit(s[j], hex: hex) { v = v * (hex ? 16 : 10) + d; j += 1 }
            if j > digitsStart { value = v }
        } else {
            var name = ""
            while j < s.count, j - i <= 9, let c = Unicode.Scalar(s[j]), c.properties.isASCIIHexDigit || c.isASCII && c.properties.isAlphabetic || (0x30...0x39).contains(s[j]) {
                name.unicodeScalars.append(c)
                j += 1
            }
            value = names[name]
        }
        guard let scalarValue = value, j < s.count, s[j] == 0x3B,
              scalarValue >= 0x80, Unicode.Scalar(scalarValue) != nil else { return nil }
        return (scalarValue, j + 1 - i)
    }

    private static func digit(_ c: UInt32, hex: Bool) -> UInt32? {
        if c >= 0x30 && c <= 0x39 { return c - 0x30 }
        if hex, (c | 0x20) >= 0x61, (c | 0x20) <= 0x66 { return (c | 0x20) - 0x57 }
        return nil
    }

    /// The HTML 4 names for U+00A0…U+00FF (in code point order) and for the characters that
    /// windows-1252 puts in 0x80…0x9F — everything a mis-decoded UTF-8 byte can turn into.
    static let names: [String: UInt32] = {
        let latin1 = """
            nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn \
            sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave \
            Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
            ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN \
            szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute \
            icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml \
            yacute thorn yuml
            """.split(separator: " ")
        var table: [String: UInt32] = [:]
        for (offset, name) in latin1.enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
        let windows1252: [String: UInt32] = [
            "euro": 0x20AC, "sbquo": 0x201A, "fnof": 0x192, "bdquo": 0x201E, "hellip": 0x2026,
            "dagger": 0x2020, "Dagger": 0x2021, "circ": 0x2C6, "permil": 0x2030, "Scaron": 0x160,
            "lsaquo": 0x2039, "OElig": 0x152, "Zcaron": 0x17D, "lsquo": 0x2018, "rsquo": 0x2019,
            "ldquo": 0x201C, "rdquo": 0x201D, "bull": 0x2022, "ndash": 0x2013, "mdash": 0x2014,
            "tilde": 0x2DC, "trade": 0x2122, "scaron": 0x161, "rsaquo": 0x203A, "oelig": 0x153,
            "zcaron": 0x17E, "Yuml": 0x178,
        ]
        table.merge(windows1252) { first, _ in first }
        return table
    }()
}
