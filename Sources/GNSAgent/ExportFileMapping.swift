/// The members of one mapping of an export file, read by key.
struct ExportFileMapping {
    let owner: ExportFileNode
    let members: [String: ExportFileNode]

    /// The member `key`, which must be there and not empty.
    func required(_ key: String) throws(ExportFileError) -> ExportFileNode {
        guard let member = optional(key) else { throw owner.error("missing \(key)") }
        return member
    }

    /// The member `key`, or `nil` when it is absent or empty.
    func optional(_ key: String) -> ExportFileNode? {
        members[key].flatMap { $0.isNull ? nil : $0 }
    }
}
