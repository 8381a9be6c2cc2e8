import Testing
@testable import QuarryIngest

@Suite struct PlainTextTests {
    @Test func hardWrappedTextJoinsLines() throws {
        let text = "  The Title  \n\nFirst paragraph is\nwrapped at a short\nwidth.\n\nSecond   one.\r\n"
        let doc = try DocumentExtractor.extract(bytes: Array(text.utf8), key: "readme.txt")
        #expect(doc.title == "The Title")
        #expect(doc.body == "The Title\nFirst paragraph is wrapped at a short width.\nSecond one.")
    }

    @Test func longLinesAreEachABlock() throws {
        let long = String(repeating: "word ", count: 30)
        let text = "Heading\n\(long)\nnext line\n\nafter blank"
        let doc = try DocumentExtractor.extract(bytes: Array(text.utf8), key: "notes.text")
        #expect(doc.body == "Heading\n\(long.trimmingASCIIWhitespace())\nnext line\nafter blank")
    }

    @Test func txtWithMarkupStaysText() throws {
        let doc = try DocumentExtractor.extract(bytes: Array("<p>not parsed</p>".utf8), key: "x.txt")
        #expect(doc.body == "<p>not parsed</p>")
    }

    @Test func plainTextWindows1252IsGuessed() throws {
        let doc = try DocumentExtractor.extract(bytes: LegacyBytes.encode("Café “x”", table: LegacyBytes.windows1252),
                                                key: "c.txt")
        #expect(doc.body == "Café “x”")
        #expect(doc.charset == "windows-1252")
    }
}

@Suite struct RejectionTests {
    @Test(arguments: [
        (Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8), "PDF document"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG image"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP archive or Office document"),
        ([0x1F, 0x8B, 0x08, 0x00], "gzip-compressed data"),
        ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "ELF executable"),
        (Array("<html>".utf8) + [0, 1, 2, 3], "binary data (NUL bytes)"),
    ] as [([UInt8], String)])
    func binaryIsRejectedNamingTheFile(bytes: [UInt8], reason: String) {
        #expect(throws: IngestError.notText(path: "docs/file.html", reason: reason)) {
            try DocumentExtractor.extract(bytes: bytes, key: "docs/file.html")
        }
    }

    @Test func emptyFilesAreRejected() {
        #expect(throws: IngestError.notText(path: "e.html", reason: "empty file")) {
            try DocumentExtractor.extract(bytes: [], key: "e.html")
        }
        #expect(throws: IngestError.notText(path: "w.txt", reason: "empty file (only whitespace)")) {
            try DocumentExtractor.extract(bytes: Array(" \n\t ".utf8), key: "w.txt")
        }
        let message = IngestError.notText(path: "e.html", reason: "empty file").description
        #expect(message.contains("e.html"))
    }

    @Test func textStartingLikeAWeakSignatureIsText() throws {
        let doc = try DocumentExtractor.extract(bytes: Array("ID3 tags explained\n".utf8), key: "id3.txt")
        #expect(doc.title == "ID3 tags explained")
    }

    @Test func hostileInputDoesNotCrash() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 2, 3, 7, 100, 5000] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 1...255, using: &generator) }
                _ = try? DocumentExtractor.extract(bytes: Array("<p>".utf8) + bytes, key: "r.html")
                _ = try? DocumentExtractor.extract(bytes: [0xFF, 0xFE] + bytes, key: "r.html")
                _ = try? DocumentExtractor.extract(bytes: [0x00, 0x00, 0xFE, 0xFF] + bytes, key: "r.html")
            }
        }
        let deep = String(repeating: "<div><span>", count: 5000) + "deep" 
        #expect(try extract(deep).body == "deep")
    }
}
