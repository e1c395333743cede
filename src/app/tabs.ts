/**
 * Tabs of the playground open in one browser share the saved runs (one IndexedDB). They tell each other over a
 * BroadcastChannel which runs they train and when they saved one, so that a tab never calls another tab's live
 * run "interrupted", and shows its progress as it is saved. Where BroadcastChannel is missing, each tab is alone.
 */

type TabMessage =
  | { type: 'who-trains'; from: string }
  | { type: 'training'; from: string; runs: string[] }
  | { type: 'saved'; from: string; runId: string };

const CHANNEL = 'alexnet-playground-runs';

export class TabChannel {
  /** This tab, for the rest of its life (a reload is a new tab). */
  readonly id: string;
  private readonly channel: BroadcastChannel | null;
  private readonly answers = new Set<(runs: string[]) => void>();

  constructor(
    /** The runs this tab trains now. */
    private readonly trainingHere: () => readonly string[],
    /** Another tab saved this run. */
    private readonly onSaved: (runId: string) => void,
  ) {
    this.id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
    if (this.channel) this.channel.onmessage = (ev: MessageEvent<TabMessage>) => this.receive(ev.data);
  }

  private send(m: TabMessage) {
    this.channel?.postMessage(m);
  }

  private receive(m: TabMessage) {
    if (!m || m.from === this.id) return;
    if (m.type === 'who-trains') this.send({ type: 'training', from: this.id, runs: [...this.trainingHere()] });
    else if (m.type === 'training') for (const answer of this.answers) answer(m.runs);
    else if (m.type === 'saved') this.onSaved(m.runId);
  }

  /** The runs other open tabs train now: whoever answers within `waitMs`. */
  async trainingElsewhere(waitMs = 300): Promise<Set<string>> {
    const runs = new Set<string>();
    if (!this.channel) return runs;
    const answer = (ids: string[]) => ids.forEach((id) => runs.add(id));
    this.answers.add(answer);
    this.send({ type: 'who-trains', from: this.id });
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    this.answers.delete(answer);
    return runs;
  }

  announceSaved(runId: string) {
    this.send({ type: 'saved', from: this.id, runId });
  }
}
