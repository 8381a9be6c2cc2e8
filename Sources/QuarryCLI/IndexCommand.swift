import ArgumentParser

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
