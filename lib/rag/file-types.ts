/** Which files Studyin reads, by name. Pure and browser-safe (the upload box uses it too). */
import type { MaterialType } from "@/db/schema/materials";

export function materialTypeOf(fileName: string): MaterialType | null {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "pdf") return "pdf";
  if (ext === "md" || ext === "markdown") return "markdown";
  if (ext === "txt" || ext === "text") return "text";
  return null;
}
