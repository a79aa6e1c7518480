/// Building HTML text: every value from the table, a push or a request goes through
/// ``escaped(_:)``, so nothing an agent pushed can become markup.
enum HTML {
    /// `text` with `&`, `<`, `>`, `"` and `'` as character references.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A table with `header` cells and `rows` of already escaped cell HTML; `empty` (plain text)
    /// in one cell when there are no rows.
    static func table(id: String, header: [String], rows: [(attributes: String, cells: [String])], empty: String) -> String {
        var html = "<table id=\"\(id)\"><thead><tr>" + header.map { "<th>\(escaped($0))</th>" }.joined() + "</tr></thead><tbody>"
        if rows.isEmpty {
            html += "<tr><td colspan=\"\(header.count)\" class=\"none\">\(escaped(empty))</td></tr>"
        }
        for row in rows {
            html += "<tr\(row.attributes)>" + row.cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        return html + "</tbody></table>"
    }
}
