import Foundation
import Testing
@testable import SubgenCore

/// `concurrentMap` and `concurrently`: results in input order whatever the threads do, nested calls included.
@Suite struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 2, 3, 17, 1000])
    func resultsAreInOrder(count: Int) {
        let input = Array(0..<count)
        #expect(input.concurrentMap { $0 * $0 } == input.map { $0 * $0 })
    }

    @Test func unevenWorkStillComesBackInOrder() {
        let input = Array(0..<64)
        let output = input.concurrentMap { value -> String in
            // Early elements take longest, so they finish last.
            Thread.sleep(forTimeInterval: Double(64 - value) / 20_000)
            return "item \(value)"
        }
        #expect(output == input.map { "item \($0)" })
    }

    @Test func everyElementRunsExactlyOnce() {
        let counter = Counter()
        let output = Array(0..<500).concurrentMap { value -> Int in
            counter.increment()
            return value
        }
        #expect(output == Array(0..<500))
        #expect(counter.value == 500)
    }

    @Test func nestedCallsFinish() {
        let output = Array(0..<8).concurrentMap { outer in
            Array(0..<50).concurrentMap { inner in outer * 100 + inner }.reduce(0, +)
        }
        #expect(output == (0..<8).map { outer in (0..<50).reduce(0) { $0 + outer * 100 + $1 } })
    }

    @Test func concurrentlyReturnsBothResults() {
        let (text, number) = concurrently({ String(repeating: "a", count: 3) }, { Array(0..<100).concurrentMap { $0 }.count })
        #expect(text == "aaa")
        #expect(number == 100)
    }

    @Test func columnFindsEveryOccurrenceFromTheCursor() throws {
        let text = try SourceText.decode(Array("[A-1] x [A-1]\r\nab ab\nzzz".utf8)).get()
        #expect(text.column(of: "[A-1]", line: 1) == 1)
        #expect(text.column(of: "[A-1]", line: 1, from: 2) == 9)
        #expect(text.column(of: "[A-1]", line: 1, from: 10) == nil)
        #expect(text.column(of: "ab", line: 2, from: 2) == 4)
        #expect(text.column(of: "abc", line: 2) == nil)
        #expect(text.column(of: "", line: 2) == nil)
        #expect(text.column(of: "z", line: 3, from: 3) == 3)
        #expect(text.column(of: "z", line: 3, from: 4) == nil)
        #expect(text.column(of: "z", line: 4) == nil)
        #expect(text.lineCount == 3)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}
