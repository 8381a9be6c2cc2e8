import ArgumentParser

/// `quarry`: a thin command-line layer over the Quarry library.
@main
struct QuarryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarry",
        abstract: "Full-text search over a crawl directory of HTML and text statements.",
        subcommands: [
            SearchCommand.self, IndexCommand.self, BatchCommand.self, EvalCommand.self,
            FixTextCommand.self, AnalyzeCommand.self, CheckCommand.self, StatsCommand.self, OptimizeCommand.self,
        ])
}
