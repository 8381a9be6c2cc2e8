import Foundation
import Testing
@testable import QuarryEval

/// Access to the committed fixtures (made once by `Fixtures/make_golden.py`; no Python needed here).
enum Fixtures {
    static func url(_ name: String) throws -> URL {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return directory.appendingPathComponent(name)
    }

    static func path(_ name: String) throws -> String {
        try url(name).path
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: url(name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A golden file written by make_golden.py: pytrec_eval's per-query values and aggregates.
    struct Golden {
        let queries: Int
        let measures: [Measure]
        let means: [String: Double]
        let perQuery: [String: [String: Double]]
    }

    static func golden(_ name: String) throws -> Golden {
        let object = try json(name)
        let names = try #require(object["measures"] as? [String])
        return Golden(
            queries: try #require(object["queries"] as? Int),
            measures: try names.map { try Measure(name: $0) },
            means: try #require(object["means"] as? [String: Double]),
            perQuery: try #require(object["per_query"] as? [String: [String: Double]]))
    }
}
