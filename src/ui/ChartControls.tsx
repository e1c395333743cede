/**
 * The controls above the training-error charts, each with its label: the error threshold a crossing is measured at
 * (the comparison panel and the class results) and the smoothing of the curves (those two and the training charts).
 */

/** The error threshold, a fraction between 0 and 1: a value outside it (or no number) is not taken. */
export function ThresholdInput({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange: (threshold: number) => void;
  testId: string;
}) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0.01}
        max={0.99}
        step={0.01}
        value={value}
        data-testid={testId}
        onChange={(e) => {
          const v = Number(e.target.value);
          if (v > 0 && v < 1) onChange(v);
        }}
      />
    </label>
  );
}

/** The smoothing of the curves (the EMA's factor, 0 to 0.99), with its value written after the slider. */
export function SmoothingSlider({ label, value, onChange }: { label: string; value: number; onChange: (smoothing: number) => void }) {
  return (
    <label>
      {label} <input type="range" min={0} max={0.99} step={0.01} value={value} onChange={(e) => onChange(Number(e.target.value))} />{' '}
      {value.toFixed(2)}
    </label>
  );
}
