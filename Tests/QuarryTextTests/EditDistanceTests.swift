import Testing
@testable import QuarryText

@Suite struct EditDistanceTests {
    private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test(arguments: [
        ("kernel", "kernel", 0), ("kernal", "kernel", 1), ("kenrel", "kernel", 1), ("kernels", "kernel", 1),
        ("kerne", "kernel", 1), ("krenle", "kernel", 2), ("günther", "gunther", 1), ("", "ab", 2), ("ab", "ba", 1),
    ])
    func knownDistances(a: String, b: String, expected: Int) {
        #expect(EditDistance.distance(scalars(a), scalars(b), limit: 2) == expected)
        #expect(EditDistance.distance(scalars(b), scalars(a), limit: 2) == expected)
    }

    @Test func beyondTheLimitIsNil() {
        #expect(EditDistance.distance(scalars("kernel"), scalars("colonel"), limit: 2) == nil)
        #expect(EditDistance.distance(scalars("a"), scalars("abcd"), limit: 2) == nil)
        #expect(EditDistance.distance(scalars("abc"), scalars("xyz"), limit: 2) == nil)
        #expect(EditDistance.distance(scalars("abc"), scalars("xyz"), limit: 3) == 3)
    }

    /// The early exit (a whole row over the limit) must never cut off a path that comes back
    /// under it: compared with the full table on random short words over a small alphabet,
    /// where swaps and repeated letters are common.
    @Test func matchesTheFullTableOnRandomWords() {
        func full(_ a: [UInt32], _ b: [UInt32]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            for i in stride(from: 1, through: a.count, by: 1) {
                for j in stride(from: 1, through: b.count, by: 1) {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[a.count][b.count]
        }
        var rng = SystemRandomNumberGenerator()
        func word() -> [UInt32] { (0..<Int.random(in: 0...7, using: &rng)).map { _ in UInt32.random(in: 97...99, using: &rng) } }
        for _ in 0..<3000 {
            let a = word(), b = word()
            let reference = full(a, b)
            for limit in 0...3 {
                #expect(EditDistance.distance(a, b, limit: limit) == (reference <= limit ? reference : nil), "\(a) \(b) limit \(limit)")
            }
        }
    }
}
