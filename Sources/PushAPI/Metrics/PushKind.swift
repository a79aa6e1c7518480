/// The kinds of write the push API counts in `gnsd_pushes_total`.
public enum PushKind: String, Sendable, CaseIterable {
    case snapshot, delta, heartbeat, delete, release
}
