/// A minimal JSON writer that keeps key order.
///
/// Foundation's encoders either sort keys or order them arbitrarily; the eval schema wants
/// measures in the order the user asked for and queries in numeric order, so we write JSON
/// ourselves. Output only — QuarryEval never parses JSON.
indirect enum JSONValue {
    case null
    case integer(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// Pretty-printed with one-space indentation per level.
    func serialized(indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 1)
        let closing = String(repeating: " ", count: indent)
        switch self {
        case .null: return "null"
        case let .integer(value): return String(value)
        case let .double(value): return value.isFinite ? "\(value)" : "null"
        case let .string(value): return Self.quoted(value)
        case let .array(values):
            if values.isEmpty { return "[]" }
            return "[\n" + values.map { pad + $0.serialized(indent: indent + 1) }.joined(separator: ",\n")
                + "\n" + closing + "]"
        case let .object(object):
            if object.entries.isEmpty { return "{}" }
            return "{\n" + object.entries.map { pad + Self.quoted($0.key) + ": " + $0.value.serialized(indent: indent + 1) }
                .joined(separator: ",\n") + "\n" + closing + "}"
        }
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// An insertion-ordered JSON object; assigning an existing key replaces its value in place.
struct JSONObject {
    private(set) var entries: [(key: String, value: JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        get { entries.first(where: { $0.key == key })?.value }
        set {
            let index = entries.firstIndex(where: { $0.key == key })
            switch (index, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }
}
