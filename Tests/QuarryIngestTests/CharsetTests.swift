import Testing
@testable import QuarryIngest

@Suite struct CharsetTests {
    @Test func utf8BOMWinsOverMeta() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<html><head><meta charset=windows-1252></head><body><p>café</p></body></html>".utf8)
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "bom.html")
        #expect(doc.charset == "utf-8")
        #expect(doc.body == "café")
    }

    @Test(arguments: [true, false]) func utf16WithBOM(littleEndian: Bool) throws {
        let html = "<html><body><p>Grüße “quoted” 𝄞</p></body></html>"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in html.utf16 {
            let low = UInt8(unit & 0xFF), high = UInt8(unit >> 8)
            bytes += littleEndian ? [low, high] : [high, low]
        }
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "u16.html")
        #expect(doc.charset == (littleEndian ? "utf-16le" : "utf-16be"))
        #expect(doc.body == "Grüße “quoted” 𝄞")
    }

    @Test func utf32WithBOM() throws {
        var bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x00]
        for scalar in "<p>naïve</p>".unicodeScalars {
            let v = scalar.value
            bytes += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), 0]
        }
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "u32.html")
        #expect(doc.charset == "utf-32le")
        #expect(doc.body == "naïve")
    }

    @Test func metaCharsetWindows1252() throws {
        let html = "<html><head><meta charset=\"windows-1252\"><title>Café “menu”</title></head><body><p>It’s 5 € — voilà</p></body></html>"
        let doc = try DocumentExtractor.extract(bytes: LegacyBytes.encode(html, table: LegacyBytes.windows1252), key: "w.html")
        #expect(doc.charset == "windows-1252")
        #expect(doc.title == "Café “menu”")
        #expect(doc.body == "It’s 5 € — voilà")
    }

    @Test func httpEquivISO88591MeansWindows1252() throws {
        let html = "<HTML><HEAD><META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=ISO-8859-1'></HEAD><BODY>Fran\u{E7}ais “x”</BODY></HTML>"
        let doc = try DocumentExtractor.extract(bytes: LegacyBytes.encode(html, table: LegacyBytes.windows1252), key: "l.html")
        #expect(doc.charset == "windows-1252")
        #expect(doc.body == "Français “x”")
    }

    @Test func xmlDeclarationEncoding() throws {
        let html = "<?xml version='1.0' encoding='ISO-8859-2'?><html><body><p>\u{B1}</p></body></html>"
        // 0xB1 in ISO-8859-2 is ą.
        var bytes = Array(html.utf8)
        bytes.removeAll { $0 == 0xC2 }
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "x.xhtml")
        #expect(doc.charset == "iso-8859-2")
        #expect(doc.body == "ą")
    }

    @Test func undeclaredWindows1252IsGuessed() throws {
        let html = "<html><body><p>Le café “noir”</p></body></html>"
        let doc = try DocumentExtractor.extract(bytes: LegacyBytes.encode(html, table: LegacyBytes.windows1252), key: "g.html")
        #expect(doc.charset == "windows-1252")
        #expect(doc.body == "Le café “noir”")
    }

    @Test func undeclaredUTF8IsGuessed() throws {
        let doc = try extract("<html><body><p>Ελληνικά and 日本語</p></body></html>")
        #expect(doc.charset == "utf-8")
        #expect(doc.body == "Ελληνικά and 日本語")
    }

    @Test func declaredUTF8WithInvalidBytesKeepsText() throws {
        var bytes = Array("<html><head><meta charset=utf-8></head><body><p>caf".utf8)
        bytes += [0xE9]  // a stray windows-1252 é
        bytes += Array(" ok — fine</p></body></html>".utf8)
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "bad.html")
        #expect(doc.charset == "utf-8")
        #expect(doc.body == "café ok — fine")
    }

    /// The validation scan reads ASCII eight bytes at a time, also after each non-ASCII
    /// character: a stray byte or a NUL must be repaired wherever it falls relative to those
    /// words, and valid text must come through unchanged.
    @Test func repairFindsEveryBadByteWhereverItFalls() {
        let z = String(repeating: "z", count: 17)
        for text in ["ab© dé—x" + z.prefix(9), z + "yyyyyy", "é" + z, z.prefix(15) + "—zz", "©" + z.prefix(7) + "©"] {
        let valid = Array(text.utf8)
        for at in 0...valid.count {
            #expect(CharsetDecoder.repairingUTF8(valid[...]) == valid)
            for bad: UInt8 in [0xE9, 0x00, 0x80] {
                var bytes = valid
                bytes.insert(bad, at: at)
                // Only at a character boundary is the inserted byte the only damage.
                guard at == valid.count || valid[at] & 0xC0 != 0x80 else { continue }
                let expected = Array(valid[..<at]) + (bad == 0 ? [0x20] : bad == 0xE9 ? Array("é".utf8) : Array("€".utf8)) + Array(valid[at...])
                #expect(CharsetDecoder.repairingUTF8(bytes[...]) == expected, "\(bad) at \(at)")
                // The same from a slice that does not start at index 0.
                let padded = [UInt8(ascii: "q")] + bytes
                #expect(CharsetDecoder.repairingUTF8(padded[1...]) == expected, "\(bad) at \(at), sliced")
            }
        }
        }
    }

    @Test func metaInsideForcedUTF8DocumentDoesNotReDecode() throws {
        // The page is UTF-8 bytes (our decoder's output) but claims another charset; libxml2
        // must not decode it again, or é would come out as "Ã©".
        for declaration in ["<meta charset=\"iso-8859-1\">",
                            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"] {
            let html = "<html><head>\(declaration)<title>Résumé</title></head><body><p>déjà vu</p></body></html>"
            let collector = HTMLTextCollector()
            #expect(LibXML2SAXParser.parse(utf8: Array(html.utf8), attributeNames: HTMLTextCollector.attributeNames,
                                           handler: collector))
            #expect(collector.result.body == "déjà vu")
            #expect(collector.result.title == "Résumé")
        }
    }

    @Test func labelAliases() {
        #expect(TextEncoding(label: "latin1") == .windows1252)
        #expect(TextEncoding(label: " US-ASCII ") == .windows1252)
        #expect(TextEncoding(label: "utf8") == .utf8)
        #expect(TextEncoding(label: "KOI8-R") == .koi8R)
        #expect(TextEncoding(label: "x-sjis") == .other("shift_jis"))
        #expect(TextEncoding(label: "no-such-charset") == nil)
    }

    @Test func prescanForms() {
        func sniff(_ s: String) -> TextEncoding { CharsetSniffer.sniff(Array(s.utf8)).encoding }
        #expect(sniff("<meta charset=koi8-r>") == .koi8R)
        #expect(sniff("<META CHARSET='Windows-1251'/>") == .windows1251)
        #expect(sniff("<meta content=\"text/html;charset = macintosh\" http-equiv=\"content-type\">") == .macRoman)
        #expect(sniff("<!-- <meta charset=koi8-r> --><p>x") == .utf8)
        #expect(sniff("<a title=\"<meta charset=koi8-r>\">x</a>") == .utf8)
        // UTF-16 declared in an ASCII-readable page means UTF-8 (WHATWG).
        #expect(sniff("<meta charset=utf-16>") == .utf8)
        // Beyond the 4096-byte window the declaration is not seen.
        #expect(sniff(String(repeating: " ", count: 5000) + "<meta charset=koi8-r>") == .utf8)
    }

    @Test func singleByteDecoders() {
        func decode(_ bytes: [UInt8], _ encoding: TextEncoding) -> String {
            String(decoding: CharsetDecoder.decode(bytes[...], from: encoding).utf8, as: UTF8.self)
        }
        #expect(decode([0xC1, 0xC2, 0xD7], .koi8R) == "абв")
        #expect(decode([0xC0, 0xE0], .windows1251) == "Аа")
        #expect(decode([0xA4], .iso8859_15) == "€")
        #expect(decode([0x8A, 0x9A], .windows1250) == "Šš")
        #expect(decode([0x8E], .macRoman) == "é")
        #expect(decode([0x81, 0x8D], .windows1252) == "\u{81}\u{8D}")
        #expect(decode([0x80], .iso8859_1) == "\u{80}")
        #expect(decode([0x41, 0x00, 0x42], .utf8) == "A B")
    }

    @Test func iconvForOtherCharsets() throws {
        // "日本" in Shift_JIS.
        let bytes = Array("<html><head><meta charset=shift_jis></head><body><p>".utf8) + [0x93, 0xFA, 0x96, 0x7B]
            + Array("</p></body></html>".utf8)
        let doc = try DocumentExtractor.extract(bytes: bytes, key: "sjis.html")
        #expect(doc.charset == "shift_jis")
        #expect(doc.body == "日本")
    }
}
