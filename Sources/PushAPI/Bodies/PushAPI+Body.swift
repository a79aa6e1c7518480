import Foundation
import Hummingbird
import NIOPosix

extension PushAPI {
    /// Decodes the request's JSON body as `Body` and hands it to `write`: 415 unless
    /// `Content-Type` is JSON, 413 beyond `settings.maxBodyBytes`, 400 when it is not a JSON
    /// object, 422 naming the field whose type, presence or name is wrong. A body over ``offloadedBodyBytes`` is decoded and written on NIO's
    /// thread pool: request handlers run on the event loops, which a large snapshot's decoding
    /// and table write (up to a second for 50,000 endpoints) would hold up for every connection.
    func decode<Body: Decodable & Sendable, Result: Sendable>(
        _ type: Body.Type, from request: Request, then write: @escaping @Sendable (Body) throws(APIError) -> Result
    ) async throws(APIError) -> Result {
        let buffer = try await body(of: request)
        let work: @Sendable () throws(APIError) -> Result = { () throws(APIError) in
            try write(try Self.decodeBody(Body.self, json: Data(buffer.readableBytesView)))
        }
        guard buffer.readableBytes > Self.offloadedBodyBytes else { return try work() }
        do {
            return try await NIOThreadPool.singleton.runIfActive { try work() }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.shuttingDown.logging(error)
        }
    }

    /// The body size above which decoding and writing leave the event loops.
    static let offloadedBodyBytes = 64 << 10

    /// The request's body: 415 unless `Content-Type` is JSON, 413 beyond `settings.maxBodyBytes`.
    private func body(of request: Request) async throws(APIError) -> ByteBuffer {
        guard JSONMediaType.accepts(request.headers[.contentType]) else {
            throw .unsupportedMediaType
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw .bodyTooLarge(limit: settings.maxBodyBytes)
        } catch {
            throw APIError.malformedJSON("the request body could not be read").logging(error)
        }
        return buffer
    }

    /// `json` decoded as `Body`, a refusal turned into the error a route answers: 400 when it is
    /// not a JSON object, 422 naming the field whose type, presence or name is wrong.
    static func decodeBody<Body: Decodable>(_ type: Body.Type, json: Data) throws(APIError) -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: json)
        } catch let error as DecodingError {
            throw APIError(error)
        } catch {
            throw APIError.malformedJSON("the body is not valid JSON").logging(error)
        }
    }
}
