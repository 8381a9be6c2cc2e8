import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import Quarry

/// Opens that remember verified files (`IndexReader.open(…, rememberVerified: true)`, what the
/// CLI does) skip only files unchanged since they were verified; a changed file is verified again
/// and its damage reported, and `quarry check` never trusts the ledger.
@Suite(.serialized) struct ChecksumLedgerTests {
    static func makeIndex(at path: String) throws -> String {
        let docs = (0..<300).map { DocumentFields(key: "d\($0).html", title: "T\($0)", body: "common words \($0) and more words") }
        let reader = try buildIndex(docs, at: path)
        return try #require(reader.commit.referencedFiles.first { $0.hasSuffix(".doc") })
    }

    static func flipByte(in path: String) throws {
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: path))
    }

    @Test func verifiedFilesAreRememberedAndAChangedFileIsVerifiedAgain() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let postings = try Self.makeIndex(at: tmp.path)
        let dir = try FSDirectory(path: tmp.path)
        _ = try IndexReader.open(dir, verifyChecksums: true, rememberVerified: true)
        let ledger = ChecksumLedger.load(from: dir)
        #expect(ledger.entries[postings] != nil)
        #expect(ledger.entries.count == 7)  // one segment's seven files
        // Writing to the file changes its identity: the next open reads it again and fails.
        try Self.flipByte(in: tmp.path + "/" + postings)
        #expect(throws: IndexError.self) { try IndexReader.open(dir, verifyChecksums: true, rememberVerified: true) }
    }

    /// A directory that vouches every file is unchanged: what a bit flipped on disk (which leaves
    /// the identity as it was) looks like to the ledger.
    struct UnchangingDirectory: IndexDirectory {
        let inner: FSDirectory
        var path: String { inner.path }
        func write(_ name: String, _ bytes: [UInt8]) throws(IndexError) { try inner.write(name, bytes) }
        func createOutput(_ name: String) throws(IndexError) -> any IndexOutput { try inner.createOutput(name) }
        func read(_ name: String) throws(IndexError) -> [UInt8] { try inner.read(name) }
        func map(_ name: String) throws(IndexError) -> MappedFile { try inner.map(name) }
        func rename(_ from: String, _ to: String) throws(IndexError) { try inner.rename(from, to) }
        func sync() throws(IndexError) { try inner.sync() }
        func list() throws(IndexError) -> [String] { try inner.list() }
        func delete(_ name: String) { inner.delete(name) }
        func size(_ name: String) -> Int64? { inner.size(name) }
        func identity(_ name: String) -> FileIdentity? { FileIdentity(device: 1, inode: UInt64(name.utf8.count), size: 1, changeTime: 1) }
        func lock() throws(IndexError) -> WriterLock { try inner.lock() }
    }

    /// An index in `tmp` opened once with the ledger through `UnchangingDirectory`, then its
    /// postings file damaged; returns that directory.
    static func vouchedIndexWithDamagedPostings(_ tmp: TemporaryDirectory) throws -> UnchangingDirectory {
        let postings = try makeIndex(at: tmp.path)
        let dir = UnchangingDirectory(inner: try FSDirectory(path: tmp.path))
        _ = try IndexReader.open(dir, verifyChecksums: true, rememberVerified: true)
        try flipByte(in: tmp.path + "/" + postings)
        return dir
    }

    @Test func aFileUnchangedSinceVerifiedIsNotReadAgainButCheckStillIs() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try Self.vouchedIndexWithDamagedPostings(tmp)
        // The ledger vouches for the file: this open does not read it.
        _ = try IndexReader.open(dir, verifyChecksums: true, rememberVerified: true)
        // Without the ledger (quarry check, optimize) the damage is found and named.
        #expect(throws: IndexError.self) { try IndexReader.open(dir, verifyChecksums: true) }
        #expect(throws: IndexError.self) { try IndexChecker.check(dir) }
    }

    @Test func aDamagedLedgerMeansVerify() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let dir = try Self.vouchedIndexWithDamagedPostings(tmp)
        try Data("garbage\nseg-x.doc 1 2\n\u{0}\u{1}".utf8).write(to: URL(fileURLWithPath: tmp.path + "/" + ChecksumLedger.fileName))
        #expect(throws: IndexError.self) { try IndexReader.open(dir, verifyChecksums: true, rememberVerified: true) }
    }
}
