import { memo, useMemo } from 'react';
import { formatBytes, formatCount, formatFlops } from '../app/format';
import { msg } from '../i18n/message';
import { useSay } from '../i18n/setup';
import { datasetInput, networkFor, networkProblem } from '../model/network-for';
import { alexNet2012 } from '../model/networks';
import { summarize, type NetworkSummary } from '../model/summary';
import type { TrainConfig } from '../settings';

function SummaryTable({ s, testId }: { s: NetworkSummary; testId: string }) {
  const say = useSay();
  const m = s.memory;
  const bytes = { weights: m.weights, state: m.optimizerState, gradients: m.gradients, activations: m.activations, transient: m.transient };
  const memoryHelp = msg('networks.memoryHelp', Object.fromEntries(Object.entries(bytes).map(([k, v]) => [k, formatBytes(v)])));
  return (
    <table className="summary" data-testid={testId}>
      <caption>
        {s.title}: input {s.input.join('×')}
      </caption>
      <thead>
        <tr>
          <th>Layer</th>
          <th>What</th>
          <th>Output</th>
          <th>Parameters</th>
          <th>FLOPs</th>
        </tr>
      </thead>
      <tbody>
        {s.layers.map((l) => (
          <tr key={l.name}>
            <td>{l.name}</td>
            <td>{l.description}</td>
            <td>{l.outputShape.join('×')}</td>
            <td className="num">{l.params ? formatCount(l.params) : ''}</td>
            <td className="num">{l.flops ? formatFlops(l.flops) : ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>Total</th>
          <th className="num" data-testid={`${testId}-params`}>
            {formatCount(s.totalParams)}
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

/** The network that will train, layer by layer, beside the 2012 AlexNet it is modelled on. */
export const ModelSummary = memo(function ModelSummary({ config }: { config: TrainConfig }) {
  const current = useMemo(() => {
    const input = datasetInput(config.dataset);
    // A network that cannot take the dataset's images has no table; the network setting says why.
    if (networkProblem(config, input)) return null;
    const at = { batch: config.batchSize, optimizer: config.optimizer, weightDecay: config.optimizer === 'sgd' && config.weightDecay > 0 };
    return summarize(networkFor(config, input), at);
  }, [config]);
  // The paper trained with SGD; its memory line is at batch 64 too.
  const paper = useMemo(
    () => [true, false].map((twoGpu) => summarize(alexNet2012(twoGpu), { batch: 64, optimizer: 'sgd', weightDecay: true })),
    [],
  );
  return (
    <section className="model-summary" aria-label="Network">
      {current && <SummaryTable s={current} testId="model-summary" />}
      <p className="note">
        Weights start from{' '}
        {config.init === 'normal'
          ? "the article's N(0, 1) — watch the first losses explode"
          : config.init === 'he'
            ? 'He initialisation'
            : config.init === 'cuda-convnet'
              ? "cuda-convnet's Gaussian σ per layer (Figure 1's layer file)"
              : 'Glorot initialisation'}
        {config.init !== 'normal' &&
          ': the article drew every weight from N(0, 1), which makes the logits huge (hundreds) and the first steps diverge, so the playground defaults to Glorot (pick "N(0, 1), as in the article" to see why)'}
        . The article’s <code>dropout = 0.8</code> is TensorFlow’s keep probability: a drop rate of 0.2. FLOPs count a multiply-add as two,
        for one image, forward only.
      </p>
      <details>
        <summary>The 2012 AlexNet (Krizhevsky, Sutskever &amp; Hinton) for comparison</summary>
        <p className="note">
          Trained on two GTX 580 GPUs with 3 GB each: conv2, conv4 and conv5 only saw the channels on their own GPU, which is why the
          paper’s network has 60,965,224 parameters rather than the single-tower 62,378,344. The paper says 224×224 inputs; 227×227 is what
          makes 11×11 stride-4 convolutions give 55×55.
        </p>
        <SummaryTable s={paper[0]} testId="alexnet-grouped" />
        <SummaryTable s={paper[1]} testId="alexnet-single" />
      </details>
    </section>
  );
});
