/// Word pairs indexed as terms of their own, so that exact phrases of common words stay cheap.
///
/// A phrase such as `"to the kernel"` is verified by reading positions, and the positions of
/// "to" and "the" fill most of every page they occur in: before word pairs, the slowest phrase
/// queries spent most of their time decoding the positions of words that are in nearly every
/// document. So, as Lucene's and Solr's CommonGrams filters do, two adjacent words of which at
/// least one is *common* are also indexed as one pair term at the first word's position
/// ("to the", "the kernel"). A phrase is then matched on its pairs (and on the words no pair
/// covers): "the kernel" occurs a few times per page where "the" occurs hundreds of times.
///
/// Scoring does not change: a phrase's frequency is the same whichever terms verify it, and its
/// idf stays the sum of its words' idfs. Sloppy phrases (`~N`) and bags of words never use pairs.
///
/// The common terms are the terms of every stopword list (each word analyzed in its own
/// language), one set for the whole index: whether a pair is indexed then depends on the two
/// terms alone, never on a document's language, so a query finds the same documents through
/// pairs as through positions.
public enum CommonGrams {
    /// The term that stands for the pair (`first`, `second`): it starts with a control
    /// character, which no analyzed word contains, so no word's term can collide with it, and
    /// pairs sort before every word in a dictionary, away from prefix scans.
    public static func term(_ first: String, _ second: String) -> String {
        "\u{1E}" + first + "\u{1E}" + second
    }

    /// Whether `term` is a pair term (see `term(_:_:)`).
    public static func isPair(_ term: String) -> Bool { term.utf8.first == 0x1E }
}
