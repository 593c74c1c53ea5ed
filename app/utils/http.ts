/** Throws a response with a status when a condition fails: `invariantResponse(user, "Not found", 404)`. */
export function invariantResponse(condition: unknown, message = "Not found", status = 404): asserts condition {
  if (!condition) {
    throw new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
