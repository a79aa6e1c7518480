internal import GNSModel

/// The edits that turn one set of exports into another: whole exports to add or replace, and
/// services to remove, each sorted by service.
struct ExportDelta: Hashable, Sendable {
    var upsert: [ServiceExport]
    var remove: [ServiceKey]

    /// The edits from `old` to `new`: every export of `new` that `old` lacks or holds otherwise,
    /// and every service of `old` that `new` lacks.
    init(from old: [ServiceKey: ServiceExport], to new: [ServiceKey: ServiceExport]) {
        upsert = new.values.filter { old[$0.key] != $0 }.sorted { $0.key < $1.key }
        remove = old.keys.filter { new[$0] == nil }.sorted()
    }

    init(upsert: [ServiceExport], remove: [ServiceKey]) {
        self.upsert = upsert
        self.remove = remove
    }

    /// True when there is nothing to send.
    var isEmpty: Bool { upsert.isEmpty && remove.isEmpty }
}
