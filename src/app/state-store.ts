/**
 * The store the page's services share: one state object, replaced (never changed in place) on every change, and
 * listeners told of it. `subscribe` and `getSnapshot` are arrow functions so that components can pass them as they
 * are (src/ui/use-store.ts), and a new state object is what tells React something changed.
 */
export class StateStore<T extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected state: T) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = (): T => this.state;

  /** A new state with `change` merged in; then the listeners are told. */
  protected set(change: Partial<T>): void {
    this.state = { ...this.state, ...change };
    for (const l of this.listeners) l();
  }
}
