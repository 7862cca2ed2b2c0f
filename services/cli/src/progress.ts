import { cliTranslator, t } from './cli-language.ts';

/**
 * One progress line on stderr: count, total, events/s and ETA. Redrawn in
 * place on a terminal (at most every 100 ms), a plain line every 2 s
 * otherwise, so logs of a CI job stay readable. stdout stays for results.
 */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private done = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly label: string,
    private total: number,
    private readonly unit = 'events',
  ) {}

  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 2000)) return;
    this.lastDraw = now;
    this.draw(false);
  }

  finish(note = ''): void {
    this.draw(true, note);
  }

  private draw(final: boolean, note = ''): void {
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : final ? 1 : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const eta = final ? t('cli.elapsed', { time: `${seconds.toFixed(1)}s` }) : t('cli.eta', { time: rate > 0 && this.total > this.done ? formatSeconds((this.total - this.done) / rate) : '--' });
    // The label is "<task> <what>" ("export h-1"): the task word is translated, the name stays.
    const [task = '', ...what] = this.label.split(' ');
    const unit = this.unit === 'events' || this.unit === 'rows' ? t(`cli.unit.${this.unit}`) : this.unit;
    const fields = { task: [cliTranslator().maybe(`cli.task.${task}`) ?? task, ...what].join(' '), bar, percent: `${(fraction * 100).toFixed(0).padStart(3)}%`, done: this.done, total: this.total, unit, rate: Math.round(rate), eta };
    const line = `${t('cli.progress', fields)}${note ? ` ${note}` : ''}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.ceil(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
