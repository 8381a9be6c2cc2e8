// Throughput of QuarryText's hot paths, compiled with -O by run.sh together with the library
// sources (no Package.swift change needed). Usage: run.sh [english-text-file]
import Foundation

func measure(_ label: String, bytes: Int, repeat count: Int = 3, _ body: () -> Int) {
    var best = Double.infinity
    var sink = 0
    for _ in 0..<count {
        let start = DispatchTime.now().uptimeNanoseconds
        sink &+= body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print(String(format: "%@ %8.1f MB/s  (%.3f s for %.1f MB, checksum %d)",
                 label as NSString, Double(bytes) / 1e6 / best, best, Double(bytes) / 1e6, sink))
}

let arguments = CommandLine.arguments
let sourcePath = arguments.count > 1 ? arguments[1] : "/work/shared/data/cranfield/docs.jsonl"
let seed = (try? String(contentsOfFile: sourcePath, encoding: .utf8)) ?? "The quick brown fox jumps over the lazy dog. "
var english = ""
while english.utf8.count < 10_000_000 { english += seed + "\n" }
let lines = english.split(separator: "\n").map(String.init)

measure("analyze (English, fresh analyzer)", bytes: english.utf8.count) {
    let analyzer = Analyzer()
    var n = 0
    for line in lines { n &+= analyzer.analyze(line).count }
    return n
}
let warm = Analyzer()
measure("analyze (English, warm caches)", bytes: english.utf8.count) {
    var n = 0
    for line in lines { n &+= warm.analyze(line).count }
    return n
}
measure("tokenize only (UAX #29 words)", bytes: english.utf8.count) {
    var n = 0
    for var line in lines { line.withUTF8 { Tokenizer.forEachWord($0) { _ in n &+= 1 } } }
    return n
}
measure("forEachEntry (indexing path, warm)", bytes: english.utf8.count) {
    var n = 0
    for line in lines { warm.forEachEntry(line) { entry, position in n &+= Int(entry) &+ Int(position) } }
    return n
}
let german = String(repeating: "Die Schützen in München übergeben Günther Oettinger 12 Blumensträuße.\n", count: 40_000)
measure("analyze (German, non-ASCII words)", bytes: german.utf8.count) {
    let analyzer = Analyzer()
    var n = 0
    for line in german.split(separator: "\n") { n &+= analyzer.analyze(String(line), language: Language(tag: "de")).count }
    return n
}
measure("MojibakeRepair (clean English)", bytes: english.utf8.count) {
    var n = 0
    for line in lines where MojibakeRepair.repair(line) != nil { n += 1 }
    return n
}
let cleanMixed = String(repeating: "Günther Oettinger — “Straße” in Zürich; Привет мир; Ελληνικά; 日本語のテキスト.\n", count: 20_000)
let mixedLines = cleanMixed.split(separator: "\n").map(String.init)
measure("MojibakeRepair (clean, mixed scripts)", bytes: cleanMixed.utf8.count) {
    var n = 0
    for line in mixedLines where MojibakeRepair.repair(line) != nil { n += 1 }
    return n
}
let broken = String(repeating: "Commissioner GÃ¼nther Oettinger said â€œSchÃ¼tzenâ€\u{9D} is G√ľnther’s word.\n", count: 20_000)
let brokenLines = broken.split(separator: "\n").map(String.init)
measure("MojibakeRepair (broken text)", bytes: broken.utf8.count) {
    var n = 0
    for line in brokenLines where MojibakeRepair.repair(line) != nil { n += 1 }
    return n
}
