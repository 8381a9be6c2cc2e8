import ArgumentParser
import Foundation
import Quarry

/// `quarry analyze`: shows how the analyzer turns text into index terms (for debugging queries).
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show the tokens the analyzer makes of some text.",
        discussion: "Columns: position, UTF-8 byte range, text as written, folded word, indexed term, stopword flag.")

    @Option(name: .long, help: "Language tag of the text (e.g. en, de, fr-BE). Default: en.")
    var lang: String?

    @Flag(help: "Print one JSON array of token objects.")
    var json = false

    @Argument(help: "The text to analyze (several arguments are joined with spaces).")
    var text: [String]

    func run() throws {
        var language: Language?
        if let lang {
            guard let parsed = Language(tag: lang) else { throw ValidationError("--lang '\(lang)' is not a language tag such as en or pt-BR") }
            language = parsed
        }
        let input = text.joined(separator: " ")
        let tokens = Analyzer().analyze(input, language: language)
        let bytes = Array(input.utf8)
        let surface = { (t: Token) in String(decoding: bytes[t.start..<t.end], as: UTF8.self) }
        if json {
            let rows = tokens.map { t in
                "{\"position\":\(t.position),\"start\":\(t.start),\"end\":\(t.end),\"text\":\(JSONStringLiteral.encode(surface(t))),"
                    + "\"word\":\(JSONStringLiteral.encode(t.word)),\"term\":\(JSONStringLiteral.encode(t.term)),\"stopword\":\(t.isStopword)}"
            }
            print("[" + rows.joined(separator: ",\n ") + "]")
            return
        }
        let header = ["pos", "bytes", "text", "word", "term", "stop"]
        let rows = tokens.map { t in
            ["\(t.position)", "\(t.start)-\(t.end)", surface(t), t.word, t.term, t.isStopword ? "yes" : ""]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }
}
