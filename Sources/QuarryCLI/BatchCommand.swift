import ArgumentParser

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
