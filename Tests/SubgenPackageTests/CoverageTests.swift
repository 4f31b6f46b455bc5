import Foundation
import SubgenCore
import SubgenModel
import SubgenPackage
import SubgenTestSupport
import Testing

/// Every coverage check of guidance-map.md section 4, each starting from a project with no findings.
@Suite struct CoverageTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/Complete")

    /// The Complete fixture's files, with `edits` applied: path -> (old, new) replacements, or whole new files.
    static func project(replacing edits: [String: [(String, String)]] = [:], adding extra: [String: String] = [:])
        throws -> TemporaryProject
    {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: fixture.path) {
            files[name] = try String(contentsOf: fixture.appendingPathComponent(name), encoding: .utf8)
        }
        for (path, replacements) in edits {
            for (old, new) in replacements {
                let text = files[path] ?? ""
                precondition(text.contains(old), "\(path) has no '\(old)'")
                files[path] = text.replacingOccurrences(of: old, with: new)
            }
        }
        files.merge(extra) { _, new in new }
        return try TemporaryProject(files, manifest: nil)
    }

    /// `file:line:column: id` of every coverage finding.
    static func findings(_ project: TemporaryProject) -> [String] {
        guard let loaded = project.load().project else { return ["no project"] }
        return PackageAnalysis.withEvidence(loaded, root: project.root).analysis.findings.map { finding in
            let location = finding.diagnostic.location
            return "\(location.file):\(location.line):\(location.column): \(finding.diagnostic.id)"
        }
    }

    static func expectOnly(
        _ ids: [String], replacing edits: [String: [(String, String)]] = [:], adding extra: [String: String] = [:],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let found = findings(try project(replacing: edits, adding: extra))
        #expect(found.map { $0.split(separator: " ").last.map(String.init) ?? "" } == ids, sourceLocation: sourceLocation)
    }

    @Test func completeProjectHasNoFindings() throws {
        let project = try Self.project()
        #expect(project.diagnostics() == [])
        #expect(Self.findings(project) == [])
    }

    @Test func threatWithoutRisk() throws {
        let found = Self.findings(try Self.project(replacing: ["threats.md": [("- Threats: THR-001, THR-002", "- Threats: THR-001")]]))
        #expect(found == ["threats.md:20:4: threat-without-risk"])
    }

    @Test func threatWithoutControlIsReportedBesideTheWrongReference() throws {
        let project = try Self.project(replacing: [
            "threats.md": [("- Mitigated by: CTRL-005, CTRL-006, CTRL-007, CTRL-008", "- Mitigated by: ASSET-001")]
        ])
        let found = Self.findings(project)
        #expect(found.contains("threats.md:20:4: threat-without-control"))
        #expect(project.diagnostics().contains { $0.hasPrefix("threats.md:24:17: error:") })
    }

    @Test func controlWithoutThreatOrRisk() throws {
        try Self.expectOnly(
            ["control-without-threat"],
            adding: ["extra.md": "## CTRL-009: Orphan\n\n- Category: Authentication\n- Requirements: REQ-001\n"])
    }

    static let safeModeControl = "## CTRL-007: Safe mode\n\n- Category: Resiliency and Recovery\n- Requirements: REQ-001"
    static let safeModeControlAlone = "## CTRL-007: Safe mode\n\n- Category: Resiliency and Recovery"

    @Test func controlWithoutRequirementOrTest() throws {
        try Self.expectOnly(
            ["control-without-requirement"],
            replacing: ["controls.md": [(Self.safeModeControl, Self.safeModeControlAlone)]])
    }

    @Test func controlTestedDirectlyNeedsNoRequirement() throws {
        try Self.expectOnly(
            [],
            replacing: [
                "controls.md": [(Self.safeModeControl, Self.safeModeControlAlone)],
                "tests.md": [("- Verifies: IF-001\n- Type: Closed box", "- Verifies: IF-001, CTRL-007\n- Type: Closed box")],
            ])
    }

    @Test func requirementWithoutTest() throws {
        try Self.expectOnly(
            ["requirement-without-test"],
            adding: ["extra.md": "## REQ-002: Untested\n\n- Controls: CTRL-001\n- Verified by: FIND-001\n"])
    }

    @Test func testWithoutResultAndFailedTest() throws {
        try Self.expectOnly(
            ["test-without-result", "test-failed"],
            replacing: ["tests.md": [
                ("- Type: Fuzz\n- Result: Pass", "- Type: Fuzz"),
                ("- Type: Attack surface\n- Result: Pass", "- Type: Attack surface\n- Result: Fail"),
            ]])
    }

    @Test func riskNotAcceptable() throws {
        try Self.expectOnly(["risk-not-acceptable"], replacing: ["threats.md": [("- Acceptable: yes", "- Acceptable: no")]])
    }

    @Test func componentWithoutIdentifierAndPastEndOfSupport() throws {
        let found = Self.findings(
            try Self.project(replacing: [
                "components.md": [
                    ("- PURL: pkg:generic/zlib@1.3.1\n", ""),
                    ("- End of support: none announced", "- End of support: 2026-11-01"),
                ],
                // Else the record would get its PURL from the SBOM file's zlib, which has the same name and version.
                "sbom.cdx.json": [(#""purl": "pkg:generic/zlib@1.3.1","#, "")],
            ]))
        #expect(found == ["components.md:9:4: component-incomplete", "components.md:16:19: end-of-support-passed"])
    }

    // MARK: Architecture views

    @Test func crossBoundaryFlowWithoutProtection() throws {
        let found = Self.findings(
            try Self.project(replacing: ["views.md": [("    - Authentication: LE Secure Connections bonding\n", "")]]))
        #expect(found == ["views.md:10:5: flow-unprotected"])
        // The same flow inside one zone needs nothing.
        try Self.expectOnly(
            [],
            replacing: ["views.md": [
                ("    - Authentication: LE Secure Connections bonding\n", ""), ("  - Phone (phone)", "  - Phone (device)"),
            ]])
    }

    @Test func interfaceInNoFlow() throws {
        let project = try Self.project(adding: ["more.md": "## IF-002: Service port\n\n- Protocol: UART\n"])
        #expect(Self.findings(project) == ["more.md:1:4: interface-without-flow"])
    }

    // MARK: Evidence

    @Test func sbomWithoutAuthorAndTimestamp() throws {
        let found = Self.findings(
            try Self.project(replacing: [
                "sbom.cdx.json": [
                    (#""timestamp": "2026-10-20T08:00:00Z","#, ""),
                    (#""authors": [{"name": "Pump Firmware Team", "email": "firmware@example.com"}],"#, ""),
                ]
            ]))
        #expect(found == ["sbom.cdx.json:1:1: sbom-incomplete"])
    }

    @Test func sbomListingNothing() throws {
        let project = try Self.project(adding: [
            "more.md": "## SBOM-002: Bootloader\n\n- File: empty.cdx.json\n",
            "empty.cdx.json": #"{"bomFormat": "CycloneDX", "specVersion": "1.6", "metadata": {"timestamp": "2026-01-01T00:00:00Z", "authors": [{"name": "a"}]}}"#,
        ])
        #expect(Self.findings(project) == ["empty.cdx.json:1:1: evidence-empty"])
    }

    @Test func fileComponentWithoutSupportOrNTIAElements() throws {
        let sbom = try String(contentsOf: Self.fixture.appendingPathComponent("sbom.cdx.json"), encoding: .utf8)
        let line = TemporaryProject.position(of: #""bom-ref": "mbedtls""#, in: sbom).line
        let found = Self.findings(
            try Self.project(replacing: [
                "sbom.cdx.json": [
                    (#"{"name": "subgen:support:level", "value": "Maintained"},"#, ""),
                    (#""supplier": {"name": "Trusted Firmware"},"#, ""),
                ]
            ]))
        #expect(found == ["sbom.cdx.json:\(line):1: component-incomplete", "sbom.cdx.json:\(line):1: component-without-support"])
    }

    @Test func vexStatementsNoRecordAssesses() throws {
        try Self.expectOnly(
            ["vulnerability-unassessed"],
            replacing: ["sbom.openvex.json": [
                (#""status": "not_affected","#, #""status": "affected", "action_statement": "Update to 3.6.3","#)
            ]])
        try Self.expectOnly(
            ["vulnerability-under-investigation"],
            replacing: ["sbom.openvex.json": [(#""status": "not_affected","#, #""status": "under_investigation","#)]])
    }

    @Test func failureInEvidenceFailsATestWithoutResult() throws {
        // Without its suppression the SARIF error is open, so TEST-008 (no Result) failed.
        try Self.expectOnly(
            ["test-failed"],
            replacing: ["cppcheck.sarif": [
                (#""suppressions": [{"kind": "inSource", "status": "accepted", "justification": "cfg is checked by the caller"}]"#, #""properties": {}"#)
            ]])
    }

    @Test func endOfSupportAfterThePackageDateIsFine() throws {
        try Self.expectOnly(
            [], replacing: ["components.md": [("- End of support: none announced", "- End of support: 2026-11-02")]])
    }

    @Test func vulnerabilityUnderInvestigationAndExploitableWithoutControl() throws {
        try Self.expectOnly(
            ["vulnerability-under-investigation", "exploitable-without-control"],
            replacing: ["components.md": [
                ("- Exploitable: no\n- Status: Not affected", "- Exploitable: yes\n- Status: Under investigation")
            ]])
    }

    @Test func penetrationTestMustStateIndependenceScopeDurationAndMethods() throws {
        let project = try Self.project(replacing: ["tests.md": [
            ("- Independent: yes\n- Scope: pump and app\n- Duration: 10 days\n- Methods: BLE fuzzing, API testing\n", "- Independent: no\n")
        ]])
        let analysis = PackageAnalysis.withEvidence(try #require(project.load().project), root: project.root).analysis
        #expect(analysis.findings.map(\.diagnostic.id) == ["penetration-test-incomplete"])
        #expect(
            analysis.findings.first?.message
                == "penetration test TEST-010 does not state tester independence ('Independent: yes'), 'Scope', 'Duration' and 'Methods'")
    }

    @Test func emptySectionsAreReportedAtTheManifest() throws {
        let found = Self.findings(
            try Self.project(replacing: [
                "components.md": [("## ANOM-001: Log timestamp drift\n\n- Security impact: no\n- CWE: CWE-682\n- Assessment: Drift below one second does not affect security.\n", "")]
            ]))
        #expect(found == ["subgen.md:1:3: section-empty", "subgen.md:1:3: anomalies-not-stated"])
    }

    @Test func anomalyStatementPageCountsAsContent() throws {
        try Self.expectOnly(
            [],
            replacing: ["components.md": [("## ANOM-001: Log timestamp drift\n\n- Security impact: no\n- CWE: CWE-682\n- Assessment: Drift below one second does not affect security.\n", "")]],
            adding: ["anomalies.md": "# Unresolved anomalies\n\n- Section: V.A.5\n\nThere are no unresolved anomalies.\n"])
    }

    @Test func missingViewUnlessAPageExplainsIt() throws {
        let without = ["views.md": [("## VIEW-002: Multi-patient harm\n\n- View: Multi-patient harm\n", "")]]
        try Self.expectOnly(["view-missing"], replacing: without)
        try Self.expectOnly(
            [], replacing: without,
            adding: ["v.md": "# Omitted views\n\n- Section: V.B.2\n\nNo multi-patient harm view: the pump never talks to other pumps.\n"])
    }

    @Test func categoryWithoutControl() throws {
        try Self.expectOnly(
            ["category-without-control"],
            replacing: ["controls.md": [("- Category: Resiliency and Recovery", "- Category: Authentication")]])
    }

    @Test func labelingItemAndPlanElementNotAddressed() throws {
        try Self.expectOnly(
            ["labeling-item-missing", "plan-element-missing"],
            replacing: [
                "labeling.md": [("- Addresses: L13\n", "- Addresses: L12\n")],
                "plan.md": [("- Element: P9\n", "- Element: P1\n")],
            ])
    }

    @Test func cyberDevicesNeedBothPatchCyclesAndDisclosure() throws {
        let project = try Self.project(replacing: [
            "plan.md": [("- Out of cycle: within 30 days for critical\n", ""), ("- Element: P8\n", "- Element: P1\n")]
        ])
        let analysis = PackageAnalysis.withEvidence(try #require(project.load().project), root: project.root).analysis
        #expect(analysis.findings.map(\.diagnostic.id) == ["plan-element-missing", "patch-cycles-missing"])
        #expect(analysis.findings[0].message.contains("P8 (Coordinated vulnerability disclosure)"))
        #expect(analysis.findings[0].message.contains("524B"))
        #expect(analysis.findings[1].message.hasSuffix("missing 'Out of cycle'"))
    }

    @Test func patchCyclesAreNotRequiredOfOtherDevices() throws {
        try Self.expectOnly(
            [],
            replacing: [
                "subgen.md": [("- Cyber device: yes", "- Cyber device: no")],
                "plan.md": [("- Out of cycle: within 30 days for critical\n", "")],
            ])
    }

    @Test func testTypeWithoutTest() throws {
        try Self.expectOnly(
            ["test-type-missing"], replacing: ["tests.md": [("- Type: Vulnerability chaining", "- Type: Fuzz")]])
    }

    @Test func metricMissingUnlessJustified() throws {
        let without = ["components.md": [("- Metric: M3\n", "- Metric: uptime\n")]]
        try Self.expectOnly(["metric-missing"], replacing: without)
        try Self.expectOnly(
            [], replacing: without,
            adding: ["metrics.md": "# Metrics\n\n- Section: V.A.6\n\nDeployment time is not measured yet because ...\n"])
    }

    @Test func metricNamesAreRecognized() {
        #expect(Guidance.metric(named: "M2") == "M2")
        #expect(Guidance.metric(named: "m1: patched share") == "M1")
        #expect(Guidance.metric(named: "M12 something") == nil)
        #expect(Guidance.metric(named: "Percentage of vulnerabilities patched") == "M1")
        #expect(Guidance.metric(named: "Time from identification to patch") == "M2")
        #expect(Guidance.metric(named: "Time from patch release to deployment") == "M3")
        #expect(Guidance.metric(named: "Uptime") == nil)
    }

    @Test func sectionStatuses() throws {
        let completeProject = try Self.project()
        let complete = PackageAnalysis.withEvidence(try #require(completeProject.load().project), root: completeProject.root).analysis
        #expect(complete.chapters.map(\.number) == ["0", "1", "2", "3", "4", "5", "6", "7", "A"])
        #expect(complete.chapters.allSatisfy { complete.status(of: $0) == .complete })

        let gapsProject = try Self.project(replacing: [
            "subgen.md": [("- Cyber device: yes", "- Cyber device: no")],
            "threats.md": [("- Acceptable: yes", "- Acceptable: no")],
        ])
        let gaps = PackageAnalysis.withEvidence(try #require(gapsProject.load().project), root: gapsProject.root).analysis
        #expect(!gaps.chapters.map(\.number).contains("7"))
        let risk = try #require(PackageOutline.section("1.2"))
        #expect(gaps.status(of: risk) == .gaps)
        #expect(gaps.status(of: try #require(PackageOutline.section("1"))) == .gaps)
        #expect(gaps.status(of: try #require(PackageOutline.section("1.1"))) == .complete)
    }

    @Test func missingStatusForEmptySection() throws {
        let project = try TemporaryProject([:])
        let analysis = PackageAnalysis.withEvidence(try #require(project.load().project), root: project.root).analysis
        #expect(analysis.status(of: try #require(PackageOutline.section("1.4"))) == .missing)
        #expect(analysis.status(of: try #require(PackageOutline.section("1"))) == .missing)
        #expect(analysis.status(of: try #require(PackageOutline.section("0"))) == .complete)
    }
}
