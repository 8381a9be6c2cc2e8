import ArgumentParser

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "analyze", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
