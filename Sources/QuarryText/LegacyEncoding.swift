/// The single-byte charsets that UTF-8 text is most often mis-decoded with.
///
/// Each maps bytes 0x00–0x7F to ASCII and 0x80–0xFF through a generated table
/// (`LegacyEncodingData.swift`, from scripts/gen-legacy-encodings). Bytes a charset leaves
/// undefined decode to the C1 control of the same value ("sloppy" decoding), which keeps
/// every byte round-trippable. Tables are built once; decoding a byte is one array read and
/// encoding a scalar one dictionary lookup.
public enum LegacyEncoding: String, CaseIterable, Sendable, Codable {
    case windows1252, latin1, macRoman, macCentralEurope, windows1250, windows1251
    case iso8859_2, cp437, cp850

    /// The scalar that byte `byte` decodes to.
    public func decode(_ byte: UInt8) -> Unicode.Scalar {
        if byte < 0x80 { return Unicode.Scalar(byte) }
        return LegacyEncodingTables.shared.high[index][Int(byte &- 0x80)]
    }

    /// Decodes `bytes` one byte per scalar. O(n); cannot fail.
    public func decode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(decode(b)) }
        return String(scalars)
    }

    /// The byte that encodes `scalar`, or nil when the charset cannot represent it.
    public func encode(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 { return UInt8(scalar.value) }
        return LegacyEncodingTables.shared.reverse[index][scalar.value]
    }

    var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// Decoding and encoding tables for all `LegacyEncoding`s, parsed once from the generated data.
struct LegacyEncodingTables: Sendable {
    static let shared = LegacyEncodingTables()

    /// `high[e][b - 0x80]`: scalar of byte b in encoding e.
    let high: [[Unicode.Scalar]]
    /// `reverse[e][scalar]`: byte of a non-ASCII scalar in encoding e.
    let reverse: [[UInt32: UInt8]]
    /// For each non-ASCII scalar some encoding can represent: its byte in every encoding
    /// (0 = not representable), indexed by `LegacyEncoding.index`. Lets the repair loop try all
    /// encodings with a single hash lookup per scalar.
    let bytesByScalar: [UInt32: [UInt8]]

    private init() {
        let count = LegacyEncoding.allCases.count
        var high = [[Unicode.Scalar]](repeating: [], count: count)
        for (encoding, row) in legacyEncodingRows {
            high[encoding.index] = row.split(separator: " ").enumerated().map { offset, hex in
                UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(UInt8(0x80 + offset))
            }
        }
        var reverse = [[UInt32: UInt8]](repeating: [:], count: count)
        var bytesByScalar: [UInt32: [UInt8]] = [:]
        for e in 0..<count {
            for (offset, scalar) in high[e].enumerated() {
                let byte = UInt8(0x80 + offset)
                reverse[e][scalar.value] = byte
                bytesByScalar[scalar.value, default: [UInt8](repeating: 0, count: count)][e] = byte
            }
        }
        self.high = high
        self.reverse = reverse
        self.bytesByScalar = bytesByScalar
    }
}
