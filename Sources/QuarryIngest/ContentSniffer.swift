/// Decides, before any decoding or parsing, whether a crawl file is text at all, and whether
/// decoded text is HTML or plain text.
///
/// Why up front: feeding a PDF or a PNG to libxml2's recover mode "succeeds" and indexes garbage.
/// Cost: a signature compare plus one scan of at most 8 KiB.
enum ContentSniffer {
    /// How much of the file the binary check examines.
    static let sampleLength = 8192

    /// Known binary formats by their leading bytes ("magic numbers"), with a reason a user can read.
    /// A weak (`strong == false`) signature is plain ASCII a text file could start with ("ID3 tags…"):
    /// it only names the format of a file that also fails the NUL/control-byte check.
    private static let signatures: [(offset: Int, magic: [UInt8], reason: String, strong: Bool)] = [
        (0, Array("%PDF-".utf8), "PDF document", true),
        (0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image", true),
        (0, [0xFF, 0xD8, 0xFF], "JPEG image", true),
        (0, Array("GIF87a".utf8), "GIF image", true),
        (0, Array("GIF89a".utf8), "GIF image", true),
        (0, [0x50, 0x4B, 0x03, 0x04], "ZIP archive or Office document", true),
        (0, [0x50, 0x4B, 0x05, 0x06], "ZIP archive (empty)", true),
        (0, [0x1F, 0x8B], "gzip-compressed data", true),
        (0, Array("BZh".utf8), "bzip2-compressed data", false),
        (0, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data", true),
        (0, [0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data", true),
        (0, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "7-Zip archive", true),
        (0, Array("Rar!".utf8), "RAR archive", false),
        (0, [0x7F, 0x45, 0x4C, 0x46], "ELF executable", true),
        (0, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "legacy Office document (OLE2)", true),
        (0, Array("SQLite format 3".utf8), "SQLite database", true),
        (0, [0x00, 0x61, 0x73, 0x6D], "WebAssembly module", true),
        (0, Array("wOFF".utf8), "WOFF font", false),
        (0, Array("wOF2".utf8), "WOFF2 font", false),
        (0, Array("OggS".utf8), "Ogg media", false),
        (0, Array("ID3".utf8), "MP3 audio", false),
        (0, Array("RIFF".utf8), "RIFF media (WebP, WAV or AVI)", false),
        (4, Array("ftyp".utf8), "MP4/QuickTime media", false),
        (0, [0x49, 0x49, 0x2A, 0x00], "TIFF image", true),
        (0, [0x4D, 0x4D, 0x00, 0x2A], "TIFF image", true),
        (0, [0x00, 0x00, 0x01, 0x00], "icon image", true),
        (0, [0xCA, 0xFE, 0xBA, 0xBE], "Java class or Mach-O binary", true),
    ]

    /// Why `bytes` is not text, or nil when it may be. `encoding` is the sniffed charset: UTF-16/32
    /// text legitimately contains NUL bytes, so the NUL and control-byte checks are skipped for it.
    static func binaryReason(_ bytes: [UInt8], encoding: TextEncoding) -> String? {
        var weakReason: String? = nil
        for signature in signatures where bytes.count >= signature.offset + signature.magic.count {
            if bytes[signature.offset..<(signature.offset + signature.magic.count)].elementsEqual(signature.magic) {
                if signature.strong { return signature.reason }
                weakReason = signature.reason
            }
        }
        guard encoding.isASCIICompatible else { return nil }
        let sample = bytes.prefix(sampleLength)
        var controls = 0
        for byte in sample {
            if byte == 0 { return weakReason ?? "binary data (NUL bytes)" }
            // Control bytes other than tab, LF, FF, CR and ESC (ISO-2022 uses ESC) do not occur in text.
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0C, byte != 0x0D, byte != 0x1B { controls += 1 }
        }
        if controls * 10 > sample.count { return weakReason ?? "binary data (control bytes)" }
        return nil
    }

    /// Tags whose presence near the start marks a document as HTML.
    private static let htmlMarkers: [[UInt8]] = [
        "<!doctype", "<html", "<head", "<body", "<title", "<meta", "<?xml", "<!--", "<p>", "<p ", "<div",
        "<br", "<h1", "<h2", "<h3", "<table", "<ul", "<a href", "<span", "<link", "<script", "<style",
    ].map { Array($0.utf8) }

    /// Whether decoded UTF-8 looks like markup, judged on the first 1 KiB: one of the common
    /// document tags, or — `lenient`, for files named `.html` — any tag at all (`<b>`, `</x>`, `<!…`).
    /// A file that is really plain text then gets the plain-text rules (its line structure kept).
    static func looksLikeHTML(_ utf8: [UInt8], lenient: Bool) -> Bool {
        let head = utf8.prefix(1024).map(\.asciiLowercased)
        var index = head.startIndex
        while let lt = head[index...].firstIndex(of: UInt8(ascii: "<")) {
            for marker in htmlMarkers where head[lt...].starts(with: marker) { return true }
            if lenient, lt + 1 < head.endIndex {
                let next = head[lt + 1]
                if (next >= UInt8(ascii: "a") && next <= UInt8(ascii: "z")) || next == UInt8(ascii: "/")
                    || next == UInt8(ascii: "!") {
                    return true
                }
            }
            index = lt + 1
        }
        return false
    }
}
