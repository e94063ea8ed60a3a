/**
 * The generator's progress on stderr: the stage, rows done against the
 * stage's total, the rate and the time taken. On a terminal one line is
 * redrawn in place; in a log a line is written every few seconds.
 */

export interface ProgressOptions {
  /** Where to write; nothing is written when false. */
  stream?: NodeJS.WriteStream | false;
}

interface StageTiming {
  name: string;
  rows: number;
  ms: number;
}

const number = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} 秒`;

export class Progress {
  private readonly out: NodeJS.WriteStream | null;
  private readonly tty: boolean;
  private readonly began = Date.now();
  private stageIndex = 0;
  private name = "";
  private unit = "行";
  private total = 0;
  private done = 0;
  private stageStart = 0;
  private lastDraw = 0;
  readonly timings: StageTiming[] = [];

  constructor(private readonly stages: number, options: ProgressOptions = {}) {
    this.out = options.stream === false ? null : (options.stream ?? process.stderr);
    this.tty = !!this.out?.isTTY;
  }

  start(name: string, total: number, unit = "行"): void {
    this.stageIndex++;
    this.name = name;
    this.unit = unit;
    this.total = total;
    this.done = 0;
    this.stageStart = Date.now();
    this.lastDraw = 0;
    this.draw(true);
  }

  add(rows: number): void {
    this.done += rows;
    this.draw(false);
  }

  finish(): void {
    const ms = Date.now() - this.stageStart;
    this.timings.push({ name: this.name, rows: this.done, ms });
    if (!this.out) return;
    const line = `${this.prefix()} ${number(this.done)} ${this.unit}，用时 ${seconds(ms)}${this.rate(ms)}`;
    this.out.write(this.tty ? `\r\x1b[K${line}\n` : `${line}\n`);
  }

  /** A line between stages, for work that has no rows to count. */
  note(text: string): void {
    if (!this.out) return;
    const line = `${text}，总用时 ${seconds(Date.now() - this.began)}`;
    this.out.write(this.tty ? `\r\x1b[K${line}\n` : `${line}\n`);
  }

  /** Total time since the generator started. */
  elapsedMs(): number {
    return Date.now() - this.began;
  }

  private prefix(): string {
    return `[${this.stageIndex}/${this.stages}] ${this.name}`;
  }

  private rate(ms: number): string {
    return ms >= 500 && this.done >= 100 ? `，${number((this.done * 1000) / ms)} ${this.unit}/秒` : "";
  }

  private draw(force: boolean): void {
    if (!this.out) return;
    const now = Date.now();
    // A terminal redraws five times a second; a log file gets a line every five seconds.
    if (!force && now - this.lastDraw < (this.tty ? 200 : 5000)) return;
    this.lastDraw = now;
    const ms = now - this.stageStart;
    const share = this.total > 0 ? ` ${Math.min(100, Math.floor((this.done / this.total) * 100))}%` : "";
    const line = `${this.prefix()} ${number(this.done)} / ${number(this.total)} ${this.unit}${share}${this.rate(ms)}，总用时 ${seconds(now - this.began)}`;
    this.out.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
}
