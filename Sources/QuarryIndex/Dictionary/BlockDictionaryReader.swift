/// Reads a `BlockDictionaryWriter` file from a memory mapping.
///
/// Opening parses only the sparse index (one key per 32 entries); a lookup is a binary search
/// over it plus a scan of at most 32 prefix-compressed entries.
public struct BlockDictionaryReader: @unchecked Sendable {
    private let body: ByteReader
    private let firstKeys: [UnsafeRawBufferPointer]
    private let blockOffsets: [Int]
    public let count: Int

    public init(file: MappedFile, kind: String, version: UInt32, verifyChecksum: Bool = false) throws(IndexError) {
        let body = try FileEnvelope.open(file, kind: kind, version: version, verifyChecksum: verifyChecksum)
        self.body = body
        var tail = body
        guard body.base.count >= 8 else { throw .corrupt(file: file.name, reason: "dictionary too short") }
        tail.offset = body.base.count - 8
        let indexOffset = Int(clamping: try tail.u64())
        guard indexOffset <= body.base.count - 8 else { throw .corrupt(file: file.name, reason: "dictionary index offset out of range") }
        var r = body
        r.offset = indexOffset
        count = Int(clamping: try r.vlong())
        // Each block takes at least two index bytes: bound by them before reserving memory.
        let blocks = try r.vcount(max: min(max(count, 0), r.remaining))
        var keys: [UnsafeRawBufferPointer] = []
        var offsets: [Int] = []
        keys.reserveCapacity(blocks)
        offsets.reserveCapacity(blocks)
        for _ in 0..<blocks {
            keys.append(try r.lengthPrefixed())
            let off = Int(clamping: try r.vlong())
            guard off < indexOffset else { throw .corrupt(file: file.name, reason: "dictionary block offset out of range") }
            offsets.append(off)
        }
        firstKeys = keys
        blockOffsets = offsets
    }

    /// Byte-order comparison of a mapped key with a query key.
    @inline(__always)
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Index of the last block whose first key is ≤ `key`, or nil if `key` sorts before all.
    private func blockIndex(for key: UnsafeRawBufferPointer) -> Int? {
        var lo = 0, hi = firstKeys.count - 1, found: Int? = nil
        while lo <= hi {
            let mid = (lo + hi) / 2
            if BlockDictionaryReader.compare(firstKeys[mid], key) <= 0 { found = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return found
    }

    /// Sees the payload of every entry a scan decodes, in order, whether or not it is the one
    /// looked for; `startsBlock` is true for the first entry of each block. Lets a payload be
    /// coded relative to the previous entry of its block (the term dictionary's offsets).
    public typealias EntryObserver = (_ payload: ByteReader, _ startsBlock: Bool) throws(IndexError) -> Void

    /// The payload stored for `key`, or nil.
    public func lookup(_ key: [UInt8]) throws(IndexError) -> ByteReader? {
        try lookup(key, observing: { (_: ByteReader, _: Bool) throws(IndexError) in })
    }

    /// Like `lookup(_:)`, showing `observe` every entry of the block up to the one found.
    public func lookup(_ key: [UInt8], observing observe: EntryObserver) throws(IndexError) -> ByteReader? {
        var result: ByteReader? = nil
        var failure: IndexError? = nil
        key.withUnsafeBytes { k in
            do throws(IndexError) {
                guard let b = blockIndex(for: k) else { return }
                // The returned reader owns the mapping, like every reader handed out.
                if let payload = try find(k, inBlock: b, observe) { result = try owning(payload) }
            } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    /// The payload of `key` in block `b` (not owning the mapping), or nil; `observe` sees every
    /// entry up to it. Keys are never rebuilt: each entry is compared with `key` through the
    /// length `matched` of the previous key's common prefix with it. An entry sharing more than
    /// `matched` bytes with the previous key sorts below `key` as that key did; one sharing
    /// fewer sorts above it (the writer stores the longest shared prefix, and keys ascend); only
    /// one sharing exactly `matched` bytes has its suffix compared. A lookup visits up to 32
    /// entries per segment and query word; rebuilding each key into an array cost about 2% of
    /// the `or` set's CPU time.
    private func find(_ key: UnsafeRawBufferPointer, inBlock b: Int, _ observe: EntryObserver) throws(IndexError) -> ByteReader? {
        let base = body.base
        var r = RawVarintReader(base, offset: blockOffsets[b])
        let n = Int(truncatingIfNeeded: r.vlong())
        guard r.ok, n >= 0, n <= BlockDictionaryWriter.entriesPerBlock else { throw body.corrupt("damaged dictionary block \(b)") }
        var matched = 0
        var previousLength = 0
        for i in 0..<n {
            let shared = r.vlong(), suffixLength = r.vlong()
            guard r.ok, shared <= UInt64(previousLength), suffixLength <= UInt64(base.count - r.offset) else {
                throw body.corrupt("damaged dictionary entry in block \(b)")
            }
            let suffixStart = r.offset
            r.offset += Int(suffixLength)
            let payloadLength = r.vlong()
            guard r.ok, payloadLength <= UInt64(base.count - r.offset) else { throw body.corrupt("dictionary entry overruns its block") }
            let payload = ByteReader(UnsafeRawBufferPointer(rebasing: base[r.offset..<(r.offset + Int(payloadLength))]),
                                     file: body.file, owner: nil)
            r.offset += Int(payloadLength)
            try observe(payload, i == 0)
            let sharedCount = Int(shared), suffixCount = Int(suffixLength)
            previousLength = sharedCount + suffixCount
            if sharedCount > matched { continue }  // below `key`, like the previous key
            if sharedCount < matched { return nil }  // above `key`
            var j = 0
            while j < suffixCount && matched + j < key.count && base[suffixStart + j] == key[matched + j] { j += 1 }
            if j == suffixCount {
                if matched + j == key.count { return payload }
                matched += j  // a proper prefix of `key`: below it
                continue
            }
            if matched + j == key.count || base[suffixStart + j] > key[matched + j] { return nil }
            matched += j
        }
        return nil
    }

    /// `payload` (a visited entry's, see `scanBlock`) as a reader that owns the mapping.
    private func owning(_ payload: ByteReader) throws(IndexError) -> ByteReader {
        guard let p = payload.base.baseAddress, let b = body.base.baseAddress else { return payload }
        return try body.slice(at: p - b, count: payload.base.count)
    }

    /// Calls `body` for every entry whose key starts with `prefix`, in order; `body` returns
    /// false to stop early.
    public func forEach(prefix: [UInt8], _ body: ([UInt8], ByteReader) throws(IndexError) -> Bool) throws(IndexError) {
        try forEach(prefix: prefix, observing: { (_: ByteReader, _: Bool) throws(IndexError) in }, body)
    }

    /// Like `forEach(prefix:_:)`, showing `observe` every entry the scan decodes first.
    public func forEach(prefix: [UInt8], observing observe: EntryObserver,
                        _ body: ([UInt8], ByteReader) throws(IndexError) -> Bool) throws(IndexError) {
        var b = 0
        prefix.withUnsafeBytes { p in b = blockIndex(for: p) ?? 0 }
        while b < firstKeys.count {
            var keepGoing = true
            var passed = false
            try scanBlock(b, observe) { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
                if key.starts(with: prefix) {
                    if try !body(key, payload) { keepGoing = false; return false }
                    return true
                }
                if !key.lexicographicallyPrecedes(prefix) { passed = true; return false }
                return true
            }
            if !keepGoing || passed { return }
            b += 1
        }
    }

    /// Every entry in order.
    public func forEach(_ body: ([UInt8], ByteReader) throws(IndexError) -> Bool) throws(IndexError) {
        try forEach(observing: { (_: ByteReader, _: Bool) throws(IndexError) in }, body)
    }

    /// Like `forEach(_:)`, showing `observe` each entry before `body`.
    public func forEach(observing observe: EntryObserver,
                        _ body: ([UInt8], ByteReader) throws(IndexError) -> Bool) throws(IndexError) {
        for b in 0..<firstKeys.count {
            var stop = false
            try scanBlock(b, observe) { (key: [UInt8], payload: ByteReader) throws(IndexError) -> Bool in
                if try !body(key, payload) { stop = true; return false }
                return true
            }
            if stop { return }
        }
    }

    /// Number of blocks (for walking the dictionary a block at a time).
    var blockCount: Int { firstKeys.count }

    /// Decodes block `b` entry by entry; `visit` returns false to stop. The payload readers
    /// `observe` and `visit` see do not own the mapping: use them during the call only.
    func scanBlock(_ b: Int, _ observe: EntryObserver,
                           _ visit: ([UInt8], ByteReader) throws(IndexError) -> Bool) throws(IndexError) {
        var r = body
        r.offset = blockOffsets[b]
        let n = try r.vcount(max: BlockDictionaryWriter.entriesPerBlock)
        var key: [UInt8] = []
        key.reserveCapacity(32)
        for i in 0..<n {
            let shared = try r.vcount(max: key.count)
            let suffix = try r.lengthPrefixed()
            key.removeSubrange(shared...)
            key.append(contentsOf: suffix)
            let payloadLength = try r.vcount(max: r.remaining)
            // `remaining` was taken before the length itself was read: check again.
            guard payloadLength <= r.remaining else { throw r.corrupt("dictionary entry overruns its block") }
            // Not owning the mapping (no reference counting per entry: a prefix scan visits
            // thousands); valid while this dictionary is, which outlives the visit.
            let payload = ByteReader(UnsafeRawBufferPointer(rebasing: r.base[r.offset..<(r.offset + payloadLength)]),
                                     file: r.file, owner: nil)
            try r.skip(payloadLength)
            try observe(payload, i == 0)
            if try !visit(key, payload) { return }
        }
    }
}
