/// The best passages of a document for a query, with what matched marked.
///
/// Offsets are UTF-8 byte offsets: `highlights` into `text` of each fragment, `start` into the
/// stored body. Fragments start and end on word boundaries, so no word and no UTF-8 sequence is
/// ever cut.
public struct Snippet: Sendable, Equatable {
    public struct Fragment: Sendable, Equatable {
        public var text: String
        /// Byte offset of `text` in the document body.
        public var start: Int
        public var highlights: [Range<Int>]
        /// The fragment starts / ends inside a block of text (render an ellipsis there).
        public var clippedStart: Bool
        public var clippedEnd: Bool
    }

    public var fragments: [Fragment]

    /// Renders the fragments joined by " … ", with `open`/`close` around highlighted words.
    public func render(open: String, close: String) -> String {
        var parts: [String] = []
        for f in fragments {
            var s = f.clippedStart ? "…" : ""
            let bytes = Array(f.text.utf8)
            var at = 0
            for h in f.highlights {
                guard h.lowerBound >= at, h.upperBound <= bytes.count else { continue }
                s += String(decoding: bytes[at..<h.lowerBound], as: UTF8.self)
                s += open + String(decoding: bytes[h], as: UTF8.self) + close
                at = h.upperBound
            }
            s += String(decoding: bytes[at...], as: UTF8.self)
            if f.clippedEnd { s += "…" }
            parts.append(s)
        }
        return parts.joined(separator: " ")
    }
}
