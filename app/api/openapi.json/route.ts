/**
 * GET /api/openapi.json: the JSON API's OpenAPI 3.1 document, generated from the route specs the
 * handlers parse with (lib/api). Public: it describes the API, holds no user data, and lets a
 * client discover the routes before signing in.
 */
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
