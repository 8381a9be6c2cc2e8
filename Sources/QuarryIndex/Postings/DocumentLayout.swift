/// Where a document's position space jumps. The positions file stores each occurrence as its
/// *compact position*: the analyzer's position with every jump (block and field boundaries,
/// `blockGap`) shrunk to a single skipped position — token index plus the number of jumps at or
/// before it. Once per document it stores where the jumps lie in that compact space and their
/// extras, so a reader maps compact position `k` back to its position `k − J + Σ extra` over
/// the J jumps at compact positions ≤ k, and phrases and proximity see exactly the positions
/// the analyzer produced.
///
/// Why compact positions: two tokens are adjacent in compact space exactly when they are
/// adjacent tokens with no jump between them. An exact phrase is matched by intersecting
/// compact positions alone (no layout read per candidate start), while deltas stay nearly as
/// small as token-index deltas (a jump adds one, not `blockGap + 1`).
///
/// ```
/// layouts  := layout{docCount} compactCount:u32{docCount} layoutEnd:u32{docCount}
///             docCount:u32 defaultJump:u32 minJump:u32 layoutsOffset:u64
/// layout   := jumpCount:vint uniform:u8
///             chunkStart:(u16|u32){chunkCount}   jumps at compact positions below 128·c, for
///                                                chunk c; u16 when jumpCount < 65536, else u32;
///                                                chunkCount = ⌈compactCount / 128⌉
///             low:u8{jumpCount}                  each jump's compact position mod 128, in order
///             [shiftAfter:u32{jumpCount}]        only when uniform = 0: the sum of the extras of
///                                                jumps 0…i (uniform = 1: every extra is defaultJump)
/// ```
/// A jump before token index t (the i-th jump, from 0) lies at compact position t + i + 1 —
/// the compact position of that token; the skipped compact position t + i marks the gap.
/// `compactCount` (token count + jump count) bounds a document's compact positions.
/// Fixed-width arrays so a reader finds the number of jumps at or before any compact position
/// by one load and a short scan of its chunk, without decoding the document's jumps: a cursor
/// maps positions at the cost of the values it decodes.
/// `compactCount` is a dense column of its own (4 bytes a document, so it stays in cache): a
/// cursor checks every document's decoded values against it, and reading it must not touch the
/// layouts themselves.
/// `layoutEnd` is the end of layout `d` relative to `layoutsOffset` (each starts where the
/// previous ends); `layoutsOffset` is body-relative. `defaultJump` is the first extra written in
/// the segment (the analyzer's `blockGap`), `minJump` the smallest (`UInt32.max` without jumps):
/// a phrase spanning at most `minJump` positions matches exactly where its terms' compact
/// positions have the phrase's offsets (a jump inside would separate positions by more than
/// the span), so phrase matching reads a layout only to tell a match's field.
struct DocumentLayoutWriter {
    private(set) var bytes = ByteWriter()
    private var ends: [UInt32] = []
    private(set) var defaultJump: UInt32? = nil
    private(set) var minJump: UInt32 = .max
    /// Compact count (tokens + jumps) per document (the dense column).
    private(set) var compactCounts: [UInt32] = []

    var docCount: Int { ends.count }

    static let chunkShift: UInt32 = 7

    /// Appends the next document's layout. `jumps` are (token index, extra positions before it),
    /// indexes strictly increasing and below `tokenCount`.
    mutating func add(tokenCount: UInt32, jumps: [(index: UInt32, extra: UInt32)]) {
        let compactCount = UInt64(tokenCount) + UInt64(jumps.count)
        compactCounts.append(UInt32(truncatingIfNeeded: compactCount))
        bytes.vint(jumps.count)
        if defaultJump == nil, let first = jumps.first { defaultJump = first.extra }
        for jump in jumps { minJump = Swift.min(minJump, jump.extra) }
        let uniform = jumps.allSatisfy { $0.extra == defaultJump }
        bytes.u8(uniform ? 1 : 0)
        // The i-th jump lies at compact position index + i + 1.
        @inline(__always) func key(_ i: Int) -> UInt64 { UInt64(jumps[i].index) + UInt64(i) + 1 }
        let chunks = Int((compactCount + 127) >> 7)
        var j = 0
        for c in 0..<chunks {
            while j < jumps.count && key(j) < UInt64(c) << UInt64(Self.chunkShift) { j += 1 }
            if jumps.count < 65536 {
                bytes.u8(UInt8(truncatingIfNeeded: j))
                bytes.u8(UInt8(truncatingIfNeeded: j >> 8))
            } else {
                bytes.u32(UInt32(j))
            }
        }
        for i in jumps.indices { bytes.u8(UInt8(truncatingIfNeeded: key(i) & 127)) }
        if !uniform {
            var sum: UInt32 = 0
            for jump in jumps {
                sum &+= jump.extra
                bytes.u32(sum)
            }
        }
        ends.append(UInt32(bytes.count))
    }

    /// The layouts section, to append to the positions body at body offset `offset`.
    func serialized(at offset: Int) -> [UInt8] {
        var w = ByteWriter()
        w.append(bytes.bytes)
        for t in compactCounts { w.u32(t) }
        for e in ends { w.u32(e) }
        w.u32(UInt32(ends.count))
        w.u32(defaultJump ?? 0)
        w.u32(minJump)
        w.u64(UInt64(offset))
        return w.bytes
    }

    /// Computes a document's layout from its positions (ascending, one per token). A position
    /// not above its predecessor (never produced by the analyzer) gets no jump.
    static func jumps(of positions: UnsafeBufferPointer<UInt32>) -> [(index: UInt32, extra: UInt32)] {
        var out: [(index: UInt32, extra: UInt32)] = []
        var expected: UInt32 = 0
        for i in 0..<positions.count {
            let p = positions[i]
            if p > expected { out.append((UInt32(i), p - expected)) }
            expected = Swift.max(p, expected) &+ 1
        }
        return out
    }
}

/// Reads the layouts section of a positions body (see `DocumentLayoutWriter`).
struct DocumentLayouts {
    let reader: ByteReader
    let docCount: Int
    let defaultJump: UInt32
    /// The smallest extra of any jump of the segment; `UInt32.max` when there is none.
    let minJump: UInt32
    /// Body offsets of the first layout, of the `compactCount` column and of the `layoutEnd` column.
    let start: Int
    private let compactCountsOffset: Int
    private let endsOffset: Int

    /// A document's layout: its compact count and where its fixed-width arrays lie.
    struct Layout {
        let base: UnsafeRawBufferPointer
        /// Tokens plus jumps: every compact position of the document is below it.
        var compactCount: UInt32
        var jumpCount: Int
        var chunkCount: Int
        var chunkOffset: Int
        var wide: Bool
        var lowOffset: Int
        /// −1 when every extra is `defaultJump`.
        var shiftOffset: Int

        /// The document's token count.
        var tokenCount: UInt32 { compactCount &- UInt32(truncatingIfNeeded: jumpCount) }

        /// Jumps at compact positions below 128·c (clamped to `jumpCount`).
        @inline(__always)
        func chunkStart(_ c: Int) -> Int {
            guard c < chunkCount else { return jumpCount }
            let v = wide ? Int(base.loadUnaligned(fromByteOffset: chunkOffset + 4 * c, as: UInt32.self).littleEndian)
                         : Int(base.loadUnaligned(fromByteOffset: chunkOffset + 2 * c, as: UInt16.self).littleEndian)
            return Swift.min(v, jumpCount)
        }

        @inline(__always)
        func low(_ i: Int) -> UInt8 { base[lowOffset + i] }

        /// `r` plus the number of jumps among `r..<end` (ascending lows of one chunk) whose low
        /// bits are ≤ `low`: eight at a time, by a borrow-free byte-wise subtraction.
        @inline(__always)
        func countJumps(from r: Int, to end: Int, atOrBelow low: UInt8) -> Int {
            var r = r
            let ones: UInt64 = 0x0101_0101_0101_0101
            let threshold = UInt64(low &+ 1) &* ones
            while r < end {
                let o = lowOffset + r
                // A layout is always followed by at least 16 bytes (the ends column and trailer).
                guard o + 8 <= base.count else { return end }
                let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt64.self))
                // Per byte: (x | 0x80) − (low + 1) keeps bit 7 exactly when x > low (x, low < 128).
                var below = ~((x | 0x80 &* ones) &- threshold) & (0x80 &* ones)
                let n = end - r
                if n < 8 { below &= (1 << UInt64(8 * n)) - 1 }
                let c = below.nonzeroBitCount
                r += c
                if c < 8 { break }
            }
            return r
        }

        /// Sum of the extras of jumps 0..<r.
        @inline(__always)
        func shift(jumps r: Int, defaultJump: UInt32) -> UInt64 {
            if shiftOffset < 0 || r == 0 { return UInt64(r) * UInt64(defaultJump) }
            return UInt64(base.loadUnaligned(fromByteOffset: shiftOffset + 4 * (r - 1), as: UInt32.self).littleEndian)
        }
    }

    /// Layouts of a segment without documents.
    static func none() throws(IndexError) -> DocumentLayouts {
        try DocumentLayouts(positions: MappedFile(bytes: [UInt8](repeating: 0, count: trailerSize), name: "empty.pos").reader())
    }

    static let trailerSize = 20

    /// Parses the trailer of `positions` (a whole positions body).
    init(positions: ByteReader) throws(IndexError) {
        var r = positions
        guard r.base.count >= Self.trailerSize else { throw r.corrupt("positions file too short for its layouts") }
        r.offset = r.base.count - Self.trailerSize
        let count = Int(try r.u32())
        defaultJump = try r.u32()
        minJump = try r.u32()
        let offset = try r.u64()
        guard count <= r.base.count / 8 else { throw r.corrupt("layouts section out of range") }
        let endsOffset = r.base.count - Self.trailerSize - 4 * count
        let compactCountsOffset = endsOffset - 4 * count
        guard compactCountsOffset >= 0, offset <= UInt64(compactCountsOffset) else {
            throw r.corrupt("layouts section out of range")
        }
        start = Int(offset)
        self.compactCountsOffset = compactCountsOffset
        self.endsOffset = endsOffset
        docCount = count
        reader = positions
    }

    /// The compact count of `doc` (tokens plus jumps; its compact positions lie below it), or
    /// nil past the last document: one load from a dense column.
    @inline(__always)
    func compactCount(_ doc: UInt32) -> UInt32? {
        let d = Int(doc)
        guard d < docCount else { return nil }
        return UInt32(littleEndian: reader.base.loadUnaligned(fromByteOffset: compactCountsOffset + 4 * d, as: UInt32.self))
    }

    /// The layout of `doc`, or nil when its bounds are damaged (every array it names lies inside
    /// the document's layout bytes).
    @inline(__always)
    func layout(_ doc: UInt32) -> Layout? {
        let d = Int(doc)
        guard d < docCount else { return nil }
        let base = reader.base
        let lo = d == 0 ? 0 : Int(base.loadUnaligned(fromByteOffset: endsOffset + 4 * (d - 1), as: UInt32.self).littleEndian)
        let hi = Int(base.loadUnaligned(fromByteOffset: endsOffset + 4 * d, as: UInt32.self).littleEndian)
        guard lo <= hi, start + hi <= compactCountsOffset else { return nil }
        // A vint and a byte, read without a throwing reader (this runs once per document a
        // cursor decodes or skips positions of).
        var o = start + lo
        let layoutEnd = start + hi
        @inline(__always) func vint() -> UInt32? {
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while o < layoutEnd, shift < 35 {
                let b = base[o]
                o += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return v <= UInt64(UInt32.max) ? UInt32(v) : nil }
                shift += 7
            }
            return nil
        }
        let compact = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: compactCountsOffset + 4 * d, as: UInt32.self))
        guard let jumps = vint(), o < layoutEnd else { return nil }
        let uniform = base[o]
        o += 1
        // Every jump comes before a token of its own.
        guard UInt64(jumps) * 2 <= UInt64(compact), uniform <= 1 else { return nil }
        let chunks = Int((UInt64(compact) + 127) >> 7)
        let wide = jumps >= 65536
        let lowOffset = o + chunks * (wide ? 4 : 2)
        let shiftOffset = uniform == 1 ? -1 : lowOffset + Int(jumps)
        let endOffset = lowOffset + Int(jumps) * (uniform == 1 ? 1 : 5)
        guard endOffset == start + hi else { return nil }
        return Layout(base: base, compactCount: compact, jumpCount: Int(jumps), chunkCount: chunks, chunkOffset: o,
                      wide: wide, lowOffset: lowOffset, shiftOffset: shiftOffset)
    }

    /// A document's layout decoded and checked: its token count and (token index, extra) jumps.
    func jumps(_ doc: UInt32) throws(IndexError) -> (tokenCount: UInt32, jumps: [(index: UInt32, extra: UInt32)]) {
        guard let l = layout(doc) else { throw reader.corrupt("layout of document \(doc) out of range") }
        var out: [(index: UInt32, extra: UInt32)] = []
        var previousShift: UInt64 = 0
        for c in 0..<l.chunkCount {
            let s = l.chunkStart(c), e = l.chunkStart(c + 1)
            guard s == out.count, s <= e else { throw reader.corrupt("layout chunks of document \(doc) out of order") }
            for i in s..<e {
                // The i-th jump lies at compact position index + i + 1.
                let key = UInt64(c) << 7 | UInt64(l.low(i))
                guard l.low(i) < 128, key > UInt64(i), key - UInt64(i) - 1 < UInt64(l.tokenCount) else {
                    throw reader.corrupt("layout jumps of document \(doc) out of order")
                }
                let index = UInt32(key - UInt64(i) - 1)
                guard out.last.map({ $0.index < index }) ?? true else {
                    throw reader.corrupt("layout jumps of document \(doc) out of order")
                }
                let shift = l.shift(jumps: i + 1, defaultJump: defaultJump)
                guard shift >= previousShift, shift - previousShift <= UInt64(UInt32.max) else { throw reader.corrupt("layout shifts of document \(doc) decrease") }
                out.append((index, UInt32(shift - previousShift)))
                previousShift = shift
            }
        }
        guard out.count == l.jumpCount else { throw reader.corrupt("layout of document \(doc) lists \(out.count) of \(l.jumpCount) jumps") }
        return (l.tokenCount, out)
    }
}

/// Maps one document's compact positions to positions (see `DocumentLayoutWriter`), for compact
/// positions asked in nondecreasing order: each call costs a scan of the jumps passed since the
/// previous one (eight at a time), plus one load when it enters a new 128-position chunk.
public struct PositionMap {
    private let layout: DocumentLayouts.Layout
    private let defaultJump: UInt32
    private var chunk = -1
    private var jumps = 0
    private var chunkEnd = 0

    init(layout: DocumentLayouts.Layout, defaultJump: UInt32) {
        self.layout = layout
        self.defaultJump = defaultJump
    }

    /// The position of the token at compact position `k` (< `compactCount`, not below the
    /// previous call's): `k − J + Σ extra` over the J jumps at compact positions ≤ k.
    @inline(__always)
    public mutating func position(ofCompact k: UInt32) -> UInt64 {
        seek(k)
        return UInt64(k) &- UInt64(jumps) &+ layout.shift(jumps: jumps, defaultJump: defaultJump)
    }

    /// The compact position of token index `t`: `t` plus the number of jumps before tokens
    /// 0 … t. Walks the jumps from the document's start (independent of the calls above), so it
    /// is meant for a few indexes near the start, such as where the headings and body begin.
    public func compactPosition(ofToken t: UInt32) -> UInt64 {
        var passed = 0  // jumps at token indexes ≤ t
        for c in 0..<layout.chunkCount {
            let s = layout.chunkStart(c), e = layout.chunkStart(c + 1)
            guard s < e else { continue }
            // The i-th jump, at compact position key, lies before token index key − i − 1.
            @inline(__always) func token(_ i: Int) -> UInt64 {
                (UInt64(c) << 7 | UInt64(layout.low(i))) &- UInt64(i) &- 1
            }
            if token(e - 1) <= UInt64(t) { passed = e; continue }
            var i = s
            while i < e && token(i) <= UInt64(t) { i += 1 }
            passed = i
            break
        }
        return UInt64(t) + UInt64(passed)
    }

    /// Moves `jumps` to the number of jumps at compact positions ≤ k.
    @inline(__always)
    private mutating func seek(_ k: UInt32) {
        let c = Int(k >> 7)
        if c != chunk {
            chunk = c
            jumps = layout.chunkStart(c)
            chunkEnd = layout.chunkStart(c + 1)
        }
        jumps = layout.countJumps(from: jumps, to: chunkEnd, atOrBelow: UInt8(truncatingIfNeeded: k & 127))
    }
}
