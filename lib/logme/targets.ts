/** Whether labels are class ids (one-hot target columns) or real-valued regression targets. */
export type LogmeTask = "classification" | "regression";

/** Target columns y_c of LogME (N×C row-major) with their squared norms ‖y_c‖². */
export interface Targets {
  n: number;
  columns: number;
  y: Float64Array;
  yy: Float64Array;
}

/**
 * Class ids above this are refused: the one-hot matrix has max(label)+1 columns (n × 1024 doubles at most), and
 * every column is one more right-hand side of each ESM's eigen-solve. Sparse ids such as {0, 10⁹} must be remapped.
 */
export const MAX_CLASS_ID = 1023;

/**
 * Builds LogME's target columns as the reference does: for classification the one-hot columns 0..max(label)
 * (classes absent from the labels included, with an all-zero column); for regression one column per target
 * (labels of length N·T are read as N×T row-major).
 *
 * Refuses inputs that would give a meaningless or NaN ranking: n < 2, label count not matching n, non-finite
 * labels, non-integer or negative class ids, fewer than two distinct classes, or a constant regression column.
 */
export function buildTargets(labels: ArrayLike<number | bigint>, n: number, task: LogmeTask): Targets {
  if (!Number.isInteger(n) || n < 2) throw new Error(`LogME needs at least 2 examples, got ${n}`);
  const values = Float64Array.from({ length: labels.length }, (_, i) => Number(labels[i]));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`label ${bad} is ${values[bad]}; labels must be finite numbers`);
  if (task === "classification") {
    if (values.length !== n) throw new Error(`${values.length} labels for ${n} feature rows`);
    let max = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (!Number.isInteger(v)) throw new Error(`label ${i} is ${v}; class labels must be integers (use --regression for real-valued targets)`);
      if (v < 0) throw new Error(`label ${i} is ${v}; class labels must be non-negative`);
      if (v > MAX_CLASS_ID) throw new Error(`label ${i} is ${v}; class ids above ${MAX_CLASS_ID} are not supported (at most ${MAX_CLASS_ID + 1} classes; remap sparse ids to 0, 1, 2, …)`);
      if (v > max) max = v;
    }
    if (values.every((v) => v === values[0])) throw new Error(`all labels are ${values[0]}; classification needs at least two classes`);
    const columns = max + 1;
    const y = new Float64Array(n * columns);
    const yy = new Float64Array(columns);
    for (let i = 0; i < n; i++) {
      y[i * columns + values[i]] = 1;
      yy[values[i]] += 1;
    }
    return { n, columns, y, yy };
  }
  if (values.length === 0 || values.length % n !== 0) throw new Error(`${values.length} regression targets for ${n} feature rows`);
  const columns = values.length / n;
  const yy = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = values[i * columns + c];
      yy[c] += v * v;
      if (v !== values[c]) constant = false;
    }
    if (constant) throw new Error(`regression target${columns > 1 ? ` column ${c}` : ""} is constant (${values[c]}); LogME cannot rank on it`);
  }
  return { n, columns, y: values, yy };
}
