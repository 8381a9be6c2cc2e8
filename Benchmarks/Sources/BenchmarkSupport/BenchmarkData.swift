import Foundation
import Quarry

/// Where the benchmarks find their inputs, and small helpers to load them.
///
/// Inputs: the repository's `Corpus/` (always present) and the Cranfield collection at
/// `../shared/data/cranfield` beside the checkout (optional; override with `QUARRY_CRANFIELD`).
/// Nothing here prints: callers decide what to say when an input is missing.
public enum BenchmarkData {
    /// The Quarry checkout (parent of `Benchmarks/`); `QUARRY_ROOT` overrides.
    public static var repositoryRoot: String {
        if let root = ProcessInfo.processInfo.environment["QUARRY_ROOT"], !root.isEmpty { return root }
        // …/Benchmarks/Sources/BenchmarkSupport/BenchmarkData.swift → …
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }

    public static var corpusDirectory: String { repositoryRoot + "/Corpus" }

    /// The Cranfield collection folder (docs.jsonl, queries.tsv, qrels.txt, html/), if present.
    public static var cranfieldDirectory: String? {
        let candidates = [ProcessInfo.processInfo.environment["QUARRY_CRANFIELD"],
                          repositoryRoot + "/../shared/data/cranfield"].compactMap { $0 }
        for path in candidates where FileManager.default.fileExists(atPath: path + "/html") {
            return (path as NSString).standardizingPath
        }
        return nil
    }

    /// Every regular `.html`/`.htm`/`.txt` file under `root` as (key, bytes), keys sorted.
    public static func crawlFiles(under root: String) -> [(key: String, bytes: [UInt8])] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var keys: [String] = []
        while let next = walker.nextObject() as? String {
            let ext = (next as NSString).pathExtension.lowercased()
            if ["html", "htm", "txt"].contains(ext) { keys.append(next) }
        }
        return keys.sorted().compactMap { key in
            guard let data = FileManager.default.contents(atPath: root + "/" + key) else { return nil }
            return (key, [UInt8](data))
        }
    }

    /// Extracted documents of `files` (files the extractor rejects are left out).
    public static func extract(_ files: [(key: String, bytes: [UInt8])]) -> [DocumentFields] {
        files.compactMap { file in
            guard let d = try? DocumentExtractor.extract(bytes: file.bytes, key: file.key) else { return nil }
            return DocumentFields(key: d.key, title: d.title, headings: d.headings, body: d.body,
                                  language: d.language, metadata: d.metadata)
        }
    }

    /// Builds an index of `roots` at `path` (from scratch) with the CLI's indexer.
    @discardableResult
    public static func buildIndex(roots: [CrawlRoot], at path: String, threads: Int = 1,
                                  phrasePairs: Bool = false) throws -> IndexSummary {
        var options = CrawlIndexOptions()
        options.rebuild = true
        options.threads = threads
        options.phrasePairs = phrasePairs
        return try CrawlIndexer(indexPath: path, options: options).run(roots: roots)
    }

    /// A fresh temporary folder.
    public static func temporaryDirectory(_ label: String) -> String {
        let path = FileManager.default.temporaryDirectory.path + "/\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
