import QuarryIndex

/// Iterates matching documents of one segment in increasing order and scores them.
///
/// The query → weight → scorer split: a `Weight` holds what is computed once per query (idf,
/// statistics); a scorer is created per segment and walks postings. `advance(to:)` lets
/// conjunctions skip; `cost` (an upper bound on matches) lets them lead with the rarest clause.
protocol Scorer: AnyObject {
    /// Current document, `PostingsCursor.noMoreDocs` when exhausted; undefined before the first `next`.
    var doc: UInt32 { get }
    @discardableResult func next() throws(IndexError) -> UInt32
    /// Moves to the first document ≥ `target`. Contract: when already positioned on a document
    /// ≥ `target`, returns it without moving (conjunctions rely on this).
    @discardableResult func advance(to target: UInt32) throws(IndexError) -> UInt32
    func score() throws(IndexError) -> Double
    var cost: Int { get }
}

let noMoreDocs = PostingsCursor.noMoreDocs
