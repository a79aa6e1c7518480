/// Why a value breaks one of the ``ExportRules``, in words that do not depend on where it was
/// written: the push API adds the field path, the agent's exports file the line.
public struct ExportRuleViolation: Error, Hashable, Sendable {
    /// What the value must be, such as `must be TCP, UDP or SCTP`.
    public let reason: String
    /// The value as given, quoted when it was text; `nil` when the reason says it all.
    public let given: String?
    /// The member of the object checked that is at fault, when it is not the value checked
    /// itself (``ExportRules/exportType(_:ipCount:)`` blames `ips` or `type`).
    public let member: String?

    init(_ reason: String, given text: String, member: String? = nil) {
        self.init(reason: reason, given: text.debugDescription, member: member)
    }

    init(_ reason: String, given value: Int, member: String? = nil) {
        self.init(reason: reason, given: String(value), member: member)
    }

    init(_ reason: String, member: String? = nil) {
        self.init(reason: reason, given: nil, member: member)
    }

    private init(reason: String, given: String?, member: String?) {
        self.reason = reason
        self.given = given
        self.member = member
    }

    /// The reason followed by what was given: `must be from 1 to 65535, got 70000`.
    public var withGiven: String {
        given.map { "\(reason), got \($0)" } ?? reason
    }
}
