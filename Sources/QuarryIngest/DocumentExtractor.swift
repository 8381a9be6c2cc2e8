/// Turns the raw bytes of one crawl file into an `IngestedDocument`.
public enum DocumentExtractor {
    public static func extract(bytes: [UInt8], key: String) throws(IngestError) -> IngestedDocument {
        let text = String(decoding: bytes, as: UTF8.self)
        let title = text.split(separator: "\n").first.map(String.init) ?? key
        return IngestedDocument(key: key, title: title, body: text)
    }
}
