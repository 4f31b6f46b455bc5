import Foundation
import SubgenRender
import SubgenServe
import SubgenTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `subgen serve` over real sockets: pages, rebuild and reload signal, error overlay, traversal attempts,
/// concurrent and misbehaving clients.
@Suite(.serialized) struct PreviewServerTests {
    static let complete = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/Complete")

    /// A record with an unresolved reference at line 3, column 11.
    static let broken = "## THR-099: Broken\n\n- Assets: ASSET-404\n- Mitigated by: CTRL-001\n"

    /// A running server on a free port for a copy of the Complete fixture.
    struct Running {
        let project: TemporaryProject
        let server: PreviewServer
        let task: Task<Void, Error>
        let port: Int

        func get(_ target: String, method: String = "GET") async throws -> RawHTTP.Response {
            try await RawHTTP.fetch(target, method: method, port: port)
        }

        func stop() async {
            task.cancel()
            await server.stop()
        }
    }

    func start(broken: Bool = false) async throws -> Running {
        let project = try TemporaryProject([:], manifest: nil)
        if broken { try project.write("broken.md", Data(Self.broken.utf8)) }
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.complete.path) {
            try project.write(name, try Data(contentsOf: Self.complete.appendingPathComponent(name)))
        }
        let session = PreviewSession(project: project.root, renderer: PackageRenderer(generator: "subgen test"))
        let server = try PreviewServer(session: session, port: 0, interval: .milliseconds(50))
        let task = Task { try await server.run() }
        let url = try await server.url()
        // The first build finishes before pages are served.
        for _ in 0..<100 where session.version == 0 { try await Task.sleep(for: .milliseconds(50)) }
        return Running(project: project, server: server, task: task, port: url.port!)
    }

    /// Runs `body` with a started server and stops it afterwards, also when `body` throws.
    func withServer(broken: Bool = false, _ body: (Running) async throws -> Void) async throws {
        let running = try await start(broken: broken)
        do {
            try await body(running)
        } catch {
            await running.stop()
            throw error
        }
        await running.stop()
    }

    /// Waits until the build version passes `version` (the reload signal pages poll for).
    func waitForVersion(after version: Int, _ running: Running) async throws -> Int {
        let answer = try await running.get("/__subgen/version?since=\(version)")
        return Int(answer.text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func pagesHaveTheirTypesAndTheReloadScript() async throws {
        try await withServer { running in
            let index = try await running.get("/html/index.html")
            #expect(index.status == 200 && index.headers["content-type"] == "text/html; charset=utf-8")
            #expect(index.text.contains("/__subgen/version?since=") && !index.text.contains("subgen-overlay"))
            #expect(index.headers["x-content-type-options"] == "nosniff")
            #expect(try await running.get("/").headers["location"] == "/html/index.html")
            #expect(try await running.get("/html/style.css").headers["content-type"] == "text/css; charset=utf-8")
            #expect(try await running.get("/views/VIEW-001.svg").headers["content-type"] == "image/svg+xml")
            #expect(try await running.get("/markdown/README.md").headers["content-type"] == "text/markdown; charset=utf-8")
            let head = try await running.get("/html/index.html", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty && Int(head.headers["content-length"] ?? "") ?? 0 > 1000)
            #expect(try await running.get("/html/index.html", method: "POST").status == 405)
            #expect(try await running.get("/html/missing.html").status == 404)
        }
    }

    @Test func anEditRebuildsAndSignalsOpenPages() async throws {
        try await withServer { running in
            let version = Int(try await running.get("/__subgen/version").text.trimmingCharacters(in: .newlines)) ?? -1
            let threats = running.project.root.appendingPathComponent("threats.md")
            let text = try String(contentsOf: threats, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "## THR-001: ", with: "## THR-001: Edited ").utf8).write(to: threats)
            let clock = ContinuousClock()
            var next = 0
            let start = clock.now
                next = try await waitForVersion(after: version, running)
                let elapsed = clock.now - start
            #expect(next == version + 1)
            #expect(elapsed < .seconds(10))
            #expect(try await running.get("/html/01-risk-management.html").text.contains("Edited "))
        }
    }

    @Test func errorsAreShownOverTheLastGoodPackage() async throws {
        try await withServer { running in
            let version = Int(try await running.get("/__subgen/version").text.trimmingCharacters(in: .newlines)) ?? -1
            try running.project.write("broken.md", Data(Self.broken.utf8))
            let failed = try await waitForVersion(after: version, running)
            let page = try await running.get("/html/01-risk-management.html")
            #expect(page.status == 200)
            #expect(page.text.contains("subgen-overlay") && page.text.contains("broken.md:3:11"))
            #expect(!page.text.contains("THR-099"))   // the last good package, not the broken one
            try FileManager.default.removeItem(at: running.project.root.appendingPathComponent("broken.md"))
            _ = try await waitForVersion(after: failed, running)
            #expect(!(try await running.get("/html/01-risk-management.html").text.contains("subgen-overlay")))
        }
    }

    @Test func theOverlayShowsInvisibleCharactersAsSubgenCheckPrintsThem() async throws {
        try await withServer { running in
            let version = Int(try await running.get("/__subgen/version").text.trimmingCharacters(in: .newlines)) ?? -1
            // A right-to-left override inside a reference: the message quotes it.
            try running.project.write("broken.md", Data("## THR-099: Broken\n\n- Assets: ASSET-404\u{202E}-x\n".utf8))
            _ = try await waitForVersion(after: version, running)
            let page = try await running.get("/html/index.html").text
            #expect(page.contains("<code>broken.md:3:20</code> 'ASSET-404&lt;U+202E&gt;-x' looks like"))
            #expect(!page.contains("\u{202E}"))
        }
    }

    @Test func aProjectThatNeverBuiltShowsItsErrors() async throws {
        try await withServer(broken: true) { running in
            let page = try await running.get("/html/index.html")
            #expect(page.status == 503 && page.text.contains("subgen-overlay") && page.text.contains("broken.md:3:11"))
            let version = Int(try await running.get("/__subgen/version").text.trimmingCharacters(in: .newlines)) ?? -1
            try FileManager.default.removeItem(at: running.project.root.appendingPathComponent("broken.md"))
            _ = try await waitForVersion(after: version, running)
            #expect(try await running.get("/html/index.html").status == 200)
        }
    }

    @Test func nothingOutsideThePackageIsServed() async throws {
        try await withServer { running in
            // The package is in memory: a request can name only its files, never one on disk.
            let attempts = [
                "/../subgen.md", "/html/../../subgen.md", "/%2e%2e/subgen.md", "/html/%2e%2e%2f%2e%2e%2fsubgen.md",
                "/html/..%2F..%2Fsubgen.md", "//etc/passwd", "/%2Fetc%2Fpasswd", "/html/..\\..\\subgen.md",
                "/html/%5c..%5c..%5csubgen.md", "/html/index.html%00.txt", "/html/./index.html", "/html/", "/html",
                "/html/leak.md", "/..", "/%", "http://127.0.0.1/../subgen.md", "/" + String(repeating: "a/", count: 2000),
            ]
            for attempt in attempts {
                let response = try await running.get(attempt)
                #expect([400, 404].contains(response.status), "\(attempt) -> \(response.status)")
                #expect(!response.text.contains("Cyber device"), "\(attempt) leaked the manifest")
            }
            #expect(try await running.get("/html/index.html").status == 200)
        }
    }

    @Test func manyClientsAndAbruptDisconnects() async throws {
        try await withServer { running in
            let port = running.port
            // Clients that send half a request, or nothing, and go away.
            for index in 0..<30 {
                let descriptor = try RawHTTP.connect(port: port)
                if index % 2 == 0 { _ = "GET /html/index.html HTTP/1.1\r\nHo".withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }
                close(descriptor)
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<100 {
                    group.addTask {
                        let target = index % 3 == 0 ? "/html/03-architecture.html" : "/html/index.html"
                        return try await RawHTTP.fetch(target, port: port).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.count == 100 && statuses.allSatisfy { $0 == 200 })
            #expect(try await running.get("/html/index.html").status == 200)
        }
    }
}
