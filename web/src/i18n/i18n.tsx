import { createContext, type ComponentChildren } from "preact";
import { useContext, useState } from "preact/hooks";
import { store } from "../net/local-store";
import { LANGUAGES, type Language, type MessageKey } from "./messages";

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  t: Translate;
  lang: Language;
  setLang: (lang: Language) => void;
}

const isLanguage = (l: string | null): l is Language => !!l && l in LANGUAGES;

function initialLanguage(): Language {
  const saved = store.language();
  if (isLanguage(saved)) return saved;
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : "en";
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const messages = LANGUAGES[lang].messages;
  const t: Translate = (key, vars) =>
    messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
  const setLang = (l: Language) => {
    store.setLanguage(l);
    document.documentElement.lang = l;
    setLangState(l);
  };
  document.documentElement.lang = lang;
  return <Ctx.Provider value={{ t, lang, setLang }}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}

export function LanguagePicker() {
  const { t, lang, setLang } = useI18n();
  return (
    <label class="lang">
      <span class="sr-only">{t("language")}</span>
      <select value={lang} onChange={(e) => setLang(e.currentTarget.value as Language)} aria-label={t("language")}>
        {Object.entries(LANGUAGES).map(([code, l]) => (
          <option value={code} key={code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
