/// What a commit records about one immutable segment.
public struct SegmentInfo: Codable, Sendable, Equatable {
    /// Names the segment's files: `seg-<id>.tdi`, `.doc`, `.pos`, `.nrm`, `.sto`, `.wrd`, `.key`.
    public var id: String
    public var docCount: UInt32
    public var deletedCount: UInt32
    /// Generation of the deletion file `seg-<id>-<delGen>.del`; 0 = no deletions.
    public var delGen: Int
    /// Sum of each field's length over all documents (for average field lengths).
    public var fieldLengthSums: [UInt64]

    public static let fileExtensions = ["tdi", "doc", "pos", "nrm", "sto", "wrd", "key"]

    public var fileNames: [String] {
        var names = Self.fileExtensions.map { "seg-\(id).\($0)" }
        if delGen > 0 { names.append(deletionFileName) }
        return names
    }

    public var deletionFileName: String { "seg-\(id)-\(delGen).del" }

    public var liveCount: UInt32 { docCount - deletedCount }
}
