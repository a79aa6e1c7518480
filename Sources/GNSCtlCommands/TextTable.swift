import GNSClient

/// Rows of text in aligned columns, two spaces apart, trailing blanks trimmed.
///
///     TextTable(header: ["CLUSTER", "LEASE"], rows: [["aws-west", "live"]]).rendered
///     // CLUSTER   LEASE
///     // aws-west  live
struct TextTable {
    /// The first row, upper case by convention; empty for a table without header.
    var header: [String]
    var rows: [[String]]

    /// The table as lines, each ending in a newline.
    var rendered: String {
        let lines = header.isEmpty ? rows : [header] + rows
        let widths = lines.reduce(into: [Int]()) { widths, line in
            for (column, cell) in line.enumerated() {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.count)
            }
        }
        return lines.map { line in
            let padded = line.enumerated().map { column, cell in
                cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()) + "\n"
        }.joined()
    }

    /// `text`, or `-` when it is absent or empty.
    static func cell(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "-" }
        return text
    }

    /// `15.0s`: seconds to a tenth, or `-` when absent; a value that is not a count of tenths
    /// (negative, huge, NaN) as gnsd sent it.
    static func seconds(_ value: Double?) -> String {
        guard let value else { return "-" }
        guard let tenths = Int(exactly: (value * 10).rounded()), tenths >= 0 else { return "\(value)s" }
        return "\(tenths / 10).\(tenths % 10)s"
    }

    /// `http:80/TCP,9187/UDP`: each port as name, number and protocol.
    static func ports(_ ports: [PortBody]?) -> String {
        cell(ports?.map { port in (port.name.map { "\($0):" } ?? "") + "\(port.port)/\(port.protocol)" }.joined(separator: ","))
    }

    /// `a,b`: the items joined by commas, or `-` when there are none.
    static func list(_ items: [String]?) -> String {
        cell(items?.joined(separator: ","))
    }
}
