import Foundation
import SubgenModel

/// An empty folder standing in for the project root, so that attachment paths in the input resolve to nothing.
private let root: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("subgen-fuzz-root-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}()

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
