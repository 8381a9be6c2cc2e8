// The Quarry library product: one import gives the engine's public API.
@_exported import QuarryEval
@_exported import QuarryIndex
@_exported import QuarryIngest
@_exported import QuarrySearch
@_exported import QuarryText
