// libFuzzer target: charset sniffing and decoding of raw bytes, then mojibake repair.
@testable import QuarryIngest
import QuarryText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharset(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let sniffed = CharsetSniffer.sniff(bytes, scanDeclarations: true)
    precondition(sniffed.bomLength <= bytes.count, "BOM longer than the input")
    let decoded = CharsetDecoder.decode(bytes[sniffed.bomLength...], from: sniffed.encoding)
    let text = String(decoding: decoded.utf8, as: UTF8.self)
    if let fixed = MojibakeRepair.repair(text) { _ = fixed.utf8.count }
    _ = MojibakeRepair.repair(LenientUTF8.decode(bytes))
    return 0
}
