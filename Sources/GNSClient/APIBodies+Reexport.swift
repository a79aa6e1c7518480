// The request and answer bodies are part of the client's API.
@_exported public import APIBodies
