import Testing
@testable import QuarrySearch
import Quarry
import QuarryTestSupport

/// "Did you mean": words in no document are replaced by the closest indexed word.
@Suite struct SuggestionTests {
    func searcher(_ tmp: TemporaryDirectory) throws -> Searcher {
        Searcher(reader: try buildIndex([
            DocumentFields(key: "a.html", title: "Kernel", body: "the linux kernel loads a module"),
            DocumentFields(key: "b.html", title: "Camping", body: "a tent in the rain"),
            DocumentFields(key: "c.html", title: "Camping", body: "the tent again"),
            DocumentFields(key: "d.html", title: "Camping", body: "one more tent"),
            DocumentFields(key: "e.html", title: "Exams", body: "a test"),
        ], at: tmp.path))
    }

    @Test func unknownWordsAreReplacedByTheClosest() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = try searcher(tmp)
        #expect(try s.suggestion(for: "kernal modle") == "kernel module")
        #expect(try s.suggestion(for: "\"linux kernal\"") == "\"linux kernel\"")
        #expect(try s.suggestion(for: "+kernal AND title:camping") == "+kernel AND title:camping")
        // One edit from both "tent" (three documents) and "test" (one): the commoner wins.
        #expect(try s.suggestion(for: "tett") == "tent")
        // Two edits when none is one edit away.
        #expect(try s.suggestion(for: "kexxxl") == nil)  // three edits
        #expect(try s.suggestion(for: "kerxxl") == "kernel")
    }

    @Test func knownExcludedAndUnmatchableWordsStay() throws {
        let tmp = TemporaryDirectory()
        defer { tmp.cleanup() }
        let s = try searcher(tmp)
        #expect(try s.suggestion(for: "kernel tent") == nil)
        #expect(try s.suggestion(for: "-kernal module") == nil)
        #expect(try s.suggestion(for: "qqqqqq") == nil)
        #expect(try s.suggestion(for: "kern*") == nil)
        // The word is replaced where it stands alone, not inside a longer word.
        #expect(Searcher.standaloneRange(of: "ker", in: "kernel ker").map { "kernel ker"[$0.lowerBound...] } == "ker")
        #expect(Searcher.standaloneRange(of: "ker", in: "kernel") == nil)
    }
}
