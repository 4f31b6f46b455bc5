import Foundation
import SubgenImport

/// libFuzzer entry point: one input read as a OpenVEX JSON document by `OpenVEXReader`, as `subgen` reads an
/// evidence file. Any result is fine (a document or a `ReadFailure`); a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpenVEX(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    _ = OpenVEXReader.read(data)
    return 0
}
