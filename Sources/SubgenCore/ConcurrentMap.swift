import Dispatch
import Foundation

extension Collection where Self: Sendable, Index == Int {
    /// `map(transform)` with the elements spread over the machine's cores; the results are in the
    /// collection's order whatever order they are computed in, so the outcome is the same as `map`'s.
    /// `transform` must not depend on other elements' results (it runs concurrently with itself).
    ///
    /// The calling thread works through the elements itself while helper threads take elements too. The
    /// helpers are threads of their own, not workers of a dispatch queue: a caller that waits for them may be
    /// such a worker itself, and nested calls (an element's work calling `concurrentMap`) must still get cores
    /// rather than wait for a pool whose workers are all waiting.
    public func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element) -> T) -> [T] {
        let count = self.count
        let helpers = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount) - 1
        guard helpers > 0 else { return map(transform) }
        let start = startIndex
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let work = SharedWork(count: count, results: buffer.baseAddress!) { offset in transform(self[start + offset]) }
            for _ in 0..<helpers {
                let thread = Thread { work.run() }
                thread.stackSize = helperStackSize
                thread.start()
            }
            work.run()
            work.waitUntilFinished()
            initialized = count
        }
    }
}

/// The stack of a helper thread: as large as a main thread's usually is, for deeply nested input.
let helperStackSize = 8 << 20

/// Runs `first` and `second` at the same time (on two cores when there are) and returns both results.
/// Like `concurrentMap`, the calling thread never waits for work that has not started.
public func concurrently<A: Sendable, B: Sendable>(
    _ first: @escaping @Sendable () -> A, _ second: @escaping @Sendable () -> B
) -> (A, B) {
    let results = [0, 1].concurrentMap { index in index == 0 ? Either<A, B>.first(first()) : .second(second()) }
    guard case .first(let a) = results[0], case .second(let b) = results[1] else { fatalError("results out of order") }
    return (a, b)
}

/// One of the two results of `concurrently`.
private enum Either<A: Sendable, B: Sendable>: Sendable {
    case first(A)
    case second(B)
}

/// The elements of one `concurrentMap`: handed out one at a time to whichever thread asks, each result written
/// to its own slot. The result slots are only touched between taking an element and finishing it, and the
/// caller returns only once every element is finished, so late helpers (which find nothing left) never touch them.
private final class SharedWork<T>: @unchecked Sendable {
    private let count: Int
    private let results: UnsafeMutablePointer<T>
    private let transform: @Sendable (Int) -> T
    private let lock = NSLock()
    private var next = 0
    private var finished = 0
    private let allFinished = DispatchSemaphore(value: 0)

    init(count: Int, results: UnsafeMutablePointer<T>, transform: @escaping @Sendable (Int) -> T) {
        self.count = count
        self.results = results
        self.transform = transform
    }

    /// Takes and computes elements until none is left.
    func run() {
        while let offset = take() {
            (results + offset).initialize(to: transform(offset))
            lock.lock()
            finished += 1
            let last = finished == count
            lock.unlock()
            if last { allFinished.signal() }
        }
    }

    func waitUntilFinished() {
        allFinished.wait()
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

extension Array {
    /// A copy whose storage holds exactly its elements. `Array(buffer[...])` shares a buffer's storage, spare
    /// capacity included, which keeps that capacity alive and makes the next `removeAll(keepingCapacity:)` of
    /// the buffer allocate anew; copy out of a reused buffer with this instead.
    @inlinable
    public func copiedToExactSize() -> [Element] {
        guard !isEmpty else { return [] }
        return [Element](unsafeUninitializedCapacity: count) { copy, initialized in
            withUnsafeBufferPointer { elements in _ = copy.initialize(fromContentsOf: elements) }
            initialized = count
        }
    }
}
