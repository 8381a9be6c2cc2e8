/// Writes a sorted key → payload dictionary as prefix-compressed blocks plus a sparse index.
///
/// Used for the term dictionary (term → postings metadata), the word list (unstemmed word →
/// term, for prefix queries) and the key index (document key → doc id).
///
/// ```
/// body   := block* index indexOffset:u64
/// block  := entryCount:vint entry*
/// entry  := shared:vint suffixLength:vint suffix:bytes payloadLength:vint payload:bytes
///           (shared = bytes in common with the previous key of the same block; 0 for the first)
/// index  := totalEntries:vlong blockCount:vint (firstKey:lengthPrefixed blockOffset:vlong)*
/// ```
/// Offsets are relative to the start of the body. Keys compare as raw bytes (UTF-8 order).
public struct BlockDictionaryWriter {
    public static let entriesPerBlock = 32
    private var w: ByteWriter
    private var blockFirstKeys: [[UInt8]] = []
    private var blockOffsets: [Int] = []
    private var block = ByteWriter()
    private var inBlock = 0
    private var previous: [UInt8] = []
    private var total = 0
    private let kind: String
    private let bodyStart: Int

    public init(kind: String, version: UInt32) {
        self.kind = kind
        w = FileEnvelope.begin(kind: kind, version: version)
        bodyStart = w.count
    }

    /// Whether the next `add` begins a block (its payload cannot refer to a previous entry).
    public var nextStartsBlock: Bool { inBlock == 0 || inBlock == BlockDictionaryWriter.entriesPerBlock }

    /// Adds an entry; keys must arrive in strictly increasing byte order.
    public mutating func add(key: [UInt8], payload: [UInt8]) {
        precondition(total == 0 || previous.lexicographicallyPrecedes(key), "dictionary keys out of order")
        if inBlock == BlockDictionaryWriter.entriesPerBlock { flushBlock() }
        var shared = 0
        if inBlock == 0 {
            blockFirstKeys.append(key)
        } else {
            let n = min(previous.count, key.count)
            while shared < n && previous[shared] == key[shared] { shared += 1 }
        }
        block.vint(shared)
        block.vint(key.count - shared)
        block.append(contentsOf: key[shared...])
        block.lengthPrefixed(payload)
        previous = key
        inBlock += 1
        total += 1
    }

    private mutating func flushBlock() {
        guard inBlock > 0 else { return }
        blockOffsets.append(w.count - bodyStart)
        w.vint(inBlock)
        w.append(block.bytes)
        block = ByteWriter()
        inBlock = 0
    }

    public mutating func finish() -> [UInt8] {
        flushBlock()
        let indexOffset = w.count - bodyStart
        w.vlong(UInt64(total))
        w.vint(blockFirstKeys.count)
        for (key, offset) in zip(blockFirstKeys, blockOffsets) {
            w.lengthPrefixed(key)
            w.vlong(UInt64(offset))
        }
        w.u64(UInt64(indexOffset))
        return FileEnvelope.finish(w)
    }
}
