/// Iterates one term's postings in a segment: documents in increasing order, per-field term
/// frequencies, positions on demand, and block-max impact data for skipping.
///
/// Blocks of 128 documents are decoded whole into fixed buffers owned by the cursor (one
/// allocation per cursor); `advance(to:)` first skips whole blocks using the skip entries, so a
/// conjunction driven by a rare term touches few blocks of a frequent one.
public final class PostingsCursor {
    public static let noMoreDocs = UInt32.max

    public struct Skip: Sendable {
        public var lastDoc: UInt32
        public var docOffset: Int
        public var posOffset: Int
        public var impact: BlockImpact
    }

    public let docFreq: Int
    public let skips: [Skip]
    /// Each full block's last document, apart from the (large) skip entries: `advance(to:)`
    /// searches these, and at a million documents a search through the entries touched a cache
    /// line per block it looked at.
    private let lastDocs: UnsafeMutablePointer<UInt32>
    private let fullBlocks: Int
    private let blocksReader: ByteReader
    /// `blocksReader` without its owner, copied for each block loaded: copying the owning
    /// reader retains and releases the mapping every time. `blocksReader` keeps it alive.
    private let blocks: ByteReader
    private let positionsReader: ByteReader
    private let layouts: DocumentLayouts
    private let tailDocOffset: Int
    private let tailPosOffset: Int

    /// docs[128] tfT[128] tfH[128] tfB[128], then the current doc and the current index.
    @usableFromInline let buffer: UnsafeMutablePointer<UInt32>
    @usableFromInline static var docSlot: Int { 512 }
    @usableFromInline static var indexSlot: Int { 513 }
    @usableFromInline static var countSlot: Int { 514 }
    // The cursor is used by one thread and never re-entered, so the dynamic exclusivity checks
    // Swift would put on these hot class properties (a large share of phrase-query time) are off.
    /// Documents in the decoded block. In the buffer (slot `countSlot`) like `index`, so that
    /// `advanceWithinBlock(to:)` can inline into scorers in other modules.
    private var count: Int {
        @inline(__always) get { Int(buffer[Self.countSlot]) }
        @inline(__always) set { buffer[Self.countSlot] = UInt32(truncatingIfNeeded: newValue) }
    }
    /// Position of `doc` in the decoded block (−1 before the first). Kept in the buffer for the
    /// same reason as `doc`: the inlinable `tf(_:)` reads it from other modules.
    private var index: Int {
        @inline(__always) get { Int(Int32(bitPattern: buffer[Self.indexSlot])) }
        @inline(__always) set { buffer[Self.indexSlot] = UInt32(bitPattern: Int32(truncatingIfNeeded: newValue)) }
    }
    /// Block being read: 0..<fullBlocks, or fullBlocks for the tail.
    @exclusivity(unchecked) private var block = -1
    /// The block's positions (`PositionChunk`s in `chunkBytes`): `chunkOffset` stands after the
    /// chunk last read (decoded or skipped), which holds occurrences `chunkStart ..< chunkStart +
    /// chunkCount` of the block; `chunkDecoded` says whether `chunkValues` holds them.
    private let chunkBytes: UnsafeRawBufferPointer
    @exclusivity(unchecked) private var chunkOffset = 0
    @exclusivity(unchecked) private var chunkStart = 0
    @exclusivity(unchecked) private var chunkCount = 0
    @exclusivity(unchecked) private var chunkDecoded = false
    private let chunkValues: UnsafeMutablePointer<UInt32>
    /// Documents of the block before `posDecodedThrough` are behind the positions read; the
    /// first occurrence of document `posDecodedThrough` is occurrence `posOccurrence` of the block.
    @exclusivity(unchecked) private var posDecodedThrough = 0
    @exclusivity(unchecked) private var posOccurrence = 0
    /// Scratch for one document's decoded compact positions (grown on demand, freed in `deinit`).
    @exclusivity(unchecked) private var decodeBuffer: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) private var decodeCapacity = 64

    /// The current document, or `noMoreDocs`.
    ///
    /// Kept in the cursor's buffer (slot `docSlot`), not in a stored property: scorers in other
    /// modules read it in their innermost loops, and across modules Swift checks exclusivity
    /// dynamically on every read of a class's stored `var` (`@exclusivity(unchecked)` does not
    /// carry over), which cost more than the scoring for single-term queries.
    public private(set) var doc: UInt32 {
        @inlinable @inline(__always) get { buffer[Self.docSlot] }
        @inline(__always) set { buffer[Self.docSlot] = newValue }
    }

    /// `positions` spans the term positions of the segment (not its layouts section).
    /// Without `layouts` (codec tests), no document has a layout and decoding positions throws.
    init(info: TermInfo, postings: ByteReader, positions: ByteReader, layouts: DocumentLayouts? = nil) throws(IndexError) {
        if let layouts { self.layouts = layouts } else { self.layouts = try DocumentLayouts.none() }
        docFreq = Int(info.docFreq)
        fullBlocks = docFreq / PostingsFormat.blockSize
        var r = postings
        guard info.postingsOffset <= UInt64(r.base.count) else { throw r.corrupt("postings offset out of range") }
        r.offset = Int(info.postingsOffset)
        // A skip entry takes at least 9 bytes: a larger count is damage, not a reason to allocate.
        guard fullBlocks <= r.remaining / 9 else { throw r.corrupt("document frequency \(docFreq) exceeds the postings data") }
        var skips: [Skip] = []
        skips.reserveCapacity(fullBlocks)
        var last: Int64 = -1
        var docOffset = 0
        var posOffset = 0
        for _ in 0..<fullBlocks {
            last += Int64(try r.vint())
            guard last >= 0, last <= Int64(UInt32.max - 1) else { throw r.corrupt("doc id out of range in skip data") }
            let docBytes = try r.vcount(max: r.remaining)
            let posBytes = try r.vcount(max: positions.remaining)
            var impact = BlockImpact(maxTf: (try r.vint(), try r.vint(), try r.vint()),
                                     minLength: (try r.vint(), try r.vint(), try r.vint()))
            let pairs = try r.vcount(max: BlockImpact.maxBodyPairs)
            impact.bodyPairCount = pairs
            for i in 0..<pairs { impact.setBodyPair(i, tf: try r.vint(), length: try r.vint()) }
            skips.append(Skip(lastDoc: UInt32(last), docOffset: docOffset, posOffset: posOffset, impact: impact))
            docOffset += docBytes
            posOffset += posBytes
        }
        self.skips = skips
        blocksReader = try r.slice(at: r.offset, count: r.remaining)
        blocks = ByteReader(blocksReader.base, file: blocksReader.file, owner: nil)
        tailDocOffset = docOffset
        guard info.positionsOffset <= UInt64(positions.base.count) else { throw positions.corrupt("positions offset out of range") }
        positionsReader = try positions.slice(at: Int(info.positionsOffset), count: positions.base.count - Int(info.positionsOffset))
        tailPosOffset = posOffset
        chunkBytes = positionsReader.base
        // Allocated after the last check that throws: an initializer that throws before every
        // stored property is set does not run `deinit`, so these leaked on damaged term data.
        lastDocs = .allocate(capacity: Swift.max(fullBlocks, 1))
        for (b, skip) in skips.enumerated() { lastDocs[b] = skip.lastDoc }
        decodeBuffer = .allocate(capacity: 64)
        chunkValues = .allocate(capacity: PositionChunk.capacity)
        buffer = .allocate(capacity: 4 * PostingsFormat.blockSize + 3)
        buffer[Self.docSlot] = Self.noMoreDocs
        buffer[Self.indexSlot] = UInt32.max  // −1
        buffer[Self.countSlot] = 0
    }

    deinit {
        lastDocs.deallocate()
        buffer.deallocate()
        decodeBuffer.deallocate()
        chunkValues.deallocate()
    }

    /// Impact-ordered access, for scoring one term's best blocks first: decodes block `b`
    /// (0..<`fullBlockCount`; `fullBlockCount` is the tail) wherever the cursor stands and
    /// returns how many documents it holds, read with `blockDoc(_:)` and `blockTF(_:_:)`. The
    /// cursor is left inside that block: use it for such scans only, not with `next()`.
    public func decodeBlock(_ b: Int) throws(IndexError) -> Int {
        guard b >= 0, b <= fullBlocks, !(b == fullBlocks && docFreq == fullBlocks * 128) else { return 0 }
        try load(block: b)
        return count
    }

    /// Document `i` of the block decoded by `decodeBlock(_:)`.
    @inlinable @inline(__always)
    public func blockDoc(_ i: Int) -> UInt32 { buffer[i] }

    /// Frequency in `field` of document `i` of the block decoded by `decodeBlock(_:)`.
    @inlinable @inline(__always)
    public func blockTF(_ i: Int, _ field: Field) -> UInt32 { buffer[128 * (field.rawValue + 1) + i] }

    /// Index of the current document in the decoded block, for loops that read the block in
    /// place (`blockDoc(_:)`, `blockTF(_:_:)`) up to `bufferedCount` and then `moveToBuffered(_:)`.
    ///
    /// Why: a bag's essential terms are scored term at a time over every posting of a window;
    /// reading the buffer directly costs a load per document where `next()` costs a call into
    /// this module, its end-of-block checks and the bookkeeping of `index` and `doc`.
    @inlinable @inline(__always)
    public var bufferIndex: Int { Int(Int32(bitPattern: buffer[Self.indexSlot])) }

    /// How many documents the decoded block holds.
    public var bufferedCount: Int { count }

    /// The document `k` places after the current one in the decoded block, or `noMoreDocs`
    /// past its end: what a scorer will reach soon, to prefetch its field length.
    public func bufferedDoc(ahead k: Int) -> UInt32 {
        let i = bufferIndex + k
        return i >= 0 && i < count ? buffer[i] : Self.noMoreDocs
    }

    /// Moves to document `i` of the decoded block (at or after the current one), or — when `i`
    /// is `bufferedCount` — to the first document of the next block; returns the new current
    /// document or `noMoreDocs`. The cursor must stand on a document.
    @discardableResult
    public func moveToBuffered(_ i: Int) throws(IndexError) -> UInt32 {
        index = Swift.min(i, count) - 1
        guard try step() else { return doc }
        doc = buffer[index]
        return doc
    }

    /// Last doc id of the block before `b`, or −1.
    private func previousLast(_ b: Int) -> Int64 { b == 0 ? -1 : Int64(lastDocs[b - 1]) }

    private func load(block b: Int) throws(IndexError) {
        block = b
        index = -1
        posDecodedThrough = 0
        posOccurrence = 0
        chunkStart = 0
        chunkCount = 0
        chunkDecoded = false
        var prev = previousLast(b)
        if b < fullBlocks {
            var r = blocks
            try r.skip(skips[b].docOffset)
            let gapWidth = try BitPacking.unpack(&r, into: buffer)
            for f in 1...3 { try BitPacking.unpack(&r, into: buffer + f * 128) }
            if gapWidth <= DocGapPrefixSum.maxGapWidth {
                prev = Int64(DocGapPrefixSum.docIDs(fromGaps: buffer, after: prev))
            } else {
                for i in 0..<128 {
                    prev += Int64(buffer[i]) + 1
                    buffer[i] = UInt32(truncatingIfNeeded: prev)
                }
            }
            guard prev == Int64(skips[b].lastDoc) else { throw r.corrupt("block doc ids disagree with skip data") }
            count = 128
            guard skips[b].posOffset <= positionsReader.base.count else { throw positionsReader.corrupt("block positions out of range") }
            chunkOffset = skips[b].posOffset
        } else {
            var r = blocks
            try r.skip(tailDocOffset)
            count = docFreq - fullBlocks * 128
            for i in 0..<count {
                let gapFlag = try r.vlong()
                guard gapFlag >> 1 < UInt64(UInt32.max) else { throw r.corrupt("doc id gap too large") }
                prev += Int64(gapFlag >> 1) + 1
                guard prev < Int64(UInt32.max) else { throw r.corrupt("doc id overflow") }
                buffer[i] = UInt32(prev)
                buffer[384 + i] = try r.vint()
                if gapFlag & 1 == 1 {
                    buffer[128 + i] = 0
                    buffer[256 + i] = 0
                } else {
                    buffer[128 + i] = try r.vint()
                    buffer[256 + i] = try r.vint()
                }
            }
            guard tailPosOffset <= positionsReader.base.count else { throw positionsReader.corrupt("tail positions out of range") }
            chunkOffset = tailPosOffset
        }
    }

    /// Moves to the next document; returns it or `noMoreDocs`.
    @discardableResult
    public func next() throws(IndexError) -> UInt32 {
        if block < 0 {
            guard docFreq > 0 else { doc = Self.noMoreDocs; return doc }
            try load(block: 0)
        }
        guard try step() else { return doc }
        doc = buffer[index]
        return doc
    }

    /// Moves `index` to the next buffered document, loading the next block when the current one
    /// is used up; false (and `doc` = `noMoreDocs`) at the end of the postings.
    @inline(__always)
    private func step() throws(IndexError) -> Bool {
        index += 1
        if index >= count {
            if block >= fullBlocks || (block + 1 == fullBlocks && docFreq == fullBlocks * 128) {
                doc = Self.noMoreDocs
                index = count
                return false
            }
            try load(block: block + 1)
            index = 0
        }
        return true
    }

    /// `advance(to:)` when its answer lies in the decoded block (the current document included):
    /// moves there and returns it; nil (the cursor unmoved) otherwise, or when the cursor stands
    /// on no document. Inlines into the caller, where `advance(to:)` is a call into this module
    /// with its block search: a frequent term's next candidate is usually a few documents on,
    /// and avoiding that call took a ninth off a conjunction of two common words at a million
    /// documents and a sixth off a bag of four common words.
    @inlinable @inline(__always)
    public func advanceWithinBlock(to target: UInt32) -> UInt32? {
        let current = Int(Int32(bitPattern: buffer[Self.indexSlot]))
        let n = Int(buffer[Self.countSlot])
        guard current >= 0, current < n else { return nil }
        if buffer[current] >= target { return buffer[current] }
        // A plain scan, not `advance`'s eight-at-a-time `firstAtLeast`: the answer is usually a
        // few documents on, and sharing that search here measured 11% slower ("guides docs
        // testing core", 1M "+available +uses").
        var i = current &+ 1
        while i < n && buffer[i] < target { i &+= 1 }
        guard i < n else { return nil }
        let d = buffer[i]
        buffer[Self.indexSlot] = UInt32(truncatingIfNeeded: i)
        buffer[Self.docSlot] = d
        return d
    }

    /// Moves to the first document ≥ `target`; returns it or `noMoreDocs`.
    ///
    /// Blocks are found by galloping over `lastDocs` from the current one (a frequent term's
    /// target is usually in this block or the next), and the document inside its block by
    /// comparing eight decoded ids at a time, with the position kept in a register: stepping one
    /// document at a time through the cursor's stored index, and binary-searching the skip
    /// entries, cost a twelfth of the `and` set at a million documents.
    @discardableResult
    public func advance(to target: UInt32) throws(IndexError) -> UInt32 {
        if doc != Self.noMoreDocs, block >= 0, index >= 0, doc >= target { return doc }
        if doc == Self.noMoreDocs && block >= 0 { return doc }
        var b = max(block, 0)
        if b < fullBlocks && lastDocs[b] < target {
            // Gallop: the first block whose last document is ≥ target lies in (lo, hi].
            var lo = b
            var step = 1
            var hi = b + 1
            while hi < fullBlocks && lastDocs[hi] < target {
                lo = hi
                hi += step
                step <<= 1
            }
            hi = Swift.min(hi, fullBlocks)
            lo += 1
            while lo < hi {
                let mid = (lo + hi) >> 1
                if lastDocs[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            b = lo
        }
        if b != block {
            if b == fullBlocks && docFreq == fullBlocks * 128 {
                doc = Self.noMoreDocs
                block = b
                index = count
                return doc
            }
            try load(block: b)
        }
        let i = firstAtLeast(target, from: index + 1)
        if i < count {
            index = i
            doc = buffer[i]
            return doc
        }
        // Past the buffered documents: only the tail block ends before a target (a full block's
        // last document bounds it), so this reaches the end of the postings.
        index = count - 1
        while try step() {
            if buffer[index] >= target { doc = buffer[index]; return doc }
        }
        return doc
    }

    /// The first index in `from ..< count` whose buffered document is ≥ `target`, or `count`.
    @inline(__always)
    private func firstAtLeast(_ target: UInt32, from start: Int) -> Int {
        let n = count
        var i = start
        let wanted = SIMD8<UInt32>(repeating: target)
        while i &+ 8 <= n {
            let v = UnsafeRawPointer(buffer + i).loadUnaligned(as: SIMD8<UInt32>.self)
            // Ids ascend, so the lanes below the target are a prefix: their count is the offset.
            let below = Int(truncatingIfNeeded: SIMD8<UInt32>(repeating: 0).replacing(with: 1, where: v .< wanted).wrappedSum())
            if below < 8 { return i &+ below }
            i &+= 8
        }
        while i < n && buffer[i] < target { i &+= 1 }
        return i
    }

    /// Term frequency of the current document in `field`.
    @inlinable @inline(__always)
    public func tf(_ field: Field) -> UInt32 {
        let i = Int(Int32(bitPattern: buffer[Self.indexSlot]))
        switch field {
        case .title: return buffer[128 + i]
        case .headings: return buffer[256 + i]
        case .body: return buffer[384 + i]
        }
    }

    @inlinable
    public var totalTf: UInt32 {
        // Widened: damaged frequencies must not overflow (positions() then rejects the count).
        let i = Int(Int32(bitPattern: buffer[Self.indexSlot]))
        return UInt32(clamping: UInt64(buffer[128 + i]) + UInt64(buffer[256 + i]) + UInt64(buffer[384 + i]))
    }

    /// Positions of the term in the current document, ascending. Decodes (and skips over) the
    /// positions of earlier documents of the block that were not asked for. Call at most once
    /// per document.
    public func positions() throws(IndexError) -> [UInt32] {
        var out: [UInt32] = []
        try positions(into: &out)
        return out
    }

    /// Like `positions()`, into a caller-owned buffer whose capacity is reused (no allocation
    /// per document in phrase matching).
    public func positions(into out: inout [UInt32]) throws(IndexError) {
        try positions(into: &out, upTo: UInt32.max)
    }

    /// Like `positions(into:)`, but stops after the first position greater than `limit` (that
    /// one is included): a phrase whose candidate starts all lie early in a document need not
    /// decode the rest of a frequent word's positions.
    public func positions(into out: inout [UInt32], upTo limit: UInt32) throws(IndexError) {
        try decode(into: &out, upTo: limit, mapped: true)
    }

    /// The term's compact positions in the current document (positions with every jump shrunk
    /// to one: see `DocumentLayoutWriter`), stopping after the first one greater than `limit`
    /// like `positions(into:upTo:)`. Reads no layout: exact phrases match on these; segment
    /// merging copies them as they are.
    public func compactPositions(into out: inout [UInt32], upTo limit: UInt32 = .max) throws(IndexError) {
        try decode(into: &out, upTo: limit, mapped: false)
    }

    /// The term's compact positions in the current document, like `compactPositions(into:upTo:)`,
    /// as a view of the cursor's own scratch buffer: valid until the cursor decodes or moves
    /// again. Phrase matching intersects these in place, with no copy and no array to retain.
    public func compactPositionView(upTo limit: UInt32 = .max) throws(IndexError) -> UnsafeBufferPointer<UInt32> {
        let n = try decode(upTo: limit, mapped: false)  // first: decoding may move the buffer
        return UnsafeBufferPointer(start: decodeBuffer, count: n)
    }

    /// The term's positions in the current document, like `positions(into:upTo:)`, as a view
    /// with the lifetime of `compactPositionView(upTo:)`.
    public func positionView(upTo limit: UInt32 = .max) throws(IndexError) -> UnsafeBufferPointer<UInt32> {
        let n = try decode(upTo: limit, mapped: true)  // first: decoding may move the buffer
        return UnsafeBufferPointer(start: decodeBuffer, count: n)
    }

    private func decode(into out: inout [UInt32], upTo limit: UInt32, mapped: Bool) throws(IndexError) {
        let n = try decode(upTo: limit, mapped: mapped)
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: UnsafeBufferPointer(start: decodeBuffer, count: n))
    }

    /// Decodes the current document's compact positions and, when `mapped`, walks the document's
    /// jumps alongside to turn each into its position. The chunks holding its occurrences are
    /// found by counting the occurrences of the block's earlier documents (their frequencies are
    /// decoded already); chunks before them are skipped by their headers, and a chunk is
    /// unpacked once for all the documents it serves. Costs O(tf), plus a header read per chunk
    /// passed over and an unpack per chunk entered.
    private func decode(upTo limit: UInt32, mapped: Bool) throws(IndexError) -> Int {
        let (n, compactCount) = try enterDocumentPositions()
        guard n > 0 else { leaveDocumentPositions(0); return 0 }
        var o = decodeBuffer
        var occurrence = posOccurrence
        var decoded = 0
        // Compact position of the last value (wrapping: the first value is the position itself).
        var t = UInt64.max
        let last = UInt64(limit)
        decoding: while decoded < n {
            let (values, take) = try chunkRun(at: occurrence, upTo: n &- decoded)
            if decoded &+ take > decodeCapacity {
                // Grown with the values actually decoded, not to the document's frequency up
                // front: damaged frequencies and token counts must not allocate gigabytes.
                o = growDecodeBuffer(keeping: decoded, toHold: decoded &+ take)
            }
            for j in 0..<take {
                t = t &+ 1 &+ UInt64(values[j])
                o[decoded &+ j] = UInt32(truncatingIfNeeded: t)
                if t > last {
                    decoded &+= j &+ 1
                    break decoding
                }
            }
            decoded &+= take
            occurrence &+= take
        }
        // Values ascend, so the last one bounds them all (and no sum of 32-bit values wraps).
        guard t < UInt64(compactCount) else { throw positionsReader.corrupt("damaged positions of document \(doc)") }
        var kept = decoded
        if mapped {
            guard let layout = layouts.layout(doc) else { throw positionsReader.corrupt("no layout for document \(doc)") }
            var map = PositionMap(layout: layout, defaultJump: layouts.defaultJump)
            for i in 0..<decoded {
                let p = map.position(ofCompact: o[i])
                guard p < UInt64(UInt32.max) else { throw positionsReader.corrupt("damaged positions of document \(doc)") }
                o[i] = UInt32(truncatingIfNeeded: p)
                if p > UInt64(limit) { kept = i + 1; break }
            }
        }
        leaveDocumentPositions(n)
        return kept
    }

    /// Keeps the candidate phrase starts `s` (`count` of them at `starts`, ascending) for which
    /// the term occurs at compact position `s + offset` in the current document, moving them to
    /// the front of `starts`; returns how many are kept.
    ///
    /// Each compact position is compared with the next wanted one as it is decoded, and decoding
    /// stops past the last: nothing is written for the positions themselves, and no second pass
    /// reads them back. Decoding "the" into a buffer and then intersecting the buffer with the few
    /// starts of "kernel" were together two fifths of the time of a phrase of common words.
    public func keepCompactMatches(_ starts: UnsafeMutablePointer<UInt32>, count: Int, offset: UInt32) throws(IndexError) -> Int {
        let (n, compactCount) = try enterDocumentPositions()
        guard n > 0, count > 0 else {
            leaveDocumentPositions(n)
            return 0
        }
        let off = UInt64(offset)
        var next = 0  // the start wanted next
        var want = UInt64(starts[0]) &+ off
        var kept = 0
        var occurrence = posOccurrence
        var decoded = 0
        var t = UInt64.max  // wrapping: the first value is the position itself
        decoding: while decoded < n {
            let (values, take) = try chunkRun(at: occurrence, upTo: n &- decoded)
            var j = 0
            while j < take {
                // Eight positions at once while all of them fall before the start wanted: one
                // sum instead of eight dependent additions and compares. A frequent term ("the")
                // occurs far more often than the phrase's starts (those of "kernel"), so most of
                // its positions are passed over this way; the eight holding a wanted start are
                // then read one by one.
                var runEnd = take
                if j &+ 8 <= take {
                    let v = values + j
                    let sum = (UInt64(v[0]) &+ UInt64(v[1])) &+ (UInt64(v[2]) &+ UInt64(v[3]))
                        &+ (UInt64(v[4]) &+ UInt64(v[5])) &+ (UInt64(v[6]) &+ UInt64(v[7]))
                    let end = t &+ 8 &+ sum
                    // `t` starts at UInt64.max (wrapping), so compare distances from it.
                    if end &- t < want &- t {
                        t = end
                        j &+= 8
                        continue
                    }
                    runEnd = j &+ 8
                }
                while j < runEnd {
                    t = t &+ 1 &+ UInt64(values[j])
                    j &+= 1
                    guard t >= want else { continue }
                    // Starts whose position this term passed over without occurring there are dropped.
                    while want < t {
                        next &+= 1
                        if next == count { decoded &+= j; break decoding }
                        want = UInt64(starts[next]) &+ off
                    }
                    if want == t {
                        starts[kept] = starts[next]
                        kept &+= 1
                        next &+= 1
                        if next == count { decoded &+= j; break decoding }
                        want = UInt64(starts[next]) &+ off
                    }
                }
            }
            decoded &+= take
            occurrence &+= take
        }
        // Values ascend, so the last one bounds them all (and no sum of 32-bit values wraps).
        guard t < UInt64(compactCount) else { throw positionsReader.corrupt("damaged positions of document \(doc)") }
        leaveDocumentPositions(n)
        return kept
    }

    /// Brings the positions bookkeeping to the current document (the occurrences of the block's
    /// documents passed over before it are counted, not read) and returns its occurrence count
    /// and compact count. Does not move past the document: the caller does, once it has read.
    @inline(__always)
    private func enterDocumentPositions() throws(IndexError) -> (count: Int, compactCount: UInt32) {
        while posDecodedThrough < index {
            let i = posDecodedThrough
            posOccurrence &+= Int(UInt64(buffer[128 + i]) + UInt64(buffer[256 + i]) + UInt64(buffer[384 + i]))
            posDecodedThrough &+= 1
        }
        let n = Int(totalTf)
        guard n > 0 else { return (0, 0) }
        guard let compactCount = layouts.compactCount(doc) else { throw positionsReader.corrupt("no layout for document \(doc)") }
        // Each occurrence is a distinct token of the document.
        guard n <= Int(compactCount) else { throw positionsReader.corrupt("\(n) positions exceed the \(compactCount) compact positions of document \(doc)") }
        return (n, compactCount)
    }

    /// Moves the positions bookkeeping past the current document and its `count` occurrences,
    /// however many of them were read (`enterDocumentPositions` is the other half).
    @inline(__always)
    private func leaveDocumentPositions(_ count: Int) {
        posOccurrence &+= count
        posDecodedThrough += 1
    }

    /// The decoded values of occurrence `occurrence` of the block and of those after it in the
    /// same chunk, at most `limit` of them (the chunk is read first when needed).
    @inline(__always)
    private func chunkRun(at occurrence: Int, upTo limit: Int) throws(IndexError) -> (values: UnsafeMutablePointer<UInt32>, count: Int) {
        if !chunkDecoded || occurrence >= chunkStart &+ chunkCount {
            try seekChunk(holding: occurrence)
        }
        let from = occurrence &- chunkStart
        // Only after an error left the bookkeeping behind the chunks read (the cursor is not to
        // be used for positions again then): never a read before the buffer.
        guard from >= 0 else { throw positionsReader.corrupt("positions read again after damage in document \(doc)") }
        return (chunkValues + from, Swift.min(limit, chunkCount &- from))
    }

    /// A larger `decodeBuffer` (at least `count`, doubling) holding its first `kept` values.
    private func growDecodeBuffer(keeping kept: Int, toHold count: Int) -> UnsafeMutablePointer<UInt32> {
        let capacity = Swift.max(count, 2 * decodeCapacity)
        let grown = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        grown.update(from: decodeBuffer, count: kept)
        decodeBuffer.deallocate()
        decodeBuffer = grown
        decodeCapacity = capacity
        return grown
    }

    /// Reads chunks forward to the one holding occurrence `occurrence` of the block and
    /// unpacks it into `chunkValues`; chunks wholly before it are skipped by their headers.
    private func seekChunk(holding occurrence: Int) throws(IndexError) {
        while true {
            let start = chunkStart &+ chunkCount
            var o = chunkOffset
            guard let h = PositionChunk.header(chunkBytes, &o) else { throw damagedChunk() }
            if occurrence >= start &+ h.count {
                chunkOffset = o &+ h.bodyBytes
                chunkStart = start
                chunkCount = h.count
                chunkDecoded = false
                continue
            }
            chunkOffset = o
            guard let decoded = PositionChunk.decodeBody(chunkBytes, h, &chunkOffset, into: chunkValues) else { throw damagedChunk() }
            chunkCount = decoded
            chunkStart = start
            chunkDecoded = true
            return
        }
    }

    @inline(never)
    private func damagedChunk() -> IndexError {
        .corrupt(file: positionsReader.file, reason: "damaged positions chunk at byte \(chunkOffset) of the term's positions")
    }

    /// Last doc id of block `b` (a full block), or `noMoreDocs - 1` for the tail.
    public func lastDoc(ofBlock b: Int) -> UInt32 {
        assert(b >= 0, "block \(b) before the first")  // a raw pointer below: no bounds check of its own
        return b < fullBlocks ? lastDocs[b] : Self.noMoreDocs - 1
    }

    /// Decodes the tail (the documents after the last full block) without moving the cursor:
    /// doc ids and per-field frequencies, for computing its exact score bound.
    public func forEachTailPosting(_ body: (UInt32, UInt32, UInt32, UInt32) -> Void) throws(IndexError) {
        var r = blocksReader
        try r.skip(tailDocOffset)
        var prev = previousLast(fullBlocks)
        for _ in 0..<(docFreq - fullBlocks * 128) {
            let gapFlag = try r.vlong()
            // The limit `load` has: a damaged gap near 2^63 overflowed `Int64` (a trap) here.
            guard gapFlag >> 1 < UInt64(UInt32.max) else { throw r.corrupt("doc id gap too large") }
            prev += Int64(gapFlag >> 1) + 1
            guard prev < Int64(UInt32.max) else { throw r.corrupt("doc id overflow") }
            let body_ = try r.vint()
            var t: UInt32 = 0, h: UInt32 = 0
            if gapFlag & 1 == 0 {
                t = try r.vint()
                h = try r.vint()
            }
            body(UInt32(prev), t, h, body_)
        }
    }

    public var fullBlockCount: Int { fullBlocks }
    public var hasTail: Bool { docFreq % PostingsFormat.blockSize != 0 }
}
