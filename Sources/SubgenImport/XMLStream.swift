import CLibXML2
import Foundation

/// Walks an XML document with libxml2's streaming reader (`xmlTextReader`), element by element.
///
/// Strict: the first error ends the walk (no recovery). Nothing outside the bytes is read (no DTD loading,
/// no network); in text only the predefined entities and character references are resolved (a reference to
/// a declared entity is left out), and libxml2's own limits (nesting depth, name and text lengths, entity
/// amplification in attribute values) apply.
///
/// Foundation's `XMLParser` is not used: on Linux it traps or reads a NULL pointer on inputs libxml2
/// accepts or recovers from (a processing instruction without data, names that are not UTF-8), and leaks
/// on every parse error.
enum XMLStream {
    enum Event {
        /// An element starts, with its attributes (qualified names) and the line its start tag ends on.
        case start(name: String, attributes: [String: String], line: Int)
        case end(name: String)
        /// Character data, CDATA and white space included.
        case text(String)
    }

    /// The first error, as libxml2 reports it.
    struct Failure: Error {
        var message: String
        /// 1-based; 0 when libxml2 does not know.
        var line: Int
        var column: Int
    }

    /// libxml2 is set up once per process before any parse, as it asks of threaded programs.
    private static let initialized: Void = xmlInitParser()

    /// Calls `handle` for each event in document order (an empty element gives a start and an end); returns the
    /// error that stopped the walk, or nil when the document is well-formed.
    static func walk(_ data: Data, _ handle: (Event) -> Void) -> Failure? {
        _ = initialized
        guard data.count <= Int(Int32.max) else {
            return Failure(message: "the file is too large", line: 0, column: 0)
        }
        let errors = FirstError()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
        return data.withUnsafeBytes { raw -> Failure? in
            // libxml2 reads the bytes in place, so the whole walk happens inside this closure.
            guard let start = raw.baseAddress?.assumingMemoryBound(to: CChar.self), !raw.isEmpty else {
                return Failure(message: "the document is empty", line: 1, column: 1)
            }
            guard let reader = xmlReaderForMemory(start, Int32(raw.count), nil, nil, options) else {
                return Failure(message: "the XML parser could not be started", line: 0, column: 0)
            }
            defer { xmlFreeTextReader(reader) }
            xmlTextReaderSetStructuredErrorHandler(reader, FirstError.record, Unmanaged.passUnretained(errors).toOpaque())
            while true {
                let status = xmlTextReaderRead(reader)
                if var first = errors.first {
                    first.column = byteColumn(ofCharacter: first.column, line: first.line, in: raw)
                    return first
                }
                if status == 0 { return nil }
                if status < 0 {
                    return Failure(
                        message: "the XML parser stopped", line: Int(xmlTextReaderGetParserLineNumber(reader)),
                        column: Int(xmlTextReaderGetParserColumnNumber(reader)))
                }
                event(reader, handle)
            }
        }
    }

    /// The event at the reader's current node, if it is one the walk reports.
    private static func event(_ reader: xmlTextReaderPtr, _ handle: (Event) -> Void) {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            let name = string(xmlTextReaderConstName(reader))
            // The node's own line: the parser itself may have read ahead.
            let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
            let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
            var attributes: [String: String] = [:]
            if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
                repeat {
                    attributes[string(xmlTextReaderConstName(reader))] = string(xmlTextReaderConstValue(reader))
                } while xmlTextReaderMoveToNextAttribute(reader) == 1
                xmlTextReaderMoveToElement(reader)
            }
            handle(.start(name: name, attributes: attributes, line: line))
            if isEmpty { handle(.end(name: name)) }
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            handle(.end(name: string(xmlTextReaderConstName(reader))))
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
            Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            handle(.text(string(xmlTextReaderConstValue(reader))))
        default:
            break
        }
    }

    /// The 1-based byte column of the `column`th character of `line` (libxml2 counts characters, subgen bytes);
    /// the characters before it are valid UTF-8, else libxml2 would have stopped there.
    private static func byteColumn(ofCharacter column: Int, line: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        guard line >= 1, column >= 1 else { return column }
        var offset = 0
        for _ in 1..<line {
            guard let newline = bytes[offset...].firstIndex(of: 0x0A) else { return column }
            offset = newline + 1
        }
        let start = offset
        for _ in 1..<column where offset < bytes.count {
            // Skip one character: its lead byte and any continuation bytes.
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
        }
        return offset - start + 1
    }

    /// A string libxml2 owns (valid until the reader moves on), copied; libxml2 hands out UTF-8 only.
    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// Keeps the first error (not warning) libxml2 reports during one walk.
    private final class FirstError {
        var first: Failure?

        static let record: xmlStructuredErrorFunc = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let box = Unmanaged<FirstError>.fromOpaque(context).takeUnretainedValue()
            guard box.first == nil else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "invalid XML"
            box.first = Failure(
                message: message.split(whereSeparator: \.isWhitespace).joined(separator: " "),
                line: Int(error.pointee.line), column: Int(error.pointee.int2))
        }
    }
}
