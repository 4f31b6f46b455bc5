import Foundation
import SubgenTestSupport
import Testing
@testable import SubgenModel

/// Every kind with every field, from the AllKinds fixture: parses with no diagnostics and typed values.
@Suite struct KindsAndFieldsTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/AllKinds")

    let result = ProjectLoader().load(KindsAndFieldsTests.fixture)
    var project: Project { result.project! }

    @Test func loadsWithoutDiagnostics() {
        #expect(result.diagnostics.sorted().map(TemporaryProject.describe) == [])
    }

    @Test func everyBuiltInKindIsPresent() {
        let kinds = Set(project.records.map(\.kind))
        #expect(kinds == Set(KindCatalog.all.map(\.name)))
        #expect(project.records.count == 17)
    }

    @Test func everyFieldOfEveryKindIsRecognised() {
        for kind in KindCatalog.all {
            let records = project.records(ofKind: kind.name)
            let used = Set(records.flatMap { $0.fields.map(\.key) })
            #expect(used == Set(kind.fields.map(\.key)), "kind \(kind.name)")
            for record in records {
                for field in record.fields {
                    #expect(field.isKnown)
                    #expect(field.parsed != .invalid, "\(record.id) \(field.name)")
                }
            }
        }
    }

    @Test func choicesAreCanonical() {
        #expect(project.record("ASSET-001")?.value("type") == .choice("Function"))
        #expect(project.record("THR-001")?.value("STRIDE") == .choices(["Spoofing", "Tampering"]))
        #expect(project.record("HAZ-001")?.value("Exploitability") == .choice("High"))
        #expect(project.record("CTRL-001")?.value("Category") == .choice("Firmware and Software Updates"))
        #expect(project.record("TEST-001")?.value("Result") == .choice("Not run"))
        #expect(project.record("VIEW-001")?.value("view") == .choice("Global system"))
        #expect(project.pages.first?.section == "V.A.1")
    }

    @Test func typedValues() {
        #expect(project.record("HAZ-001")?.value("Acceptable") == .flag(true))
        #expect(project.record("ANOM-001")?.value("Security impact") == .flag(false))
        #expect(project.record("TEST-001")?.value("Date") == .date("2024-02-29"))
        #expect(project.record("SWC-001")?.value("End of support") == .noneAnnounced)
        #expect(project.record("LBL-001")?.value("Addresses") == .items(["L3", "L5"]))
        #expect(project.record("PLAN-001")?.value("Element") == .items(["P5"]))
        #expect(project.record("REQ-001")?.value("Verified by") == .references(["TEST-001", "TEST-002"], text: []))
        #expect(
            project.record("THR-001")?.value("Entry points") == .references(["IF-001"], text: ["physical access"]))
        #expect(project.record("ANOM-001")?.value("Assessment") == .text("Display only.; No effect on dosing."))
        #expect(project.record("ANOM-001")?.fields[key: "assessment"]?.items.map(\.text) == [
            "Display only.", "No effect on dosing.",
        ])
    }

    @Test func fileFieldsResolveWithSelectors() {
        guard case .file(let evidence) = project.record("TEST-001")?.value("Evidence") else {
            Issue.record("no evidence")
            return
        }
        #expect(evidence.path == "evidence/results.xml")
        #expect(evidence.selector == "Replay/rejects_old_counter")
        guard case .file(let sbom) = project.record("SBOM-001")?.value("File") else {
            Issue.record("no sbom file")
            return
        }
        #expect(sbom.path == "evidence/firmware.cdx.json")
        #expect(sbom.selector == nil)
    }

    @Test func viewElementsAndFlows() {
        guard case .elements(let elements) = project.record("VIEW-001")?.value("Elements"),
            case .flows(let flows) = project.record("VIEW-001")?.value("Flows")
        else {
            Issue.record("view not parsed")
            return
        }
        #expect(elements.map(\.name) == ["Pump", "Phone app"])
        #expect(elements.map(\.zone) == ["device", "phone"])
        #expect(flows.count == 1)
        let flow = flows[0]
        #expect(flow.from == "Phone app" && flow.to == "Pump" && flow.bidirectional)
        #expect(flow.carries == "commands over IF-001")
        #expect(flow.protocolName == "BLE" && flow.authentication == "pairing key" && flow.encryption == "AES-CCM")
        #expect(flow.step == 3)
        #expect(flow.references == ["IF-001", "CTRL-001"])
    }

    @Test func customPrefixesMapToKinds() {
        #expect(project.manifest.customPrefixes == ["HAZ": "risk", "SWC": "component"])
        #expect(project.record("HAZ-001")?.kind == "risk")
        #expect(project.record("SWC-001")?.kind == "component")
    }

    @Test func manifestValues() {
        let manifest = project.manifest
        #expect(manifest.title == "All Kinds Package")
        #expect(manifest.device == "Test Pump TP-1")
        #expect(manifest.manufacturer == "Example Medical, Inc.")
        #expect(manifest.submissionType == "De Novo")
        #expect(manifest.softwareVersion == "1.0.0")
        #expect(manifest.isCyberDevice)
        #expect(manifest.date == "2026-11-01")
        #expect(manifest.narrative.count == 1)
    }

    @Test func backlinksCollectEveryReferringPlace() {
        let sources = (project.backlinks["CTRL-001"] ?? []).map(\.source)
        #expect(Set(sources) == ["IF-001", "THR-001", "HAZ-001", "REQ-001", "FIND-001", "VULN-001", "VIEW-001"])
        #expect(project.backlinks["THR-001"]?.map(\.source) == ["page.md", "HAZ-001", "TEST-001", "VIEW-001"])
        #expect(project.backlinks["THR-001"]?.first?.context == .narrative)
    }
}
