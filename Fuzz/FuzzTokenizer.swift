// libFuzzer target: the analyzer (UAX #29 words, folding, stemming) over arbitrary text.
@testable import QuarryText

nonisolated(unsafe) private let analyzer = Analyzer(configuration: .default)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = LenientUTF8.decode(UnsafeBufferPointer(start: data, count: size))
    let tokens = analyzer.analyze(text)
    var last: UInt32 = 0
    for (i, t) in tokens.enumerated() {
        precondition(t.end - t.start <= Tokenizer.maxWordBytes, "over-long word indexed")
        precondition(i == 0 || t.position > last, "positions not increasing")
        last = t.position
    }
    _ = analyzer.fold(text)
    return 0
}
