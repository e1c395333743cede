import type { PageStatus } from '../app/session';
import { BACKEND_DESCRIPTION } from '../backend/names';

/** Which backend trains, why, and why the faster ones were not used. */
export function BackendStatus({ status }: { status: PageStatus }) {
  const b = status.backend;
  if (!b)
    return (
      <p className="backend" data-testid="backend">
        Choosing a backend…
      </p>
    );
  return (
    <div className="backend" data-testid="backend" data-backend={b.backend}>
      <p>
        Training runs on <strong data-testid="backend-name">{BACKEND_DESCRIPTION[b.backend]}</strong> in a Web Worker.{' '}
        <span data-testid="backend-reason">{b.reason}</span>
      </p>
      {b.skipped.length > 0 && (
        <details>
          <summary>Why not a faster backend?</summary>
          <ul data-testid="backend-skipped">
            {b.skipped.map((s) => (
              <li key={s.backend}>{s.why}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
