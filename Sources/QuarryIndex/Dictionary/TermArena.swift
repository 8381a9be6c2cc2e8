/// Byte strings stored back to back in one buffer, with their ends: the terms of a prefix
/// expansion. A prefix expands to thousands of words per query, and an array per term (one
/// allocation and one release each, and a sort that compares arrays through generic code) was a
/// fifth of the expansion's time.
public struct TermArena: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    /// Byte strings in the given order.
    public init<S: Sequence>(_ terms: S) where S.Element == [UInt8] {
        for t in terms { append(t) }
    }

    public var count: Int { ends.count }
    public var isEmpty: Bool { ends.isEmpty }

    @inline(__always)
    func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    public mutating func append(_ term: [UInt8]) {
        bytes.append(contentsOf: term)
        ends.append(bytes.count)
    }

    /// Appends `word[..<keep]` followed by `suffix` as one entry (a word list's term: the word
    /// with its last letters replaced, see `WordListFormat`).
    mutating func append(_ word: [UInt8], keeping keep: Int, then suffix: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: word[..<keep])
        bytes.append(contentsOf: suffix)
        ends.append(bytes.count)
    }

    /// Entry `i` as an array (tests, and the few callers that keep one).
    public func term(_ i: Int) -> [UInt8] { Array(bytes[range(i)]) }

    public func string(_ i: Int) -> String { String(decoding: bytes[range(i)], as: UTF8.self) }

    /// −1, 0 or 1 as entry `i` sorts before, equal to or after `key` in byte order.
    @inline(__always)
    func compare(_ i: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer { b in Self.compare(b, range(i), key) }
    }

    @inline(__always)
    static func compare(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ key: UnsafeBufferPointer<UInt8>) -> Int {
        let n = Swift.min(r.count, key.count)
        var k = 0
        while k < n {
            let x = b[r.lowerBound &+ k], y = key[k]
            if x != y { return x < y ? -1 : 1 }
            k &+= 1
        }
        return r.count == key.count ? 0 : (r.count < key.count ? -1 : 1)
    }

    /// The distinct entries in increasing byte order. Stable, so equal entries keep their first.
    public func sortedDistinct() -> TermArena {
        var order = Array(0..<count)
        bytes.withUnsafeBufferPointer { b in
            order.sort { i, j in
                let ri = range(i), rj = range(j)
                return Self.compare(b, ri, UnsafeBufferPointer(rebasing: b[rj])) < 0
            }
        }
        var out = TermArena()
        out.bytes.reserveCapacity(bytes.count)
        out.ends.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { b in
            var last: Range<Int>? = nil
            for i in order {
                let r = range(i)
                if let l = last, Self.compare(b, l, UnsafeBufferPointer(rebasing: b[r])) == 0 { continue }
                out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[r]))
                out.ends.append(out.bytes.count)
                last = r
            }
        }
        return out
    }

    /// The longest byte prefix shared by the first and the last entry (of a sorted arena: by all).
    public func sharedPrefix() -> [UInt8] {
        guard let first = ends.indices.first, let last = ends.indices.last else { return [] }
        let a = range(first), b = range(last)
        var n = 0
        while n < a.count && n < b.count && bytes[a.lowerBound + n] == bytes[b.lowerBound + n] { n += 1 }
        return Array(bytes[a.lowerBound..<(a.lowerBound + n)])
    }
}
