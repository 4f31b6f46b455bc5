import Foundation
import SubgenRender
import SubgenServe
import SubgenTestSupport
import Testing

/// The suites that run a server and hammer it, one after the other: the load test would otherwise slow down
/// the ones that time their answers.
@Suite(.serialized) struct ServeNetworkTests {}

/// A preview server on a free port for a copy of the Complete fixture, in a folder that also holds secrets the
/// server must never serve: a file beside the project, files inside it that are not package files, and the
/// project's own sources.
struct ServerHarness {
    static let complete = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Complete")

    /// Limits small enough for tests to run into them within a second or two.
    static let testLimits = PreviewLimits(
        idleTimeout: .milliseconds(700), bodyTimeout: .milliseconds(1500), writeTimeout: .milliseconds(700),
        longPoll: .seconds(2), requestTimeout: .seconds(3))

    /// Limits whose timeouts are far beyond `answerBound`, for tests that show the server lets go of clients
    /// that leave without waiting for a timeout to do it.
    static let patientLimits = PreviewLimits(
        idleTimeout: .seconds(30), bodyTimeout: .seconds(30), writeTimeout: .seconds(30), longPoll: .seconds(2))

    /// How long a page may take while these tests run. The time bounds here catch a server that hangs, or one
    /// that waits for a timeout to free it, never one that is merely slow: beside the rest of `swift test` on a
    /// loaded 2-core machine a page that takes milliseconds alone has taken 2.4 s. So each bound is well above
    /// that, and each failure it catches takes well over twice as long (the limits are chosen to make it so).
    static let answerBound = TestSlack.scaled(.seconds(8))

    /// The fixture's SARIF report padded with spaces to `megabytes`: a package file (`/attachments/...`) large
    /// enough that a client reading slowly, or not at all, keeps the server's writes waiting.
    static func largeAttachment(megabytes: Int) throws -> [String: Data] {
        var data = try Data(contentsOf: complete.appendingPathComponent("cppcheck.sarif"))
        data.append(Data(repeating: UInt8(ascii: " "), count: megabytes * 1_048_576 - data.count))
        return ["cppcheck.sarif": data]
    }

    static let largePath = "/attachments/cppcheck.sarif"

    /// Waits up to `limit` for the server to hold no connection (its `activeConnections`); false if it still does.
    func waitUntilIdle(_ limit: Duration = answerBound) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while server.activeConnections > 0 {
            if ContinuousClock.now > deadline { return false }
            try await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// The folder holding `outside-secret.txt` and the project (`project/`).
    let folder: URL
    let project: URL
    let server: PreviewServer
    let task: Task<Void, Error>
    let port: Int
    /// Texts that no response may contain.
    let secrets: [String]

    /// Builds the project (the Complete fixture plus `extra` files) and serves it with `limits`.
    static func start(limits: PreviewLimits = testLimits, extra: [String: Data] = [:]) async throws -> ServerHarness {
        let folder = try TemporaryProject([:], manifest: nil).root
        let project = folder.appendingPathComponent("project")
        let marker = UUID().uuidString
        var secrets = ["OUTSIDE-\(marker)", "INSIDE-\(marker)", "HIDDEN-\(marker)"]
        try Data("OUTSIDE-\(marker)\n".utf8).write(to: folder.appendingPathComponent("outside-secret.txt"))
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        try Data("INSIDE-\(marker)\n".utf8).write(to: project.appendingPathComponent("inside-secret.txt"))
        try Data("HIDDEN-\(marker)\n".utf8).write(to: project.appendingPathComponent(".hidden-secret"))
        for name in try FileManager.default.contentsOfDirectory(atPath: complete.path) {
            let data = try Data(contentsOf: complete.appendingPathComponent(name))
            try data.write(to: project.appendingPathComponent(name))
            // A whole source file never appears in a page (records are rendered, not copied).
            if name.hasSuffix(".md") { secrets.append(String(decoding: data, as: UTF8.self)) }
        }
        for (name, data) in extra { try data.write(to: project.appendingPathComponent(name)) }
        let session = PreviewSession(project: project, renderer: PackageRenderer(generator: "subgen test"))
        let server = try PreviewServer(session: session, port: 0, interval: .milliseconds(100), limits: limits)
        let task = Task { try await server.run() }
        let url = try await server.url()
        for _ in 0..<200 where session.version == 0 { try await Task.sleep(for: .milliseconds(50)) }
        return ServerHarness(
            folder: folder, project: project, server: server, task: task, port: url.port!, secrets: secrets)
    }

    func stop() async {
        task.cancel()
        await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A GET (or `method`) with `Connection: close`, on a thread of its own.
    func get(_ target: String, method: String = "GET") async throws -> RawHTTP.Response {
        try await RawHTTP.fetch(target, method: method, port: port)
    }

    /// Fails the test if `data` holds any of the secrets.
    func expectNoSecret(in data: Data, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = String(decoding: data, as: UTF8.self)
        for secret in secrets where text.contains(secret) {
            Issue.record("\(context): a response holds \(secret.prefix(40).debugDescription)", sourceLocation: sourceLocation)
        }
    }

    /// Fails the test unless a normal page is served within `limit`.
    func expectHealthy(within limit: Duration = answerBound, _ context: String, sourceLocation: SourceLocation = #_sourceLocation)
        async
    {
        let clock = ContinuousClock()
        let start = clock.now
        let response = try? await get("/html/index.html")
        let elapsed = clock.now - start
        #expect(response?.status == 200 && response?.text.contains("</html>") == true,
            "\(context): no page afterwards", sourceLocation: sourceLocation)
        #expect(elapsed < limit, "\(context): the next page took \(elapsed)", sourceLocation: sourceLocation)
    }
}

/// Runs `body` with a started server and stops it afterwards, also when `body` throws.
func withHarness(
    limits: PreviewLimits = ServerHarness.testLimits, extra: [String: Data] = [:],
    _ body: (ServerHarness) async throws -> Void
) async throws {
    let harness = try await ServerHarness.start(limits: limits, extra: extra)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}
