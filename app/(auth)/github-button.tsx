import { signIn } from "@/lib/auth/config";
import { githubEnabled } from "@/lib/auth/config";
import { safeCallbackUrl } from "@/lib/auth/validation";
import { Button } from "@/components/ui/button";

/** Shown only when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are configured. */
export function GitHubButton({ callbackUrl }: { callbackUrl?: string }) {
  if (!githubEnabled()) return null;
  return (
    <form
      action={async () => {
        "use server";
        await signIn("github", { redirectTo: safeCallbackUrl(callbackUrl) });
      }}
    >
      <Button type="submit" variant="secondary" className="w-full">
        Continue with GitHub
      </Button>
    </form>
  );
}
