import { Hono } from "hono";
import { listFailures, markRedriven, redriveCandidates } from "../../archive/failures";
import { log } from "../../log";
import { FailureStatus, RedriveRequest, type RedriveResponse } from "../../protocol";
import { z } from "zod";
import type { AppEnv } from "../app";
import { requireAdmin } from "../require-admin";
import { readQuery } from "../query";
import { readBody } from "../validate";

const FailuresQuery = z.object({
  status: FailureStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Admin view of archive failures and their redrive (mounted at /api/admin/archive). */
export const adminArchiveRoutes = new Hono<AppEnv>()
  .use(requireAdmin)
  .get("/failures", async (c) => {
    const q = readQuery(c, FailuresQuery);
    return c.json({ failures: await listFailures(c.env.DB, q.status, q.limit) });
  })
  .post("/redrive", async (c) => {
    const { ids } = await readBody(c, RedriveRequest);
    const out: RedriveResponse = { redriven: [], skipped: [] };
    for (const r of await redriveCandidates(c.env.DB, ids && [...new Set(ids)])) {
      if ("skip" in r) {
        out.skipped.push({ id: r.id, reason: r.skip });
        continue;
      }
      // Send first, then mark: a crash in between re-sends at worst, and archive writes are upserts.
      await c.env.ARCHIVE.send(r.message, { contentType: "json" });
      await markRedriven(c.env.DB, r.id);
      out.redriven.push(r.id);
    }
    log("info", "archive.redrive", { redriven: out.redriven.length, skipped: out.skipped.length });
    return c.json(out);
  });
