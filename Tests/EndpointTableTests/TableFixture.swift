import EndpointTable

/// A table on a manual clock and a recording store.
struct TableFixture {
    let clock = ManualLeaseClock()
    let store: RecordingEndpointStore
    let table: EndpointTable

    init(settings: TableSettings = TableSettings(), stored: [StoredCluster] = []) throws {
        store = RecordingEndpointStore(stored)
        table = try EndpointTable(store: store, clock: clock, settings: settings)
    }

    /// Applies `change`, returning the refusal instead of throwing it.
    func refusal(_ change: TableChange) -> TableError? {
        do {
            try table.apply(change)
            return nil
        } catch {
            return error
        }
    }
}
