import APIBodies
public import EndpointTable
import Foundation

extension PushAPI {
    /// The table change the JSON body of `PUT /v1/clusters/{cluster}/snapshot` asks for, decoded
    /// and validated as that route does it, without a server; for checking bodies offline and
    /// for fuzzing. Throws what the route would refuse the body with (400 or 422).
    ///
    ///     let change = try PushAPI.validatedSnapshot(json: body, cluster: id, settings: settings)
    public static func validatedSnapshot(json: [UInt8], cluster: ClusterID, settings: APISettings) throws -> TableChange {
        try decodeBody(SnapshotBody.self, json: Data(json)).change(for: cluster, settings: settings)
    }

    /// The table change the JSON body of `PATCH /v1/clusters/{cluster}/exports` asks for against
    /// `table`, decoded and validated as that route does it, without a server; for checking
    /// bodies offline and for fuzzing. Throws what the route would refuse the body with (400 or 422).
    ///
    ///     let change = try PushAPI.validatedDelta(json: body, cluster: id, settings: settings, holding: table.snapshot)
    public static func validatedDelta(json: [UInt8], cluster: ClusterID, settings: APISettings, holding table: TableSnapshot) throws -> TableChange {
        try decodeBody(DeltaBody.self, json: Data(json)).change(for: cluster, settings: settings, holding: table)
    }
}
