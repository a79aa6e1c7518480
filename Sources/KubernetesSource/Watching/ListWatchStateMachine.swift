/// The list-and-watch protocol of one resource, as a state machine that says what to do next.
///
/// A list gives the objects and a resource version; a watch from that version streams the changes since. A watch that
/// ends or drops resumes from the last version seen; a watch the server refuses, or ends with an `ERROR` event, needs a
/// new list (at once for 410 Gone, whose version is simply too old; after a backoff for anything else). Failures in a
/// row count up so that the caller backs off further each time; any progress resets the count.
///
/// A relist that comes back empty while the caller holds objects is not believed at once: a restarted API server, a
/// restored etcd or a cold watch cache can answer an empty list for a while, and applying it would withdraw every
/// export. Such a list is confirmed by another after a delay; only when that one is empty too are the objects gone.
struct ListWatchStateMachine: Sendable, Equatable {
    /// What the caller does next, after waiting the backoff for `failures` failures in a row (none when 0).
    enum Action: Sendable, Equatable {
        case list(failures: Int)
        case watch(from: String, failures: Int)
        /// List again after the confirmation delay (and the backoff), to confirm an empty list.
        case confirmEmptyList(failures: Int)
    }

    /// What the caller does with a list it got.
    enum ListVerdict: Sendable, Equatable {
        /// Replace the objects with the list's.
        case apply
        /// Keep the objects: the list is empty and waits for another to confirm it.
        case awaitConfirmation
    }

    private enum State: Sendable, Equatable {
        case listing
        case confirmingEmptyList
        case watching(resourceVersion: String, eventsSeen: Bool)
    }

    private var state = State.listing
    private var failures = 0

    /// The next request to make.
    var nextAction: Action {
        switch state {
        case .listing: .list(failures: failures)
        case .confirmingEmptyList: .confirmEmptyList(failures: failures)
        case .watching(let version, _): .watch(from: version, failures: failures)
        }
    }

    /// A list succeeded at `resourceVersion`; `empty` when it has no object, `holdingObjects` when the caller holds
    /// some from before. An empty list over held objects awaits a second one, unless it is that second one.
    mutating func listed(resourceVersion: String, empty: Bool, holdingObjects: Bool) -> ListVerdict {
        if empty, holdingObjects, state != .confirmingEmptyList {
            state = .confirmingEmptyList
            return .awaitConfirmation
        }
        state = .watching(resourceVersion: resourceVersion, eventsSeen: false)
        failures = 0
        return .apply
    }

    /// A list failed; it is retried (a confirming one still confirms).
    mutating func listFailed() {
        failures += 1
    }

    /// A watch event arrived; `resourceVersion` is the version it carries, if any.
    mutating func received(resourceVersion: String?) {
        guard case .watching(let current, _) = state else { return }
        state = .watching(resourceVersion: resourceVersion ?? current, eventsSeen: true)
        failures = 0
    }

    /// The server ended the watch normally (its `timeoutSeconds` passed). It resumes at once after a watch that
    /// brought events, and after a backoff after an empty one, so that a server ending every watch at once is not
    /// asked again in a tight loop.
    mutating func watchEnded() {
        guard case .watching(let version, let eventsSeen) = state else { return }
        if !eventsSeen {
            failures += 1
        }
        state = .watching(resourceVersion: version, eventsSeen: false)
    }

    /// The watch connection failed or dropped: it resumes from the last version after a backoff.
    mutating func watchDropped() {
        guard case .watching(let version, _) = state else { return }
        failures += 1
        state = .watching(resourceVersion: version, eventsSeen: false)
    }

    /// The server refused the watch or ended it with an error: `gone` (410) relists at once, anything else after a backoff.
    mutating func watchFailed(gone: Bool) {
        state = .listing
        failures = gone ? 0 : failures + 1
    }
}
