import Foundation
import SubgenImport

/// libFuzzer entry point: one input read as a SARIF 2.1.0 log by `SARIFReader`, as `subgen` reads an
/// evidence file. Any result is fine (a document or a `ReadFailure`); a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSARIF(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    _ = SARIFReader.read(data)
    return 0
}
