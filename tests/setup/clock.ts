/**
 * TEST_CLOCK=YYYY-MM-DD moves this test process's clock to 10:00 (Asia/Shanghai)
 * of that day, still running. The demo district is dated from the day it loads
 * and every rule reads `new Date()`, so the same suites run on days spread over
 * a year prove that no test (and no rule) depends on the day it runs. PGlite
 * lives in this process and reads the same clock; a PostgreSQL server does not,
 * so the shifted runs are PGlite-only.
 */
const day = process.env.TEST_CLOCK;

if (day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`TEST_CLOCK must be YYYY-MM-DD, not ${day}`);
  const RealDate = Date;
  const offset = RealDate.parse(`${day}T10:00:00+08:00`) - RealDate.now();
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
