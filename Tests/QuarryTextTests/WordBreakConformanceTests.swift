import Foundation
import Testing
@testable import QuarryText

/// Runs every line of the Unicode consortium's WordBreakTest.txt through `WordSegmenter`.
///
/// Deliberate deviations: none — the segmenter implements UAX #29 as published, and choosing
/// which segments are words (and splitting nothing else) happens in `Tokenizer`. Should a
/// deviation ever be introduced, list the affected line numbers in `skippedLines` with a reason.
struct WordBreakConformanceTests {
    static let path = "/usr/share/unicode/auxiliary/WordBreakTest.txt"
    static let skippedLines: Set<Int> = []

    struct Case { var line: Int; var scalars: [UInt32]; var breaksBeforeScalar: [Int] }

    static func cases() throws -> [Case] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var result: [Case] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !fields.isEmpty else { continue }
            var scalars: [UInt32] = []
            var breaks: [Int] = []
            for field in fields {
                if field == "÷" { breaks.append(scalars.count) }
                else if field != "×", let v = UInt32(field, radix: 16) { scalars.append(v) }
            }
            result.append(Case(line: index + 1, scalars: scalars, breaksBeforeScalar: breaks))
        }
        return result
    }

    @Test func everyLineOfWordBreakTest() throws {
        let cases = try Self.cases()
        #expect(cases.count > 1800)
        var failures: [Int] = []
        for c in cases where !Self.skippedLines.contains(c.line) {
            var text = String(String.UnicodeScalarView(c.scalars.compactMap(Unicode.Scalar.init)))
            // Expected boundaries, converted from scalar indices to UTF-8 byte offsets.
            var byteOffsets = [0]
            for s in c.scalars { byteOffsets.append(byteOffsets[byteOffsets.count - 1] + (Unicode.Scalar(s).map { String($0).utf8.count } ?? 0)) }
            let expected = c.breaksBeforeScalar.map { byteOffsets[$0] }
            let actual = text.withUTF8 { WordSegmenter.boundaries($0) }
            if actual != expected { failures.append(c.line) }
        }
        #expect(failures.isEmpty, "failing lines: \(failures.prefix(20))")
    }
}
