import Foundation
import Hummingbird

extension PushAPI {
    /// The request's JSON body as `Body`: 415 unless `Content-Type` is JSON, 413 beyond
    /// `settings.maxBodyBytes`, 400 when it is not a JSON object, 422 naming the field whose
    /// type, presence or name is wrong.
    func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws(APIError) -> Body {
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
        return try Self.decodeBody(Body.self, json: Data(buffer.readableBytesView))
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
