import { Activity, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface PanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

/**
 * The panels below the charts (feature maps, inside the network, evaluation, class results, model, network), one
 * at a time, as tabs (WAI-ARIA's tabs pattern: arrow keys move between tabs). Every panel stays mounted, hidden when
 * its tab is not chosen, so what it holds (a drawn digit, an evaluation, a chosen image) is there when it comes back.
 * A hidden panel sits in React's <Activity mode="hidden">: its effects (canvas drawing, subscriptions) are put away
 * and its renders wait until the page is idle, so the panels nobody looks at take no main-thread time from the
 * charts while a network trains.
 */
export function PanelTabs({ tabs, label }: { tabs: PanelTab[]; label: string }) {
  const [chosen, setChosen] = useState(tabs[0].id);
  const base = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? -1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + tabs.length) % tabs.length;
    setChosen(tabs[j].id);
    buttons.current[j]?.focus();
  };
  return (
    <div className="panel-tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === chosen}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === chosen ? 0 : -1}
            onClick={() => setChosen(tab.id)}
            onKeyDown={(e) => onKey(e, i)}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== chosen}
          className="tab-panel"
        >
          <Activity mode={tab.id === chosen ? 'visible' : 'hidden'}>{tab.content}</Activity>
        </div>
      ))}
    </div>
  );
}
