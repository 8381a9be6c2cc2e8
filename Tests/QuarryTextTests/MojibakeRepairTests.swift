import Testing
@testable import QuarryText

struct MojibakeRepairTests {
    /// Broken → fixed. Most rows were produced at development time by encoding the right text as
    /// UTF-8 and decoding it with the charset named in the comment (once, twice or three times;
    /// "cp1252s" is the sloppy windows-1252 that passes 0x81 0x8D 0x8F 0x90 0x9D through as C1).
    static let broken: [(String, String)] = [
        ("Commissioner G√ľnther Oettinger", "Commissioner Günther Oettinger"), // Mac Central European
        ("GÃ¼nther", "Günther"),
        ("â€œquotedâ€", "“quoted”"),                                              // 0x9D lost entirely
        ("SchÃ¼tzen", "Schützen"),
        ("G&Atilde;&frac14;nther", "Günther"),                                  // HTML references
        ("G&#195;&#188;nther &amp; M&#xC3;&#xBC;ller", "Günther &amp; Müller"),
        ("Günther and GÃ¼nther", "Günther and Günther"),                       // one broken word
        ("“Ã‰tÃ©” and “été”", "“Été” and “été”"),
        ("GÃ¼nther Oettinger", "Günther Oettinger"), // cp1252s ×1
        ("SchÃ¼tzen", "Schützen"), // cp1252s ×1
        ("â€œquotedâ€\u{9D}", "“quoted”"), // cp1252s ×1
        ("dÃ©jÃ  vu", "déjà vu"), // cp1252s ×1
        ("naÃ¯ve cafÃ©", "naïve café"), // latin_1 ×1
        ("Z√ºrich", "Zürich"), // mac_roman ×1
        ("Commissioner G√ľnther Oettinger", "Commissioner Günther Oettinger"), // mac_latin2 ×1
        ("KrakĂłw", "Kraków"), // cp1250 ×1
        ("Å\u{81}Ã³dÅº", "Łódź"), // cp1252s ×1
        ("Ĺ\u{81}ĂłdĹş", "Łódź"), // iso8859_2 ×1
        ("├ärger ├╝ber ├ûl", "Ärger über Öl"), // cp437 ×1
        ("S├úo Paulo", "São Paulo"), // cp850 ×1
        ("GГјnther", "Günther"), // cp1251 ×1
        ("GrÃƒÂ¶ÃƒÅ¸e", "Größe"), // cp1252s ×2
        ("MÃƒÆ’Ã‚Â¼ller", "Müller"), // cp1252s ×3
        ("r‚àö¬©sum‚àö¬©", "résumé"), // mac_roman ×2
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир"), // cp1252s ×1
        ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"), // cp1252s ×1
        ("æ—¥æœ¬èªž", "日本語"), // cp1252s ×1
        ("emoji ðŸ˜€ here", "emoji 😀 here"), // cp1252s ×1
        ("itâ€™s", "it’s"), // cp1252s ×1
        ("10 â‚¬", "10 €"), // cp1252s ×1
        ("SeÃ±or MuÃ±oz", "Señor Muñoz"), // latin_1 ×1
        ("Fran├ºois", "François"), // cp850 ×1
        ("DvoÅ™Ã¡k", "Dvořák"), // cp1252s ×1
        ("DvoĹ™Ăˇk", "Dvořák"), // cp1250 ×1
        ("Stra√üe", "Straße"), // mac_roman ×1
        ("Γö£Γò¥ber", "über"), // cp437 ×2
        ("crÃƒÂ¨me brÃƒÂ»lÃƒÂ©e", "crème brûlée"), // cp1252s ×2
        ("Ã…ngstrÃ¶m", "Ångström"), // cp1252s ×1
        ("pe√Īa", "peña"), // mac_latin2 ×1
        ("Å koda", "Škoda"), // cp1252s ×1
        ("Ã˜rsted", "Ørsted"), // cp1252s ×1
        ("faĂ§ade", "façade"), // iso8859_2 ×1
        ("â€”dashâ€”", "—dash—"), // cp1252s ×1
        ("â€¦", "…"), // cp1252s ×1
        ("≈íuvre", "Œuvre"), // mac_roman ×1
        ("TschГјss", "Tschüss"), // cp1251 ×1
        ("BjÃ\u{83}Â¸rn", "Bjørn"), // latin_1 ×2
        ("Ä\u{8D}eÅ¡tina", "čeština"), // cp1252s ×1
        ("├£r├╝mqi", "Ürümqi"), // cp850 ×1
        ("JÃ¼rgen KÃ¶hler", "Jürgen Köhler"), // cp1252s ×1
        ("‚Ç¨100", "€100"), // mac_roman ×1
    ]

    /// Correct text that must come back unchanged (nil), in many languages and scripts.
    static let clean: [String] = [
        "√2 ≈ 1.414", "Ľubica Kráľová z Ľubľany", "SÃO PAULO", "São Paulo", "Ã", "Ã alone, Â too",
        "THE EUROPEAN COMMISSION", "ÄRGER ÜBER ÖL IN MÜNCHEN", "ŁÓDŹ I KRAKÓW", "Günther Oettinger",
        "Straße, Größe, Maß", "Ελληνικά: Η γρήγορη καφέ αλεπού", "ΣΊΣΥΦΟΣ ΚΑΙ ΑΘΗΝΑ",
        "Привет, мир! Съешь же ещё этих мягких французских булок", "Україна: віє вітер, її є",
        "Ђорђе Јовановић и Љубица", "日本語のテキストと漢字", "中文文本，没有问题。", "한국어 텍스트",
        "עברית: שלום עולם", "العربية: مرحبا بالعالم", "हिंदी पाठ", "ภาษาไทย",
        "∑∞ ≠ ∫∂x, ±√π ≤ ∏", "┌──┬──┐\n│ a│ b│\n└──┴──┘", "░▒▓█▄▀", "→←↑↓ ⇒ ⇔", "😀👍🏽🇩🇪 emoji",
        "let x = a[i] & mask; // code", "if (a && b) { return &x; }", "AT&T and R&D", "&lt;p&gt; caf&eacute;",
        "“Smart quotes” and ‘single’ — dashes – and … ellipsis", "col·lecció, l’home", "«¿Qué?»",
        "x² + y³ = z¹", "½ cup, ¼ tsp", "© 2024 ® ™", "price: £5 — €10 — ¥100", "costs—£5",
        "Dvořák, Škoda, Čapek", "Ærøskøbing, Ørsted", "İstanbul ve Iğdır", "Ñandú, Peña",
        "naïve café résumé", "ÉTÉ, À L’ÉCOLE", "Ǆ ǅ ǆ", "Łódź", "Tĥe Ĉapelo", "ﬁnance ﬂow",
        "Đorđe Đoković", "Ħamrun, Malta", "Þórr and Óðinn", "Ÿ and ÿ", "",
        "plain ASCII text only", "tab\tand\u{2028}line separator", "\u{00A0}nbsp\u{00A0}",
    ]

    /// The pre-check reads ASCII eight bytes at a time: what makes a repair possible must be seen
    /// wherever it falls, and plain text must still pass.
    @Test func preCheckSeesRepairableTextAtEveryOffset() {
        for k in 0..<20 {
            let pad = String(repeating: "z", count: k)
            #expect(MojibakeRepair.mayNeedRepair(pad + "G√ľnther"), "\(k)")
            #expect(MojibakeRepair.mayNeedRepair(pad + "&amp;" + pad), "\(k)")
            #expect(MojibakeRepair.mayNeedRepair(pad + "x&#233;"), "\(k)")
            #expect(!MojibakeRepair.mayNeedRepair(pad + "a && b & c " + pad + "café"), "\(k)")
            #expect(MojibakeRepair.repair(pad + "G√ľnther") == pad + "Günther", "\(k)")
        }
    }

    @Test(arguments: broken)
    func repairsBrokenText(input: String, expected: String) {
        #expect(MojibakeRepair.repair(input) == expected)
    }

    @Test(arguments: clean)
    func leavesCorrectTextAlone(text: String) {
        #expect(MojibakeRepair.repair(text) == nil)
    }

    @Test func tablesAreLargeEnough() {
        #expect(Self.broken.count >= 40)
        #expect(Self.clean.count >= 40)
    }

    @Test func repairIsIdempotent() {
        for (input, _) in Self.broken {
            let once = MojibakeRepair.repair(input) ?? input
            #expect(MojibakeRepair.repair(once) == nil, "\(input)")
        }
    }

    @Test func everyEncodingRoundTripsItsBytes() {
        for encoding in LegacyEncoding.allCases {
            for byte in UInt8.min...UInt8.max {
                #expect(encoding.encode(encoding.decode(byte)) == byte, "\(encoding) \(byte)")
            }
        }
    }

    /// Every letter of several alphabets, UTF-8-encoded and mis-decoded with every charset that
    /// can represent the result, is repaired in the middle of a word.
    @Test func repairsEachAlphabetUnderEachCharset() {
        let words = ["Müller", "Ñandú", "Łódź", "Dvořák", "Ærøskøbing", "Beşiktaş", "crème"]
        for encoding in LegacyEncoding.allCases {
            for word in words {
                let broken = encoding.decode(Array(word.utf8))
                #expect(MojibakeRepair.repair("Das " + broken + " ist") == "Das " + word + " ist",
                        "\(encoding): \(broken)")
            }
        }
    }
}
