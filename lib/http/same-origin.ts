// Cookie-authenticated route handlers that change data accept only same-origin requests (CSRF defence on top
// of SameSite cookies). Server actions get the same check from Next itself.
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
