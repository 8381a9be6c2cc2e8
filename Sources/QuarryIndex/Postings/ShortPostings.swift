extension SegmentReader {
    /// Decodes the postings of a term with fewer than `PostingsFormat.blockSize` documents into
    /// `buffer` (4 × `blockSize` entries, laid out like a cursor's block: doc ids, then the
    /// title, headings and body frequencies, each at a multiple of `blockSize`); returns the
    /// number of documents.
    ///
    /// Why: such a term's postings are only a tail (no skip entries, no packed blocks), and a
    /// prefix query expands to thousands of them. Opening a `PostingsCursor` for each — two
    /// allocations, a skip array, reader copies that retain the mappings — cost more than
    /// scoring their few documents. This reads the mapped bytes in place and allocates nothing.
    public func decodeShortPostings(_ info: TermInfo, into buffer: UnsafeMutablePointer<UInt32>) throws(IndexError) -> Int {
        let n = Int(info.docFreq)
        guard n < PostingsFormat.blockSize else { throw .invalidArgument("decodeShortPostings needs fewer than \(PostingsFormat.blockSize) documents") }
        let bytes = postings.base
        guard info.postingsOffset <= UInt64(bytes.count) else { throw postings.corrupt("postings offset out of range") }
        var r = RawVarintReader(bytes, offset: Int(info.postingsOffset))
        var prev: Int64 = -1
        for i in 0..<n {
            let gapFlag = r.vlong()
            // Same limits as the cursor: a gap or doc id reaching UInt32.max is damage.
            if gapFlag >> 1 >= UInt64(UInt32.max) { r.fail() }
            prev += Int64(truncatingIfNeeded: gapFlag >> 1) + 1
            if prev >= Int64(UInt32.max) { r.fail() }
            guard r.ok else { break }
            buffer[i] = UInt32(truncatingIfNeeded: prev)
            buffer[384 + i] = r.vint()
            if gapFlag & 1 == 1 {
                buffer[128 + i] = 0
                buffer[256 + i] = 0
            } else {
                buffer[128 + i] = r.vint()
                buffer[256 + i] = r.vint()
            }
        }
        guard r.ok else { throw .corrupt(file: postings.file, reason: "damaged tail postings at byte \(r.offset)") }
        return n
    }
}
