import Mustache

// The view models repeated thousands of times in large tables answer Mustache's lookups directly; other
// values are found through reflection (`Mirror`), which profiling showed to dominate rendering time.
// Each `child(named:)` must list exactly the stored properties the type has. A nil value is answered with
// `false`: to Mustache, nil means "not here", and it would then search every enclosing context by reflection.

extension Fragment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "href": return href.map { $0 as Any } ?? false
        case "code": return code
        case "separator": return separator
        default: return nil
        }
    }
}

extension Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "fragments": return fragments
        case "gap": return gap
        default: return nil
        }
    }
}

extension Column: MustacheParent {
    func child(named name: String) -> Any? {
        name == "title" ? title : nil
    }
}

extension Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "cells": return cells
        case "gap": return gap
        default: return nil
        }
    }
}

extension FieldView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "fragments": return fragments
        default: return nil
        }
    }
}

extension TableView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "caption": return caption
        case "columns": return columns
        case "rows": return rows
        case "emptyText": return emptyText
        case "isEmpty": return isEmpty
        default: return nil
        }
    }
}
