// libFuzzer target: raw crawl-file bytes → IngestedDocument (sniff, decode, libxml2 SAX, repair).
// Built by scripts/fuzz.sh; the file name of the input alternates between .html and .txt.
@testable import QuarryIngest

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let key = size % 3 == 0 ? "page.txt" : (size % 3 == 1 ? "page.html" : "page")
    if let doc = try? DocumentExtractor.extract(bytes: bytes, key: key) {
        precondition(doc.title.utf8.count <= DocumentExtractor.maxTitleCharacters * 4 + 3, "title not capped")
    }
    _ = StartTagLimiter.limit(bytes, maxAttributes: 4)
    return 0
}
