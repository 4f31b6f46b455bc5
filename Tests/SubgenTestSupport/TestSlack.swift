import Foundation

/// How many times slower and larger than a plain debug build the code under test runs: 1, or the
/// `SUBGEN_TEST_SLACK` environment variable. `scripts/sanitize` sets it, because code built with a
/// sanitizer is several times slower and larger. Time and memory bounds of tests, and the time clients
/// in tests wait for an answer, are multiplied by it; under a slack above 1 they catch hangs and runaway
/// growth, not the finer distinctions they draw in a normal run.
public enum TestSlack {
    public static let factor: Double = {
        guard let text = ProcessInfo.processInfo.environment["SUBGEN_TEST_SLACK"], let value = Double(text), value >= 1
        else { return 1 }
        return value
    }()

    /// `duration` times the slack.
    public static func scaled(_ duration: Duration) -> Duration {
        duration * factor
    }
}
