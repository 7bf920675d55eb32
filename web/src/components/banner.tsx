import { useI18n } from "../i18n/i18n";
import type { ConnectionStatus } from "../net/game-connection";

/** Shown while the socket is down; the app keeps working on its own and says so. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n();
  if (status !== "reconnecting" && status !== "connecting") return null;
  return (
    <div class="banner" role="status" data-testid="connection-banner">
      {status === "reconnecting" ? t("reconnecting") : t("connecting")}
    </div>
  );
}
