/**
 * GET /api/openapi.json: the JSON API's OpenAPI 3.1 document, generated from the route specs the
 * handlers parse with (lib/api). Public: it describes the API, holds no user data, and lets a
 * client discover the routes before signing in.
 */
import { openApiDocument } from "@/lib/api/openapi";
import { openApiRoute } from "@/lib/api/routes";
import { publicRoute } from "@/lib/http/route";

export const dynamic = "force-static";

export const GET = publicRoute(openApiRoute, async () => openApiDocument());
