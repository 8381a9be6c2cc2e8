/// Patched frame-of-reference chunks of up to 128 integers: the positions codec (`.pos`
/// version 6).
///
/// ```
/// chunk      := head:u8 [count:u8] [exceptions:u8 exceptionBytes:vint index:u8{exceptions}
///               high:vint{exceptions}] data
/// head       := width (0…32), | 0x80 when the chunk holds fewer than 128 values (then `count`,
///               1…127, follows), | 0x40 when it has exceptions (then the bracketed part, with
///               exceptions ≥ 1, follows)
/// data       := 128 values: 16·width bytes in `BitPacking`'s vertical 4-lane layout;
///               fewer: ⌈count·width / 8⌉ bytes, value i at bits [i·width, (i+1)·width) of a
///               little-endian bit stream
/// exception  := value `index` is its packed low `width` bits | high << width
/// ```
/// `exceptionBytes` is the length of the index and high arrays, so a chunk is skipped by
/// reading its header alone. Most chunks have no exception and spend a byte of header (two when
/// shorter than 128).
///
/// Why this codec and not Rice codes (version 5): a Rice code is decoded one value at a time,
/// each a dependent chain of bit scans and shifts, and a phrase decodes every occurrence of
/// each term in every candidate document — "the" occurs hundreds of times in a page. A full
/// chunk unpacks with straight-line SIMD code (about a cycle per value) and documents of a block
/// are skipped by counting occurrences, not by reading their bits. The width is chosen per
/// chunk to minimise its bytes, letting the few large values (a document's first compact position
/// among small gaps) be exceptions rather than widen every value (Lucene's PForUtil idea); the
/// cost over Rice codes is about 1.5 bits per value (the crawl's `.pos`: 16.1 → 18.4 MB).
enum PositionChunk {
    static let capacity = BitPacking.blockSize

    /// Appends a chunk of `values` (1…128 of them).
    static func encode(_ values: UnsafeBufferPointer<UInt32>, into w: inout ByteWriter) {
        let n = values.count
        precondition(n > 0 && n <= capacity)
        let width = bestWidth(values)
        var indexes: [UInt8] = []
        var highs = ByteWriter()
        for i in 0..<n where BitPacking.bitWidth(values[i]) > width {
            indexes.append(UInt8(i))
            highs.vlong(UInt64(values[i]) >> UInt64(width))
        }
        w.u8(UInt8(width) | (n < capacity ? 0x80 : 0) | (indexes.isEmpty ? 0 : 0x40))
        if n < capacity { w.u8(UInt8(n)) }
        if !indexes.isEmpty {
            w.u8(UInt8(indexes.count))
            w.vint(indexes.count + highs.count)
            w.append(indexes)
            w.append(highs.bytes)
        }
        if n == capacity {
            BitPacking.packLanes(values, width: width, into: &w)
        } else if width > 0 {
            let mask = (UInt64(1) << UInt64(width)) - 1
            var acc: UInt64 = 0
            var used = 0
            for v in values {
                acc |= (UInt64(v) & mask) << UInt64(used)
                used += width
                while used >= 8 {
                    w.u8(UInt8(truncatingIfNeeded: acc))
                    acc >>= 8
                    used -= 8
                }
            }
            if used > 0 { w.u8(UInt8(truncatingIfNeeded: acc)) }
        }
    }

    /// The width that makes a chunk of `values` smallest: its packed data plus, per value wider
    /// than it, an index byte and the high part's varint (whose length depends only on the
    /// value's own width). Ties keep the wider width (fewer exceptions).
    ///
    /// This runs for every chunk an index build writes, so the candidate widths are weighed in
    /// one pass from 32 down, in O(1) each: a value of width vw costs 1 + ⌈(vw − w) / 7⌉ bytes
    /// at width w < vw, and going from w + 1 to w adds one byte for each value that becomes an
    /// exception and for each earlier exception whose vw − w − 1 is a multiple of 7 (kept as
    /// counts per vw mod 7). Summing over every wider width for each candidate instead was a
    /// seventh of a build with word pairs. The histogram and counts live on the stack.
    static func bestWidth(_ values: UnsafeBufferPointer<UInt32>) -> Int {
        let n = values.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 40) { scratch in
            scratch.initialize(repeating: 0)
            let histogram = UnsafeMutableBufferPointer(rebasing: scratch[0..<33])
            let byResidue = UnsafeMutableBufferPointer(rebasing: scratch[33..<40])
            for v in values { histogram[BitPacking.bitWidth(v)] &+= 1 }
            var best = 32
            var bestCost = Int.max
            var exceptions = 0
            var highBytes = 0  // Σ ⌈(vw − width) / 7⌉ over the exceptions
            for width in stride(from: 32, through: 0, by: -1) {
                if width < 32 {
                    let next = width + 1
                    highBytes &+= byResidue[next % 7]  // earlier exceptions growing a byte
                    let becoming = histogram[next]
                    highBytes &+= becoming
                    exceptions &+= becoming
                    byResidue[next % 7] &+= becoming
                }
                var cost = n == capacity ? 16 * width : (n * width + 7) / 8
                if exceptions > 0 { cost &+= exceptions &+ highBytes &+ 2 }  // index bytes; count and length
                if cost < bestCost { bestCost = cost; best = width }
            }
            return best
        }
    }

    /// A chunk's header.
    struct Header {
        var width: Int
        var count: Int
        var exceptions: Int
        var exceptionBytes: Int

        /// Bytes of packed data after the exceptions.
        var dataBytes: Int { count == PositionChunk.capacity ? 16 * width : (count * width + 7) / 8 }

        /// Bytes of the chunk after its header.
        var bodyBytes: Int { exceptionBytes &+ dataBytes }
    }

    // Reads go straight to the mapped bytes at an offset, not through a `ByteReader`: copying
    // one retains its mapping, and a phrase query reads a chunk header per document skipped.
    // Damage returns nil; the caller reports it as a typed error with its file.

    /// The header of the chunk at `offset`, which is moved to the chunk's exceptions; nil when
    /// damaged or when the chunk does not fit in `bytes`.
    @inline(__always)
    static func header(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Header? {
        guard offset >= 0, offset < bytes.count else { return nil }
        let head = bytes[offset]
        let width = Int(head & 0x3F)
        var count = capacity
        var o = offset &+ 1
        if head & 0x80 != 0 {
            guard o < bytes.count else { return nil }
            count = Int(bytes[o])
            o &+= 1
            guard count > 0, count < capacity else { return nil }
        }
        guard width <= 32 else { return nil }
        var exceptions = 0
        var exceptionBytes = 0
        if head & 0x40 != 0 {
            guard o < bytes.count else { return nil }
            exceptions = Int(bytes[o])
            o &+= 1
            guard exceptions > 0, exceptions <= count else { return nil }
            var r = RawVarintReader(bytes, offset: o)
            let n = r.vlong()
            // An index byte and at least one byte of high part each.
            guard r.ok, n >= UInt64(2 &* exceptions), n <= UInt64(bytes.count &- r.offset) else { return nil }
            exceptionBytes = Int(n)
            o = r.offset
        }
        let h = Header(width: width, count: count, exceptions: exceptions, exceptionBytes: exceptionBytes)
        guard h.dataBytes <= bytes.count &- o &- exceptionBytes else { return nil }
        offset = o
        return h
    }

    /// Moves `offset` past the chunk there; returns how many values it holds (nil: damaged).
    @inline(__always)
    static func skip(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> Int? {
        guard let h = header(bytes, &offset) else { return nil }
        offset &+= h.bodyBytes
        return h.count
    }

    /// Decodes the chunk at `offset` into `out` (room for 128) and moves `offset` past it;
    /// returns how many values it holds (nil: damaged).
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int, into out: UnsafeMutablePointer<UInt32>) -> Int? {
        guard let h = header(bytes, &offset) else { return nil }
        return decodeBody(bytes, h, &offset, into: out)
    }

    /// `decode` after `header` read the chunk's header (`offset` stands after it).
    @inline(__always)
    static func decodeBody(_ bytes: UnsafeRawBufferPointer, _ h: Header, _ offset: inout Int,
                           into out: UnsafeMutablePointer<UInt32>) -> Int? {
        let patches = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset &+ h.exceptionBytes)])
        let data = UnsafeRawBufferPointer(rebasing: bytes[(offset &+ h.exceptionBytes)..<(offset &+ h.exceptionBytes &+ h.dataBytes)])
        offset &+= h.bodyBytes
        if h.width == 0 {
            out.update(repeating: 0, count: h.count)
        } else if h.count == capacity {
            unpackVertical(data, out, width: h.width)
        } else {
            unpackStream(data, out, count: h.count, width: h.width)
        }
        if h.exceptions > 0 {
            guard patch(patches, h, out) else { return nil }
        }
        return h.count
    }

    @inline(__always)
    private static func unpackVertical(_ data: UnsafeRawBufferPointer, _ out: UnsafeMutablePointer<UInt32>, width: Int) {
        guard let base = data.baseAddress else { return }
        BitPacking.unpackVertical(base, UnsafeMutableRawPointer(out), width: width)
    }

    /// Values of a horizontal bit stream (`data` holds exactly ⌈count·width / 8⌉ bytes).
    private static func unpackStream(_ data: UnsafeRawBufferPointer, _ out: UnsafeMutablePointer<UInt32>, count: Int, width: Int) {
        let mask = (UInt64(1) << UInt64(width)) - 1
        let end = data.count
        for i in 0..<count {
            let bit = i &* width
            let byte = bit >> 3
            var word: UInt64
            if byte &+ 8 <= end {
                word = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            } else {
                word = 0
                for j in 0..<(end &- byte) { word |= UInt64(data[byte &+ j]) << UInt64(8 &* j) }
            }
            out[i] = UInt32(truncatingIfNeeded: (word >> UInt64(bit & 7)) & mask)
        }
    }

    /// Ors the exceptions' high parts into their values; false on damage (an index out of the
    /// chunk, or a high part that does not fit 32 bits or the recorded bytes).
    private static func patch(_ bytes: UnsafeRawBufferPointer, _ h: Header, _ out: UnsafeMutablePointer<UInt32>) -> Bool {
        var o = h.exceptions
        for e in 0..<h.exceptions {
            let i = Int(bytes[e])
            guard i < h.count else { return false }
            var high: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard o < bytes.count, shift < 35 else { return false }
                let b = bytes[o]
                o &+= 1
                high |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift &+= 7
            }
            guard high >> UInt64(32 - h.width) == 0 else { return false }
            out[i] |= UInt32(truncatingIfNeeded: high << UInt64(h.width))
        }
        return o == bytes.count
    }
}
