/// Repairs text whose UTF-8 bytes were decoded with the wrong legacy charset (mojibake).
public enum MojibakeRepair {
    /// Returns the repaired text, or nil when `text` needs no repair.
    public static func repair(_ text: String) -> String? { nil }
}
