/// Unicode full case folding (CaseFolding.txt statuses C and F), e.g. `ß` → `ss`, `Σ`/`ς` → `σ`.
///
/// Why not `lowercased()`: lower-casing keeps `ß` and final sigma distinct, so `Straße` and
/// `STRASSE` would index differently. The table is parsed once from the generated
/// `caseFoldingRows`; folding costs one dictionary lookup per non-ASCII scalar.
enum CaseFolding {
    static let table: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for row in caseFoldingRows.split(separator: "\n") {
            let fields = row.split(separator: " ").compactMap { UInt32($0, radix: 16) }
            guard fields.count >= 2 else { continue }
            table[fields[0]] = fields.dropFirst().compactMap(Unicode.Scalar.init)
        }
        return table
    }()

    /// Appends the case folding of `scalar` to `output`.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            output.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(UInt8(v | 0x20)) : scalar)
        } else if let mapped = table[v] {
            output.append(contentsOf: mapped)
        } else {
            output.append(scalar)
        }
    }
}
