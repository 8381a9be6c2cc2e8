import ArgumentParser

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
