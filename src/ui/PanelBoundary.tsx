import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';

function PanelFailed({ error, resetErrorBoundary }: FallbackProps) {
  const { t } = useTranslation();
  const text = error instanceof Error ? error.message : String(error);
  return (
    <section className="panel-failed" role="alert" data-testid="panel-failed">
      <h2>{t('panels.failed.title')}</h2>
      <p>{t('panels.failed.detail', { error: text })}</p>
      <button type="button" onClick={resetErrorBoundary}>
        {t('panels.failed.retry')}
      </button>
    </section>
  );
}

/**
 * Around each panel of the page: a panel that throws (a bug, a record it cannot draw) shows what went wrong and a
 * button to try again, and the other panels, the controls and the runs carry on.
 */
export function PanelBoundary({ children, name }: { children: ReactNode; name: string }) {
  return (
    <ErrorBoundary FallbackComponent={PanelFailed} onError={(error) => console.error(`panel "${name}" failed`, error)}>
      {children}
    </ErrorBoundary>
  );
}
