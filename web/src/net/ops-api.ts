// Admin operations calls: the live ops view, and the local dev sign-in as an admin.
import { DevSignInResponse, OpsSnapshot } from "@protocol";
import { ApiFailure } from "./api";

async function json(res: Response): Promise<unknown> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const code = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(res.status, code?.code ?? "internal", code?.message ?? `The server answered ${res.status}.`);
  }
  return body;
}

export const opsApi = {
  snapshot: async (token: string) =>
    OpsSnapshot.parse(await json(await fetch("/api/admin/ops", { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" }))),
  /** Works only where the dev issuer is on (`npm run dev`); production answers an error. */
  devSignInAdmin: async (name: string) =>
    DevSignInResponse.parse(
      await json(
        await fetch("/api/auth/dev/sign-in", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name, groups: ["admin"] }),
        }),
      ),
    ),
};
