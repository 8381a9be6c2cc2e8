import QuarryText

/// Turns the raw bytes of one crawl file into an `IngestedDocument`.
///
/// Pipeline: reject empty and binary files (`ContentSniffer`) → sniff the charset
/// (`CharsetSniffer`) → decode to UTF-8 (`CharsetDecoder`) → HTML through libxml2's SAX parser
/// (`LibXML2SAXParser` + `HTMLTextCollector`), or plain text (`PlainTextExtractor`) → title
/// fallbacks → mojibake repair (`QuarryText.MojibakeRepair`) on every text field.
///
/// Thread safety: stateless; every call owns its buffers and its libxml2 parser context, so
/// documents may be extracted concurrently from any number of threads.
///
/// Cost: dominated by the libxml2 parse; decoding adds one pass and one copy of the input.
public enum DocumentExtractor {
    /// How a file's name steers the choice between HTML and plain text.
    enum NameKind {
        /// `.html`, `.htm`, `.xhtml`, `.shtml`: HTML when it contains any tag.
        case html
        /// `.txt`, `.text`: always plain text, even if it shows markup.
        case plainText
        /// Anything else: HTML only when it clearly starts like HTML.
        case unknown

        init(key: String) {
            let name = key.split(separator: "/").last ?? Substring(key)
            guard let dot = name.lastIndex(of: ".") else {
                self = .unknown
                return
            }
            switch name[name.index(after: dot)...].lowercased() {
            case "html", "htm", "xhtml", "shtml": self = .html
            case "txt", "text": self = .plainText
            default: self = .unknown
            }
        }
    }

    /// `keepBoilerplate`: index navigation, footers and sidebars too (off by default: they repeat
    /// on every page of a site and only add noise to rankings).
    public static func extract(bytes: [UInt8], key: String, keepBoilerplate: Bool = false) throws(IngestError) -> IngestedDocument {
        guard !bytes.isEmpty else { throw .notText(path: key, reason: "empty file") }
        let nameKind = NameKind(key: key)
        let sniffed = CharsetSniffer.sniff(bytes, scanDeclarations: nameKind != .plainText)
        if let reason = ContentSniffer.binaryReason(bytes, encoding: sniffed.encoding) {
            throw .notText(path: key, reason: reason)
        }
        let decoded = CharsetDecoder.decode(bytes[sniffed.bomLength...], from: sniffed.encoding)
        guard decoded.utf8.contains(where: { !$0.isASCIIWhitespace }) else {
            throw .notText(path: key, reason: "empty file (only whitespace)")
        }

        let isHTML = nameKind != .plainText
            && ContentSniffer.looksLikeHTML(decoded.utf8, lenient: nameKind == .html)
        var document: IngestedDocument
        if isHTML {
            let collector = HTMLTextCollector(keepBoilerplate: keepBoilerplate)
            let markup = StartTagLimiter.limit(decoded.utf8) ?? decoded.utf8
            guard LibXML2SAXParser.parse(utf8: markup, attributeNames: HTMLTextCollector.attributeNames,
                                         handler: collector) else {
                throw .unreadable(path: key, reason: "the HTML parser could not start (file too large?)")
            }
            let page = collector.result
            let title = [page.title, page.firstH1 ?? "", firstLine(of: page.body)].first { !$0.isEmpty }
            document = IngestedDocument(key: key, title: capped(title: title ?? fileName(of: key)), headings: page.headings,
                                        body: page.body, language: page.language, metadata: page.metadata,
                                        charset: decoded.encoding.name)
            document.titleIsDerived = page.title.isEmpty
        } else {
            let text = PlainTextExtractor.extract(utf8: decoded.utf8)
            document = IngestedDocument(key: key, title: capped(title: text.title.isEmpty ? fileName(of: key) : text.title),
                                        body: text.body, charset: decoded.encoding.name)
            // The first line is the title by convention, and it is also the body's first line.
            document.titleIsDerived = true
        }
        repairMojibake(in: &document)
        return document
    }

    /// Applies `MojibakeRepair` to every text field; `repaired` records whether anything changed.
    static func repairMojibake(in document: inout IngestedDocument) {
        var repaired = false
        func fix(_ text: inout String) {
            if let fixed = MojibakeRepair.repair(text), fixed != text {
                text = fixed
                repaired = true
            }
        }
        fix(&document.title)
        fix(&document.headings)
        fix(&document.body)
        for key in document.metadata.keys {
            if var value = document.metadata[key] {
                fix(&value)
                document.metadata[key] = value
            }
        }
        document.repaired = repaired
    }

    /// The longest title kept, in characters. A title taken from a page's first line (or a
    /// hostile `<title>`) can be megabytes; results show one line, so the rest is cut at a space.
    static let maxTitleCharacters = 300

    static func capped(title: String) -> String {
        guard title.utf8.count > maxTitleCharacters, title.count > maxTitleCharacters else { return title }
        let head = title.prefix(maxTitleCharacters)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return String(cut) + "…"
    }

    private static func firstLine(of text: String) -> String {
        text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    }

    /// The last path component of the key: the title of last resort.
    static func fileName(of key: String) -> String {
        key.split(separator: "/").last.map(String.init) ?? key
    }
}
