import Foundation
import SubgenImport

/// libFuzzer entry point: one input read as a JUnit XML report by `JUnitReader`, as `subgen` reads an
/// evidence file. Any result is fine (a document or a `ReadFailure`); a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJUnit(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    _ = JUnitReader.read(data)
    return 0
}
