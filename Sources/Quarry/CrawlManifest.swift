import Foundation

/// What the last build saw of each crawl file, committed atomically with the index (as the
/// commit's user data) so an incremental run knows exactly what changed since that commit.
struct CrawlManifest: Codable, Sendable, Equatable {
    struct Entry: Codable, Sendable, Equatable {
        var size: Int64
        var mtime: Int64
        var hash: UInt64
    }

    static let currentVersion = 1
    var version = CrawlManifest.currentVersion
    var entries: [String: Entry] = [:]
    /// Extraction stripped boilerplate (nil = the default, kept).
    var stripBoilerplate: Bool? = nil

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(self))) ?? []
    }

    static func decode(_ bytes: [UInt8]?) -> CrawlManifest? {
        guard let bytes, let m = try? JSONDecoder().decode(CrawlManifest.self, from: Data(bytes)),
              m.version == currentVersion else { return nil }
        return m
    }
}

/// 64-bit FNV-1a over 8-byte words: a content fingerprint to tell a touched file from a changed
/// one. Not cryptographic; a collision only means a changed file is treated as unchanged.
enum ContentHash {
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x100_0000_01b3
        bytes.withUnsafeBytes { buf in
            var i = 0
            let n = buf.count
            while i + 8 <= n {
                h = (h ^ buf.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
                h ^= h >> 29
                i += 8
            }
            while i < n {
                h = (h ^ UInt64(buf[i])) &* prime
                i += 1
            }
        }
        return h ^ UInt64(bytes.count)
    }
}
