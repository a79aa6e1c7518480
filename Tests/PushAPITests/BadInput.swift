import Foundation
import Hummingbird
import HummingbirdTesting
import PushAPI
import Testing

/// A request that must be refused, with the status, error code and field it must get.
struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    let method: HTTPRequest.Method
    let uri: String
    let body: String?
    let status: HTTPResponse.Status
    let code: String
    let field: String?
    var currentGeneration: UInt64?

    var testDescription: String { name }

    /// Sends the request after a generation-1 snapshot of aws-west and expects the refusal,
    /// with the table left as it was.
    func expectRefused(settings: APISettings = APISettings(maxEndpointsPerPush: 3)) async throws {
        let harness = try APITestHarness(settings: settings)
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/clusters/aws-west/snapshot", json: Fixtures.snapshot())
            let before = harness.table.snapshot
            let response = try await client.send(method, uri, json: body)
            #expect(response.status == status)
            let body = try ErrorBody(response.text)
            #expect(body.error.code == code)
            #expect(body.error.field == field)
            #expect(body.error.currentGeneration == currentGeneration)
            #expect(!body.error.message.isEmpty)
            #expect(harness.table.snapshot === before)
        }
    }

    /// A snapshot for aws-west refused with 422 `invalid` at `field`.
    static func snapshot(_ name: String, _ body: String, field: String?) -> BadInput {
        BadInput(
            name: name, method: .put, uri: "/v1/clusters/aws-west/snapshot", body: body, status: .unprocessableContent, code: "invalid", field: field)
    }

    /// An explain query refused with 422 `invalid` at `field`.
    static func explain(_ name: String, _ uri: String, field: String) -> BadInput {
        BadInput(name: name, method: .get, uri: uri, body: nil, status: .unprocessableContent, code: "invalid", field: field)
    }

    /// A delta for aws-west refused with `status` and `code` at `field`.
    static func delta(
        _ name: String, _ members: String, status: HTTPResponse.Status = .unprocessableContent, code: String = "invalid", field: String?
    ) -> BadInput {
        BadInput(
            name: name, method: .patch, uri: "/v1/clusters/aws-west/exports", body: Fixtures.delta(members), status: status, code: code, field: field)
    }
}

/// The error body, decoded.
struct ErrorBody: Decodable, Equatable {
    struct Detail: Decodable, Equatable {
        var code: String
        var message: String
        var field: String?
        var currentGeneration: UInt64?
    }

    var error: Detail

    init(_ text: String) throws {
        self = try JSONDecoder().decode(ErrorBody.self, from: Data(text.utf8))
    }
}
