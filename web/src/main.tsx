import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { GameStatus } from "@protocol";

// Placeholder until the real client lands: join-link landing that checks a PIN against the API.
function App() {
  const fromPath = /^\/join\/(\d{6})$/.exec(location.pathname)?.[1] ?? "";
  const [pin, setPin] = useState(fromPath);
  const [status, setStatus] = useState<string>("");

  useEffect(() => {
    if (!/^\d{6}$/.test(pin)) return setStatus("");
    fetch(`/api/games/${pin}`)
      .then(async (r) => {
        const parsed = GameStatus.safeParse(await r.json());
        setStatus(parsed.success ? `“${parsed.data.title}”: ${parsed.data.players} players, ${parsed.data.phase}` : "No game with that PIN.");
      })
      .catch(() => setStatus("Could not reach the server."));
  }, [pin]);

  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: "32rem", margin: "3rem auto", padding: "0 1rem" }}>
      <h1>Quiz Live</h1>
      <p>The game server is running. The full host and player app is on its way; meanwhile, check a game PIN:</p>
      <label>
        Game PIN{" "}
        <input inputMode="numeric" maxLength={6} value={pin} onInput={(e) => setPin(e.currentTarget.value.trim())} />
      </label>
      <p role="status">{status}</p>
    </main>
  );
}

render(<App />, document.getElementById("app")!);
