import Foundation
import Quarry

/// The inputs the speed suites share, loaded once per benchmark process.
///
/// The crawl is Cranfield's `html/` (1,400 pages, when present) plus the repository's `Corpus/`;
/// Corpus/ alone otherwise, so the suites always run.
public enum SpeedInputs {
    public static let roots: [CrawlRoot] = {
        var roots = [CrawlRoot(path: BenchmarkData.corpusDirectory, keyPrefix: "corpus/")]
        if let cranfield = BenchmarkData.cranfieldDirectory {
            roots.append(CrawlRoot(path: cranfield + "/html", keyPrefix: "cranfield/"))
        }
        return roots
    }()

    /// Raw crawl files, keys prefixed by their root.
    public static let files: [(key: String, bytes: [UInt8])] = roots.flatMap { root in
        BenchmarkData.crawlFiles(under: root.path).map { (root.keyPrefix + $0.key, $0.bytes) }
    }

    public static let fileBytes: Int = files.reduce(0) { $0 + $1.bytes.count }

    /// Extracted documents of `files`.
    public static let documents: [DocumentFields] = BenchmarkData.extract(files)

    /// UTF-8 bytes of all title + headings + body text (the analyzer's input).
    public static let textBytes: Int = documents.reduce(0) {
        $0 + $1.title.utf8.count + $1.headings.utf8.count + $1.body.utf8.count
    }

    /// Megabytes per second for `bytes` processed in `nanoseconds`.
    public static func megabytesPerSecond(_ bytes: Int, nanoseconds: UInt64) -> Int {
        Int((Double(bytes) / 1e6 / (Double(max(1, nanoseconds)) / 1e9)).rounded())
    }
}

/// Query sets by class, drawn from the documents with a fixed seed (shapes as in the peers'
/// speed harness: `freq`, `rare`, `and`, `or`, `phrase`, `prefix`).
public enum QueryClasses {
    public static let names = ["freq", "rare", "and", "or", "phrase", "prefix"]

    /// `count` queries of each class.
    public static func make(from documents: [DocumentFields], count: Int = 50, seed: UInt64 = 42) -> [String: [String]] {
        let docs = documents.map { words($0.title + " " + $0.body) }.filter { $0.count >= 4 }
        guard !docs.isEmpty else { return [:] }
        var df: [String: Int] = [:]
        for d in docs { for w in Set(d) { df[w, default: 0] += 1 } }
        let byFrequency = df.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let frequent = Array(byFrequency.prefix(1000))
        let rare = byFrequency.filter { (2...5).contains(df[$0]!) }
        var rng = seed
        func next(_ n: Int) -> Int {
            rng &+= 0x9E37_79B9_7F4A_7C15
            var z = rng
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(max(1, n)))
        }
        var sets: [String: [String]] = [:]
        for _ in 0..<count {
            let d = docs[next(docs.count)]
            let i = next(d.count - 3)
            sets["freq", default: []].append(frequent[next(frequent.count)])
            sets["rare", default: []].append(rare.isEmpty ? d[i] : rare[next(rare.count)])
            let other = d[(i + 1 + next(d.count - 1)) % d.count]
            sets["and", default: []].append("+\(d[i]) +\(other)")
            sets["or", default: []].append(d[i..<(i + 2 + next(3))].joined(separator: " "))
            sets["phrase", default: []].append("\"" + d[i..<(i + 2 + next(2))].joined(separator: " ") + "\"")
            sets["prefix", default: []].append(String(d[i].prefix(3 + next(3))) + "*")
        }
        return sets
    }

    /// Lower-case ASCII words of at least 3 letters, in order.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isASCII && $0.isLetter) }.filter { $0.count >= 3 }.map(String.init)
    }
}
