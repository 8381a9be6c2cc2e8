import CZstd

/// The one file that touches libzstd: stored-field blocks are compressed with it (level 3,
/// fast to write, ~3–4× on prose, decompression at GB/s for snippets).
enum Zstd {
    static func compress(_ input: [UInt8], level: Int32 = 3) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var out = [UInt8](repeating: 0, count: bound)
        let n = out.withUnsafeMutableBytes { dst in
            input.withUnsafeBytes { src in
                ZSTD_compress(dst.baseAddress, bound, src.baseAddress, src.count, level)
            }
        }
        guard ZSTD_isError(n) == 0 else { return [] }
        out.removeSubrange(n...)
        return out
    }

    /// Decompresses into exactly `size` bytes; nil if the data is damaged.
    static func decompress(_ input: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard size >= 0, size <= 1 << 30 else { return nil }
        // Before allocating `size` bytes, check the frame agrees and the input could expand that
        // far: each ≤128 KiB zstd block costs at least 4 bytes, so damage cannot claim a gigabyte
        // from a few bytes.
        guard ZSTD_getFrameContentSize(input.baseAddress, input.count) == UInt64(size),
              size / (1 << 15) <= input.count else { return nil }
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBytes { dst in
            ZSTD_decompress(dst.baseAddress, size, input.baseAddress, input.count)
        }
        guard ZSTD_isError(n) == 0, n == size else { return nil }
        return out
    }
}
