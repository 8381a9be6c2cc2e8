// libFuzzer target: the query parser on arbitrary text; every error must point inside the query.
import QuarrySearch
import QuarryText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = LenientUTF8.decode(UnsafeBufferPointer(start: data, count: size))
    do {
        let query = try QueryParser().parse(text)
        _ = query.description
    } catch {
        precondition(error.column >= 1 && error.column <= text.count + 2, "error column \(error.column) outside the query")
    }
    return 0
}
