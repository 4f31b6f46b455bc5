import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program as a child process and measures it: wall time, and the child's own peak resident memory, with a
/// deadline after which the child is killed, so a hang fails a test instead of stopping the run.
///
/// The peak comes from `wait4`'s `ru_maxrss`, with a catch: Linux starts a child's `ru_maxrss` at the peak of the
/// memory it ran in before `exec`, which after `posix_spawn` (or `fork`) is the test process's own (often hundreds
/// of megabytes). So `ru_maxrss` is the child's peak only when it is above the test process's peak; otherwise the
/// child's peak is below that, and the figure used is the high-water mark of the child's own memory (`VmHWM` in
/// `/proc/PID/status`), read every few milliseconds while it runs (at most a few milliseconds short of the end).
public struct ChildProcess {
    /// What a finished (or killed) child did.
    public struct Outcome {
        /// The exit status, or nil when the child did not exit normally.
        public var status: Int32?
        /// The signal that ended the child (SIGKILL when it overran the deadline).
        public var signal: Int32?
        /// True when the child was still running at the deadline and was killed.
        public var timedOut: Bool
        public var seconds: Double
        /// User and system CPU time of the child (both cores count).
        public var cpuSeconds: Double
        /// The child's peak resident set size, in bytes.
        public var peakMemory: Int
        /// Whether `peakMemory` is exact (`ru_maxrss`) rather than the last high-water mark read while it ran.
        public var peakIsExact: Bool
        /// Standard output and standard error, interleaved as written.
        public var output: String

        public var peakMegabytes: Double { Double(peakMemory) / 1_048_576 }

        /// `exit 1 in 0.42 s, 61 MB`, for test messages.
        public var summary: String {
            let ending = timedOut ? "killed at the deadline" : status.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
            let memory = String(format: "%.0f", peakMegabytes) + " MB" + (peakIsExact ? "" : " (sampled)")
            return "\(ending) in \(String(format: "%.2f", seconds)) s (CPU \(String(format: "%.2f", cpuSeconds)) s), \(memory)"
        }
    }

    /// The `subgen` executable SwiftPM builds beside the test bundle.
    public static let subgen = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("subgen").path

    /// Runs `executable` with `arguments`, output going to a file (a pipe could fill up and block the child).
    public static func run(_ executable: String, _ arguments: [String], deadline: Double) throws -> Outcome {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-child-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable): \(spawned)"])
        }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var sampled = 0
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { break }
            sampled = max(sampled, highWaterMark(of: pid))
            if Date().timeIntervalSince(start) > deadline && !timedOut {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        var own = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &own)
        #else
        getrusage(RUSAGE_SELF, &own)
        #endif
        let reported = bytes(usage.ru_maxrss)
        let exact = reported > bytes(own.ru_maxrss)
        return Outcome(
            status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal, timedOut: timedOut,
            seconds: seconds, cpuSeconds: Self.seconds(usage.ru_utime) + Self.seconds(usage.ru_stime),
            peakMemory: exact ? reported : sampled, peakIsExact: exact, output: output)
    }

    private static func seconds(_ time: timeval) -> Double {
        Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }

    /// `ru_maxrss` in bytes (Linux counts kilobytes, macOS bytes).
    private static func bytes(_ maxrss: Int) -> Int {
        #if os(Linux)
        return maxrss * 1024
        #else
        return maxrss
        #endif
    }

    /// The peak resident memory of the running process `pid` so far (`VmHWM`), in bytes; 0 when unknown.
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}
