import { useTranslation } from 'react-i18next';
import type { OfflineCopy } from '../app/offline';
import { formatMegabytes } from '../app/format';
import { SENTENCE_GAP } from '../i18n/languages';
import { useLanguage } from '../i18n/setup';
import { useStore } from './use-store';
import './offline.css';

/**
 * One line on the offline copy (saving, ready, or what the page runs from when the network is gone, with its size),
 * and, when there is one, the offer to reload: into a new version, or to get WASM threads. Reloading is offered,
 * never done, while a run trains.
 */
export function OfflineStatus({ offline, live }: { offline: OfflineCopy; live: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = useStore(offline.subscribe, offline.getSnapshot);
  const size = state.size ? formatMegabytes(state.size.bytes, language) : null;

  const note = !state.online
    ? state.copy === 'ready'
      ? t('offline.offline', { size: size ?? '…' })
      : t('offline.offlineNoCopy')
    : state.copy === 'ready'
      ? t('offline.ready', { size: size ?? '…' })
      : state.copy === 'saving'
        ? size
          ? t('offline.saving', { size })
          : t('offline.savingUnknown')
        : state.copy === 'unsupported'
          ? t('offline.unsupported')
          : null;
  const offer = state.update ? 'update' : state.isolation === 'ask' ? 'isolation' : null;

  return (
    <>
      {note && (
        <p
          className="offline-note"
          data-testid="offline-note"
          data-copy={state.copy}
          data-online={state.online ? 'yes' : 'no'}
          data-bytes={state.size?.bytes}
        >
          {note}
        </p>
      )}
      {offer && (
        <div className="notice reload-offer" role="status" data-testid={`reload-${offer}`}>
          <p>
            {t(offer === 'update' ? 'offline.updateReady' : 'offline.isolationReady')}
            {live && SENTENCE_GAP[language]}
            {live && t('offline.updateAfterRun')}
          </p>
          <button
            type="button"
            disabled={live}
            onClick={() => (offer === 'update' ? offline.reloadForUpdate() : offline.reloadForIsolation())}
            data-testid="reload"
          >
            {t('offline.reload')}
          </button>
        </div>
      )}
    </>
  );
}
