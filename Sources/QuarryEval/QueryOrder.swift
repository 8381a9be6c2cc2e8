/// The order query ids are listed in: numerically when both ids are integers (`2` before `10`),
/// otherwise byte-wise, integers first. Tables and JSON use it so output is stable run to run.
enum QueryOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x != y ? x < y : a.utf8.lexicographicallyPrecedes(b.utf8)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a.utf8.lexicographicallyPrecedes(b.utf8)
        }
    }

    static func sorted<S: Sequence<String>>(_ ids: S) -> [String] {
        ids.sorted(by: precedes)
    }
}
