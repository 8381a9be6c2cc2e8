/// Turns the SAX events of one HTML page into title, headings, body text, language and metadata.
///
/// The rules, in short: text inside dropped subtrees (scripts, styles, hidden elements, SVG…),
/// navigation boilerplate (`nav`, `footer`, `aside`, a `header` outside `main`/`article`, ARIA
/// landmark roles) and `head` (except `title`) is not collected; block elements are line
/// boundaries, inline elements are not; headings are collected separately *and* stay in the body.
///
/// Robustness: libxml2's recover mode closes what the page forgot to, but an end tag is still
/// matched against our own element stack — a stray end tag with no open element of that name is
/// ignored, and closing an outer element closes everything opened inside it.
///
/// Cost: one small frame push per element (traits are looked up once per distinct name); text
/// is appended in runs of visible bytes into `[UInt8]` buffers, with no `String` created until
/// the page ends.
final class HTMLTextCollector: HTMLSAXHandler {
    // One parse (one thread) owns a collector; the dynamic exclusivity checks on the state
    // touched per SAX event cost about 2% of an index build, so they are turned off.
    /// Attributes the collector reads; the parser materialises no others.
    static let attributeNames = ["hidden", "aria-hidden", "role", "lang", "xml:lang", "name", "content",
                                 "http-equiv", "property"]

    /// What one open element contributes to the state of its subtree.
    private struct Frame {
        /// The element name's per-parse id (`HTMLSAXHandler`): frames hold no String, so
        /// pushing, copying and matching them costs no reference counting.
        var nameID: Int
        var traits: HTMLElementTraits
        /// Text in this subtree is not collected into the body.
        var suppressed = false
        var inContentRoot = false
        var inHead = false
        var inForeign = false
        var inTitle = false
        var preformatted = false
        /// Level of the heading this frame opened (0 = none).
        var opensHeading = 0
        var inHeading = false
    }

    @exclusivity(unchecked) private var stack: [Frame] = []
    /// Keep navigation boilerplate (nav, footer, aside, outer header, landmark roles) as text:
    /// for like-for-like comparisons with engines that index a page's full visible text.
    let keepBoilerplate: Bool

    init(keepBoilerplate: Bool = false) {
        self.keepBoilerplate = keepBoilerplate
    }
    @exclusivity(unchecked) private var body = TextAccumulator()
    @exclusivity(unchecked) private var title = TextAccumulator()
    private var titleSeen = false
    @exclusivity(unchecked) private var heading = TextAccumulator()
    private var headingLines: [String] = []
    private var firstH1: String?
    private var language: String?
    private var contentLanguage: String?
    private var metadata: [String: String] = [:]

    /// What the page yielded; strings are whitespace-collapsed, empty when absent.
    struct Result: Sendable, Equatable {
        var title: String
        var firstH1: String?
        var headings: String
        var body: String
        var language: String?
        var metadata: [String: String]
    }

    var result: Result {
        Result(title: title.string, firstH1: firstH1, headings: headingLines.joined(separator: "\n"),
               body: body.string, language: language ?? contentLanguage, metadata: metadata)
    }

    /// The root frame, used when text arrives outside any element.
    private static let root = Frame(nameID: -1, traits: [])

    /// Per element-name id: its traits and heading level, looked up once per parse.
    @exclusivity(unchecked) private var traitsByID: [(traits: HTMLElementTraits, headingLevel: Int)?] = []

    private func traits(_ name: String, id: Int) -> (traits: HTMLElementTraits, headingLevel: Int) {
        if id < traitsByID.count, let known = traitsByID[id] { return known }
        if id >= traitsByID.count { traitsByID.append(contentsOf: repeatElement(nil, count: id + 1 - traitsByID.count)) }
        let found = (HTMLElementTraits.of(name), HTMLElementTraits.headingLevel(name))
        traitsByID[id] = found
        return found
    }

    func startElement(_ name: String, id: Int, attributes: [HTMLAttribute]) {
        let parent = stack.last ?? Self.root
        let (traits, level) = self.traits(name, id: id)
        var frame = parent
        frame.nameID = id
        frame.traits = traits
        frame.opensHeading = 0

        var hidden = false
        for attribute in attributes {
            switch attribute.name {
            case "hidden": hidden = true
            case "aria-hidden": hidden = hidden || attribute.value.lowercased() == "true"
            case "role":
                let role = attribute.value.lowercased().split(separator: " ").first.map(String.init) ?? ""
                if !keepBoilerplate && HTMLElementTraits.boilerplateRoles.contains(role) { hidden = true }
                if role == "main" { frame.inContentRoot = true }
            case "lang", "xml:lang":
                if name == "html", language == nil, !attribute.value.isEmpty { language = attribute.value }
            default: break
            }
        }
        if name == "meta", !parent.inForeign { readMeta(attributes) }

        let boilerplate = !keepBoilerplate && (traits.contains(.boilerplate)
            || (traits.contains(.boilerplateOutsideContent) && !parent.inContentRoot))
        if hidden || traits.contains(.dropped) || boilerplate {
            frame.suppressed = true
        }
        if traits.contains(.contentRoot) { frame.inContentRoot = true }
        if traits.contains(.head) { frame.inHead = true }
        if traits.contains(.foreign) { frame.inForeign = true }
        if traits.contains(.preformatted) { frame.preformatted = true }
        if traits.contains(.title), !parent.inForeign, !titleSeen { frame.inTitle = true }

        if level > 0, !frame.suppressed, !frame.inHead, !frame.inHeading {
            frame.opensHeading = level
            frame.inHeading = true
            heading = TextAccumulator()
        }
        if traits.contains(.block), !parent.suppressed { body.breakBlock() }
        stack.append(frame)
    }

    func endElement(_ name: String, id: Int) {
        guard let index = stack.lastIndex(where: { $0.nameID == id }) else { return }
        while stack.count > index {
            close(stack.removeLast())
        }
    }

    func characters(_ text: Span<UInt8>) {
        let top = stack.last ?? Self.root
        if top.inTitle {
            title.append(text)
            return
        }
        guard !top.suppressed, !top.inHead else { return }
        body.append(text, preformatted: top.preformatted)
        if top.inHeading { heading.append(text) }
    }

    private func close(_ frame: Frame) {
        if frame.inTitle, frame.traits.contains(.title) { titleSeen = true }
        if frame.opensHeading > 0 {
            let line = heading.string
            if !line.isEmpty {
                headingLines.append(line)
                if frame.opensHeading == 1, firstH1 == nil { firstH1 = line }
            }
            heading = TextAccumulator()
        }
        let parentSuppressed = stack.last?.suppressed ?? false
        if frame.traits.contains(.block), !parentSuppressed { body.breakBlock() }
    }

    /// `<meta name=description|keywords|author>`, `<meta property=og:title>`,
    /// `<meta http-equiv=Content-Language>`; the first occurrence of each wins.
    private func readMeta(_ attributes: [HTMLAttribute]) {
        var key: String?
        var content: String?
        var isContentLanguage = false
        for attribute in attributes {
            switch attribute.name {
            case "name", "property":
                let value = attribute.value.lowercased().trimmingASCIIWhitespace()
                if ["description", "keywords", "author", "og:title"].contains(value) { key = value }
            case "http-equiv":
                isContentLanguage = attribute.value.lowercased().trimmingASCIIWhitespace() == "content-language"
            case "content":
                content = collapsed(attribute.value)
            default: break
            }
        }
        guard let content, !content.isEmpty else { return }
        if let key, metadata[key] == nil { metadata[key] = content }
        if isContentLanguage, contentLanguage == nil {
            let first = content.split(separator: ",").first.map { String($0).trimmingASCIIWhitespace() } ?? ""
            if !first.isEmpty { contentLanguage = first }
        }
    }

    private func collapsed(_ value: String) -> String {
        var accumulator = TextAccumulator()
        accumulator.append(Array(value.utf8))
        return accumulator.string
    }
}
