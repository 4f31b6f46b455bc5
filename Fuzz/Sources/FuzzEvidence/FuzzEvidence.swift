import Foundation
import SubgenEvidence

/// libFuzzer entry point: one input read as an evidence file the way a project load reads it, through
/// `EvidenceLoader.read`: the encoding check, the choice of reader by role and content, the reader, the scan
/// for the lines of refs and IDs, and the diagnostics placed by it. The input is read in each role a record
/// can name a file in (SBOM, VEX, test evidence), as a record naming it in the wrong one would.
/// Diagnostics are fine; a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvidence(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    for role in EvidenceLoader.Role.allCases {
        _ = EvidenceLoader.read(data, path: "evidence/fuzz", as: role)
    }
    return 0
}
