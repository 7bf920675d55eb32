import { LIMITS } from "@protocol";
import { useLocation, useRoute } from "preact-iso";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { api, ApiFailure } from "../net/api";
import { store } from "../net/local-store";
import { suggestName } from "../names";

const SPINS = 3;

/** Nickname for a PIN (also the QR deep link /join/123456). */
export function Join() {
  const { t } = useI18n();
  const { params } = useRoute();
  const { route } = useLocation();
  const pin = params.pin ?? "";
  const [nickname, setNickname] = useState("");
  const [spins, setSpins] = useState(SPINS);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  // Already in this game on this device (refresh, back button): go straight back in.
  useEffect(() => {
    if (store.player(pin)) route(`/play/${pin}`, true);
  }, [pin]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const res = await api.join(pin, nickname);
      store.setPlayer({ pin, playerId: res.playerId, nickname: res.nickname, resumeToken: res.resumeToken });
      sessionStorage.setItem(`quiz.ticket.${pin}`, res.ticket);
      route(`/play/${pin}`);
    } catch (err) {
      const f = err instanceof ApiFailure ? err : null;
      // Offer the server's neutral name in the field: one tap on Join takes it.
      if (f?.code === "nickname-rejected" && f.suggestion) setNickname(f.suggestion);
      setError(f?.status === 404 ? t("noGame") : f?.code === "game-ended" ? t("gameOver") : (f?.fields[0]?.message ?? (err as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="center-card">
      <h1 class="logo">{t("appName")}</h1>
      <form onSubmit={submit} class="card" noValidate>
        <p class="pin-chip">
          {t("enterPin")}: <strong>{pin}</strong>
        </p>
        <label for="nickname">{t("nickname")}</label>
        <input
          id="nickname"
          class="big-input"
          autoComplete="nickname"
          maxLength={LIMITS.nicknameMax}
          value={nickname}
          aria-describedby="nick-hint nick-error"
          onInput={(e) => setNickname(e.currentTarget.value)}
        />
        <p id="nick-hint" class="hint">
          {t("nicknameHint")}
        </p>
        <button
          type="button"
          class="secondary"
          disabled={spins === 0}
          onClick={() => {
            setNickname(suggestName());
            setSpins((n) => n - 1);
          }}
        >
          🎲 {t("suggestName")} <span class="hint">({t("suggestionsLeft", { n: spins })})</span>
        </button>
        <p id="nick-error" class="error" role="alert">
          {error}
        </p>
        <button class="primary" type="submit" disabled={!nickname.trim() || busy}>
          {busy ? t("joining") : t("join")}
        </button>
      </form>
    </main>
  );
}
