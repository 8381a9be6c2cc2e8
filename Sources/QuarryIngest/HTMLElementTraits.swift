/// How the text collector treats an HTML element, looked up once per start tag.
///
/// Why a table: the rules (which elements are block boundaries, which subtrees are invisible or
/// navigation boilerplate) are data, and one dictionary lookup per element is the whole cost.
/// Unknown elements get no traits: inline, visible.
struct HTMLElementTraits: OptionSet, Sendable {
    let rawValue: UInt16

    /// A block boundary: text before and after it never runs together.
    static let block = HTMLElementTraits(rawValue: 1 << 0)
    /// Invisible or non-prose subtree (scripts, styles, templates, form option lists…): dropped.
    static let dropped = HTMLElementTraits(rawValue: 1 << 1)
    /// Site navigation boilerplate, dropped wherever it appears.
    static let boilerplate = HTMLElementTraits(rawValue: 1 << 2)
    /// Dropped unless inside `main`/`article` (a page banner vs. an article's own header).
    static let boilerplateOutsideContent = HTMLElementTraits(rawValue: 1 << 3)
    /// Marks the page's main content (`main`, `article`).
    static let contentRoot = HTMLElementTraits(rawValue: 1 << 4)
    static let head = HTMLElementTraits(rawValue: 1 << 5)
    static let title = HTMLElementTraits(rawValue: 1 << 6)
    /// SVG/MathML: foreign content, whose `<title>` is not the page title.
    static let foreign = HTMLElementTraits(rawValue: 1 << 7)
    static let preformatted = HTMLElementTraits(rawValue: 1 << 8)

    /// Traits of a lowercased element name.
    static func of(_ name: String) -> HTMLElementTraits { table[name] ?? [] }

    /// `h1`…`h6` → 1…6, otherwise 0.
    static func headingLevel(_ name: String) -> Int {
        let utf8 = name.utf8
        guard utf8.count == 2, utf8.first == UInt8(ascii: "h"), let digit = utf8.last,
              digit >= UInt8(ascii: "1"), digit <= UInt8(ascii: "6") else { return 0 }
        return Int(digit - UInt8(ascii: "0"))
    }

    /// ARIA landmark roles that mark boilerplate (first token of `role`, lowercased).
    static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]

    private static let table: [String: HTMLElementTraits] = {
        var table: [String: HTMLElementTraits] = [:]
        let blocks = ["address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
                      "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
                      "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li",
                      "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary", "table", "tbody", "td",
                      "textarea", "tfoot", "th", "thead", "title", "tr", "ul", "listing", "plaintext", "xmp"]
        for name in blocks { table[name, default: []].insert(.block) }
        for name in ["script", "style", "noscript", "template", "select", "option", "optgroup", "datalist", "button",
                     "iframe", "object", "embed", "audio", "video", "canvas", "map"] {
            table[name, default: []].insert(.dropped)
        }
        for name in ["svg", "math"] { table[name, default: []].formUnion([.dropped, .foreign]) }
        for name in ["nav", "footer", "aside"] { table[name, default: []].insert(.boilerplate) }
        table["header", default: []].insert(.boilerplateOutsideContent)
        for name in ["main", "article"] { table[name, default: []].insert(.contentRoot) }
        table["head", default: []].insert(.head)
        table["title", default: []].insert(.title)
        for name in ["pre", "listing", "plaintext", "xmp", "textarea"] { table[name, default: []].insert(.preformatted) }
        return table
    }()
}
