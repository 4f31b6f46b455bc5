import Foundation
import SubgenModel

/// A project root that does not exist: attachment paths in the input are checked all the same (inside the
/// project or not, written how) and then found missing, so nothing on the machine is ever named or touched.
private let root = URL(fileURLWithPath: "/nonexistent/subgen-fuzz-project")

/// libFuzzer entry point: one input read first as the manifest (`subgen.md`) and then, with the ID prefixes
/// it defines, as a record file, the way `ProjectLoader` reads them: UTF-8 decoding, libcmark, record and page
/// extraction, field validation. Diagnostics are fine; a crash, hang or leak is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecords(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = bytes.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let manifest = ProjectLoader.parseManifest(input, root: root)
    _ = ProjectLoader.parseFile(input, path: "records/fuzz.md", prefixes: manifest.prefixes, root: root)
    return 0
}
