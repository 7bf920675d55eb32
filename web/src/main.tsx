import { render } from "preact";
import { LocationProvider, Route, Router } from "preact-iso";
import { I18nProvider, LanguagePicker } from "./i18n/i18n";
import { Admin } from "./screens/admin";
import { HostGame } from "./screens/host-game";
import { HostHome } from "./screens/host-home";
import { HostReport } from "./screens/host-report";
import { Home } from "./screens/home";
import { Join } from "./screens/join";
import { Play } from "./screens/play";
import { QuizEditor } from "./screens/quiz-editor";
import "./styles.css";

function App() {
  return (
    <I18nProvider>
      <LocationProvider>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/join/:pin" component={Join} />
          <Route path="/play/:pin" component={Play} />
          <Route path="/host" component={HostHome} />
          <Route path="/host/report/:gameId" component={HostReport} />
          <Route path="/host/edit/:id" component={QuizEditor} />
          <Route path="/host/:pin" component={HostGame} />
          <Route path="/admin" component={Admin} />
          <Route default component={Home} />
        </Router>
      </LocationProvider>
      <footer class="footer">
        <LanguagePicker />
      </footer>
    </I18nProvider>
  );
}

render(<App />, document.getElementById("app")!);
