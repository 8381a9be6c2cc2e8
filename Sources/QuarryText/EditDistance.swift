/// Edit distance for fuzzy word matching (`kernal~1`).
///
/// Optimal string alignment: insertions, deletions, substitutions and swaps of two adjacent
/// characters each cost one (a swap is the commonest typing slip, and Lucene's fuzzy queries
/// count it as one edit too), on Unicode scalars so that a letter outside ASCII is one
/// character. Only small limits are asked for (fuzzy queries allow at most two edits), so the
/// computation stops as soon as a whole row of the table exceeds the limit.
public enum EditDistance {
    /// The distance between `a` and `b`, or nil when it exceeds `limit`.
    public static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int? {
        let n = a.count, m = b.count
        guard limit >= 0, abs(n - m) <= limit else { return nil }
        if n == 0 || m == 0 { return Swift.max(n, m) }
        // Rows i − 2, i − 1 and i of the table, indexed by prefix length of `b`.
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMin = i
            for j in 1...m {
                var v = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = Swift.min(v, before[j - 2] + 1) }
                current[j] = v
                rowMin = Swift.min(rowMin, v)
            }
            if rowMin > limit { return nil }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[m] <= limit ? previous[m] : nil
    }
}
