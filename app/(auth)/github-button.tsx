import { githubEnabled } from "@/lib/auth/config";
import { Button } from "@/components/ui/button";
import { signInWithGitHubAction } from "./actions";

/** Shown only when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are configured. */
export function GitHubButton({ callbackUrl }: { callbackUrl?: string }) {
  if (!githubEnabled()) return null;
  return (
    <form action={signInWithGitHubAction.bind(null, callbackUrl ?? null)}>
      <Button type="submit" variant="secondary" className="w-full">
        Continue with GitHub
      </Button>
    </form>
  );
}
