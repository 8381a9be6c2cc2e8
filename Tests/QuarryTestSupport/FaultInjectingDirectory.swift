import Foundation
import Quarry

/// An `IndexDirectory` over a real directory that fails the Nth mutating operation (write,
/// rename or directory sync), to test that every failure point leaves the previous commit
/// readable and lets a later writer recover.
///
/// Faults:
/// - `noSpace`: the operation fails with ENOSPC; a failed write leaves the first half of the
///   file behind (as a full disk does when the cleanup is lost too). Later operations succeed.
/// - `crashBefore`: the process "dies" during the operation: a write leaves half a file, a
///   rename does not happen. Every later operation fails, as if nothing ran any more.
/// - `crashAfter`: the operation completes, then the process dies.
///
/// Reads, maps and listings are passed through (until a crash) and never counted.
public final class FaultInjectingDirectory: IndexDirectory, @unchecked Sendable {
    public enum Fault: Sendable, CaseIterable { case noSpace, crashBefore, crashAfter }
    public enum Operation: String, Sendable { case write, rename, sync }

    public let inner: FSDirectory
    public let failAt: Int?
    public let fault: Fault
    private let state = NSLock()
    private var count = 0
    private var crashed = false
    private var injectedAt: (Operation, String)?

    /// Fails operation number `failAt` (1-based) with `fault`; nil never fails (counts only).
    public init(_ inner: FSDirectory, failAt: Int?, fault: Fault) {
        self.inner = inner
        self.failAt = failAt
        self.fault = fault
    }

    public var path: String { inner.path }

    /// Mutating operations attempted so far.
    public var operations: Int { state.withLock { count } }

    /// The operation the fault hit, if it fired.
    public var injected: (operation: Operation, name: String)? { state.withLock { injectedAt } }

    private enum Decision { case proceed, fail(Fault) }

    private func decide(_ op: Operation, _ name: String) throws(IndexError) -> Decision {
        state.lock()
        defer { state.unlock() }
        if crashed { throw Self.dead(name) }
        count += 1
        guard count == failAt else { return .proceed }
        injectedAt = (op, name)
        if fault != .noSpace { crashed = true }
        return .fail(fault)
    }

    private static func dead(_ name: String) -> IndexError {
        .io(path: name, operation: "simulated crash", errno: EIO, message: "the process has crashed")
    }

    private func checkAlive(_ name: String) throws(IndexError) {
        if state.withLock({ crashed }) { throw Self.dead(name) }
    }

    public func write(_ name: String, _ bytes: [UInt8]) throws(IndexError) {
        switch try decide(.write, name) {
        case .proceed:
            try inner.write(name, bytes)
        case .fail(.crashAfter):
            try inner.write(name, bytes)
            throw Self.dead(name)
        case .fail(let f):
            try inner.write(name, Array(bytes.prefix(bytes.count / 2)))
            if f == .noSpace {
                throw .io(path: name, operation: "write", errno: ENOSPC, message: "No space left on device (injected)")
            }
            throw Self.dead(name)
        }
    }

    public func rename(_ from: String, _ to: String) throws(IndexError) {
        switch try decide(.rename, to) {
        case .proceed:
            try inner.rename(from, to)
        case .fail(.crashAfter):
            try inner.rename(from, to)
            throw Self.dead(to)
        case .fail(.noSpace):
            throw .io(path: to, operation: "rename", errno: ENOSPC, message: "No space left on device (injected)")
        case .fail:
            throw Self.dead(to)
        }
    }

    public func sync() throws(IndexError) {
        switch try decide(.sync, path) {
        case .proceed:
            try inner.sync()
        case .fail(.crashAfter):
            try inner.sync()
            throw Self.dead(path)
        case .fail(.noSpace):
            throw .io(path: path, operation: "fsync directory", errno: EIO, message: "Input/output error (injected)")
        case .fail:
            throw Self.dead(path)
        }
    }

    public func read(_ name: String) throws(IndexError) -> [UInt8] {
        try checkAlive(name)
        return try inner.read(name)
    }

    public func map(_ name: String) throws(IndexError) -> MappedFile {
        try checkAlive(name)
        return try inner.map(name)
    }

    public func list() throws(IndexError) -> [String] {
        try checkAlive(path)
        return try inner.list()
    }

    /// Deletions do nothing after a crash (a dead process removes nothing).
    public func delete(_ name: String) {
        guard !state.withLock({ crashed }) else { return }
        inner.delete(name)
    }

    public func size(_ name: String) -> Int64? { inner.size(name) }

    public func lock() throws(IndexError) -> WriterLock { try inner.lock() }
}
