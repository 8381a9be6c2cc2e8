import ArgumentParser

struct FixTextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fix-text", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
