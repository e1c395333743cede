import { memo, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { formatBytes, formatCount, formatFlops } from '../app/format';
import { SENTENCE_GAP, type Language } from '../i18n/languages';
import { msg } from '../i18n/message';
import { useLanguage, useSay } from '../i18n/setup';
import { datasetInput, networkFor, networkProblem } from '../model/network-for';
import { alexNet2012, type Shape3 } from '../model/networks';
import { summarize, type NetworkSummary } from '../model/summary';
import type { TrainConfig } from '../settings';
import { describeLayer } from './model-words';

function SummaryTable({ s, title, testId, language }: { s: NetworkSummary; title: string; testId: string; language: Language }) {
  const { t } = useTranslation();
  const say = useSay();
  const m = s.memory;
  const bytes = { weights: m.weights, state: m.optimizerState, gradients: m.gradients, activations: m.activations, transient: m.transient };
  const memoryHelp = msg('networks.memoryHelp', Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, formatBytes(v)])));
  return (
    <table className="summary" data-testid={testId}>
      <caption>{t('model.caption', { title, shape: s.input.join('×') })}</caption>
      <thead>
        <tr>
          <th>{t('model.columns.layer')}</th>
          <th>{t('model.columns.what')}</th>
          <th>{t('model.columns.output')}</th>
          <th>{t('model.columns.params')}</th>
          <th>{t('model.columns.flops')}</th>
        </tr>
      </thead>
      <tbody>
        {s.layers.map((l) => (
          <tr key={l.name}>
            <td>{l.name}</td>
            <td>{say(describeLayer(l.spec))}</td>
            <td>{l.outputShape.join('×')}</td>
            <td className="num">{l.params ? formatCount(l.params, language) : ''}</td>
            <td className="num">{l.flops ? formatFlops(l.flops) : ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>{t('model.total')}</th>
          <th className="num" data-testid={`${testId}-params`}>
            {formatCount(s.totalParams, language)}
          </th>
          <th className="num">{formatFlops(s.totalFlops)}</th>
        </tr>
        <tr title={say(memoryHelp)}>
          <th colSpan={3}>
            {say(msg('networks.memory', { batch: m.batch, optimizer: msg(`settings.optimizer.options.${m.optimizer}`) }))}
          </th>
          <th colSpan={2} className="num" data-testid={`${testId}-memory`}>
            {formatBytes(m.total)}
          </th>
        </tr>
      </tfoot>
    </table>
  );
}

/** The network that will train, layer by layer, with the memory a step needs, beside the 2012 AlexNet it is modelled on. */
export const ModelSummary = memo(function ModelSummary({
  config,
  dataShape,
  classes = 10,
}: {
  config: TrainConfig;
  dataShape?: Shape3;
  /** The dataset's classes (an imported one's own count; ten for the built-in ones). */
  classes?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const current = useMemo(() => {
    // An imported dataset's shape comes from the Worker (dataShape), a built-in one's from the table.
    const input = datasetInput(config.dataset) ?? dataShape;
    if (!input) return null;
    // A network that cannot take the dataset's images has no table; the network setting says why.
    if (networkProblem(config, input, classes)) return null;
    const at = { batch: config.batchSize, optimizer: config.optimizer, weightDecay: config.optimizer === 'sgd' && config.weightDecay > 0 };
    return summarize(networkFor(config, input, classes), at);
  }, [config, dataShape, classes]);
  // The paper trained with SGD; its memory line is at batch 64 too.
  const paper = useMemo(
    () => [true, false].map((twoGpu) => summarize(alexNet2012(twoGpu), { batch: 64, optimizer: 'sgd', weightDecay: true })),
    [],
  );
  return (
    <section className="model-summary" aria-label={t('model.label')}>
      {current && <SummaryTable s={current} title={t(`model.titles.${config.model}`)} testId="model-summary" language={language} />}
      <p className="note">
        {t(`model.init.${config.init}`, { normal: t('settings.init.options.normal') })}
        {SENTENCE_GAP[language]}
        <Trans i18nKey="model.notes" components={{ code: <code /> }} />
      </p>
      <details>
        <summary>{t('model.paper')}</summary>
        <p className="note">
          {t('model.paperNote', {
            grouped: formatCount(paper[0].totalParams, language),
            single: formatCount(paper[1].totalParams, language),
          })}
        </p>
        <SummaryTable s={paper[0]} title={t('model.titles.grouped')} testId="alexnet-grouped" language={language} />
        <SummaryTable s={paper[1]} title={t('model.titles.single')} testId="alexnet-single" language={language} />
      </details>
    </section>
  );
});
