#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place Quarry calls `iconv`: decoding for WHATWG encodings that have no built-in
/// decoder (Shift_JIS, EUC-JP, GBK, Big5, EUC-KR, the rarer ISO-8859 and windows-125x parts…).
///
/// Why iconv: these multi-byte tables are large and rare in our crawls; glibc already carries them.
/// Each call opens its own conversion descriptor, so concurrent calls share nothing (iconv_open
/// costs a few microseconds, negligible next to parsing). A byte iconv rejects is decoded as
/// windows-1252 and skipped, so nothing is silently dropped. Returns nil when the charset is not
/// installed (minimal containers ship without gconv modules); the caller then falls back.
enum IconvDecoder {
    /// glibc names for the WHATWG canonical names; WHATWG's Shift_JIS, GBK, Big5 and EUC-KR are
    /// the Microsoft supersets, so the closest glibc converters are used.
    private static func glibcName(for charset: String) -> String {
        switch charset {
        case "shift_jis": return "CP932"
        case "gbk": return "GB18030"
        case "big5": return "BIG5-HKSCS"
        case "euc-kr": return "CP949"
        case "windows-874": return "CP874"
        case "ibm866": return "CP866"
        default: return charset.uppercased()
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>, charset: String) -> [UInt8]? {
        let descriptor = iconv_open("UTF-8", glibcName(for: charset))
        if descriptor == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(descriptor) }

        var input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var consumed = 0
        input.withUnsafeMutableBufferPointer { source in
            chunk.withUnsafeMutableBufferPointer { target in
                guard let sourceBase = source.baseAddress, let targetBase = target.baseAddress else { return }
                while consumed < source.count {
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sourceBase + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = source.count - consumed
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(targetBase)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = target.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let failure = result == -1 ? errno : 0
                    out.append(contentsOf: UnsafeBufferPointer(start: targetBase, count: target.count - outLeft))
                    consumed = source.count - inLeft
                    if failure == E2BIG { continue }
                    if failure == EILSEQ || failure == EINVAL {
                        // Invalid or truncated sequence: keep the byte as windows-1252 and resynchronise.
                        let byte = sourceBase[consumed]
                        if byte < 0x80 {
                            out.append(byte == 0 ? 0x20 : byte)
                        } else {
                            CharsetDecoder.appendScalar(UInt32(SingleByteCharset.windows1252Upper[Int(byte) - 0x80]), to: &out)
                        }
                        consumed += 1
                        iconv(descriptor, nil, nil, nil, nil)
                        continue
                    }
                    if failure != 0 {
                        // Unexpected failure: keep the rest readable rather than lose it.
                        out.append(contentsOf: CharsetDecoder.singleByte(
                            bytes[(bytes.startIndex + consumed)...], upper: SingleByteCharset.windows1252Upper))
                        consumed = source.count
                    }
                }
            }
        }
        // iconv passes NUL through; libxml2 would stop there.
        for i in out.indices where out[i] == 0 { out[i] = 0x20 }
        return out
    }
}
