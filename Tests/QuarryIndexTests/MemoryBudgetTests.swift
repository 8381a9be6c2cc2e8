import Foundation
import Testing
@testable import QuarryIndex
import QuarryTestSupport
import QuarryText

/// The writer flushes when its RAM estimate reaches the budget, so the estimate has to follow
/// what the builder really allocates; these tests pin it without measuring the process (peak
/// RSS is checked by `scripts/memory-check`).
@Suite struct MemoryBudgetTests {
    @Test func builderEstimateFollowsItsBuffers() {
        var corpus = SyntheticCorpus(seed: 7, vocabularySize: 5_000)
        let analyzers = [DocumentAnalyzer(configuration: .default), DocumentAnalyzer(configuration: .default)]
        let builder = SegmentBuilder()
        for (i, fields) in corpus.documents(3_000, bodyWords: 20...200).enumerated() {
            builder.add(analyzers[i % 2].analyze(fields))
            if i % 500 == 499 {
                let actual = builder.heapBytes()
                let estimate = builder.estimatedBytes
                #expect(Double(estimate) >= 0.95 * Double(actual) && Double(estimate) <= 1.05 * Double(actual),
                        "after \(i + 1) documents: estimate \(estimate), buffers \(actual)")
            }
        }
    }

    @Test func smallBudgetFlushesSegmentsOfBoundedSize() throws {
        let tmp = TemporaryDirectory("memory-budget")
        defer { tmp.cleanup() }
        var corpus = SyntheticCorpus(seed: 8, vocabularySize: 2_000)
        let docs = corpus.documents(2_000, bodyWords: 50...150)
        let budget = 1 << 20
        let dir = try FSDirectory(path: tmp.path, create: true)
        let w = try IndexWriter(directory: dir, configuration: IndexWriterConfiguration(memoryBudgetBytes: budget, mergePolicy: nil))
        let a = DocumentAnalyzer(configuration: .default)
        var peak = 0
        for d in docs {
            try w.add(a.analyze(d))
            peak = max(peak, w.bufferedBytes)
        }
        try w.commit()
        w.close()
        // Flushed as soon as the estimate crosses the budget: never more than one document over.
        #expect(peak < budget + 64 << 10)
        #expect(w.pendingSegmentCount > 3)
        #expect(try IndexReader.open(dir, verifyChecksums: true).docCount == 2_000)
    }
}
