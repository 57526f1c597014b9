/**
 * Scores the point forecasts stored by `tune-collect.ts`: MASE of every variant (mean over origins and hours of
 * |y − ŷ| / in-sample weekly seasonal-naive MAE, as `backtest.ts`), its gain over the hour-of-week baseline, and the
 * best fixed blend `w·variant + (1 − w)·baseline` on a 0.05 grid.
 * `tsx bench/forecast/tune-score.ts FILE.json…`
 */
import { readFileSync } from 'node:fs';

interface Collected {
  readonly which: string;
  readonly window: string;
  readonly ms: Record<string, number>;
  readonly rows: readonly {
    readonly scale: number;
    readonly y: readonly number[];
    readonly means: Record<string, readonly number[]>;
  }[];
}

for (const file of process.argv.slice(2)) {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Collected;
  const mase = (point: (means: Record<string, readonly number[]>, h: number) => number) => {
    let sum = 0;
    let count = 0;
    for (const row of data.rows) {
      for (let h = 0; h < row.y.length; h++) {
        sum += Math.abs(row.y[h]! - point(row.means, h)) / row.scale;
        count++;
      }
    }
    return sum / count;
  };
  const baseline = mase((m, h) => m.how![h]!);
  const gain = (v: number) => `${(100 * (1 - v / baseline)).toFixed(2)} %`;
  console.log(`${data.which} ${data.window}: ${data.rows.length} origins`);
  for (const id of Object.keys(data.rows[0]!.means)) {
    const v = mase((m, h) => m[id]![h]!);
    const perOrigin =
      data.ms[id] === undefined ? '' : `, ${(data.ms[id] / data.rows.length).toFixed(0)} ms / origin`;
    let best = { w: 1, v };
    if (id !== 'how') {
      for (let k = 0; k <= 20; k++) {
        const w = k / 20;
        const b = mase((m, h) => w * m[id]![h]! + (1 - w) * m.how![h]!);
        if (b < best.v) best = { w, v: b };
      }
    }
    console.log(
      `  ${id.padEnd(12)} MASE ${v.toFixed(4)} (${gain(v)} below hour-of-week)${perOrigin}; best blend w ${best.w.toFixed(2)}: ${best.v.toFixed(4)} (${gain(best.v)})`,
    );
  }
}
