/// Decoding of untrusted bytes that are mostly UTF-8: valid sequences decode normally and
/// every byte that is not part of one decodes as windows-1252 (undefined bytes as C1
/// controls), instead of being dropped or turned into U+FFFD. Nothing is lost, and text in
/// a legacy charset comes out readable. Cost: O(n), one pass, one String allocation.
public enum LenientUTF8 {
    public static func decode<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> String
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var scalars = String.UnicodeScalarView()
        let start = bytes.startIndex, end = bytes.endIndex
        var k = start
        while k < end {
            let b = bytes[k]
            if b < 0x80 {
                scalars.append(Unicode.Scalar(b))
                k += 1
            } else if let (value, length) = UTF8Validation.sequence({ bytes[$0] }, at: k, limit: end),
                      let scalar = Unicode.Scalar(value) {
                scalars.append(scalar)
                k += length
            } else {
                scalars.append(LegacyEncoding.windows1252.decode(b))
                k += 1
            }
        }
        return String(scalars)
    }
}
