import { Hono } from "hono";
import { D1Sink } from "../../archive/d1-sink";
import { GameListQuery, ReportQuery, type GameReport } from "../../protocol";
import { buildReport } from "../../report/build-report";
import { listGames } from "../../report/game-list";
import { toCsv } from "../../report/report-csv";
import { toXlsx } from "../../report/report-xlsx";
import { playersTable, questionsTable } from "../../report/tables";
import type { AppEnv } from "../app";
import { ApiError } from "../api-error";
import { requireHost } from "../host";
import { readQuery } from "../query";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const fileName = (r: GameReport, ext: string, table = "") =>
  `quiz-${r.pin}-${new Date(r.endedAt).toISOString().slice(0, 10)}${table ? `-${table}` : ""}.${ext}`;

// Reports live under /api/reports, not /api/games: game ids are UUIDs there, while /api/games/{pin} is a live game.
export const reportRoutes = new Hono<AppEnv>()
  .get("/", requireHost, async (c) => {
    const q = readQuery(c, GameListQuery);
    return c.json(await listGames(c.env.DB, c.get("host").sub, q.limit, q.cursor));
  })
  .get("/:gameId", requireHost, async (c) => {
    const q = readQuery(c, ReportQuery);
    const gameId = c.req.param("gameId");
    const owner = await c.env.DB.prepare("SELECT host_id FROM games WHERE id = ?").bind(gameId).first<{ host_id: string }>();
    const host = c.get("host");
    // Someone else's game answers like a missing one, so ids cannot be probed.
    if (!owner || (owner.host_id !== host.sub && !host.roles.includes("admin"))) throw new ApiError("not-found", "No archived game with that id.");
    const result = await new D1Sink(c.env.DB).read(gameId);
    if (!result) throw new ApiError("not-found", "No archived game with that id.");
    const report = buildReport(result);
    if (q.format === "json") return c.json(report);
    if (q.format === "csv") {
      const table = q.table === "questions" ? questionsTable(report) : playersTable(report);
      return c.body(toCsv(table), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName(report, "csv", q.table)}"`,
      });
    }
    const xlsx = await toXlsx([playersTable(report), questionsTable(report)]);
    return c.body(xlsx, 200, { "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${fileName(report, "xlsx")}"` });
  });
