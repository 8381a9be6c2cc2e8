import Testing
@testable import QuarryText

struct TextRepairStreamTests {
    private func run(_ input: [UInt8], json: Bool = false, chunk: Int = 3) throws -> [UInt8] {
        var stream = TextRepairStream(json: json)
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            try stream.consume(input[i..<min(i + chunk, input.count)]) { out += $0 }
            i += chunk
        }
        try stream.finish { out += $0 }
        return out
    }

    @Test func repairsLineByLineInAnyChunking() throws {
        let input = Array("GÃ¼nther\nfine\n\nSchÃ¼tzen".utf8)
        for chunk in [1, 2, 5, 100] {
            #expect(try run(input, chunk: chunk) == Array("Günther\nfine\n\nSchützen".utf8))
        }
    }

    @Test func onlyLineFeedEndsALine() throws {
        let input = Array("a\u{85}b\u{2028}c\r\nd\n".utf8)
        #expect(try run(input) == input)
        var stream = TextRepairStream()
        try stream.consume(input) { _ in }
        #expect(stream.lineCount == 2)
    }

    @Test func invalidBytesAreReadAsWindows1252() throws {
        #expect(try run([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x0A, 0x93, 0x68, 0x69, 0x94]) == Array("Müller\n“hi”".utf8))
        #expect(LenientUTF8.decode([0xC3, 0xBC, 0xC3, 0x28, 0xED, 0xA0, 0x80]) == "üÃ(í\u{A0}€")
    }

    @Test func jsonLinesInJsonLinesOut() throws {
        let input = Array("\"G\\u00c3\\u00bcnther\"\n\"tab\\tquote\\\" \\ud83d\\ude00\"\n".utf8)
        #expect(try String(decoding: run(input, json: true), as: UTF8.self) == "\"Günther\"\n\"tab\\tquote\\\" 😀\"\n")
    }

    @Test func badJsonReportsTheLine() {
        #expect(throws: TextRepairStream.Failure.self) { try run(Array("\"ok\"\nnot json\n".utf8), json: true) }
        do {
            _ = try run(Array("\"ok\"\n\"open\n".utf8), json: true)
            Issue.record("expected a failure")
        } catch {
            #expect(error as? TextRepairStream.Failure == .invalidJSON(line: 2, JSONStringLiteral.SyntaxError(offset: 5, reason: "unterminated string")))
        }
    }

    @Test func jsonLiteralRoundTrips() throws {
        for text in ["", "plain", "q\"b\\s/", "\u{1}\u{1F}\u{7F}\n\r\t", "\u{2028}\u{2029}", "😀 é 中"] {
            #expect(try JSONStringLiteral.parse(JSONStringLiteral.encode(text)) == text)
        }
        #expect(try JSONStringLiteral.parse(" \"\\ud800x\" ") == "\u{FFFD}x")
        #expect(throws: JSONStringLiteral.SyntaxError.self) { try JSONStringLiteral.parse("\"\\q\"") }
        #expect(throws: JSONStringLiteral.SyntaxError.self) { try JSONStringLiteral.parse("\"a\" b") }
    }
}
