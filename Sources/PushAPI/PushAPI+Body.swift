import Foundation
import Hummingbird

extension PushAPI {
    /// The request's JSON body as `Body`: 413 beyond `settings.maxBodyBytes`, 400 when it is not
    /// a JSON object, 422 naming the field whose type or presence is wrong.
    func decode<Body: Decodable>(_ type: Body.Type, from request: Request) async throws(APIError) -> Body {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: settings.maxBodyBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw .bodyTooLarge(limit: settings.maxBodyBytes)
        } catch {
            throw .malformedJSON("the body could not be read: \(error)")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError(error)
        } catch {
            throw .malformedJSON("the body is not valid JSON: \(error)")
        }
    }
}
