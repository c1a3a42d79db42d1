import { apiKey, setApiKey } from './api-client';
import { Dashboard } from './dashboard';
import { byId } from './dom';
import { showStatus } from './panel-status';
import { applyStaticStrings, language, onLanguageChange, setLanguage, t } from './i18n';
import { mountTriagePanel } from './triage-panel';
import './styles.css';

declare global {
  interface Window {
    /** Read by the end-to-end tests: what the map and the panels hold. */
    __cellpulse?: Record<string, unknown>;
  }
}

function wireHeader(): void {
  byId<HTMLFormElement>('filters').addEventListener('submit', (event) => event.preventDefault());
  const switcher = byId<HTMLButtonElement>('language-switch');
  switcher.addEventListener('click', () => setLanguage(language() === 'zh' ? 'en' : 'zh'));
  const key = byId<HTMLInputElement>('api-key');
  key.value = apiKey();
  key.addEventListener('change', () => {
    setApiKey(key.value);
    location.reload();
  });
  const refreshStatic = (): void => {
    applyStaticStrings();
    document.title = t('title');
  };
  onLanguageChange(refreshStatic);
  setLanguage(language());
}

async function main(): Promise<void> {
  wireHeader();
  const dashboard = new Dashboard();
  window.__cellpulse = { ready: false, dashboard, ...dashboard.testHooks() };
  mountTriagePanel(byId('kpi-body').closest('section') ?? byId('kpi-body'));
  try {
    await dashboard.start();
  } catch (error) {
    showStatus(byId('map-status'), error);
  } finally {
    window.__cellpulse.ready = true;
  }
}

void main();
