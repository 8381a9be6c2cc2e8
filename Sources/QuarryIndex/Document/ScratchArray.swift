/// A growable array of plain values for per-token loops, reused from document to document.
///
/// Why not `[Element]`: the analyzer's per-token loop runs inside a closure and touches several
/// arrays per token; as class properties or captured variables, each `Array` access paid a
/// retain/release of its buffer and each write a uniqueness (copy-on-write) check — together
/// more than the useful work. Here an access is a load or a store through a pointer.
///
/// Unsafe storage, fenced here: `base` is a raw allocation of `capacity` elements owned by this
/// final class and freed in `deinit`; elements `0..<count` are initialized (`Element` is
/// `BitwiseCopyable`, so nothing needs deinitializing). Subscripts check `i < count` in debug
/// builds only: callers index with values they derived from `count` (tested in debug).
/// Not thread-safe: owned by one `DocumentAnalyzer`.
final class ScratchArray<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    subscript(i: Int) -> Element {
        get {
            assert(i >= 0 && i < count)
            return base[i]
        }
        set {
            assert(i >= 0 && i < count)
            base[i] = newValue
        }
    }

    @inline(__always)
    func append(_ value: Element) {
        if count == capacity { reserve(count + 1) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Extends the array to `n` elements (if shorter), the new ones set to `value`.
    func extend(to n: Int, filling value: Element) {
        guard n > count else { return }
        reserve(n)
        (base + count).initialize(repeating: value, count: n - count)
        count = n
    }

    /// Sets every element to `value`.
    func fill(_ value: Element) {
        base.update(repeating: value, count: count)
    }

    func removeAll() { count = 0 }

    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    var array: [Element] { Array(buffer) }

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        var c = capacity * 2
        while c < n { c *= 2 }
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: c)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }
}
