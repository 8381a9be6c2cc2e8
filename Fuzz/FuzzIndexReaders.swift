// libFuzzer target: every index-file reader fed arbitrary bytes. The first byte picks the reader;
// the rest becomes the body of a correctly framed file, so the fuzzer reaches the body parsers
// instead of stopping at the frame (which is fuzzed too, with selector 7). Readers must throw
// `IndexError`, never trap, and never allocate without bound.
@testable import QuarryIndex

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndexReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let selector = data[0] % 8
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    func framed(_ kind: String, _ version: UInt32) -> MappedFile {
        var w = FileEnvelope.begin(kind: kind, version: version)
        w.append(body)
        return MappedFile(bytes: FileEnvelope.finish(w), name: "fuzz.\(kind)")
    }
    do throws(IndexError) {
        switch selector {
        case 0, 1:
            let kind = selector == 0 ? SegmentFormat.termsKind : SegmentFormat.keysKind
            let version = selector == 0 ? SegmentFormat.termsVersion : SegmentFormat.keysVersion
            let dict = try BlockDictionaryReader(file: framed(kind, version), kind: kind, version: version)
            var chain = TermInfoChain()
            try dict.forEach(observing: { (p: ByteReader, first: Bool) throws(IndexError) in
                if selector == 0 { try chain.observe(p, startsBlock: first) }
            }) { (_: [UInt8], _: ByteReader) throws(IndexError) -> Bool in true }
            _ = try dict.lookup(Array("term".utf8))
            try dict.forEach(prefix: [0x61]) { (_: [UInt8], _: ByteReader) throws(IndexError) -> Bool in true }
        case 2:
            let norms = try NormsReader(file: framed(NormsFormat.kind, NormsFormat.version), verifyChecksum: false)
            for d in 0..<min(norms.docCount, 64) { _ = norms.norms(d); _ = norms.fieldLengths.length(d, .body) }
            _ = norms.norms(UInt32.max)
        case 3:
            let stored = try StoredFieldsReader(file: framed(StoredFieldsWriter.kind, StoredFieldsWriter.version),
                                                verifyChecksum: false)
            for d in 0..<min(stored.docCount, 16) { _ = try? stored.document(d) }
        case 4:
            let bitmap = try DeletionBitmap(file: framed(DeletionBitmap.kind, DeletionBitmap.version), verifyChecksum: false)
            _ = bitmap.isDeleted(0); _ = bitmap.isDeleted(UInt32.max)
        case 5:
            _ = try Commit.read(framed(Commit.kind, Commit.version))
        case 6:
            // Postings: the first 12 body bytes are a TermInfo, the rest split into .doc and .pos.
            var head = MappedFile(bytes: body, name: "fuzz.tinfo").reader()
            let info = try TermInfo.decode(&head)
            let rest = Array(body[min(head.offset, body.count)...])
            let half = rest.count / 2
            let doc = MappedFile(bytes: Array(rest[..<half]), name: "fuzz.doc").reader()
            var pos = MappedFile(bytes: Array(rest[half...]), name: "fuzz.pos").reader()
            // The .pos half as a whole positions body when its trailer parses: the layouts
            // (compact counts, jump tables) are read through every path a query takes.
            var layouts: DocumentLayouts? = nil
            if let l = try? DocumentLayouts(positions: pos), let p = try? pos.slice(at: 0, count: l.start) {
                layouts = l
                pos = p
                for d in 0..<UInt32(min(l.docCount, 16)) {
                    _ = l.compactCount(d)
                    _ = try? l.jumps(d)
                    if let layout = l.layout(d) {
                        var map = PositionMap(layout: layout, defaultJump: l.defaultJump)
                        for k in stride(from: 0, to: min(layout.compactCount, 4096), by: 3) { _ = map.position(ofCompact: k) }
                        _ = map.compactPosition(ofToken: min(layout.tokenCount, 300))
                    }
                }
            }
            let cursor = try PostingsCursor(info: info, postings: doc, positions: pos, layouts: layouts)
            // The tail read on its own, as a bag's score bound does before the cursor moves.
            try? cursor.forEachTailPosting { _, _, _, _ in }
            var steps = 0
            var indexes: [UInt32] = []
            while try cursor.next() != PostingsCursor.noMoreDocs, steps < 100_000 {
                _ = cursor.tf(.body); _ = cursor.totalTf
                // Alternately: whole positions, compact positions stopped early (the rest skipped
                // later), the in-place views phrase matching reads, or nothing (skipped with the
                // next decode).
                switch steps % 5 {
                case 0: _ = try cursor.positions()
                case 1: try cursor.compactPositions(into: &indexes, upTo: 40)
                case 2: _ = try cursor.compactPositionView(upTo: 60).reduce(0, &+)
                case 3: _ = try cursor.positionView(upTo: 90).reduce(0, &+)
                default: break
                }
                steps += 1
            }
            // advance(to:) (galloping over block ends, eight ids at a time in a block) mixed with
            // next(), checked against a plain next() scan when that scan reads every document
            // without damage; strides come from the input's last bytes. The selector byte's
            // five free bits (flipped, so that plain 6 mixes both) pick the steps that first try
            // advanceWithinBlock(to:), as ClauseLoop does: an answer must be advance(to:)'s, and
            // nil must leave the cursor where it stood.
            var reference: [UInt32] = []
            let scan = try PostingsCursor(info: info, postings: doc, positions: pos, layouts: layouts)
            var complete = true
            do throws(IndexError) {
                while try scan.next() != PostingsCursor.noMoreDocs {
                    reference.append(scan.doc)
                    if reference.count > 100_000 { complete = false; break }
                }
            } catch { complete = false }
            let again = try PostingsCursor(info: info, postings: doc, positions: pos, layouts: layouts)
            var seed = UInt64(body.count) &* 0x9E37_79B9_7F4A_7C15
            for b in body.suffix(16) { seed = (seed ^ UInt64(b)) &* 0x100_0000_01B3 }
            var target: UInt32 = 0
            var k = -1  // index in `reference` of the cursor's document (count past the end)
            let within = (data[0] >> 3) ^ 0b10101
            for step in 0..<64 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let r = seed >> 33
                let d: UInt32
                if r % 5 == 0 {
                    d = try again.next()
                    k = Swift.min(k + 1, reference.count)
                } else {
                    let stride: UInt32 = [0, 1, 7, 128, 1000, 70_000, UInt32.max / 2, UInt32.max][Int(r >> 8) % 8]
                    target = target > UInt32.max - stride ? UInt32.max : target + stride
                    let before = again.doc
                    if within >> (step % 5) & 1 == 1, let near = again.advanceWithinBlock(to: target) {
                        if again.doc != near { fatalError("advanceWithinBlock(to: \(target)) gave \(near) but stands on \(again.doc)") }
                        d = near
                    } else {
                        if again.doc != before { fatalError("advanceWithinBlock(to: \(target)) answered nil but moved \(before) to \(again.doc)") }
                        d = try again.advance(to: target)
                    }
                    if !(k >= 0 && k < reference.count && reference[k] >= target) {
                        var j = Swift.max(k, 0)
                        while j < reference.count && reference[j] < target { j += 1 }
                        k = j
                    }
                }
                if complete {
                    let want = k < reference.count ? reference[k] : PostingsCursor.noMoreDocs
                    if d != want { fatalError("advance/next gave \(d), a next() scan \(want) (target \(target))") }
                }
                if d == PostingsCursor.noMoreDocs {
                    // Past the end nothing is in the block: an answer here would revive the cursor.
                    if let near = again.advanceWithinBlock(to: 0) { fatalError("advanceWithinBlock gave \(near) past the end") }
                    break
                }
                _ = again.tf(.body); _ = again.totalTf
                if r % 3 == 0 { _ = try? again.compactPositionView(upTo: 50) }
            }
        default:
            // The frame itself: arbitrary bytes as a whole file, checksum verified.
            _ = try FileEnvelope.open(MappedFile(bytes: body, name: "fuzz.raw"), kind: "POST", version: 1, verifyChecksum: true)
        }
    } catch {
        // Throwing is the correct answer to damage.
    }
    return 0
}
