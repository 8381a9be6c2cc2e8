import Foundation
import QuarryText

/// One commit: the complete, self-consistent list of segments a reader sees.
///
/// Stored as `commit-<generation>` (12 digits), a framed file (kind `CMIT`) whose body is JSON —
/// small, human-inspectable, and checksummed like every other file. A commit is published by
/// writing `commit-<generation>.tmp`, fsyncing it, renaming it into place and fsyncing the
/// directory: a crash at any moment leaves either the old or the new commit complete.
public struct Commit: Codable, Sendable, Equatable {
    public var generation: Int
    public var analyzer: AnalyzerConfiguration
    public var segments: [SegmentInfo]
    /// Next segment number to hand out (segment ids are never reused).
    public var nextSegment: Int
    /// Application data file committed atomically with the segments (the crawl manifest), if any.
    public var userDataFile: String?
    public var createdAt: Double

    static let kind = "CMIT"
    static let version: UInt32 = 1

    public static func fileName(_ generation: Int) -> String {
        let digits = String(generation)
        return "commit-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    public var fileName: String { Self.fileName(generation) }

    public var docCount: UInt64 { segments.reduce(0) { $0 + UInt64($1.liveCount) } }

    /// Every file this commit needs.
    public var referencedFiles: Set<String> {
        var s = Set(segments.flatMap(\.fileNames))
        s.insert(fileName)
        if let userDataFile { s.insert(userDataFile) }
        return s
    }

    func serialize() throws(IndexError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json: Data
        do { json = try encoder.encode(self) } catch {
            throw .invalidArgument("cannot encode commit: \(error)")
        }
        var w = FileEnvelope.begin(kind: Self.kind, version: Self.version)
        w.append(contentsOf: json)
        return FileEnvelope.finish(w)
    }

    static func read(_ file: MappedFile) throws(IndexError) -> Commit {
        let body = try FileEnvelope.open(file, kind: kind, version: version, verifyChecksum: true)
        do {
            return try JSONDecoder().decode(Commit.self, from: Data(body.base))
        } catch {
            throw .corrupt(file: file.name, reason: "commit JSON does not decode: \(error)")
        }
    }

    /// Generations of the commit files present in `names`, newest first.
    static func generations(in names: [String]) -> [Int] {
        names.compactMap { name -> Int? in
            guard name.hasPrefix("commit-"), !name.hasSuffix(".tmp") else { return nil }
            return Int(name.dropFirst("commit-".count))
        }.sorted(by: >)
    }
}
