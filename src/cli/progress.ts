/** Reports progress of a long job (training, evaluation). */
export interface ProgressReporter {
  tick(done?: number): void;
  done(): void;
}

/** A bar redrawn in place on a TTY; otherwise a plain line every 10 %. Writes to stderr so stdout stays data. */
export function createProgress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  let current = 0;
  let lastDecile = -1;
  const width = 30;
  const render = () => {
    const fraction = total > 0 ? Math.min(1, current / total) : 1;
    if (stream.isTTY) {
      const filled = Math.round(fraction * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${current}/${total}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${label}: ${current}/${total} (${Math.round(fraction * 100)}%)\n`);
      }
    }
  };
  return {
    tick(done?: number) {
      current = done ?? current + 1;
      render();
    },
    done() {
      current = total;
      render();
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/** A reporter that reports nothing (for `--json` runs and tests). */
export const silentProgress: ProgressReporter = { tick() {}, done() {} };
