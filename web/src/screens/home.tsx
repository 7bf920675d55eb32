import { useLocation } from "preact-iso";
import { useState } from "preact/hooks";
import { useI18n } from "../i18n/i18n";
import { api, ApiFailure } from "../net/api";

/** Player entry: type the PIN. */
export function Home() {
  const { t } = useI18n();
  const { route } = useLocation();
  const [pin, setPin] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const status = await api.status(pin);
      if (!status.joinable) setError(status.phase === "podium" || status.phase === "ended" ? t("gameOver") : t("gameFull"));
      else route(`/join/${pin}`);
    } catch (err) {
      setError(err instanceof ApiFailure && err.status === 404 ? t("noGame") : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="center-card">
      <h1 class="logo">{t("appName")}</h1>
      <form onSubmit={submit} class="card" noValidate>
        <label for="pin">{t("enterPin")}</label>
        <input
          id="pin"
          class="big-input"
          inputMode="numeric"
          autoComplete="off"
          pattern="\d{6}"
          maxLength={6}
          value={pin}
          aria-describedby="pin-hint pin-error"
          onInput={(e) => setPin(e.currentTarget.value.replace(/\D/g, ""))}
        />
        <p id="pin-hint" class="hint">
          {t("enterPinHint")}
        </p>
        <p id="pin-error" class="error" role="alert">
          {error}
        </p>
        <button class="primary" type="submit" disabled={pin.length !== 6 || busy}>
          {t("next")}
        </button>
      </form>
      <a class="quiet-link" href="/host">
        {t("hostLink")}
      </a>
    </main>
  );
}
