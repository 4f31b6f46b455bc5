import Foundation
import Synchronization

/// A well-behaved client fetching a page over and over while misbehaving ones do their worst: how many pages
/// it got, how many it did not, and the slowest answer.
struct NormalTraffic: Sendable {
    var served = 0
    var failed = 0
    var slowest: Duration = .zero

    /// Fetches `/html/index.html` from `port` one request after another for as long as `body` runs.
    static func during(port: Int, _ body: () async throws -> Void) async throws -> NormalTraffic {
        let done = Flag()
        let loop = Task {
            var traffic = NormalTraffic()
            let clock = ContinuousClock()
            while !done.isSet {
                let start = clock.now
                let response = try? await RawHTTP.fetch("/html/index.html", port: port)
                traffic.slowest = max(traffic.slowest, clock.now - start)
                if response?.status == 200 && response?.text.contains("</html>") == true {
                    traffic.served += 1
                } else {
                    traffic.failed += 1
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return traffic
        }
        do {
            try await body()
        } catch {
            done.set()
            _ = await loop.value
            throw error
        }
        done.set()
        return await loop.value
    }

    private final class Flag: Sendable {
        private let value = Atomic(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }
}
