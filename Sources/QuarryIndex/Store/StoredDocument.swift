/// The stored (retrievable) form of a document: what results and snippets show.
public struct StoredDocument: Sendable, Equatable {
    public var fields: DocumentFields

    public init(fields: DocumentFields) { self.fields = fields }

    /// ```
    /// record := title headings body language metadataCount:vint (name value)* flags:u8
    ///           (strings length-prefixed UTF-8; flags bit 0 = title not indexed)
    /// ```
    /// The key is not part of the record: the stored-fields file keeps every key uncompressed
    /// beside the blocks (`StoredFieldsWriter`), and the reader passes it to `decode`.
    func encode(into w: inout ByteWriter) {
        w.string(fields.title)
        w.string(fields.headings)
        w.string(fields.body)
        w.string(fields.language ?? "")
        let meta = fields.metadata.sorted { $0.key < $1.key }
        w.vint(meta.count)
        for (k, v) in meta {
            w.string(k)
            w.string(v)
        }
        w.u8(fields.titleIsIndexed ? 0 : 1)
    }

    static func decode(_ r: inout ByteReader, key: String) throws(IndexError) -> StoredDocument {
        let title = try r.string()
        let headings = try r.string()
        let body = try r.string()
        let lang = try r.string()
        let n = try r.vcount(max: r.remaining)
        var meta: [String: String] = [:]
        for _ in 0..<n {
            let k = try r.string()
            meta[k] = try r.string()
        }
        let flags = try r.u8()
        return StoredDocument(fields: DocumentFields(key: key, title: title, headings: headings, body: body,
                                                     language: lang.isEmpty ? nil : lang, metadata: meta,
                                                     titleIsIndexed: flags & 1 == 0))
    }

    /// Moves `r` past one record without building its strings (reaching a document in the
    /// middle of a block costs a few length reads per earlier record, not a copy of its text).
    static func skip(_ r: inout ByteReader) throws(IndexError) {
        for _ in 0..<4 { try r.skip(try r.vcount(max: r.remaining)) }
        let n = try r.vcount(max: r.remaining)
        for _ in 0..<(2 * n) { try r.skip(try r.vcount(max: r.remaining)) }
        try r.skip(1)
    }
}
