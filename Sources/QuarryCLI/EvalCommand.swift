import ArgumentParser

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Not yet available.")
    func run() throws { throw ValidationError("not yet available") }
}
