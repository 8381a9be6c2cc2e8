/// Per-language stopword lists (en, de, fr, es, pl, nl, it, pt), in folded form.
///
/// Stopwords stay in the index with their positions (so `"parents and families"` matches
/// exactly); bag-of-words ranking may skip them. The lists are the classic function words —
/// articles, pronouns, auxiliaries, prepositions, conjunctions — written without diacritics,
/// because the default analyzer folds them away. Lookup is one Set probe.
public enum Stopwords {
    /// Whether `word` (case-folded; diacritics are folded here if present) is a stopword in `language`.
    /// Cost: one hash lookup; words containing non-ASCII letters are folded first (slow path).
    public static func isStopword(_ word: String, language: Language) -> Bool {
        guard let list = lists[language.code] else { return false }
        if list.contains(word) { return true }
        if word.utf8.contains(where: { $0 >= 0x80 }) {
            return list.contains(Folding.fold(word, foldDiacritics: true))
        }
        return false
    }

    /// The languages that have a list.
    public static var languages: [Language] { lists.keys.sorted().compactMap { Language(tag: $0) } }

    static let lists: [String: Set<String>] = [
        "en": words("""
            a about above after again against all am an and any are as at be because been before being \
            below between both but by can could did do does doing down during each few for from further \
            had has have having he her here hers herself him himself his how i if in into is it its itself \
            just me more most my myself no nor not now of off on once only or other our ours ourselves out \
            over own same she should so some such than that the their theirs them themselves then there \
            these they this those through to too under until up very was we were what when where which \
            while who whom why will with would you your yours yourself yourselves
            """),
        "de": words("""
            aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes \
            auch auf aus bei bin bis bist da damit dann das dass dein deine dem den denn der des dich die \
            dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines \
            er es etwas euch euer eure fur gegen gewesen hab habe haben hat hatte hatten hier hin hinter \
            ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder \
            jedes jene jetzt kann kein keine konnen man manche mein meine mich mir mit muss nach nicht \
            nichts noch nun nur ob oder ohne sehr sein seine sich sie sind so solche soll sondern uber um \
            und uns unser unter viel vom von vor war waren warst was weil welche wenn wer werde werden wie \
            wieder will wir wird wo wollen zu zum zur zwar zwischen
            """),
        "fr": words("""
            a ai aie ait au aux avait avec avez avons c ce ceci cela ces cet cette d dans de des du elle \
            elles en es est et etaient etait ete etre eu eux il ils j je l la le les leur leurs lui m ma \
            mais me meme mes moi mon n ne nos notre nous on ont ou par pas peu plus pour qu que quel quelle \
            qui s sa sans se ses si son sont sous sur t ta te tes toi ton tous tout tu un une vos votre vous y
            """),
        "es": words("""
            a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella \
            ellas ellos en entre era eran es esa esas ese eso esos esta estaba estado estan estar este esto \
            estos fue fueron ha haber habia han hasta hay la las le les lo los mas me mi mis mucho muy nada \
            ni no nos nosotros o os otra otro para pero poco por porque que quien se sea ser si sido sin \
            sobre su sus tambien tiene tienen todo todos tu tus un una uno unos y ya yo
            """),
        "pl": words("""
            a aby ale albo az bardzo bez bo byc byl byla byli bylo by dla do dwa gdy gdzie go i ich ile im \
            ja jak jako je jego jej jest jestem jeszcze jesli juz ku lub ma mi mnie moze mu my na nad nam \
            nas nawet nic nie niej nim o od oraz po pod przed przez przy sa sie sobie ta tak take tam te \
            tego tej ten to tu ty tylko u w we wiec wszystko z za ze zeby
            """),
        "nl": words("""
            aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een \
            eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in \
            is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat \
            onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat \
            werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
            """),
        "it": words("""
            a ad agli ai al alla alle allo anche avere aveva c che chi ci come con contro cui da dagli dai \
            dal dalla dalle degli dei del della delle dello di dove e ed era erano essere fa gli ha hanno \
            i il in io la le lei li lo loro lui ma me mi mia mio ne negli nei nel nella nelle noi non nostro \
            o per perche piu quale quando quella quello questa questo se sei si sia siamo sono su sua sue \
            sugli sui sul sulla suo te ti tra tu tutti tutto un una uno vi voi
            """),
        "pt": words("""
            a ao aos as ate com como da das de dela dele deles do dos e ela elas ele eles em entre era essa \
            esse esta este eu foi for foram ha isso isto ja lhe mais mas me mesmo meu minha muito na nao nas \
            nem no nos nossa nosso num numa o os ou para pela pelo por quando que quem se sem ser seu sua \
            suas seus so tambem te tem tu um uma voce voces
            """),
    ]

    private static func words(_ list: String) -> Set<String> {
        Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}
